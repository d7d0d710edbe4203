// The CLI with the encoder-decoder and classifier kinds: train -> save -> info -> eval ->
// trace -> generate for seq2seq-rnn (each attention kind), seq2seq-transformer and the
// classifier (Transformer and BiGRU encoders). Short runs: what is checked is that every
// command handles every kind, that the trace holds the tensors of the naming with
// the model's own numbers, and that eval agrees with train; learning itself is measured
// by the models' learning tests.
#include "cli/cli.h"
#include "clitest.h"
#include "io/modelfile.h"
#include "io/safetensors.h"
#include "tokenizers/tokenizer.h"
#include "train/evaluation.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <sstream>

using namespace attn;

namespace {

using clitest::Run;
using clitest::runCli;

std::string sample(const char *name)
{
    return std::string(ATTNLAB_SOURCE_DIR) + "/resources/samples/" + name;
}

std::vector<std::int64_t> shapeOf(const SafetensorsFile &f, const std::string &name)
{
    const TensorInfo *t = f.find(name);
    return t ? t->shape : std::vector<std::int64_t>{};
}

std::vector<float> floatsOf(const SafetensorsFile &f, const std::string &name)
{
    const TensorInfo *t = f.find(name);
    return t ? f.toFloat(*t) : std::vector<float>{};
}

} // namespace

class TestCliModels : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    std::string path(const char *name) const { return m_dir.filePath(name).toStdString(); }

    // Trains with the arguments (plus a short budget) and returns the JSON result.
    nlohmann::json train(std::vector<std::string> args, const std::string &out)
    {
        std::vector<std::string> all = {"train"};
        all.insert(all.end(), args.begin(), args.end());
        for (const char *a : {"--steps", "30", "--d-model", "32", "--batch", "16", "--threads", "1",
                              "--json", "--out"})
            all.push_back(a);
        all.push_back(out);
        const Run r = runCli(all);
        if (r.code != 0)
            qWarning("%s", r.err.c_str());
        [&] { QCOMPARE(r.code, 0); }();
        return nlohmann::json::parse(r.out);
    }

