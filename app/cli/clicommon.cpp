#include "cli/clicommon.h"
#include "cli/clitr.h"

#include "core/error.h"
#include "data/synthetic.h"
#include "io/hfmodel.h"
#include "models/transformerlm.h"
#include "tokenizers/tokenizer.h"
#include "train/evaluation.h"
#include "train/experiment.h"
#include "train/metrics.h"

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

LoadedLm loadLm(const std::string &path)
{
    // A Hugging Face GPT-2 folder (config.json, model.safetensors, vocab.json + merges.txt)
    // or an AttentionLab model file.
    return asLm(isHfModelFolder(path) ? loadHfModel(path) : loadModelFile(path), path);
}

LoadedLm asLm(LoadedModel file, const std::string &path)
{
    LoadedLm m;
    m.file = std::move(file);
    m.lm = dynamic_cast<TransformerLM *>(m.file.model.get());
    if (!m.lm)
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn", "%1: holds a '%2' model; this command needs a language model (kind lm)"),
            path, m.file.kind);
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
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "%1: has no tokenizer, so text cannot be encoded (give token ids)"),
            path);
    if (text.empty())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "the prompt is empty"));
    std::vector<TokenId> ids;
    if (trainedOnTask(m.file.training))
        ids.push_back(Tokenizer::Bos);
    const auto enc = m.file.tokenizer->encode(text);
    ids.insert(ids.end(), enc.begin(), enc.end());
    if (ids.empty())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "the prompt '%1' gives no tokens"), text);
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
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn",
                                  "--%1 expects comma-separated token ids, got '%2' in '%3'"),
                option, item, text);
        if (v < 0 || v >= vocab)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "--%1: token id %2 is outside the vocabulary (0 to %3)"),
                option, item, std::to_string(vocab - 1));
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

void addQualityFigures(nlohmann::json &j, const Model &model, const Experiment &exp)
{
    const auto *lm = dynamic_cast<const TransformerLM *>(&model);
    if (lm && exp.task()) {
        const ExactMatch em = taskExactMatch(*lm, *exp.task());
        j["exact_match"] = em.fraction();
        j["exact_match_examples"] = em.total;
        return;
    }
    if (const auto *s2s = dynamic_cast<const Seq2SeqModel *>(&model)) {
        const ExactMatchResult em = seq2seqExactMatch(*s2s, exp.validationSet(64));
        j["exact_match"] = em.fraction();
        j["exact_match_examples"] = em.total;
        return;
    }
    if (const auto *cls = dynamic_cast<const ClassifierModel *>(&model)) {
        const ClassPredictions p = classifierPredictions(*cls, exp.validationSet(64));
        const ClassificationMetrics m = classificationMetrics(p.truth, p.predicted, cls->classes());
        j["accuracy"] = m.accuracy;
        j["macro_f1"] = m.macroF1;
        j["majority_baseline"] = m.majorityBaseline;
        j["accuracy_examples"] = m.total;
        j["labels"] = exp.labelNames();
        for (Eigen::Index t = 0; t < m.confusion.rows(); ++t) {
            std::vector<long long> row;
            for (Eigen::Index q = 0; q < m.confusion.cols(); ++q)
                row.push_back(m.confusion(t, q));
            j["confusion"].push_back(row);
        }
        for (int c = 0; c < m.classes; ++c) {
            j["precision"].push_back(m.precision[static_cast<std::size_t>(c)]);
            j["recall"].push_back(m.recall[static_cast<std::size_t>(c)]);
            j["f1"].push_back(m.f1[static_cast<std::size_t>(c)]);
        }
    }
}

std::string qualityText(const nlohmann::json &j)
{
    auto fixed3 = [](double v) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.3f", v);
        return std::string(buf);
    };
    if (j.contains("exact_match"))
        return fill(translate("attn::cli", ", exact match %1 (%2 examples)"),
                    {fixed3(j["exact_match"].get<double>()),
                     std::to_string(j.value("exact_match_examples", 0))});
    if (j.contains("macro_f1"))
        return fill(
            translate("attn::cli", ", accuracy %1 (majority class %2), macro F1 %3 (%4 examples)"),
            {fixed3(j["accuracy"].get<double>()), fixed3(j["majority_baseline"].get<double>()),
             fixed3(j["macro_f1"].get<double>()), std::to_string(j.value("accuracy_examples", 0))});
    return std::string();
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

void printWarnings(const LoadedModel &file, std::ostream &to)
{
    for (const Error &notice : file.notices)
        to << fill(translate("attn::cli", "warning: %1"), {errorMessage(notice)}) << "\n";
}

void requireIdsOrText(const std::optional<std::string> &ids, const std::optional<std::string> &text)
{
    if (ids && text)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "give either --ids or --text, not both"));
    if (!ids && !text)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "missing the input: give --ids 5,17,3 or --text \"...\""));
}

void checkOutputPath(const std::string &path, const std::string &option)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_directory(path, ec))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: is a directory (--%2 needs a file name)"),
                         path, option);
    fs::path dir = fs::path(path).parent_path();
    if (dir.empty())
        return;
    if (!fs::is_directory(dir, ec))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: the directory %2 does not exist"), path,
                         dir.string());
}

double secondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace attn::cli
