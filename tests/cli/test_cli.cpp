// attentionlab-cli train / eval / generate / info / trace, run in-process through
// attn::cli::run() (and once as a real process): JSON results, the saved file, traces
// that are bit-for-bit what the model computes, deterministic greedy generation, and
// one-line errors with exit code 1 for bad input.
#include "cli/cli.h"
#include "clitest.h"

#include "data/synthetic.h"
#include "io/modelfile.h"
#include "io/safetensors.h"
#include "models/transformerlm.h"
#include "text/utf8.h"
#include "tokenizers/tokenizer.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>

#ifdef Q_OS_UNIX
#include <sys/types.h>
#endif

using namespace attn;

namespace {

using clitest::Run;
using clitest::runCli;

std::string readAll(const std::string &path)
{
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

void writeAll(const std::string &path, const std::string &bytes)
{
    std::ofstream f(path, std::ios::binary);
    f << bytes;
}

int lines(const std::string &s)
{
    return static_cast<int>(std::count(s.begin(), s.end(), '\n'));
}

// The last line of stdout as JSON (train --json prints one object and nothing else).
nlohmann::json json(const Run &r)
{
    return nlohmann::json::parse(r.out);
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string m_model; // a tiny copy-task model, trained once
    nlohmann::json m_trained;

    std::string path(const char *name) const { return m_dir.filePath(name).toStdString(); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_model = path("copy.safetensors");
        const Run r = runCli({"train", "--task",    "copy",  "--layers",  "1",  "--heads",
                              "2",     "--d-model", "16",    "--steps",   "30", "--batch",
                              "8",     "--seed",    "3",     "--threads", "1",  "--eval-every",
                              "10",    "--out",     m_model, "--json"});
        QVERIFY2(r.code == 0, r.err.c_str());
        QCOMPARE(lines(r.out), 1); // exactly one JSON object on stdout
        m_trained = json(r);
    }

    void trainJsonIsSane()
    {
        const auto &j = m_trained;
        for (const char *key : {"steps", "train_loss", "val_loss", "exact_match"})
            QVERIFY2(j.contains(key), key);
        QCOMPARE(j["steps"].get<long long>(), 30LL);
        QCOMPARE(j["status"].get<std::string>(), std::string("finished"));
        // Copy has 15 tokens (4 specials, "=", a..j): an untrained model scores about
        // ln 15 = 2.71; 30 small steps must have learned something but not everything.
        const double tl = j["train_loss"], vl = j["val_loss"], em = j["exact_match"];
        QVERIFY2(tl > 0.0 && tl < std::log(15.0), qPrintable(QString::number(tl)));
        QVERIFY2(vl > 0.0 && vl < std::log(15.0), qPrintable(QString::number(vl)));
        QVERIFY(em >= 0.0 && em <= 1.0);
        // The file holds the model and its summary.
        const LoadedModel m = loadModelFile(m_model);
        QCOMPARE(m.kind, std::string("lm"));
        QVERIFY(m.tokenizer);
        QCOMPARE(m.tokenizer->vocabSize(), 15);
        QCOMPARE(m.training.steps, std::int64_t(30));
        QCOMPARE(m.training.dataset, std::string("copy"));
        QCOMPARE(m.training.validationLoss, vl);
        QVERIFY(m.warnings.empty());
    }

    void evalOfTheFileAgreesWithTraining()
    {
        // eval with train's defaults (batch given the same, seed the same) measures the saved
        // weights on the same validation batches: the same loss and exact match as train saw.
        const Run r = runCli({"eval", "--model", m_model, "--task", "copy", "--batch", "8",
                              "--seed", "3", "--threads", "1", "--json"});
        QVERIFY2(r.code == 0, r.err.c_str());
        const auto j = json(r);
        for (const char *key : {"steps", "train_loss", "val_loss", "exact_match"})
            QVERIFY2(j.contains(key), key);
        QCOMPARE(j["steps"].get<long long>(), 30LL);
        QCOMPARE(j["train_loss"].get<double>(), m_trained["train_loss"].get<double>());
        QVERIFY(std::abs(j["val_loss"].get<double>() - m_trained["val_loss"].get<double>()) < 1e-6);
        QCOMPARE(j["exact_match"].get<double>(), m_trained["exact_match"].get<double>());
        // Text mode says the same in words.
        const Run t = runCli({"eval", "--model", m_model, "--task", "copy"});
        QCOMPARE(t.code, 0);
        QVERIFY(t.out.find("exact match") != std::string::npos);
    }

    void infoReportsTheTrainedConfig()
    {
        const Run r = runCli({"info", m_model, "--json"});
        QVERIFY2(r.code == 0, r.err.c_str());
        QCOMPARE(lines(r.out), 1);
        const auto j = json(r);
        QCOMPARE(j["kind"].get<std::string>(), std::string("lm"));
        const auto &c = j["model"];
        QCOMPARE(c["layers"].get<int>(), 1);
        QCOMPARE(c["heads"].get<int>(), 2);
        QCOMPARE(c["d_model"].get<int>(), 16);
        QCOMPARE(c["vocab"].get<int>(), 15);
        QCOMPARE(c["context"].get<int>(), 18);          // <bos> 8 letters = 8 letters <eos>
        QCOMPARE(j["config"]["n_embd"].get<int>(), 16); // GPT-2 keys as stored
        QCOMPARE(j["config"]["n_head"].get<int>(), 2);
        // GPT-2 with a tied head, by hand for V=15, T=18, C=16, L=1:
        // wte 240 + wpe 288 + block (ln 32 + c_attn 816 + c_proj 272 + ln 32 + c_fc 1088 +
        // mlp.c_proj 1040) + ln_f 32
        QCOMPARE(j["parameters"].get<long long>(), 240LL + 288 + 3280 + 32);
        QCOMPARE(j["tokenizer"]["kind"].get<std::string>(), std::string("char"));
        QCOMPARE(j["tokenizer"]["vocab_size"].get<int>(), 15);
        QCOMPARE(j["training"]["steps"].get<long long>(), 30LL);
        QCOMPARE(j["training"]["dataset"].get<std::string>(), std::string("copy"));

        const Run t = runCli({"info", m_model});
        QCOMPARE(t.code, 0);
        QVERIFY(t.out.find("parameters  3840") != std::string::npos);
        QVERIFY(t.out.find("char, 15 tokens") != std::string::npos);
    }

    void traceIsWhatTheModelComputes()
    {
        const std::string out = path("trace.safetensors");
        const Run r = runCli({"trace", "--model", m_model, "--ids", "1,5,6,7,4,5", "--out", out});
        QVERIFY2(r.code == 0, r.err.c_str());
        const SafetensorsFile f = SafetensorsFile::read(out);

        const LoadedModel m = loadModelFile(m_model);
        const auto &lm = dynamic_cast<const TransformerLM &>(*m.model);
        Batch one;
        one.batch = 1;
        one.length = 6;
        one.inputs = {1, 5, 6, 7, 4, 5};
        const AttentionTrace tr = lm.trace(one);
        const int T = 6, H = 2, D = 8, C = 16, V = 15;

        // Every tensor of the file, bit for bit, and nothing else.
        auto same = [&](const std::string &name, std::vector<std::int64_t> shape,
                        std::vector<float> expect) {
            const TensorInfo *t = f.find(name);
            QVERIFY2(t, name.c_str());
            QCOMPARE(t->dtype, DType::F32);
            QCOMPARE(t->shape, shape);
            const std::vector<float> got = f.toFloat(*t);
            QCOMPARE(got.size(), expect.size());
            QVERIFY2(std::memcmp(got.data(), expect.data(), got.size() * sizeof(float)) == 0,
                     name.c_str());
        };
        auto flat = [](const MatRM &x) {
            return std::vector<float>(x.data(), x.data() + x.size());
        };
        auto heads = [&](MatRM HeadTrace::*member) {
            std::vector<float> v;
            for (const HeadTrace &h : tr.blocks[0].heads)
                for (Index i = 0; i < (h.*member).rows(); ++i)
                    for (Index j = 0; j < (h.*member).cols(); ++j)
                        v.push_back((h.*member)(i, j));
            return v;
        };
        QCOMPARE(f.tensors().size(), size_t(1 + 6));
        same("logits", {T, V}, flat(tr.logits));
        same("layers.0.attn.q", {H, T, D}, heads(&HeadTrace::q));
        same("layers.0.attn.k", {H, T, D}, heads(&HeadTrace::k));
        same("layers.0.attn.v", {H, T, D}, heads(&HeadTrace::v));
        same("layers.0.attn.scores", {H, T, T}, heads(&HeadTrace::scaled));
        same("layers.0.attn.weights", {H, T, T}, heads(&HeadTrace::weights));
        same("layers.0.attn.out", {T, C}, flat(tr.blocks[0].out));
        // The logits are those of the model's plain forward pass too (up to rounding: another
        // code path may sum in another order).
        const MatRM logits = lm.logits(one.inputs);
        const auto fileLogits = f.toFloat(*f.find("logits"));
        for (Index i = 0; i < logits.size(); ++i)
            QVERIFY(std::abs(fileLogits[static_cast<size_t>(i)] - logits.data()[i]) < 1e-4f);

        // And they mean what their names say, recomputed here from q and k:
        // scores = q.k / sqrt(d_k); weights = causal softmax of the scores.
        const auto q = f.toFloat(*f.find("layers.0.attn.q"));
        const auto k = f.toFloat(*f.find("layers.0.attn.k"));
        const auto s = f.toFloat(*f.find("layers.0.attn.scores"));
        const auto w = f.toFloat(*f.find("layers.0.attn.weights"));
        for (int h = 0; h < H; ++h)
            for (int i = 0; i < T; ++i) {
                double z = 0.0, mx = -1e30;
                std::vector<double> dot(T);
                for (int j = 0; j < T; ++j) {
                    for (int d = 0; d < D; ++d)
                        dot[j] += double(q[(h * T + i) * D + d]) * k[(h * T + j) * D + d];
                    dot[j] /= std::sqrt(double(D));
                    QVERIFY(std::abs(dot[j] - s[(h * T + i) * T + j]) < 1e-5);
                    if (j <= i)
                        mx = std::max(mx, dot[j]);
                }
                for (int j = 0; j <= i; ++j)
                    z += std::exp(dot[j] - mx);
                for (int j = 0; j < T; ++j) {
                    const double expect = j <= i ? std::exp(dot[j] - mx) / z : 0.0;
                    QVERIFY(std::abs(expect - w[(h * T + i) * T + j]) < 1e-6);
                }
            }

        // --text goes through the file's tokenizer, <bos> first for a task model.
        const std::string out2 = path("trace2.safetensors");
        const Run t = runCli({"trace", "--model", m_model, "--text", "bad=", "--out", out2});
        QVERIFY2(t.code == 0, t.err.c_str());
        const SafetensorsFile f2 = SafetensorsFile::read(out2);
        // ids: <bos>=1, "="=4, then a..j from 5: b=6, a=5, d=8
        QCOMPARE(f2.metadata().at("attentionlab.trace.ids"), std::string("[1,6,5,8,4]"));
        QCOMPARE(f2.find("logits")->shape, (std::vector<std::int64_t>{5, V}));
    }

    void greedyGenerationIsTheModels()
    {
        const std::vector<std::string> args = {"generate",  "--model",  m_model, "--prompt",
                                               "abcdefgh=", "--tokens", "9",     "--greedy"};
        const Run a = runCli(args), b = runCli(args);
        QVERIFY2(a.code == 0, a.err.c_str());
        QCOMPARE(a.out, b.out);
        const LoadedModel m = loadModelFile(m_model);
        const auto &lm = dynamic_cast<const TransformerLM &>(*m.model);
        GenerateOptions g;
        g.greedy = true;
        g.stopToken = Tokenizer::Eos;
        // <bos> a..h =
        const auto ids = lm.generate({1, 5, 6, 7, 8, 9, 10, 11, 12, 4}, 9, g);
        QCOMPARE(a.out, m.tokenizer->decode(ids) + "\n");
        // Sampling is seeded: the same seed twice gives the same text.
        const Run s1 = runCli({"generate", "--model", m_model, "--prompt", "abc=", "--seed", "7"});
        const Run s2 = runCli({"generate", "--model", m_model, "--prompt", "abc=", "--seed", "7"});
        QCOMPARE(s1.code, 0);
        QCOMPARE(s1.out, s2.out);
    }

    void textFileTraining()
    {
        std::string text;
        for (int i = 0; i < 40; ++i)
            text += "the cat sat on the mat. the dog sat on the log.\n";
        const std::string data = path("cats.txt"), model = path("cats.safetensors");
        writeAll(data, text);
        const Run r = runCli({"train", "--data",    data, "--format", "lm",  "--tokenizer",
                              "word",  "--context", "8",  "--layers", "1",   "--heads",
                              "2",     "--d-model", "16", "--steps",  "20",  "--batch",
                              "4",     "--threads", "1",  "--out",    model, "--json"});
        QVERIFY2(r.code == 0, r.err.c_str());
        const auto j = json(r);
        QVERIFY(!j.contains("exact_match")); // only for tasks
        QVERIFY(std::isfinite(j["val_loss"].get<double>()));
        const auto info = json(runCli({"info", model, "--json"}));
        QCOMPARE(info["tokenizer"]["kind"].get<std::string>(), std::string("word"));
        QCOMPARE(info["model"]["context"].get<int>(), 8);
        const Run e = runCli({"eval", "--model", model, "--data", data, "--json"});
        QVERIFY2(e.code == 0, e.err.c_str());
        QVERIFY(json(e)["tokens"].get<long long>() > 0);
        const Run g = runCli(
            {"generate", "--model", model, "--prompt", "the cat", "--tokens", "5", "--greedy"});
        QVERIFY2(g.code == 0, g.err.c_str());
        QVERIFY(!g.out.empty());

        // A byte-level BPE model barely trained on Chinese text emits bytes that do not form
        // characters; what is printed is still valid UTF-8.
        std::string cjk;
        for (int i = 0; i < 60; ++i)
            cjk += "你好世界，注意力机制。天气很好。\n";
        const std::string cjkData = path("cjk.txt"), cjkModel = path("cjk.safetensors");
        writeAll(cjkData, cjk);
        const Run b = runCli({"train", "--data",    cjkData, "--tokenizer", "bpe", "--vocab",
                              "270",   "--context", "16",    "--layers",    "1",   "--heads",
                              "2",     "--d-model", "16",    "--steps",     "3",   "--threads",
                              "1",     "--out",     cjkModel});
        QVERIFY2(b.code == 0, b.err.c_str());
        for (const char *seed : {"1", "2", "3"}) {
            const Run s = runCli({"generate", "--model", cjkModel, "--prompt", "你", "--tokens",
                                  "30", "--seed", seed});
            QVERIFY2(s.code == 0, s.err.c_str());
            QVERIFY2(utf8::isValid(s.out), s.out.c_str());
        }
    }

    void minutesStopsOnTheClock()
    {
        const Run r = runCli({"train", "--task", "reverse", "--layers", "1", "--d-model", "16",
                              "--heads", "2", "--batch", "4", "--minutes", "0.01", "--threads", "1",
                              "--out", path("timed.safetensors"), "--json"});
        QVERIFY2(r.code == 0, r.err.c_str());
        const auto j = json(r);
        QCOMPARE(j["status"].get<std::string>(), std::string("cancelled"));
        QVERIFY(j["steps"].get<long long>() > 0);
        QVERIFY(j["seconds"].get<double>() >= 0.6);
        QVERIFY(j["seconds"].get<double>() < 20.0);
        QVERIFY(std::isfinite(j["val_loss"].get<double>()));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("needles"); // each must appear in the one-line message

        const QString dir = m_dir.path();
        writeAll(path("binary.txt"), std::string("abc\0\x01\x02 def", 11));
        writeAll(path("latin1.txt"), "caf\xe9 au lait\n");
        const std::string bytes = readAll(m_model);
        writeAll(path("truncated.safetensors"), bytes.substr(0, bytes.size() / 2));
        const QString trunc = dir + "/truncated.safetensors";
        const QString out = dir + "/never.safetensors";
        const QStringList tiny = {"--layers", "1", "--d-model", "16", "--heads", "2"};

        QTest::newRow("missing data file")
            << (QStringList{"train", "--data", dir + "/nope.txt", "--out", out} + tiny)
            << QStringList{"nope.txt", "not found"};
        QTest::newRow("binary data file")
            << (QStringList{"train", "--data", dir + "/binary.txt", "--out", out} + tiny)
            << QStringList{"binary.txt", "binary"};
        QTest::newRow("invalid UTF-8")
            << (QStringList{"train", "--data", dir + "/latin1.txt", "--out", out} + tiny)
            << QStringList{"latin1.txt", "invalid UTF-8"};
        QTest::newRow("d_model not divisible by heads")
            << QStringList{"train",   "--task", "copy",  "--d-model", "30",
                           "--heads", "4",      "--out", out}
            << QStringList{"--d-model 30", "not divisible", "--heads 4"};
        QTest::newRow("zero steps")
            << (QStringList{"train", "--task", "copy", "--steps", "0", "--out", out} + tiny)
            << QStringList{"steps 0", "out of range"};
        QTest::newRow("negative learning rate")
            << (QStringList{"train", "--task", "copy", "--lr", "-1", "--out", out} + tiny)
            << QStringList{"learning rate -1", "out of range"};
        QTest::newRow("unknown option")
            << (QStringList{"train", "--task", "copy", "--stepz", "10", "--out", out} + tiny)
            << QStringList{"unknown option --stepz"};
        QTest::newRow("unknown command")
            << QStringList{"trian", "--task", "copy"} << QStringList{"unknown command 'trian'"};
        QTest::newRow("unknown model kind")
            << QStringList{"train", "--task", "copy", "--model", "lstm-lm", "--out", out}
            << QStringList{"lstm-lm", "seq2seq-rnn", "classifier"};
        QTest::newRow("classifier on a task")
            << QStringList{"train", "--task", "copy", "--model", "classifier", "--out", out}
            << QStringList{"classifier", "label"};
        QTest::newRow("format that does not fit the model")
            << QStringList{"train", "--data", dir + "/latin1.txt", "--format", "pairs",
                           "--out", out}
            << QStringList{"--format pairs", "--model lm"};
        QTest::newRow("attention kind on a Transformer")
            << QStringList{"train", "--task", "copy", "--attention", "additive", "--out", out}
            << QStringList{"--attention additive", "seq2seq-rnn"};
        QTest::newRow("unknown recurrent cell")
            << QStringList{"train", "--task", "copy",  "--model", "seq2seq-rnn",
                           "--rnn", "elman",  "--out", out}
            << QStringList{"elman", "gru"};
        QTest::newRow("unknown attention kind")
            << QStringList{"train",       "--task",         "copy",  "--model", "seq2seq-rnn",
                           "--attention", "multiplicative", "--out", out}
            << QStringList{"multiplicative", "additive"};
        QTest::newRow("unknown task")
            << (QStringList{"train", "--task", "juggle", "--out", out} + tiny)
            << QStringList{"juggle"};
        QTest::newRow("output directory missing")
            << (QStringList{"train", "--task", "copy", "--out",
                            dir + "/no/such/dir/m.safetensors"} +
                tiny)
            << QStringList{"no/such/dir", "does not exist"};
        QTest::newRow("info truncated")
            << QStringList{"info", trunc} << QStringList{"truncated.safetensors"};
        QTest::newRow("eval truncated") << QStringList{"eval", "--model", trunc, "--task", "copy"}
                                        << QStringList{"truncated.safetensors"};
        QTest::newRow("generate truncated")
            << QStringList{"generate", "--model", trunc, "--prompt", "abc="}
            << QStringList{"truncated.safetensors"};
        QTest::newRow("trace truncated")
            << QStringList{"trace", "--model", trunc, "--ids", "1,2", "--out", out}
            << QStringList{"truncated.safetensors"};
        QTest::newRow("info missing file") << QStringList{"info", dir + "/absent.safetensors"}
                                           << QStringList{"absent.safetensors"};
        QTest::newRow("info of a text file")
            << QStringList{"info", dir + "/latin1.txt"} << QStringList{"latin1.txt"};
        QTest::newRow("trace id outside vocabulary")
            << QStringList{"trace", "--model", QString::fromStdString(m_model), "--ids", "1,99",
                           "--out", out}
            << QStringList{"99", "outside the vocabulary"};
        QTest::newRow("trace longer than context")
            << QStringList{"trace",
                           "--model",
                           QString::fromStdString(m_model),
                           "--ids",
                           "1,2,3,4,5,6,7,8,9,10,11,12,13,14,1,2,3,4,5",
                           "--out",
                           out}
            << QStringList{"19 tokens", "at most 18"};
        QTest::newRow("eval on another task's vocabulary")
            << QStringList{"eval", "--model", QString::fromStdString(m_model), "--task", "addition"}
            << QStringList{"another vocabulary", "addition"};
        QTest::newRow("malformed number")
            << (QStringList{"train", "--task", "copy", "--steps", "ten", "--out", out} + tiny)
            << QStringList{"--steps", "ten"};
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, needles);
        std::vector<std::string> argv;
        for (const QString &a : args)
            argv.push_back(a.toStdString());
        const Run r = runCli(argv);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.empty(), r.out.c_str());
        QCOMPARE(lines(r.err), 1);
        QVERIFY2(r.err.find("internal error") == std::string::npos, r.err.c_str());
        for (const QString &n : needles)
            QVERIFY2(r.err.find(n.toStdString()) != std::string::npos, r.err.c_str());
        QVERIFY(!QFile::exists(m_dir.filePath("never.safetensors")));
    }

