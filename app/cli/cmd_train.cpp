#include "cli/cli.h"
#include "cli/clicommon.h"
#include "cli/clitr.h"

#include "core/error.h"
#include "core/threads.h"
#include "data/synthetic.h"
#include "io/modelfile.h"
#include "models/transformerlm.h"
#include "train/experiment.h"
#include "train/modelspec.h"
#include "train/trainer.h"
#include "train/traininghistory.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <deque>
#include <iostream>
#include <numeric>

namespace attn::cli {

namespace {

// Progress on stderr: a bar redrawn in place on a terminal, plain lines otherwise.
class Progress {
public:
    Progress(std::ostream &err, bool tty, long long steps, double budgetSeconds)
        : m_err(err), m_tty(tty), m_steps(steps), m_budget(budgetSeconds),
          m_t0(std::chrono::steady_clock::now())
    {
    }

    void update(const TrainReport &r)
    {
        if (std::isfinite(r.valLoss))
            m_valLoss = r.valLoss;
        const double t = secondsSince(m_t0);
        const bool evaluated = std::isfinite(r.valLoss);
        if (m_tty) {
            if (t - m_lastDraw < 0.1 && !evaluated)
                return;
            m_lastDraw = t;
            const double done = fraction(r.step, t);
            const int width = 24;
            const int filled = std::clamp(static_cast<int>(done * width), 0, width);
            char percent[16];
            std::snprintf(percent, sizeof percent, "%3d", static_cast<int>(done * 100.0));
            std::string line = "\r"; // (not "\r" + ...: GCC 12 -Wrestrict false positive)
            line += fill(translate("attn::cli", "[%1] %2% step %3  loss %4  val %5  ETA %6 "),
                         {std::string(static_cast<size_t>(filled), '#') +
                              std::string(static_cast<size_t>(width - filled), '.'),
                          percent, std::to_string(r.step), fixed(r.loss, 4), valText(),
                          formatDuration(eta(done, t))});
            // Pad over the rest of a longer previous line.
            const size_t len = line.size();
            m_err << line << std::string(len < m_lastLength ? m_lastLength - len : 0, ' ')
                  << std::flush;
            m_lastLength = len;
            return;
        }
        // Plain lines: at each evaluation, and at least every 10 s.
        if (!evaluated && t - m_lastDraw < 10.0)
            return;
        m_lastDraw = t;
        if (m_budget > 0)
            m_err << fill(translate("attn::cli", "step %1"), {std::to_string(r.step)});
        else
            m_err << fill(translate("attn::cli", "step %1/%2"),
                          {std::to_string(r.step), std::to_string(m_steps)});
        char lr[32];
        std::snprintf(lr, sizeof lr, "%.3g", static_cast<double>(r.lr));
        m_err << fill(translate("attn::cli", "  loss %1  val %2  lr %3  %4 elapsed"),
                      {fixed(r.loss, 4), valText(), lr, formatDuration(t)})
              << "\n"
              << std::flush;
    }

    void finish()
    {
        if (m_tty)
            m_err << "\n";
    }

private:
    static std::string fixed(double v, int decimals)
    {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
        return buf;
    }

    double fraction(long long step, double t) const
    {
        if (m_budget > 0)
            return std::clamp(t / m_budget, 0.0, 1.0);
        return std::clamp(static_cast<double>(step) / static_cast<double>(m_steps), 0.0, 1.0);
    }
    double eta(double done, double t) const
    {
        if (m_budget > 0)
            return std::max(0.0, m_budget - t);
        return done > 0 ? t * (1.0 - done) / done : NAN;
    }
    std::string valText() const
    {
        if (!std::isfinite(m_valLoss))
            return "-";
        char b[32];
        std::snprintf(b, sizeof b, "%.4f", m_valLoss);
        return b;
    }

