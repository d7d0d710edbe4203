#pragma once

// Helpers the train, eval, generate, info and trace commands share.

#include "core/types.h"
#include "io/modelfile.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace attn {
class Experiment;
class Model;
class SyntheticTask;
class TransformerLM;
} // namespace attn

namespace attn::cli {

// A model file (or a Hugging Face GPT-2 folder) whose model is a TransformerLM. Throws
// attn::Error naming the file otherwise.
struct LoadedLm {
    LoadedModel file;
    TransformerLM *lm = nullptr;
};
LoadedLm loadLm(const std::string &path);
LoadedLm asLm(LoadedModel file, const std::string &path);

// Writes the file's loading notices (NaN weights, no tokenizer, ...) to `to`, one
// "warning: ..." line each, in the user's language.
void printWarnings(const LoadedModel &file, std::ostream &to);

// True when the model was trained on a built-in task (its sequences start with <bos>).
bool trainedOnTask(const TrainingSummary &training);

// Text -> the ids a model continues: the file's tokenizer, with <bos> first for models
// trained on a built-in task. Throws attn::Error when the file has no tokenizer, the text
// is empty, or it becomes no tokens.
std::vector<TokenId> encodePrompt(const LoadedLm &m, const std::string &path,
                                  const std::string &text);

// "5,17,3" -> ids, each in [0, vocab). Throws attn::Error naming the option.
std::vector<TokenId> parseIds(const std::string &text, const std::string &option, int vocab);

// The input of `trace` and `walkthrough`: exactly one of --ids and --text, else attn::Error.
void requireIdsOrText(const std::optional<std::string> &ids,
                      const std::optional<std::string> &text);

// Exact match of greedy answers: for each of a fixed, seeded set of task examples (the same
// set in train and eval, independent of --seed), the model continues "<bos> source =" until
// <eos> or maxTargetLength() + 1 tokens, and the answer counts when it is exactly the target
// followed by <eos>.
inline constexpr int kExactMatchExamples = 100;
inline constexpr std::uint64_t kExactMatchSeed = 0xE7AC7ULL;
struct ExactMatch {
    int correct = 0;
    int total = 0;
    double fraction() const { return total > 0 ? double(correct) / double(total) : 0.0; }
};
ExactMatch taskExactMatch(const TransformerLM &model, const SyntheticTask &task,
                          int examples = kExactMatchExamples, std::uint64_t seed = kExactMatchSeed);

// How good a trained model is on the experiment's held-out data, added to a result
// object: "exact_match" (+ "exact_match_examples") for a Transformer LM on a built-in task
// and for encoder-decoders; "accuracy", "macro_f1", "labels" and "confusion" for
// classifiers. qualityText() says the same in words (", exact match 0.985 (200 examples)").
void addQualityFigures(nlohmann::json &j, const Model &model, const Experiment &exp);
std::string qualityText(const nlohmann::json &j);

// A number for JSON: NaN and infinities become null.
nlohmann::json jsonNumber(double v);

// "0:42", "12:03", "1:02:03".
std::string formatDuration(double seconds);

// True when err is the process's stderr and that is a terminal.
bool isTerminal(const std::ostream &err);

// Refuses an output path whose directory does not exist (before hours of training).
void checkOutputPath(const std::string &path, const std::string &option);

double secondsSince(std::chrono::steady_clock::time_point t0);

} // namespace attn::cli
