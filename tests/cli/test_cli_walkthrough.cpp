// The walkthrough with the bundled demo models' real numbers: every number each step
// displays equals (to the displayed precision) the value the test works out from the
// model's AttentionTrace itself (test_walkthrough_check.h), for several layers, heads,
// queries and keys, with and without masked keys; and the CLI's slides: one PDF page per
// step whose text (pdftotext) holds the chosen query's weights.
#include "cli/cli.h"

#include "io/modelfile.h"
#include "models/seq2seqrnn.h"
#include "models/transformerlm.h"
#include "trace/walkthrough.h"

#include <QtTest>

#ifdef ATTNLAB_CLI_RENDER
#include "../widgets/test_walkthrough_check.h"
#include "walkthrough/walkthroughbuilder.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#endif

#include <cmath>
#include <filesystem>
#include <sstream>

using namespace attn;
namespace fs = std::filesystem;

namespace {

std::string model(const char *name)
{
    return (fs::path(ATTNLAB_SOURCE_DIR) / "resources" / "models" / name).string();
}

AttentionTrace traceOf(const LoadedModel &m, const std::vector<TokenId> &ids)
{
    Batch one;
    one.batch = 1;
    one.length = static_cast<int>(ids.size());
    one.inputs = ids;
    TraceOptions o;
    o.weights = true;
    AttentionTrace t = m.model->trace(one, o);
    for (TokenId id : ids) {
        std::string name = std::to_string(id); // "t17" (built in two steps: GCC 12's
        name.insert(0, 1, 't');                // -Wrestrict misfires on "t" + string)
        t.queryTokens.push_back(name);
    }
    t.keyTokens = t.queryTokens;
    return t;
}

int runCli(const std::vector<std::string> &args, std::string *out = nullptr,
           std::string *err = nullptr)
{
    std::vector<std::string> argv{"attentionlab-cli"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::ostringstream o, e;
    const int code = cli::run(argv, o, e);
    if (out)
        *out = o.str();
    if (err)
        *err = e.str();
    return code;
}

} // namespace

class TestCliWalkthrough : public QObject {
    Q_OBJECT
private:
    // Walks every step of every selection in the grid, at precisions 2, 4 and 6.
    void checkModel(const std::string &path, const std::vector<TokenId> &ids)
    {
        const LoadedModel m = loadModelFile(path);
        const AttentionTrace t = traceOf(m, ids);
        const int T = static_cast<int>(ids.size());
        QVERIFY(t.blocks.size() >= 2);
        int pages = 0, cells = 0, maskedSeen = 0, unmaskedSeen = 0;
        for (const AttentionBlockTrace &b : t.blocks) {
            const int H = static_cast<int>(b.heads.size());
            for (int head : {0, H - 1})
                for (int q : {0, T / 2, T - 1})
                    for (int k : {0, q}) {
                        const WalkthroughSelection sel{b.name, head, q, k};
                        const Walkthrough w = buildWalkthrough(t, sel);
                        // The engine's own cross-checks against the trace.
                        QVERIFY2(w.maxScoreError < 1e-4, b.name.c_str());
                        QVERIFY(w.maxWeightError < 1e-5);
                        QVERIFY(w.maxOutError < 1e-5);
                        QVERIFY(w.maxResidualError < 1e-5);
                        QVERIFY(w.biasSpread < 1e-4); // the same bias on every row
                        QVERIFY(w.hasWeights && w.hasOutput && w.hasEmbeddings);
                        QCOMPARE(w.steps.size(), size_t(8));
                        if (b.layer == 0)
                            QVERIFY(w.embSumError < 1e-5);
                        (w.maskedCount > 0 ? maskedSeen : unmaskedSeen)++;
#ifdef ATTNLAB_CLI_RENDER
                        const wtcheck::Resolver res(t, {b.name, head, q, k});
                        for (int precision : {2, 4, 6})
                            for (bool unscaled : {false, true}) {
                                WalkthroughBuilder::Options o;
                                o.precision = precision;
                                o.showUnscaled = unscaled;
                                const WalkthroughBuilder builder(t, w, o);
                                for (int s = 0; s < builder.stepCount(); ++s) {
                                    const WtPage page = builder.page(s);
                                    const wtcheck::Result r =
                                        wtcheck::checkPage(page, res, precision);
                                    if (!r.failures.isEmpty())
                                        qWarning() << page.title << r.failures.mid(0, 5);
                                    QVERIFY(r.failures.isEmpty());
                                    QVERIFY2(r.checked > 0, qPrintable(page.title));
                                    cells += r.checked;
                                    ++pages;
                                }
                            }
#endif
                    }
        }
        QVERIFY(maskedSeen > 0);   // queries before the last have causal-masked keys
        QVERIFY(unmaskedSeen > 0); // the last query sees every key
        qInfo("%s: %d pages, %d numbers checked", fs::path(path).filename().c_str(), pages, cells);
    }

private slots:
    void reverseModelEveryNumber()
    {
        checkModel(model("reverse.safetensors"), {1, 4, 7, 9, 2, 5, 3, 8});
    }

    void englishModelEveryNumber()
    {
        const LoadedModel m = loadModelFile(model("english-char-lm.safetensors"));
        QVERIFY(m.tokenizer);
        const std::vector<TokenId> ids = m.tokenizer->encode("attention is all");
        QVERIFY(ids.size() >= 10 && ids.size() <= 16);
        checkModel(model("english-char-lm.safetensors"), ids);
    }

