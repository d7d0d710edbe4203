#include "clicommon.h"

#include "core/error.h"
#include "io/hfmodel.h"
#include "models/transformerlm.h"
#include "text/synthetic.h"
#include "text/tokenizer.h"
#include "train/experiment.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

#ifdef _WIN32
#include <io.h>
#define ATTN_ISATTY _isatty
#define ATTN_FILENO _fileno
#else
#include <unistd.h>
#define ATTN_ISATTY isatty
#define ATTN_FILENO fileno
#endif

namespace attn::cli {

void checkModelKind(const std::string &kind)
{
    if (kind == "lm")
        return;
    if (kind == "seq2seq-rnn" || kind == "seq2seq-transformer" || kind == "classifier")
        throw Error("--model " + kind + " is not available in this version (only lm)");
    throw Error("unknown model '" + kind + "' (expected lm)");
}

void checkDataFormat(const std::string &format)
{
    if (format == "lm")
        return;
    if (format == "classify" || format == "pairs")
        throw Error("--format " + format + " is not available in this version (only lm)");
    throw Error("unknown data format '" + format + "' (expected lm)");
}

LoadedLm loadLm(const std::string &path)
{
    LoadedLm m;
    // A Hugging Face GPT-2 folder (config.json, model.safetensors, vocab.json + merges.txt)
    // or an AttentionLab model file.
    m.file = isHfModelFolder(path) ? loadHfModel(path) : loadModelFile(path);
    m.lm = dynamic_cast<TransformerLM *>(m.file.model.get());
    if (!m.lm)
        throw Error(path + ": holds a '" + m.file.kind +
                    "' model; this version can only run lm models");
    return m;
}

bool trainedOnTask(const TrainingSummary &training)
{
    const auto names = taskNames();
    return std::find(names.begin(), names.end(), training.task) != names.end();
}

std::vector<TokenId> encodePrompt(const LoadedLm &m, const std::string &path,
                                  const std::string &text)
{
    if (!m.file.tokenizer)
        throw Error(path + ": has no tokenizer, so text cannot be encoded (give token ids)");
    if (text.empty())
        throw Error("the prompt is empty");
    std::vector<TokenId> ids;
    if (trainedOnTask(m.file.training))
        ids.push_back(Tokenizer::Bos);
    const auto enc = m.file.tokenizer->encode(text);
    ids.insert(ids.end(), enc.begin(), enc.end());
    if (ids.empty())
        throw Error("the prompt '" + text + "' gives no tokens");
    return ids;
}

std::vector<TokenId> parseIds(const std::string &text, const std::string &option, int vocab)
{
    std::vector<TokenId> ids;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t comma = text.find(',', pos);
        if (comma == std::string::npos)
            comma = text.size();
        std::string item = text.substr(pos, comma - pos);
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        long long v = 0;
        const auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
        if (item.empty() || ec != std::errc() || ptr != item.data() + item.size())
            throw Error("--" + option + " expects comma-separated token ids, got '" + item +
                        "' in '" + text + "'");
        if (v < 0 || v >= vocab)
            throw Error("--" + option + ": token id " + item + " is outside the vocabulary (0 to " +
                        std::to_string(vocab - 1) + ")");
        ids.push_back(static_cast<TokenId>(v));
        pos = comma + 1;
    }
    return ids;
}

ExactMatch taskExactMatch(const TransformerLM &model, const SyntheticTask &task, int examples,
                          std::uint64_t seed)
{
    Rng rng(seed);
    GenerateOptions g;
    g.greedy = true;
    g.stopToken = SyntheticTask::Eos;
    ExactMatch r;
    for (int i = 0; i < examples; ++i) {
        const TaskExample e = task.sample(rng);
        const auto answer = model.generate(task.lmPrompt(e.source), task.maxTargetLength() + 1, g);
        ++r.total;
        if (!answer.empty() && answer.back() == SyntheticTask::Eos &&
            std::find(answer.begin(), answer.end() - 1, SyntheticTask::Eos) == answer.end() - 1 &&
            task.decode(answer) == e.target)
            ++r.correct;
    }
    return r;
}

nlohmann::json jsonNumber(double v)
{
    if (!std::isfinite(v))
        return nullptr;
    return v;
}

std::string formatDuration(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return "?";
    const long long s = std::llround(seconds);
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%lld:%02lld", s / 60, s % 60);
    return buf;
}

bool isTerminal(const std::ostream &err)
{
    return &err == &std::cerr && ATTN_ISATTY(ATTN_FILENO(stderr));
}

void checkOutputPath(const std::string &path, const std::string &option)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_directory(path, ec))
        throw Error(path + ": is a directory (--" + option + " needs a file name)");
    fs::path dir = fs::path(path).parent_path();
    if (dir.empty())
        return;
    if (!fs::is_directory(dir, ec))
        throw Error(path + ": the directory " + dir.string() + " does not exist");
}

double secondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace attn::cli
