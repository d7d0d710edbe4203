// The committed demo models in resources/models/ (reverse, reverse-encdec,
// sentiment-classifier, dates-bahdanau) are what scripts/make-demo-models.sh builds. The
// script's own recipe (read with --print, so test and script cannot drift apart) is trained
// again, twice:
//
// - On one machine and build, the same recipe gives the same bytes: the two rebuilt files
//   are identical (training is deterministic for a fixed seed and thread count, and a model
//   file holds no time stamp).
// - Against the committed file, which was built on another machine: floating-point sums
//   depend on the CPU's cache sizes (Eigen's blocking), its instruction set and the
//   compiler, and training amplifies a last-bit difference to the third digit in a few
//   hundred steps. So everything that is not a trained number must be equal (kind, config,
//   tokenizer, steps, data, labels, tensor names and shapes), and the trained numbers must
//   agree as far as a reader of the model can tell: the final losses within 30% (on a
//   Xeon with other caches the dates model's moved by 0.4%, here with
//   ATTNLAB_CPU_CACHE_SIZES=24K,1M,8M by 0.1%), the quality figures of
//   `attentionlab-cli eval` within one example of 200 (two of the 31 sentiment sentences),
//   and the attention pattern of the probe the views show and eight held-out examples
//   (the most-attended key of each query row, mean over heads) in at least 80% of the rows
//   of every block (of an encoder-decoder: of its last cross-attention, see addAgreement).
//   The largest weight difference is printed, not asserted.
#include "cli/cli.h"

#include "io/modelfile.h"
#include "train/evaluation.h"
#include "train/experiment.h"
#include "train/modelspec.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

using namespace attn;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = fs::path(ATTNLAB_SOURCE_DIR);

std::string readBytes(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> splitWords(const std::string &line)
{
    std::istringstream in(line);
    std::vector<std::string> words;
    for (std::string w; in >> w;)
        words.push_back(w);
    return words;
}

// Runs the CLI from the repository root (the recipes name their data relative to it).
nlohmann::json runCli(const std::vector<std::string> &argv)
{
    const QString before = QDir::currentPath();
    QDir::setCurrent(QString::fromStdString(kSource.string()));
    std::ostringstream out, err;
    const int code = cli::run(argv, out, err);
    QDir::setCurrent(before);
    if (code != 0) {
        qWarning("%s", err.str().c_str());
        return nullptr;
    }
    // --json output as it is; a report for people (train without --json) as a string.
    const nlohmann::json j = nlohmann::json::parse(out.str(), nullptr, false);
    return j.is_discarded() ? nlohmann::json(out.str()) : j;
}

std::string option(const std::vector<std::string> &argv, const std::string &name,
                   const std::string &fallback = {})
{
    const auto it = std::find(argv.begin(), argv.end(), name);
    return it != argv.end() && it + 1 != argv.end() ? *(it + 1) : fallback;
}

// The recipe's data again, as the model reads it (its own tokenizer), for the probe.
std::unique_ptr<Experiment> dataOf(const std::vector<std::string> &recipe, const LoadedModel &m)
{
    DataSpec spec;
    spec.format = dataFormatFor(m.kind);
    spec.task = option(recipe, "--task");
    if (spec.task.empty())
        spec.path = (kSource / option(recipe, "--data")).string();
    spec.tokenizer = option(recipe, "--tokenizer", "char");
    spec.validationFraction = std::stod(option(recipe, "--validation", "0.1"));
    spec.seed = std::stoull(option(recipe, "--seed", "1"));
    return Experiment::create(spec, m.tokenizer.get());
}

// Counts, per block, the query rows whose most-attended key (mean over heads) is the same
// in both traces (first) and the rows compared (second). An encoder-decoder is held to its
// last cross-attention, the alignment the task defines (test_demomodels checks its
// anti-diagonal): its other blocks route through whichever keys a run found. Trained with
// other cache sizes, the reverse encoder-decoder gave the same answers and its last
// cross-attention the same pattern, but its first cross-attention (diffuse, peaks near 0.5)
// agreed in 56% of the probe's rows and its second decoder self-attention in 33%.
using Agreement = std::map<std::string, std::pair<int, int>>;
bool addAgreement(const AttentionTrace &a, const AttentionTrace &b, Agreement &counts)
{
    int lastCross = -1;
    for (int i = 0; i < static_cast<int>(a.blocks.size()); ++i)
        if (a.blocks[static_cast<std::size_t>(i)].role == AttentionRole::Cross)
            lastCross = i;
    for (int i = 0; i < static_cast<int>(a.blocks.size()); ++i) {
        if (lastCross >= 0 && i != lastCross)
            continue;
        const AttentionBlockTrace &ba = a.blocks[static_cast<std::size_t>(i)];
        const AttentionBlockTrace *bb = b.find(ba.name);
        if (!bb || bb->heads.size() != ba.heads.size() || ba.heads.empty())
            return false;
        MatRM ma = MatRM::Zero(ba.heads[0].weights.rows(), ba.heads[0].weights.cols());
        MatRM mb = ma;
        for (std::size_t h = 0; h < ba.heads.size(); ++h) {
            if (bb->heads[h].weights.rows() != ma.rows() ||
                bb->heads[h].weights.cols() != ma.cols())
                return false;
            ma += ba.heads[h].weights;
            mb += bb->heads[h].weights;
        }
        auto &[same, rows] = counts[ba.name];
        for (Index r = 0; r < ma.rows(); ++r) {
            Index ia = 0, ib = 0;
            ma.row(r).maxCoeff(&ia);
            mb.row(r).maxCoeff(&ib);
            same += ia == ib;
            ++rows;
        }
    }
    return true;
}

} // namespace

