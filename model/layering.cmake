# The engine's folders in the order of the pipeline, and for each the folders its files
# may include from (directly). Nothing points back up: core knows no tokenizer, a tokenizer
# no dataset, a model no tokenizer or training loop. The attnmodel_<folder> targets declare
# the same dependencies, and the test test_layering fails on any #include that is not
# declared here (cmake/CheckLayering.cmake).
set(ATTNLAB_ENGINE_FOLDERS core text tokenizers data trace layers models train io)
set(ATTNLAB_ENGINE_DEPS_core "")                                   # types, errors, params, threads, Batch, special ids
set(ATTNLAB_ENGINE_DEPS_text core)                                 # UTF-8, text files, CSV, byte stand-ins
set(ATTNLAB_ENGINE_DEPS_tokenizers core text)                      # char, word, BPE, GPT-2
set(ATTNLAB_ENGINE_DEPS_data core text tokenizers)                 # datasets, synthetic tasks, dates
set(ATTNLAB_ENGINE_DEPS_trace core)                                # what a forward pass shows
set(ATTNLAB_ENGINE_DEPS_layers core trace)                         # layers with forward + backward
set(ATTNLAB_ENGINE_DEPS_models core trace layers)                  # the model families
set(ATTNLAB_ENGINE_DEPS_train core text tokenizers data trace models) # experiments, trainer
set(ATTNLAB_ENGINE_DEPS_io core text tokenizers models)            # model files, safetensors, HF folders
