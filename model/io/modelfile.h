#pragma once

#include "core/error.h"
#include "io/safetensors.h"
#include "models/model.h"
#include "tokenizers/tokenizer.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace attn {

// What training produced, kept in the model file.
struct TrainingSummary {
    std::int64_t steps = 0;
    double trainLoss = std::numeric_limits<double>::quiet_NaN();      // final, NaN if unknown
    double validationLoss = std::numeric_limits<double>::quiet_NaN(); // final, NaN if unknown
    std::string dataset;             // the dataset's name (file name)
    std::string task;                // "lm", "classification", "pairs" (free text for other tasks)
    std::vector<std::string> labels; // classification: class id -> name
    // The run's loss curve (train/traininghistory.h's columns: step, loss, val_loss, lr,
    // grad_norm, accuracy), null when not recorded (or not an object with step and loss
    // columns when read); the columns are checked by whoever draws them.
    nlohmann::json history;

    nlohmann::json toJson() const;
    // Missing keys keep the defaults; wrong types -> attn::Error.
    static TrainingSummary fromJson(const nlohmann::json &j);
};

// The factory keyed by Model::kind(). "lm" (TransformerLM) is built in; other model kinds
// register themselves (once, before loading) with:
//   make(config):           constructs the model from its config JSON (throws attn::Error
//                           on a bad config);
//   config(model):          the model's config JSON, as make() reads it;
//   parameterCount(config): the number of floats make(config) would register, checked
//                           against the file before anything is allocated.
struct ModelKind {
    std::function<std::unique_ptr<Model>(const nlohmann::json &config)> make;
    std::function<nlohmann::json(const Model &model)> config;
    std::function<std::int64_t(const nlohmann::json &config)> parameterCount;
};
void registerModelKind(const std::string &kind, ModelKind factory);
std::vector<std::string> modelKinds();
std::unique_ptr<Model> createModel(const std::string &kind, const nlohmann::json &config);
nlohmann::json modelConfig(const Model &model);

// Metadata keys of a model file (all values are strings; the JSON ones hold JSON text).
namespace modelfile {
inline constexpr const char *FormatKey = "attentionlab.format";       // "1"
inline constexpr const char *KindKey = "attentionlab.kind";           // "lm", ...
inline constexpr const char *ConfigKey = "attentionlab.config";       // JSON
inline constexpr const char *TokenizerKey = "attentionlab.tokenizer"; // JSON
inline constexpr const char *TrainingKey = "attentionlab.training";   // JSON
inline constexpr const char *FormatVersion = "1";
} // namespace modelfile

// Saves every parameter (one F32 tensor per ParamStore entry, by its name) and the metadata
// above (plus "format": "pt" for Hugging Face loaders). Atomic: on failure the old file is
// intact. tokenizer may be null.
void saveModelFile(const std::string &path, const Model &model, const Tokenizer *tokenizer,
                   const TrainingSummary &training, const AtomicWriteOptions &options = {});

struct LoadedModel {
    std::unique_ptr<Model> model;
    std::unique_ptr<Tokenizer> tokenizer; // null when the file has none (a warning says so)
    std::string kind;
    nlohmann::json config;
    TrainingSummary training;
    std::map<std::string, std::string> metadata;
    // Problems that do not stop loading, for the user to see: NaN or infinite weights,
    // no tokenizer, F16/BF16 weights converted. As attn::Error values (a template marked
    // for translation and its arguments), so an app renders them in the user's language
    // (app/common/errortext.h); nothing throws them.
    std::vector<Error> notices;
    // The same notices in English, in the same order (for callers that show text as is).
    std::vector<std::string> warnings;

    // Adds a notice to both lists.
    void warn(Error notice)
    {
        warnings.emplace_back(notice.what());
        notices.push_back(std::move(notice));
    }
};

// Loads and validates a model file; every defect is an attn::Error naming the file and the
// problem: safetensors defects (see SafetensorsFile), no or unknown format version, unknown
// kind, invalid config or tokenizer JSON, a tokenizer larger than the model's vocabulary,
// a parameter count, tensor name or shape that disagrees with the config, tensors the model
// does not have (GPT-2's attn.bias / attn.masked_bias buffers are ignored).
LoadedModel loadModelFile(const std::string &path, const SafetensorsLimits &limits = {});
// The same from bytes in memory (`name` is used in messages), or from a safetensors file
// already read and validated.
LoadedModel loadModelBytes(std::string bytes, const std::string &name,
                           const SafetensorsLimits &limits = {});
LoadedModel loadModel(const SafetensorsFile &file);

} // namespace attn