class TestDemoModelsRepro : public QObject {
    Q_OBJECT

private slots:
    void recipeReproducesTheCommittedModel_data()
    {
        QTest::addColumn<QString>("model");
        // The three quick ones (the character LMs take minutes each on one thread).
        QTest::newRow("reverse") << "reverse";
        QTest::newRow("reverse-encdec") << "reverse-encdec";
        QTest::newRow("sentiment-classifier") << "sentiment-classifier";
        QTest::newRow("dates-bahdanau") << "dates-bahdanau";
    }

    void recipeReproducesTheCommittedModel()
    {
        QFETCH(QString, model);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());

        // The recipe as the script prints it, with --out pointing into the temp dir.
        QProcess script;
        script.setWorkingDirectory(QString::fromStdString(kSource.string()));
        script.start("bash",
                     {QString::fromStdString((kSource / "scripts/make-demo-models.sh").string()),
                      "--print", "--only", model, "--out", dir.path()});
        QVERIFY(script.waitForFinished(30000));
        QCOMPARE(script.exitCode(), 0);
        const QStringList lines =
            QString::fromUtf8(script.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1);
        std::vector<std::string> argv = splitWords(lines[0].toStdString());
        QVERIFY(argv.size() > 4);
        QCOMPARE(argv[0], std::string("attentionlab-cli"));
        QCOMPARE(argv[1], std::string("train"));
        const auto outIt = std::find(argv.begin(), argv.end(), "--out");
        QVERIFY(outIt != argv.end() && outIt + 1 != argv.end());
        const fs::path first = *(outIt + 1);
        QCOMPARE(first.parent_path().string(), dir.path().toStdString());
        QVERIFY(!option(argv, "--threads").empty());
        QVERIFY(!option(argv, "--seed").empty());

        // 1. Same machine, same build: the same bytes.
        QVERIFY(!runCli(argv).is_null());
        const fs::path second = first.string() + ".again.safetensors";
        *(std::find(argv.begin(), argv.end(), "--out") + 1) = second.string();
        QVERIFY(!runCli(argv).is_null());
        const std::string bytes = readBytes(first);
        QVERIFY(!bytes.empty());
        QVERIFY2(bytes == readBytes(second), "the same recipe gave two different files");