    void bahdanauAttentionOfTheRnnSeq2Seq()
    {
        // The RNN encoder-decoder's additive cross attention (seeded weights), with a
        // padded source: 5 real tokens of 7, so two keys are masked for every step.
        Seq2SeqRNNConfig c;
        c.vocab = 20;
        c.embedding = 8;
        c.hidden = 6;
        c.attentionSize = 5;
        const Seq2SeqRNN model(c, 3);
        Batch one;
        one.batch = 1;
        one.length = 4;
        one.inputs = {1, 7, 9, 4};
        one.sourceLength = 7;
        one.source = {5, 6, 11, 12, 3, 0, 0};
        one.sourceLengths = {5};
        const AttentionTrace t = model.trace(one);
        const AttentionBlockTrace *b = t.find("cross");
        QVERIFY(b);
        QCOMPARE(b->kind, ScoreKind::Additive);
        int cells = 0;
        for (int q = 0; q < 4; ++q)
            for (int k : {0, 2, 4}) {
                const Walkthrough w = buildWalkthrough(t, {"cross", 0, q, k});
                QCOMPARE(w.steps.size(), size_t(6)); // no scale, no multi-head step
                QCOMPARE(w.maskedCount, 2);
                QCOMPARE(int(w.terms.size()), 5);
                QVERIFY(w.maxScoreError < 1e-4);
                QVERIFY(w.maxWeightError < 1e-5);
                QVERIFY(w.maxOutError < 1e-5);
#ifdef ATTNLAB_CLI_RENDER
                const wtcheck::Resolver res(t, {"cross", 0, q, k});
                const WalkthroughBuilder builder(t, w, {});
                for (int s = 0; s < builder.stepCount(); ++s) {
                    const wtcheck::Result r = wtcheck::checkPage(builder.page(s), res, 4);
                    if (!r.failures.isEmpty())
                        qWarning() << builder.page(s).title << r.failures.mid(0, 5);
                    QVERIFY(r.failures.isEmpty());
                    QVERIFY(r.checked > 0);
                    cells += r.checked;
                }
#endif
            }
        qInfo("seq2seq-rnn additive: %d numbers checked", cells);
    }

    void badArgumentsAreRefused()
    {
        std::string out, err;
        const QTemporaryDir dir;
        const std::string pdf = dir.filePath(QStringLiteral("unused.pdf")).toStdString();
        QCOMPARE(runCli({"walkthrough", "--model", model("english-char-lm.safetensors"), "--text",
                         "the cat", "--layer", "7", "--out", pdf},
                        &out, &err),
                 1);
        QVERIFY2(err.find("layers.7.attn") != std::string::npos, err.c_str());
        QCOMPARE(runCli({"walkthrough", "--model", model("english-char-lm.safetensors"), "--text",
                         "the cat", "--query", "40", "--out", pdf},
                        &out, &err),
                 1);
        QVERIFY2(err.find("--query 40") != std::string::npos, err.c_str());
        QCOMPARE(runCli({"walkthrough", "--model", model("english-char-lm.safetensors"), "--text",
                         "the cat", "--head", "9", "--out", pdf},
                        &out, &err),
                 1);
        QVERIFY2(err.find("head 9") != std::string::npos, err.c_str());
        QCOMPARE(runCli({"walkthrough", "--model", model("english-char-lm.safetensors"), "--text",
                         "the cat", "--precision", "9", "--out", pdf},
                        &out, &err),
                 1);
        QVERIFY(!fs::exists(pdf));
    }

#ifdef ATTNLAB_CLI_RENDER
    void pdfHasOnePagePerStepAndTheWeights()
    {
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (pdftotext.isEmpty())
            QFAIL("pdftotext is missing: install poppler-utils (scripts/attentionlab.sh deps)");
        QTemporaryDir dir;
        const std::string pdf = dir.filePath(QStringLiteral("steps.pdf")).toStdString();
        const std::string png = dir.filePath(QStringLiteral("step")).toStdString();
        const std::string path = model("english-char-lm.safetensors");
        const std::string text = "the cat sat on";
        std::string out, err;
        QCOMPARE(
            runCli({"walkthrough", "--model", path, "--text", text, "--layer", "1", "--head", "2",
                    "--query", "9", "--precision", "4", "--out", pdf, "--png", png, "--json"},
                   &out, &err),
            0);
        const nlohmann::json j = nlohmann::json::parse(out);
        QCOMPARE(j["pages"].get<int>(), 8);
        for (int s = 1; s <= 8; ++s) {
            const QImage img(dir.filePath(QStringLiteral("step-%1.png").arg(s)));
            QVERIFY(!img.isNull() && img.width() >= 1280);
        }

        QProcess p;
        p.start(pdftotext,
                {QStringLiteral("-layout"), QString::fromStdString(pdf), QStringLiteral("-")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const QString txt = QString::fromUtf8(p.readAllStandardOutput());
        // pdftotext ends every page with a form feed.
        QCOMPARE(txt.count(QLatin1Char('\f')), 8);
        const QStringList pageTexts = txt.split(QLatin1Char('\f'));
        QVERIFY(pageTexts[0].contains(QStringLiteral("Step 1 of 8")));
        QVERIFY(pageTexts[5].contains(QStringLiteral("Step 6 of 8")));

        // The weights of query 9, head 2, layer 1, from a trace the test makes itself.
        const LoadedModel m = loadModelFile(path);
        const std::vector<TokenId> ids = m.tokenizer->encode(text);
        const AttentionTrace t = traceOf(m, ids);
        const HeadTrace &h = t.find("layers.1.attn")->heads[2];
        for (Index c = 0; c < h.weights.cols(); ++c) {
            const QString w = QString::number(double(h.weights(9, c)), 'f', 4);
            QVERIFY2(pageTexts[5].contains(w), qPrintable(w));
        }
    }
#endif
};

QTEST_MAIN(TestCliWalkthrough)
#include "test_cli_walkthrough.moc"