private slots:
    void seq2seqRnnEveryAttentionKind()
    {
        for (const char *attention : {"additive", "dot", "general", "scaled-dot"}) {
            const std::string out = path((std::string("rnn-") + attention + ".st").c_str());
            const nlohmann::json j =
                train({"--task", "reverse", "--model", "seq2seq-rnn", "--attention", attention,
                       "--rnn", std::string(attention) == "dot" ? "lstm" : "gru"},
                      out);
            QVERIFY(j.contains("exact_match"));
            QCOMPARE(j["exact_match_examples"].get<int>(), 200);
            const LoadedModel m = loadModelFile(out);
            QCOMPARE(m.kind, std::string("seq2seq-rnn"));
            QCOMPARE(m.config["attention"].get<std::string>(), std::string(attention));
            QVERIFY(m.tokenizer != nullptr);

            // eval on the same held-out examples gives the same exact match (on the thread
            // count train used: another sums in another order, which can flip a near tie).
            const Run e =
                runCli({"eval", "--model", out, "--task", "reverse", "--threads", "1", "--json"});
            QCOMPARE(e.code, 0);
            const auto ej = nlohmann::json::parse(e.out);
            QCOMPARE(ej["exact_match"].get<double>(), j["exact_match"].get<double>());
            QVERIFY(std::isfinite(ej["val_loss"].get<double>()));
        }
    }

    void seq2seqRnnTraceAndGenerate()
    {
        const std::string model = path("rnn-additive.st");
        if (!QFile::exists(QString::fromStdString(model)))
            QSKIP("needs seq2seqRnnEveryAttentionKind");
        const Run g = runCli({"generate", "--model", model, "--prompt", "abcdefgh"});
        QCOMPARE(g.code, 0);
        const LoadedModel m = loadModelFile(model);
        const auto *s2s = dynamic_cast<const Seq2SeqModel *>(m.model.get());
        QVERIFY(s2s);
        // The printed answer is the model's greedy decode of the source.
        const std::string expected =
            m.tokenizer->decode(s2s->decode(m.tokenizer->encode("abcdefgh")));
        QCOMPARE(g.out, expected + "\n");

        const std::string tracePath = path("rnn.trace");
        const Run t = runCli({"trace", "--model", model, "--text", "abcdefgh", "--target",
                              "hgfedcba", "--out", tracePath});
        QVERIFY2(t.code == 0, t.err.c_str());
        const SafetensorsFile f = SafetensorsFile::read(tracePath);
        // cross.weights is (T_tgt, T_src): <bos> + 8 target characters over 8 sources.
        QCOMPARE(shapeOf(f, "cross.weights"), (std::vector<std::int64_t>{9, 8}));
        // The numbers are the model's trace of the same input.
        Batch one;
        one.batch = 1;
        one.source = m.tokenizer->encode("abcdefgh");
        one.sourceLength = 8;
        one.sourceLengths = {8};
        one.inputs = {Tokenizer::Bos};
        for (TokenId id : m.tokenizer->encode("hgfedcba"))
            one.inputs.push_back(id);
        one.targets = m.tokenizer->encode("hgfedcba");
        one.targets.push_back(Tokenizer::Eos);
        one.length = 9;
        const AttentionTrace tr = m.model->trace(one);
        const std::vector<float> w = floatsOf(f, "cross.weights");
        const MatRM &expect = tr.find("cross")->heads[0].weights;
        QCOMPARE(int(w.size()), int(expect.size()));
        for (Index i = 0; i < expect.size(); ++i)
            QCOMPARE(w[size_t(i)], expect.data()[i]);
        // Each decoding step's weights sum to 1 over the source.
        for (int r = 0; r < 9; ++r) {
            double sum = 0;
            for (int c = 0; c < 8; ++c)
                sum += w[size_t(r * 8 + c)];
            QVERIFY(std::abs(sum - 1.0) < 1e-5);
        }
    }

    void seq2seqTransformerTraceNames()
    {
        const std::string out = path("tf.st");
        const nlohmann::json j =
            train({"--task", "reverse", "--model", "seq2seq-transformer", "--layers", "2"}, out);
        QVERIFY(j.contains("exact_match"));
        const std::string tracePath = path("tf.trace");
        const Run t = runCli({"trace", "--model", out, "--text", "abcdefgh", "--target", "hgfedcba",
                              "--out", tracePath, "--json"});
        QVERIFY2(t.code == 0, t.err.c_str());
        const SafetensorsFile f = SafetensorsFile::read(tracePath);
        const std::int64_t H = 4;
        for (int l = 0; l < 2; ++l) {
            const std::string L = std::to_string(l);
            QCOMPARE(shapeOf(f, "encoder.layers." + L + ".attn.weights"),
                     (std::vector<std::int64_t>{H, 8, 8}));
            QCOMPARE(shapeOf(f, "decoder.layers." + L + ".self.weights"),
                     (std::vector<std::int64_t>{H, 9, 9}));
            QCOMPARE(shapeOf(f, "decoder.layers." + L + ".cross.weights"),
                     (std::vector<std::int64_t>{H, 9, 8}));
        }
        // The decoder's self-attention is causal: nothing above the diagonal.
        const std::vector<float> self = floatsOf(f, "decoder.layers.0.self.weights");
        for (int h = 0; h < H; ++h)
            for (int i = 0; i < 9; ++i)
                for (int k = i + 1; k < 9; ++k)
                    QCOMPARE(self[size_t((h * 9 + i) * 9 + k)], 0.0f);
    }

    void classifiersOnTheSentimentSample()
    {
        for (const char *rnn : {"", "gru"}) {
            const std::string out = path(*rnn ? "cls-gru.st" : "cls-tf.st");
            std::vector<std::string> args = {
                "--data", sample("sentiment.tsv"), "--model", "classifier", "--layers", "1"};
            if (*rnn) {
                args.push_back("--rnn");
                args.push_back(rnn);
            }
            const nlohmann::json j = train(args, out);
            for (const char *key : {"accuracy", "macro_f1", "majority_baseline", "confusion",
                                    "precision", "recall", "f1"})
                QVERIFY2(j.contains(key), key);
            QCOMPARE(j["labels"], nlohmann::json({"negative", "positive"}));
            // The confusion matrix counts every held-out example once.
            long long total = 0;
            for (const auto &row : j["confusion"])
                for (const auto &v : row)
                    total += v.get<long long>();
            QCOMPARE(total, j["accuracy_examples"].get<long long>());

            const LoadedModel m = loadModelFile(out);
            QCOMPARE(m.kind, std::string("classifier"));
            QCOMPARE(m.training.labels, (std::vector<std::string>{"negative", "positive"}));

            // generate prints both labels with probabilities summing to 1.
            const Run g = runCli({"generate", "--model", out, "--prompt", "I love it"});
            QCOMPARE(g.code, 0);
            std::istringstream lines(g.out);
            std::string label;
            double p = 0, sum = 0;
            int n = 0;
            while (lines >> label >> p) {
                QVERIFY(label == "negative" || label == "positive");
                sum += p;
                ++n;
            }
            QCOMPARE(n, 2);
            QVERIFY(std::abs(sum - 1.0) < 1e-3);

            const std::string tracePath = path("cls.trace");
            const Run t =
                runCli({"trace", "--model", out, "--text", "I love it", "--out", tracePath});
            QVERIFY2(t.code == 0, t.err.c_str());
            const SafetensorsFile f = SafetensorsFile::read(tracePath);
            const std::vector<std::int64_t> pool = shapeOf(f, "pool.weights");
            QCOMPARE(int(pool.size()), 1); // (T)
            const std::vector<float> w = floatsOf(f, "pool.weights");
            double s = 0;
            for (float x : w)
                s += x;
            QVERIFY(std::abs(s - 1.0) < 1e-5);

            // eval on the file reads every row with the model's tokenizer.
            const Run e =
                runCli({"eval", "--model", out, "--data", sample("sentiment.tsv"), "--json"});
            QVERIFY2(e.code == 0, e.err.c_str());
            const auto ej = nlohmann::json::parse(e.out);
            QCOMPARE(ej["accuracy_examples"].get<int>(), 156); // the sample's rows
        }
    }

    void benchPrintsExamplesPerSecond()
    {
        for (const char *config : {"seq2seq-gru", "seq2seq-tf", "classify"}) {
            const Run r = runCli({"bench", "--config", config, "--steps", "1", "--json"});
            QVERIFY2(r.code == 0, r.err.c_str());
            const auto j = nlohmann::json::parse(r.out);
            QCOMPARE(j["runs"].size(), std::size_t(2)); // 1 and 2 threads
            QCOMPARE(j["runs"][0]["threads"].get<int>(), 1);
            QCOMPARE(j["runs"][1]["threads"].get<int>(), 2);
            for (const auto &run : j["runs"])
                QVERIFY(run["train_examples_per_s"].get<double>() > 0);
            QVERIFY(j["speedup"].get<double>() > 0);
        }
        const Run bad = runCli({"bench", "--config", "seq2seq-lstm"});
        QCOMPARE(bad.code, 1);
        QVERIFY2(bad.err.find("seq2seq-gru") != std::string::npos, bad.err.c_str());
    }

    void badCombinations()
    {
        const std::string out = path("never.st");
        const Run a = runCli({"train", "--task", "dates", "--model", "classifier", "--out", out});
        QCOMPARE(a.code, 1);
        QVERIFY2(a.err.find("label") != std::string::npos, a.err.c_str());
        const Run b = runCli({"train", "--data", sample("sentiment.tsv"), "--model", "seq2seq-rnn",
                              "--format", "classify", "--out", out});
        QCOMPARE(b.code, 1);
        QVERIFY2(b.err.find("--format classify") != std::string::npos, b.err.c_str());
        const Run c = runCli({"trace", "--model", path("rnn-additive.st"), "--text", "ab",
                              "--target", "x", "--ids", "5", "--out", path("x.trace")});
        QCOMPARE(c.code, 1);
        QVERIFY(!QFile::exists(QString::fromStdString(out)));
    }
};

QTEST_APPLESS_MAIN(TestCliModels)
#include "test_cli_models.moc"
