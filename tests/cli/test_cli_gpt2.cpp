// attentionlab-cli with Hugging Face GPT-2 folders: `tokenize` prints GPT-2's ids (checked
// against gpt-3-encoder run with node), `trace` and `generate` accept --model DIR and give
// what the loaded model computes; bad folders are one-line errors with exit code 1.
#include "cli/cli.h"
#include "clitest.h"

#include "io/hfmodel.h"
#include "io/safetensors.h"
#include "models/transformerlm.h"
#include "tokenizers/tokenizer.h"

#include "../gpt2/hffolder.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sstream>

using namespace attn;

namespace {

using clitest::Run;
using clitest::runCli;

// The ids gpt-3-encoder gives, comma-separated.
std::string referenceIds(const std::string &text)
{
    QProcess node;
    node.start("node", {"-e",
                        "process.stdout.write(require(process.argv[1]).encode("
                        "process.argv[2]).join(','))",
                        gpt2test::packageDir(), QString::fromStdString(text)});
    if (!node.waitForFinished(60000) || node.exitCode() != 0)
        return "node failed: " + node.readAllStandardError().toStdString();
    return node.readAllStandardOutput().toStdString();
}

} // namespace

class TestCliGpt2 : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void tokenizePrintsGpt2Ids();
    void traceAndGenerateOpenFolders();
    void badFoldersAreOneLineErrors();

private:
    QTemporaryDir m_tmp;
    std::string m_dir;
};

void TestCliGpt2::initTestCase()
{
    QVERIFY2(gpt2test::havePackage(), gpt2test::missingMessage().constData());
    m_dir = m_tmp.path().toStdString() + "/gpt2-tiny";
    gpt2test::Shape s;
    gpt2test::writeFolder(m_dir, s);
}

void TestCliGpt2::tokenizePrintsGpt2Ids()
{
    for (const std::string text : {"Hello world", "It's 42°C in 北京 today!\n\n  😀 ok"}) {
        const Run r = runCli({"tokenize", "--model", m_dir, "--text", text});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, referenceIds(text) + "\n");
    }
    const Run j = runCli({"tokenize", "--model", m_dir, "--text", "Hello world", "--json"});
    QCOMPARE(j.code, 0);
    QCOMPARE(j.out, std::string("[15496,995]\n"));
}

void TestCliGpt2::traceAndGenerateOpenFolders()
{
    const LoadedModel m = loadHfModel(m_dir);
    auto *lm = dynamic_cast<TransformerLM *>(m.model.get());
    QVERIFY(lm);
    const std::string text = "The attention of GPT-2";
    const auto ids = m.tokenizer->encode(text);

    const std::string tracePath = m_tmp.path().toStdString() + "/trace.safetensors";
    const Run t = runCli({"trace", "--model", m_dir, "--text", text, "--out", tracePath});
    QVERIFY2(t.code == 0, t.err.c_str());
    const SafetensorsFile f = SafetensorsFile::read(tracePath);
    QCOMPARE(f.tensors().size(), std::size_t(1 + 2 * 6)); // logits + 6 per layer
    const auto *logits = f.find("logits");
    QVERIFY(logits);
    QCOMPARE(logits->shape, (std::vector<std::int64_t>{std::int64_t(ids.size()), 50257}));
    const MatRM want = lm->logits(ids);
    const std::vector<float> got = f.toFloat(*logits);
    for (Index i = 0; i < want.size(); ++i)
        QCOMPARE(got[std::size_t(i)], want.data()[i]);

    const Run g =
        runCli({"generate", "--model", m_dir, "--prompt", text, "--tokens", "6", "--greedy"});
    QVERIFY2(g.code == 0, g.err.c_str());
    GenerateOptions opt;
    opt.greedy = true;
    opt.stopToken = 50256;
    const auto cont = lm->generate(ids, 6, opt);
    std::string expected = m.tokenizer->decode(cont);
    QVERIFY(!cont.empty());
    // The CLI shows stray bytes as U+FFFD; compare when the continuation is valid UTF-8.
    if (QString::fromUtf8(expected.data(), qsizetype(expected.size())).toUtf8().toStdString() ==
        expected)
        QCOMPARE(g.out, expected + "\n");
}

void TestCliGpt2::badFoldersAreOneLineErrors()
{
    const std::string bad = m_tmp.path().toStdString() + "/bert";
    std::filesystem::create_directories(bad);
    {
        std::ofstream f(bad + "/config.json");
        f << R"({"model_type": "bert", "vocab_size": 30522})";
    }
    const Run r = runCli({"generate", "--model", bad, "--prompt", "hi"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.find("\"bert\"") != std::string::npos, r.err.c_str());
    QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n'), std::ptrdiff_t(1));
    const Run t = runCli({"tokenize", "--model", bad, "--text", "hi"});
    QCOMPARE(t.code, 1);
    QVERIFY2(t.err.find("no tokenizer") != std::string::npos, t.err.c_str());
}

QTEST_APPLESS_MAIN(TestCliGpt2)
#include "test_cli_gpt2.moc"