        // 2. Against the file built elsewhere: what is not trained is equal.
        const fs::path committed =
            kSource / "resources/models" / (model.toStdString() + ".safetensors");
        const LoadedModel c = loadModelFile(committed.string());
        const LoadedModel r = loadModelFile(first.string());
        QCOMPARE(r.kind, c.kind);
        QCOMPARE(r.config.dump(), c.config.dump());
        for (const char *key : {modelfile::FormatKey, modelfile::TokenizerKey}) {
            QVERIFY2(r.metadata.count(key) && c.metadata.count(key), key);
            QVERIFY2(nlohmann::json::parse(r.metadata.at(key), nullptr, false) ==
                         nlohmann::json::parse(c.metadata.at(key), nullptr, false),
                     key);
        }
        QCOMPARE(r.training.steps, c.training.steps);
        QCOMPARE(r.training.dataset, c.training.dataset);
        QCOMPARE(r.training.task, c.training.task);
        QCOMPARE(r.training.labels, c.training.labels);
        const ParamStore &pc = c.model->params();
        const ParamStore &pr = r.model->params();
        QCOMPARE(pr.count(), pc.count());
        double largest = 0.0;
        std::string largestName;
        for (int id = 0; id < pc.count(); ++id) {
            const std::string &name = pc.entry(id).name;
            const int other = pr.find(name);
            QVERIFY2(other >= 0, ("tensor missing: " + name).c_str());
            QCOMPARE(pr.entry(other).shape, pc.entry(id).shape);
            const double d = (pr.valueVec(other) - pc.valueVec(id)).cwiseAbs().maxCoeff();
            if (d > largest) {
                largest = d;
                largestName = name;
            }
        }
        qInfo("largest weight difference to the committed file: %.3g (%s)", largest,
              largestName.c_str());

        // ... and the trained numbers agree as far as a reader of the model can tell.
        for (const auto &[what, rebuilt, original] :
             {std::tuple{"train loss", r.training.trainLoss, c.training.trainLoss},
              std::tuple{"validation loss", r.training.validationLoss,
                         c.training.validationLoss}}) {
            qInfo("%s: rebuilt %.6g, committed %.6g", what, rebuilt, original);
            QVERIFY2(std::abs(rebuilt - original) <= 0.3 * std::abs(original) + 1e-3, what);
        }
        std::vector<std::string> eval = {"attentionlab-cli", "eval", "--threads", "1", "--json"};
        for (const char *o : {"--task", "--data"})
            if (const std::string v = option(argv, o); !v.empty())
                eval.insert(eval.end(), {o, v});
        const auto evalOf = [&](const fs::path &file) {
            std::vector<std::string> a = eval;
            a.insert(a.end(), {"--model", file.string()});
            return runCli(a);
        };
        const nlohmann::json er = evalOf(first), ec = evalOf(committed);
        QVERIFY(!er.is_null() && !ec.is_null());
        for (const auto &[figure, count, slack] :
             {std::tuple{"exact_match", "exact_match_examples", 1},
              std::tuple{"accuracy", "accuracy_examples", 2}}) {
            if (!ec.contains(figure) || !ec.contains(count))
                continue;
            QVERIFY2(er.contains(figure), figure);
            const double n = ec[count].get<double>();
            qInfo("%s: rebuilt %.4f, committed %.4f (%g examples)", figure,
                  er[figure].get<double>(), ec[figure].get<double>(), n);
            QVERIFY2(std::abs(er[figure].get<double>() - ec[figure].get<double>()) * n <=
                         slack + 1e-9,
                     figure);
        }
        const auto data = dataOf(argv, c);
        // The probe the views show and the first held-out examples after it: enough rows
        // that one query flipping between two near-equal keys does not decide the test.
        std::vector<Batch> examples = {data->probe()};
        for (const Batch &b : data->validationSet(1, 8))
            if (examples.size() < 9)
                examples.push_back(withoutPadding(b));
        Agreement counts;
        for (const Batch &e : examples)
            QVERIFY(addAgreement(r.model->trace(e), c.model->trace(e), counts));
        QVERIFY(!counts.empty());
        std::string worst;
        double agree = 1.0;
        for (const auto &[block, n] : counts)
            if (n.second > 0 && double(n.first) / n.second < agree) {
                agree = double(n.first) / n.second;
                worst = block;
            }
        qInfo("attention pattern over %d examples: %.0f%% of the rows agree in the "
              "least-agreeing block (%s)",
              static_cast<int>(examples.size()), 100.0 * agree, worst.c_str());
        QVERIFY2(agree >= 0.8, qPrintable(QString("block %1: %2 of the rows agree")
                                              .arg(QString::fromStdString(worst))
                                              .arg(agree)));
    }
};

QTEST_APPLESS_MAIN(TestDemoModelsRepro)
#include "test_demomodels_repro_slow.moc"