    std::ostream &m_err;
    bool m_tty;
    long long m_steps;
    double m_budget;
    std::chrono::steady_clock::time_point m_t0;
    double m_lastDraw = -1e9;
    double m_valLoss = NAN;
    size_t m_lastLength = 0;
};

// Ctrl-C while training: stop at the next step and save what was learned. A second Ctrl-C
// kills the program as usual (the handler puts the default back).
std::atomic<bool> g_interrupted{false};

void onInterrupt(int)
{
    g_interrupted.store(true);
    std::signal(SIGINT, SIG_DFL);
}

// Installs the handler for its lifetime when the command runs as the real program.
class InterruptGuard {
public:
    explicit InterruptGuard(bool install) : m_installed(install)
    {
        g_interrupted.store(false);
        if (m_installed)
            m_previous = std::signal(SIGINT, onInterrupt);
    }
    ~InterruptGuard()
    {
        if (m_installed)
            std::signal(SIGINT, m_previous == SIG_ERR ? SIG_DFL : m_previous);
    }
    InterruptGuard(const InterruptGuard &) = delete;
    InterruptGuard &operator=(const InterruptGuard &) = delete;

private:
    bool m_installed;
    void (*m_previous)(int) = SIG_DFL;
};

int toInt(long long v)
{
    return static_cast<int>(v);
}

// An engine message with its Hugging Face config key names replaced by this command's
// options ("n_embd" -> "--d-model").
std::string withOptionNames(std::string m)
{
    static const std::pair<std::string, std::string> names[] = {{"n_embd", "--d-model"},
                                                                {"n_head", "--heads"},
                                                                {"n_layer", "--layers"},
                                                                {"n_positions", "--context"},
                                                                {"dropout", "--dropout"}};
    for (const auto &[key, option] : names)
        for (size_t p = m.find(key); p != std::string::npos; p = m.find(key, p + option.size()))
            m.replace(p, key.size(), option);
    return m;
}

} // namespace

int runTrain(const Args &args, std::ostream &out, std::ostream &err)
{
    // --- the model ---
    ModelSpec ms;
    ms.kind = args.value("model", "lm");
    dataFormatFor(ms.kind); // an unknown kind is named before anything else
    ms.layers = toInt(args.integer("layers", 2, INT_MIN, INT_MAX));
    ms.heads = toInt(args.integer("heads", 4, INT_MIN, INT_MAX));
    ms.dModel = toInt(args.integer("d-model", 64, INT_MIN, INT_MAX));
    ms.dropout = static_cast<float>(args.real("dropout", 0.0, -1e30, 1e30));
    ms.attention = args.value("attention", "");
    ms.rnn = args.value("rnn", "");
    ms.teacherForcing = static_cast<float>(args.real("teacher-forcing", 1.0, -1e30, 1e30));
    if (const auto positions = args.value("positions")) {
        if (*positions != "learned" && *positions != "sinusoidal")
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "--positions %1: expected learned or sinusoidal"),
                *positions);
        ms.sinusoidal = *positions == "sinusoidal";
    }

    // --- what to learn from ---
    const auto task = args.value("task");
    const auto data = args.value("data");
    const auto format = args.value("format");
    if (task && data)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "give either --task or --data, not both"));
    if (!task && !data)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "missing training data: give --task %1 or --data FILE"), [] {
                std::string s;
                for (const auto &n : taskNames())
                    s += (s.empty() ? "" : "|") + n;
                return s;
            }());
    DataSpec spec;
    spec.format = dataFormatFor(ms.kind);
    if (format) {
        if (task)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "--format applies to --data files, not to --task"));
        if (*format != spec.format)
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn", "--format %1 does not fit --model %2, which trains on --format %3"),
                *format, ms.kind, spec.format);
    }
    if (task && ms.kind == "classifier")
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "--model classifier needs labelled texts: give --data FILE "
                                      "(a CSV/TSV with a text and a label column), not --task"));
    if (task)
        spec.task = *task;
    else
        spec.path = *data;
    spec.sourceColumn = args.value("source-column", "");
    spec.targetColumn = args.value("target-column", "");
    spec.textColumn = args.value("text-column", "");
    spec.labelColumn = args.value("label-column", "");
    const auto tokenizer = args.value("tokenizer");
    if (tokenizer) {
        spec.tokenizer = *tokenizer;
        if (task && *tokenizer != "char")
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn", "--tokenizer %1: built-in tasks use their own character vocabulary"),
                *tokenizer);
    }
    spec.tokenizerVocab = toInt(args.integer("vocab", 0, INT_MIN, INT_MAX));
    const bool contextGiven = args.has("context");
    const int context = toInt(args.integer("context", 64, INT_MIN, INT_MAX));
    if (!task)
        spec.context = context;
    if (ms.kind == "lm" && (contextGiven || !task))
        ms.context = context;
    const long long seed = args.integer("seed", 1, 0, LLONG_MAX);
    spec.seed = static_cast<std::uint64_t>(seed);
    if (args.has("validation")) {
        if (task)
            throw Error::fmt(QT_TRANSLATE_NOOP(
                "attn", "--validation applies to --data files; a task holds out its own examples"));
        spec.validationFraction = args.real("validation", 0.1, -1e30, 1e30);
    }

    // --- training ---
    const bool stepsGiven = args.has("steps");
    const bool minutesGiven = args.has("minutes");
    if (stepsGiven && minutesGiven)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "give either --steps or --minutes, not both"));
    TrainerConfig tc;
    tc.steps = args.integer("steps", 1000, LLONG_MIN, LLONG_MAX);
    const double minutes = args.real("minutes", 0.0, -1e30, 1e30);
    if (minutesGiven) {
        if (!(minutes > 0.0 && minutes <= 60.0 * 24 * 365))
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn", "--minutes %1 is out of range: expected a positive number of minutes"),
                args.value("minutes", ""));
        tc.steps = 1LL << 40; // stopped by the clock
    }
    tc.learningRate = static_cast<float>(args.real("lr", 3e-3, -1e30, 1e30));
    const int batch = toInt(args.integer("batch", 32, INT_MIN, INT_MAX));
    const long long warmup =
        args.integer("warmup", minutesGiven ? 50 : std::clamp<long long>(tc.steps / 10, 0, 50),
                     LLONG_MIN, LLONG_MAX);
    tc.schedule = LrSchedule::warmupCosine(warmup, tc.steps, 0.1f);
    tc.optimizer.weightDecay = 0.01f;
    tc.evalEvery = toInt(args.integer("eval-every", 100, INT_MIN, INT_MAX));
    tc.evalBatches = 4;
    tc.seed = static_cast<std::uint64_t>(seed);
    const int threadCount = toInt(args.integer("threads", 0, 0, 4096));
    const std::string outPath = args.required("out");
    const bool json = args.flag("json");
    args.rejectUnused();

    // Settings first (cheap, before any file is read), with the engine's own checks.
    tc.validate();
    if (batch < 1 || batch > 65536)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "batch size %1 is out of range: expected 1 to 65536"),
            std::to_string(batch));
    ms.validate();
    checkOutputPath(outPath, "out");

    setThreads(threadCount);
    const auto exp = Experiment::create(spec);
    std::unique_ptr<Model> built;
    try {
        built = buildModel(ms, *exp, static_cast<std::uint64_t>(seed));
    } catch (const Error &e) {
        // Rendered in the user's language first (the setting names stay as they are in
        // the translation), then the names replaced by the options that set them.
        throw Error(withOptionNames(errorMessage(e)));
    }
    Model &model = *built;

    Trainer trainer(model, exp->batchSource(batch), tc);
    const bool tty = isTerminal(err);
    Progress progress(err, tty, tc.steps, minutesGiven ? minutes * 60.0 : 0.0);
    {
        const std::string length =
            minutesGiven ? fill(translate("attn::cli", "%1 min"), {args.value("minutes", "")})
                         : fill(translate("attn::cli", "%1 steps"), {std::to_string(tc.steps)});
        const std::vector<std::string> a = {ms.kind,
                                            exp->name(),
                                            std::to_string(model.params().size()),
                                            std::to_string(exp->vocabSize()),
                                            std::to_string(exp->sequenceLength()),
                                            length,
                                            std::to_string(threads())};
        const std::string line =
            ms.kind == "lm" ? translate("attn::cli", "training %1 on %2: %3 parameters, vocab %4, "
                                                     "context %5, %6, %7 thread(s)")
                            : translate("attn::cli", "training %1 on %2: %3 parameters, vocab %4, "
                                                     "%6, %7 thread(s)");
        err << fill(line, a) << "\n";
    }

    std::deque<double> recent; // the last step losses, for train_loss
    TrainingHistory history;   // the loss curve, kept in the file for `render --view loss`
    double lastVal = NAN;
    long long lastValStep = -1;
    const InterruptGuard guard(&err == &std::cerr);
    const auto t0 = std::chrono::steady_clock::now();
    const double budget = minutes * 60.0;
    trainer.setCallback([&](const TrainReport &r) {
        recent.push_back(r.loss);
        history.add(r);
        if (recent.size() > 20)
            recent.pop_front();
        if (std::isfinite(r.valLoss)) {
            lastVal = r.valLoss;
            lastValStep = r.step;
        }
        progress.update(r);
        if ((minutesGiven && secondsSince(t0) >= budget) || g_interrupted.load())
            trainer.cancel();
    });
    const TrainResult result = trainer.run();
    const double seconds = secondsSince(t0);
    progress.finish();
    if (g_interrupted.load())
        err << fill(translate("attn::cli", "interrupted after %1 steps: saving %2"),
                    {std::to_string(result.step), outPath})
            << "\n";

    const long long steps = result.step;
    if (lastValStep != steps)
        lastVal = trainer.evaluate().loss;
    const double trainLoss = recent.empty() ? NAN
                                            : std::accumulate(recent.begin(), recent.end(), 0.0) /
                                                  static_cast<double>(recent.size());

    TrainingSummary summary;
    summary.steps = steps;
    summary.trainLoss = trainLoss;
    summary.validationLoss = lastVal;
    summary.dataset = exp->name();
    summary.labels = exp->labelNames();
    summary.task = task ? *task : spec.format == "classify" ? "classification" : spec.format;
    if (!history.empty())
        summary.history = history.toJson();
    saveModelFile(outPath, model, &exp->tokenizer(), summary);

    nlohmann::json j;
    j["steps"] = steps;
    j["train_loss"] = jsonNumber(trainLoss);
    j["val_loss"] = jsonNumber(lastVal);
    addQualityFigures(j, model, *exp);
    j["status"] = trainStatusName(result.status);
    j["seconds"] = seconds;
    j["parameters"] = model.params().size();
    j["out"] = outPath;

    if (result.status == TrainStatus::Diverged)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1; the weights of the last good step were saved to %2"),
            result.error ? *result.error : Error(result.message), outPath);
    if (json) {
        out << j.dump() << "\n";
    } else {
        auto number = [](const char *pattern, double v) {
            char b[64];
            std::snprintf(b, sizeof b, pattern, v);
            return std::string(b);
        };
        out << fill(translate("attn::cli", "%1 steps in %2 s: train loss %3, val loss %4"),
                    {std::to_string(steps), number("%.1f", seconds), number("%.4f", trainLoss),
                     number("%.4f", lastVal)});
        out << qualityText(j);
        out << "\n" << fill(translate("attn::cli", "saved %1"), {outPath}) << "\n";
    }
    return 0;
}

} // namespace attn::cli