    void truncatedModelFilesAreRefused()
    {
        // Cut anywhere (in the length prefix, the JSON header, the tensor data): every command
        // that reads a model says so in one line naming the file.
        const std::string bytes = readAll(m_model);
        const std::string cut = path("cut.safetensors");
        const size_t n = bytes.size();
        for (size_t keep : {size_t(0), size_t(4), size_t(8), size_t(9), size_t(200), n / 3, n / 2,
                            n - 4, n - 1}) {
            writeAll(cut, bytes.substr(0, keep));
            const std::vector<std::vector<std::string>> commands = {
                {"info", cut},
                {"eval", "--model", cut, "--task", "copy"},
                {"generate", "--model", cut, "--prompt", "abc="},
                {"trace", "--model", cut, "--ids", "1,5", "--out", path("cut-trace.safetensors")}};
            for (const auto &args : commands) {
                const Run r = runCli(args);
                const QByteArray what = QByteArray::fromStdString(
                    args[0] + " of " + std::to_string(keep) + " bytes: " + r.err);
                QVERIFY2(r.code == 1, what.constData());
                QVERIFY2(lines(r.err) == 1, what.constData());
                QVERIFY2(r.err.find("cut.safetensors") != std::string::npos, what.constData());
                QVERIFY2(r.err.find("internal error") == std::string::npos, what.constData());
            }
        }
        QVERIFY(!QFile::exists(m_dir.filePath("cut-trace.safetensors")));
    }

