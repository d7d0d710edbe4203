#include "cli/cli.h"
#include "cli/clicommon.h"
#include "cli/clitr.h"

#include "core/error.h"
#include "core/threads.h"
#include "data/dataset.h"
#include "data/synthetic.h"
#include "models/transformerlm.h"
#include "text/textfile.h"
#include "tokenizers/tokenizer.h"
#include "train/experiment.h"
#include "train/modelspec.h"
#include "train/trainer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <numeric>

namespace attn::cli {

namespace {

struct EvalResult {
    double loss = NAN;
    double accuracy = NAN;
    long long tokens = 0;
};

// A built-in task: the trainer's own evaluation (the same seeded batches as `train` with the
// same --seed and --batch uses for its validation loss).
EvalResult evalTask(TransformerLM &model, const LoadedLm &m, const std::string &path,
                    const std::string &task, int batch, int batches, std::uint64_t seed)
{
    DataSpec spec;
    spec.task = task;
    spec.seed = seed;
    const auto exp = Experiment::create(spec);
    if (m.file.tokenizer && m.file.tokenizer->toJson() != exp->tokenizer().toJson()) {
        if (m.file.training.dataset.empty())
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn",
                                  "%1: was trained on another vocabulary than the task '%2'"),
                path, task);
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: was trained on another vocabulary than the "
                                                   "task '%2' (it was trained on '%3')"),
                         path, task, m.file.training.dataset);
    }
    if (m.lm->config().vocab < exp->vocabSize())
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "%1: its vocabulary (%2) is smaller than the task '%3' needs (%4)"),
            path, std::to_string(m.lm->config().vocab), task, std::to_string(exp->vocabSize()));
    if (m.lm->config().n_ctx < exp->sequenceLength())
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn", "%1: its context (%2 tokens) is shorter than the task '%3' sequences (%4)"),
            path, std::to_string(m.lm->config().n_ctx), task,
            std::to_string(exp->sequenceLength()));
    TrainerConfig tc;
    tc.steps = 1;
    tc.evalBatches = batches;
    tc.seed = seed;
    Trainer trainer(model, exp->batchSource(batch), tc);
    const Trainer::Evaluation ev = trainer.evaluate();
    model.setTraining(false);
    return {ev.loss, ev.accuracy, static_cast<long long>(ev.counted)};
}

// Loss and accuracy (tokens for LMs and seq2seq, labels for classifiers) over batches, in
// evaluation mode.
EvalResult evalBatches(Model &model, const std::vector<Batch> &set)
{
    model.setTraining(false);
    double lossSum = 0.0;
    long long counted = 0, correct = 0;
    for (const Batch &b : set) {
        const LossStats s = model.forward(b);
        lossSum += s.loss * static_cast<double>(s.counted);
        counted += s.counted;
        correct += s.correct;
    }
    EvalResult r;
    r.tokens = counted;
    if (counted > 0) {
        r.loss = lossSum / static_cast<double>(counted);
        r.accuracy = static_cast<double>(correct) / static_cast<double>(counted);
    }
    return r;
}

// A text file: windows of the model's context, in order, through the model's tokenizer.
EvalResult evalText(TransformerLM &model, const LoadedLm &m, const std::string &path,
                    const std::string &file, int batch, int batches)
{
    if (!m.file.tokenizer)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "%1: has no tokenizer, so a text file cannot be encoded for it"),
            path);
    const TextFile text = readTextFile(file);
    const std::string name = std::filesystem::path(file).filename().string();
    const Dataset data =
        makeLanguageModelDataset(text.text, *m.file.tokenizer, m.lm->config().n_ctx, name);
    std::size_t n = data.examples.size();
    if (batches > 0)
        n = std::min(n, static_cast<std::size_t>(batches) * static_cast<std::size_t>(batch));
    std::vector<Batch> set;
    for (std::size_t i = 0; i < n; i += static_cast<std::size_t>(batch)) {
        std::vector<std::size_t> idx(std::min<std::size_t>(static_cast<std::size_t>(batch), n - i));
        std::iota(idx.begin(), idx.end(), i);
        set.push_back(makeBatch(data, idx));
    }
    return evalBatches(model, set);
}

} // namespace

