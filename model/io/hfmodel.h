#pragma once

#include "io/modelfile.h"

#include <cstdint>
#include <memory>
#include <string>

namespace attn {

class Gpt2Tokenizer;

// Opens a Hugging Face GPT-2 model folder (gpt2, gpt2-medium, distilgpt2, ... as
// `save_pretrained` writes them) as a TransformerLM with its Gpt2Tokenizer:
//   config.json         model_type "gpt2" (architectures GPT2*): vocab_size, n_positions,
//                       n_embd, n_head, n_layer, n_inner, layer_norm_epsilon,
//                       activation_function ("gelu_new"), all required but n_inner
//   model.safetensors   F32, F16 or BF16 (converted to F32 on load), tensor names with or
//                       without the "transformer." prefix; attn.bias / attn.masked_bias
//                       buffers and a tied lm_head.weight are ignored
//     or model.safetensors.index.json with its shards ("weight_map": name -> file)
//   vocab.json + merges.txt, or tokenizer.json (optional: without them a warning says so)
// Weights are read tensor by tensor from the files straight into the model's parameter
// buffer (no copy of the whole file in memory).
// Every defect is an attn::Error naming the file and the problem: a missing file; a
// config of another architecture (naming the model_type / architecture found) or
// missing a key; safetensors headers that are not valid, tensors past the end of a
// truncated file; a tensor missing, unexpected, of another dtype or of a shape that
// disagrees with config.json; a shard the index names that does not exist; a tokenizer
// whose vocabulary size differs from vocab_size.
// The result is a LoadedModel like loadModelFile()'s: kind "lm", model a TransformerLM,
// tokenizer a Gpt2Tokenizer (dynamic_cast to use display()), config the TransformerConfig
// JSON, metadata {"source": "huggingface", "folder": DIR, "weights": file names}.
LoadedModel loadHfModel(const std::string &folder);

// The tokenizer of a folder alone (vocab.json + merges.txt, else tokenizer.json), or null
// when it has none. Errors as loadHfModel's.
std::unique_ptr<Gpt2Tokenizer> loadHfTokenizer(const std::string &folder);

// True when path is a directory holding a config.json (what loadHfModel opens); model
// files are regular files. For the CLI's and the GUI's "--model PATH" choice.
bool isHfModelFolder(const std::string &path);

struct HfLoadLimits {
    std::uint64_t maxHeaderBytes = 100'000'000; // a safetensors JSON header
    std::uint64_t maxParameters = std::uint64_t(1) << 31;
};
LoadedModel loadHfModel(const std::string &folder, const HfLoadLimits &limits);

} // namespace attn