    void helpListsTheCommands()
    {
        const Run r = runCli({"--help"});
        QCOMPARE(r.code, 0);
        for (const char *c : {"train", "eval", "generate", "info", "trace"})
            QVERIFY2(r.out.find(std::string("  ") + c + " ") != std::string::npos, c);
        const Run t = runCli({"train", "--help"});
        QCOMPARE(t.code, 0);
        QVERIFY(t.out.find("--minutes") != std::string::npos);
    }

    void realProcessExitCodes()
    {
        const QString exe = qEnvironmentVariable("ATTNLAB_BUILD_DIR") + "/app/attentionlab-cli";
        if (!QFile::exists(exe))
            QSKIP("attentionlab-cli is not built");
        QProcess p;
        p.start(exe, {"info", QString::fromStdString(m_model), "--json"});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        const auto j = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
        QCOMPARE(j["model"]["d_model"].get<int>(), 16);

        p.start(exe, {"info", m_dir.filePath("truncated.safetensors")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(err.count('\n'), 1);
        QVERIFY(err.contains("truncated.safetensors"));
    }

    void interruptSavesTheModel()
    {
#ifdef Q_OS_UNIX
        const QString exe = qEnvironmentVariable("ATTNLAB_BUILD_DIR") + "/app/attentionlab-cli";
        if (!QFile::exists(exe))
            QSKIP("attentionlab-cli is not built");
        const QString model = m_dir.filePath("interrupted.safetensors");
        QProcess p;
        p.start(exe, {"train", "--task", "copy", "--layers", "1", "--d-model", "16", "--heads", "2",
                      "--steps", "100000000", "--threads", "1", "--out", model, "--json"});
        QVERIFY(p.waitForStarted());
        QByteArray err;
        QElapsedTimer timer;
        timer.start();
        while (!err.contains("step 1/") && timer.elapsed() < 20000) {
            p.waitForReadyRead(100);
            err += p.readAllStandardError();
        }
        QVERIFY2(err.contains("step 1/"), err.constData());
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        const auto j = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
        QCOMPARE(j["status"].get<std::string>(), std::string("cancelled"));
        const LoadedModel m = loadModelFile(model.toStdString());
        QCOMPARE(m.training.steps, j["steps"].get<std::int64_t>());
        QVERIFY(m.training.steps >= 1 && m.training.steps < 100000000);
#else
        QSKIP("sends SIGINT");
#endif
    }
};

QTEST_APPLESS_MAIN(TestCli)
#include "test_cli.moc"