int runEval(const Args &args, std::ostream &out, std::ostream & /*err*/)
{
    const std::string path = args.required("model");
    const auto task = args.value("task");
    const auto data = args.value("data");
    if (task && data)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "give either --task or --data, not both"));
    if (!task && !data)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "missing evaluation data: give --task NAME or --data FILE"));
    const auto format = args.value("format");
    DataSpec spec;
    spec.sourceColumn = args.value("source-column", "");
    spec.targetColumn = args.value("target-column", "");
    spec.textColumn = args.value("text-column", "");
    spec.labelColumn = args.value("label-column", "");
    const int batch = static_cast<int>(args.integer("batch", 32, 1, 65536));
    const int batches =
        static_cast<int>(args.integer("batches", task ? 4 : 0, task ? 1 : 0, 1 << 20));
    const auto seed = static_cast<std::uint64_t>(args.integer("seed", 1, 0, LLONG_MAX));
    const int threadCount = static_cast<int>(args.integer("threads", 0, 0, 4096));
    const bool json = args.flag("json");
    args.rejectUnused();
    if (task) {
        const auto names = taskNames();
        if (std::find(names.begin(), names.end(), *task) == names.end())
            makeTask(*task); // throws, listing the tasks
    }

    setThreads(threadCount);
    LoadedModel file = loadModelFile(path);
    spec.format = dataFormatFor(file.kind);
    if (format && *format != spec.format)
        throw Error::fmt(QT_TRANSLATE_NOOP(
                             "attn", "--format %1: %2 holds a '%3' model, which reads --format %4"),
                         *format, path, file.kind, spec.format);
    nlohmann::json j;
    EvalResult r;
    if (file.kind == "lm") {
        LoadedLm m = asLm(std::move(file), path);
        TransformerLM &model = *m.lm;
        r = task ? evalTask(model, m, path, *task, batch, batches, seed)
                 : evalText(model, m, path, *data, batch, batches);
        if (task) {
            const ExactMatch em = taskExactMatch(model, *makeTask(*task));
            j["exact_match"] = em.fraction();
            j["exact_match_examples"] = em.total;
        }
        file = std::move(m.file);
    } else {
        if (!file.tokenizer)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn",
                                  "%1: has no tokenizer, so the data cannot be encoded for it"),
                path);
        if (task)
            spec.task = *task;
        else
            spec.path = *data;
        spec.seed = seed;
        spec.evaluationOnly = true;
        const auto exp = Experiment::create(spec, file.tokenizer.get());
        const std::vector<Batch> set = exp->validationSet(batch);
        r = evalBatches(*file.model, set);
        addQualityFigures(j, *file.model, *exp);
    }
    j["steps"] = file.training.steps;
    j["train_loss"] = jsonNumber(file.training.trainLoss);
    j["val_loss"] = jsonNumber(r.loss);
    if (!j.contains("accuracy"))
        j["accuracy"] = jsonNumber(r.accuracy);
    j["tokens"] = r.tokens;
    for (const auto &w : file.warnings)
        j["warnings"].push_back(w);
    if (json) {
        out << j.dump() << "\n";
        return 0;
    }
    printWarnings(file, out);
    auto fixed = [](double v, int decimals) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
        return std::string(buf);
    };
    const std::string on = task ? *task : *data;
    if (j.contains("macro_f1"))
        out << fill(translate("attn::cli", "%1 on %2: loss %3"), {path, on, fixed(r.loss, 4)});
    else
        out << fill(translate("attn::cli", "%1 on %2: loss %3, token accuracy %4 over %5 tokens"),
                    {path, on, fixed(r.loss, 4), fixed(r.accuracy, 3), std::to_string(r.tokens)});
    out << qualityText(j) << "\n";
    return 0;
}

} // namespace attn::cli
