// moc needs none of the engine's headers (and its C++17 predefines cannot parse <concepts>).
#ifndef Q_MOC_RUN
#include "common/gradcheck.h"

#include "core/error.h"
#include "core/rng.h"
#include "core/threads.h"
#include "models/benchmark.h"
#include "models/transformerlm.h"
#endif

#include <nlohmann/json.hpp>

#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace attn;

namespace {

TransformerConfig tinyConfig()
{
    TransformerConfig c;
    c.vocab = 11;
    c.n_ctx = 6;
    c.d_model = 8;
    c.n_heads = 2;
    c.n_layers = 2;
    c.d_ff = 12;
    return c;
}

Batch makeBatch(const TransformerConfig &c, int B, int T, std::uint64_t seed, bool withPadding)
{
    Rng rng(seed);
    Batch b;
    b.batch = B;
    b.length = T;
    for (int i = 0; i < B * T; ++i) {
        b.inputs.push_back(static_cast<TokenId>(rng.below(static_cast<std::uint64_t>(c.vocab))));
        b.targets.push_back(static_cast<TokenId>(rng.below(static_cast<std::uint64_t>(c.vocab))));
    }
    b.targets[1] = -1; // an ignored target
    if (withPadding && c.pad_token_id >= 0) {
        // Row 1 is left-padded by two tokens; their targets are ignored.
        for (int t = 0; t < 2; ++t) {
            b.inputs[static_cast<size_t>(T + t)] = c.pad_token_id;
            b.targets[static_cast<size_t>(T + t)] = -1;
        }
    }
    return b;
}

// Finite differences over every parameter of the model.
test::GradCheckResult checkModel(TransformerLM &m, const Batch &batch, bool faultInjection = false,
                                 Index *faultIndex = nullptr)
{
    auto &p = m.params();
    const std::uint64_t dropSeed = 77;
    p.zeroGrads();
    m.seedDropout(dropSeed);
    m.forward(batch);
    m.backward();
    std::vector<float> analytic(p.grads().data(), p.grads().data() + p.size());
    if (faultInjection) {
        // Perturb one gradient term by 5% of the largest gradient.
        const Index id = p.find("h.0.attn.c_attn.bias");
        const Index at = p.entry(id).offset + 3;
        float big = 0.0f;
        for (float g : analytic)
            big = std::max(big, std::abs(g));
        analytic[static_cast<size_t>(at)] += 0.05f * big;
        *faultIndex = at;
    }
    auto loss = [&]() {
        m.seedDropout(dropSeed); // the same dropout mask every evaluation
        return m.forward(batch).loss;
    };
    return test::gradCheck(loss, p.values().data(), analytic.data(), p.size());
}

} // namespace

class TestTransformerLM : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { setThreads(1); }

    void parameterNamesAndShapesAreGpt2s()
    {
        TransformerConfig c = tinyConfig();
        TransformerLM m(c);
        const auto &p = m.params();
        auto shape = [&](const char *name) {
            const auto id = p.find(name);
            return id < 0 ? std::vector<Index>{} : p.entry(id).shape;
        };
        QCOMPARE(shape("wte.weight"), (std::vector<Index>{11, 8}));
        QCOMPARE(shape("wpe.weight"), (std::vector<Index>{6, 8}));
        QCOMPARE(shape("h.1.ln_1.weight"), (std::vector<Index>{8}));
        QCOMPARE(shape("h.1.ln_1.bias"), (std::vector<Index>{8}));
        QCOMPARE(shape("h.1.attn.c_attn.weight"), (std::vector<Index>{8, 24}));
        QCOMPARE(shape("h.1.attn.c_attn.bias"), (std::vector<Index>{24}));
        QCOMPARE(shape("h.1.attn.c_proj.weight"), (std::vector<Index>{8, 8}));
        QCOMPARE(shape("h.1.attn.c_proj.bias"), (std::vector<Index>{8}));
        QCOMPARE(shape("h.1.ln_2.weight"), (std::vector<Index>{8}));
        QCOMPARE(shape("h.1.mlp.c_fc.weight"), (std::vector<Index>{8, 12}));
        QCOMPARE(shape("h.1.mlp.c_fc.bias"), (std::vector<Index>{12}));
        QCOMPARE(shape("h.1.mlp.c_proj.weight"), (std::vector<Index>{12, 8}));
        QCOMPARE(shape("h.1.mlp.c_proj.bias"), (std::vector<Index>{8}));
        QCOMPARE(shape("ln_f.weight"), (std::vector<Index>{8}));
        QCOMPARE(shape("ln_f.bias"), (std::vector<Index>{8}));
        // 2 layers x 12 tensors + wte, wpe, ln_f (2): nothing else, no lm_head.
        QCOMPARE(p.count(), 2 * 12 + 4);
        QCOMPARE(p.size(), c.parameterCount());
        // GPT-2 small's published parameter count: 124,439,808.
        TransformerConfig g;
        g.vocab = 50257;
        g.n_ctx = 1024;
        g.d_model = 768;
        g.n_heads = 12;
        g.n_layers = 12;
        QCOMPARE(g.parameterCount(), Index(124439808));
    }

    void initialisationFollowsGpt2()
    {
        TransformerConfig c;
        c.vocab = 64;
        c.n_ctx = 32;
        c.d_model = 64;
        c.n_layers = 8;
        TransformerLM m(c, 5);
        const auto &p = m.params();
        auto stddev = [&](const char *name) {
            auto v = p.valueVec(p.find(name));
            const double mean = v.cast<double>().mean();
            return std::sqrt((v.cast<double>().array() - mean).square().mean());
        };
        QVERIFY(std::abs(stddev("h.0.attn.c_attn.weight") - 0.02) < 0.002);
        QVERIFY(std::abs(stddev("h.0.mlp.c_fc.weight") - 0.02) < 0.002);
        QVERIFY(std::abs(stddev("wte.weight") - 0.02) < 0.002);
        // Residual projections: 0.02 / sqrt(2 * 8) = 0.005.
        QVERIFY(std::abs(stddev("h.3.attn.c_proj.weight") - 0.005) < 0.0008);
        QVERIFY(std::abs(stddev("h.3.mlp.c_proj.weight") - 0.005) < 0.0005);
        QCOMPARE(p.valueVec(p.find("h.0.ln_1.weight")).minCoeff(), 1.0f);
        QCOMPARE(p.valueVec(p.find("h.0.attn.c_attn.bias")).cwiseAbs().maxCoeff(), 0.0f);
        // Same seed, same weights; another seed, others.
        TransformerLM a(c, 5), b(c, 6);
        QVERIFY(a.params().values() == m.params().values());
        QVERIFY(b.params().values() != m.params().values());
    }

    void lossAtInitIsLogVocab()
    {
        // With weights ~0.02 the logits are ~0: the model predicts uniformly.
        TransformerConfig c = tinyConfig();
        c.vocab = 50;
        TransformerLM m(c, 3);
        m.setTraining(false);
        const auto st = m.forward(makeBatch(c, 2, 6, 9, false));
        QVERIFY(std::abs(st.loss - std::log(50.0)) < 0.05);
        QCOMPARE(st.counted, Index(11));
    }

    void configValidation()
    {
        TransformerConfig c = tinyConfig();
        c.n_heads = 3;
        QVERIFY_THROWS_EXCEPTION(Error, c.validate());
        try {
            c.validate();
        } catch (const Error &e) {
            QVERIFY(std::string(e.what()).find("divisible") != std::string::npos);
        }
        c = tinyConfig();
        c.vocab = 0;
        QVERIFY_THROWS_EXCEPTION(Error, c.validate());
        c = tinyConfig();
        c.n_layers = 100000;
        QVERIFY_THROWS_EXCEPTION(Error, c.validate());
        c = tinyConfig();
        c.d_model = 16384;
        c.vocab = 1 << 20;
        QVERIFY_THROWS_EXCEPTION(Error, c.validate()); // 17 G parameters
        c = tinyConfig();
        c.dropout = 1.0f;
        QVERIFY_THROWS_EXCEPTION(Error, c.validate());
        c = tinyConfig();
        c.layer_norm_epsilon = 0.0f;
        QVERIFY_THROWS_EXCEPTION(Error, TransformerLM{c});
    }

    void jsonUsesHuggingFaceKeys()
    {
        // GPT-2 small's config.json as published by Hugging Face (abridged).
        const auto hf = nlohmann::json::parse(R"({
            "activation_function": "gelu_new", "architectures": ["GPT2LMHeadModel"],
            "attn_pdrop": 0.1, "bos_token_id": 50256, "embd_pdrop": 0.1, "eos_token_id": 50256,
            "initializer_range": 0.02, "layer_norm_epsilon": 1e-05, "model_type": "gpt2",
            "n_ctx": 1024, "n_embd": 768, "n_head": 12, "n_inner": null, "n_layer": 12,
            "n_positions": 1024, "resid_pdrop": 0.1, "vocab_size": 50257})");
        const auto c = TransformerConfig::fromJson(hf);
        QCOMPARE(c.vocab, 50257);
        QCOMPARE(c.n_ctx, 1024);
        QCOMPARE(c.d_model, 768);
        QCOMPARE(c.n_heads, 12);
        QCOMPARE(c.n_layers, 12);
        QCOMPARE(c.ffDim(), 3072);
        QCOMPARE(c.layer_norm_epsilon, 1e-5f);
        QVERIFY(c.activation == Activation::GeluTanh);
        QVERIFY(c.norm == NormPlacement::Pre);
        QVERIFY(c.positions == PositionKind::Learned);
        QVERIFY(c.scaled);

        TransformerConfig o = tinyConfig();
        o.norm = NormPlacement::Post;
        o.positions = PositionKind::Sinusoidal;
        o.activation = Activation::Relu;
        o.scaled = false;
        o.pad_token_id = 3;
        o.dropout = 0.25f;
        const auto j = o.toJson();
        QCOMPARE(j["n_embd"].get<int>(), 8);
        QCOMPARE(j["activation_function"].get<std::string>(), std::string("relu"));
        const auto r = TransformerConfig::fromJson(j);
        QCOMPARE(r.toJson(), j);
        QVERIFY(r.norm == NormPlacement::Post && r.positions == PositionKind::Sinusoidal);
        QVERIFY(r.activation == Activation::Relu && !r.scaled);
        QCOMPARE(r.pad_token_id, 3);
        QCOMPARE(r.d_ff, 12);

        auto bad = hf;
        bad["activation_function"] = "swish";
        QVERIFY_THROWS_EXCEPTION(Error, TransformerConfig::fromJson(bad));
        bad = hf;
        bad["n_head"] = "twelve";
        QVERIFY_THROWS_EXCEPTION(Error, TransformerConfig::fromJson(bad));
        bad = hf;
        bad["n_head"] = 7;
        QVERIFY_THROWS_EXCEPTION(Error, TransformerConfig::fromJson(bad));
        QVERIFY_THROWS_EXCEPTION(Error, TransformerConfig::fromJson(nlohmann::json::array()));
    }

    void gradients_data()
    {
        QTest::addColumn<bool>("post");
        QTest::addColumn<bool>("sinusoidal");
        QTest::addColumn<bool>("relu");
        QTest::addColumn<bool>("unscaled");
        QTest::addColumn<bool>("padding");
        QTest::addColumn<float>("dropout");
        // pre-learned-gelu and dropout (post-LN, sinusoidal, unscaled) are rows of
        // the model contract tests (modelcontract.h), built from a spec as the apps build them.
        for (int mask = 1; mask < 8; ++mask) {
            const bool post = mask & 1, sin = mask & 2, relu = mask & 4;
            const QByteArray name = QByteArray(post ? "post" : "pre") + "-" +
                                    (sin ? "sinusoidal" : "learned") + "-" +
                                    (relu ? "relu" : "gelu");
            QTest::newRow(name.constData()) << post << sin << relu << false << false << 0.0f;
        }
        QTest::newRow("pre-unscaled") << false << false << false << true << false << 0.0f;
        QTest::newRow("pre-padding") << false << false << false << false << true << 0.0f;
        QTest::newRow("post-padding-unscaled") << true << false << false << true << true << 0.0f;
        QTest::newRow("post-dropout-fixed-mask") << true << true << false << false << false << 0.3f;
    }

    void gradients()
    {
        QFETCH(bool, post);
        QFETCH(bool, sinusoidal);
        QFETCH(bool, relu);
        QFETCH(bool, unscaled);
        QFETCH(bool, padding);
        QFETCH(float, dropout);
        TransformerConfig c = tinyConfig();
        c.norm = post ? NormPlacement::Post : NormPlacement::Pre;
        c.positions = sinusoidal ? PositionKind::Sinusoidal : PositionKind::Learned;
        c.activation = relu ? Activation::Relu : Activation::GeluTanh;
        c.scaled = !unscaled;
        c.dropout = dropout;
        if (padding)
            c.pad_token_id = 0;
        TransformerLM m(c, 11);
        test::randomizeWeights(m.params(), 12);
        m.setTraining(dropout > 0.0f);
        const Batch batch = makeBatch(c, 2, 5, 13, padding);
        const auto r = checkModel(m, batch);
        QVERIFY2(r.checked == m.params().size(), "every parameter is checked");
        // ReLU's kink: a step across it can change the slope; allow a handful.
        const int allowed = relu ? r.checked / 200 : 0;
        QVERIFY2(r.failed <= allowed, qPrintable(QString("%1 of %2 gradients differ:\n%3")
                                                     .arg(r.failed)
                                                     .arg(r.checked)
                                                     .arg(QString::fromStdString(r.report))));
        QVERIFY(r.gradScale > 1e-2); // the check is not vacuous
    }

    void gradientCheckCatchesAWrongTerm()
    {
        TransformerConfig c = tinyConfig();
        TransformerLM m(c, 11);
        test::randomizeWeights(m.params(), 12);
        Index fault = -1;
        const auto r = checkModel(m, makeBatch(c, 2, 5, 13, false), true, &fault);
        QCOMPARE(r.failed, 1);
        QCOMPARE(r.failedIndices.front(), fault);
    }

    void traceEqualsForward()
    {
        TransformerConfig c = tinyConfig();
        c.pad_token_id = 0;
        TransformerLM m(c, 4);
        test::randomizeWeights(m.params(), 5);
        m.setTraining(false);
        Batch one = makeBatch(c, 1, 6, 6, false);
        one.inputs[0] = 0; // a padded first key
        one.inputs[3] = 5;
        m.forward(one);
        const MatRM fwd = m.lastLogits();
        TraceOptions opt;
        opt.weights = true;
        const AttentionTrace tr = m.trace(one, opt);
        QCOMPARE(tr.logits.rows(), Index(6));
        QVERIFY(tr.logits == fwd); // bit for bit
        QVERIFY(m.logits(one.inputs) == fwd);
        QCOMPARE(int(tr.blocks.size()), 2);
        QVERIFY(tr.find("layers.1.attn") != nullptr);

        const Index T = 6, C = 8, D = 4;
        const auto &p = m.params();
        for (int l = 0; l < 2; ++l) {
            const auto &b = tr.blocks[static_cast<size_t>(l)];
            QCOMPARE(b.scale, 0.5f);
            QCOMPARE(int(b.heads.size()), 2);
            const auto bias = p.valueVec(p.find("h." + std::to_string(l) + ".attn.c_attn.bias"));
            for (int h = 0; h < 2; ++h) {
                const auto &ht = b.heads[static_cast<size_t>(h)];
                // A naive triple-loop reference from the block's input and weight slices.
                for (Index i = 0; i < T; ++i) {
                    double logits[6];
                    double mx = -1e300;
                    for (Index j = 0; j < T; ++j) {
                        double s = 0.0;
                        for (Index d = 0; d < D; ++d) {
                            double qi = bias(h * D + d), kj = bias(C + h * D + d);
                            for (Index k = 0; k < C; ++k) {
                                qi += double(b.x(i, k)) * b.wq[size_t(h)](k, d);
                                kj += double(b.x(j, k)) * b.wk[size_t(h)](k, d);
                            }
                            s += qi * kj;
                            QVERIFY(std::abs(qi - ht.q(i, d)) < 1e-4);
                        }
                        QVERIFY(std::abs(s - ht.scores(i, j)) < 1e-3);
                        const bool masked = j > i || one.inputs[size_t(j)] == 0;
                        QCOMPARE(b.mask(i, j), masked ? 1.0f : 0.0f);
                        logits[j] = masked ? -1e300 : s * 0.5;
                        mx = std::max(mx, logits[j]);
                    }
                    double sum = 0.0;
                    for (Index j = 0; j < T; ++j)
                        sum += logits[j] > -1e299 ? std::exp(logits[j] - mx) : 0.0;
                    for (Index j = 0; j < T; ++j) {
                        const double w =
                            logits[j] > -1e299 && sum > 0 ? std::exp(logits[j] - mx) / sum : 0.0;
                        if (b.mask(i, j) == 1.0f)
                            QCOMPARE(ht.weights(i, j), 0.0f); // exactly
                        else
                            QVERIFY(std::abs(w - ht.weights(i, j)) < 1e-5);
                    }
                    // Row 0 sees only the padded key 0: no attention at all.
                    if (i == 0)
                        QCOMPARE(ht.weights.row(0).sum(), 0.0f);
                }
                // out = weights · v, checked against a plain loop.
                for (Index i = 0; i < T; ++i)
                    for (Index d = 0; d < D; ++d) {
                        double o = 0.0;
                        for (Index j = 0; j < T; ++j)
                            o += double(ht.weights(i, j)) * ht.v(j, d);
                        QVERIFY(std::abs(o - ht.out(i, d)) < 1e-5);
                    }
                QVERIFY(ht.out == b.concat.middleCols(h * D, D));
            }
            // residualOut = residualIn + out
            QVERIFY(((b.residualIn + b.out) - b.residualOut).cwiseAbs().maxCoeff() < 1e-6f);
        }
        // token + position embeddings are the input of layer 0
        QVERIFY(((tr.tokenEmbeddings + tr.positionEmbeddings) - tr.blocks[0].residualIn)
                    .cwiseAbs()
                    .maxCoeff() == 0.0f);
    }

    void layerFilteredTraceEqualsFullTrace_data()
    {
        QTest::addColumn<bool>("post");
        QTest::newRow("pre-LN") << false;
        QTest::newRow("post-LN") << true;
    }

    void layerFilteredTraceEqualsFullTrace()
    {
        QFETCH(bool, post);
        TransformerConfig c = tinyConfig();
        c.n_layers = 5; // odd, so that the two shared layer states alternate unevenly
        c.pad_token_id = 0;
        if (post)
            c.norm = NormPlacement::Post;
        TransformerLM m(c, 4);
        test::randomizeWeights(m.params(), 9);
        m.setTraining(false);
        Batch one = makeBatch(c, 1, 6, 12, false);
        one.inputs[1] = 0; // a padded key
        TraceOptions all;
        all.weights = true;
        const AttentionTrace full = m.trace(one, all);
        QCOMPARE(int(full.blocks.size()), 5);
        const std::vector<std::vector<int>> subsets = {{0}, {4}, {1, 3}, {3, 2}, {0, 1, 2, 3, 4}};
        for (const auto &layers : subsets) {
            TraceOptions o = all;
            o.layers = layers;
            const AttentionTrace part = m.trace(one, o);
            QVERIFY(part.logits == full.logits);
            QVERIFY(part.tokenEmbeddings == full.tokenEmbeddings);
            // Blocks come in layer order, whatever order they were asked in.
            std::vector<int> want = layers;
            std::sort(want.begin(), want.end());
            QCOMPARE(int(part.blocks.size()), int(want.size()));
            for (size_t i = 0; i < want.size(); ++i) {
                const auto &b = part.blocks[i];
                const auto &f = full.blocks[static_cast<size_t>(want[i])];
                QCOMPARE(b.layer, want[i]);
                QCOMPARE(b.name, f.name);
                QCOMPARE(b.scale, f.scale);
                QVERIFY(b.mask == f.mask);
                QVERIFY(b.residualIn == f.residualIn);
                QVERIFY(b.x == f.x);
                QVERIFY(b.concat == f.concat);
                QVERIFY(b.out == f.out);
                QVERIFY(b.residualOut == f.residualOut);
                QVERIFY(b.wo == f.wo);
                QCOMPARE(b.heads.size(), f.heads.size());
                for (size_t h = 0; h < f.heads.size(); ++h) {
                    const auto &x = b.heads[h], &y = f.heads[h];
                    QVERIFY(x.q == y.q && x.k == y.k && x.v == y.v);
                    QVERIFY(x.scores == y.scores && x.scaled == y.scaled);
                    QVERIFY(x.weights == y.weights && x.out == y.out);
                    QVERIFY(b.wq[h] == f.wq[h] && b.wk[h] == f.wk[h] && b.wv[h] == f.wv[h]);
                }
            }
        }
        // A second trace of other layers after a filtered one: nothing stale.
        TraceOptions last;
        last.layers = {4};
        const AttentionTrace again = m.trace(one, last);
        QVERIFY(again.blocks[0].heads[1].weights == full.blocks[4].heads[1].weights);
    }

    void evaluationAllocatesNoGradients()
    {
        TransformerConfig c = tinyConfig();
        TransformerLM m(c, 4);
        m.setTraining(false);
        const Batch one = makeBatch(c, 1, 6, 3, false);
        (void)m.trace(one);
        (void)m.logits(one.inputs);
        (void)m.generate({1, 2}, 3);
        m.initWeights(5);
        QVERIFY(!m.params().hasGrads());
        // The first backward allocates them, and they are the loss's gradient: a small
        // step against them lowers the loss.
        m.setTraining(true);
        const Batch batch = makeBatch(c, 2, 5, 8, false);
        const double before = m.forward(batch).loss;
        m.backward();
        QVERIFY(m.params().hasGrads());
        QVERIFY(m.params().grads().squaredNorm() > 0.0f);
        m.params().values() -= 0.05f * m.params().grads();
        QVERIFY(m.forward(batch).loss < before);
    }

    void learnsAFixedBatch()
    {
        TransformerConfig c = tinyConfig();
        TransformerLM m(c, 2);
        const Batch batch = makeBatch(c, 2, 6, 30, false);
        double first = 0.0, last = 0.0;
        for (int step = 0; step < 300; ++step) {
            m.params().zeroGrads();
            last = m.forward(batch).loss;
            if (step == 0)
                first = last;
            m.backward();
            m.params().values() -= 0.5f * m.params().grads();
        }
        QVERIFY2(last < 0.2 * first, qPrintable(QString("%1 -> %2").arg(first).arg(last)));
    }

    void generation()
    {
        TransformerConfig c = tinyConfig();
        c.n_ctx = 16;
        c.vocab = 13;
        TransformerLM m(c, 8);
        test::randomizeWeights(m.params(), 9);
        const std::vector<TokenId> prompt = {3, 1, 4};
        GenerateOptions greedy;
        greedy.greedy = true;
        const auto g = m.generate(prompt, 10, greedy);
        QCOMPARE(int(g.size()), 10);
        // Greedy is the argmax of logits() step by step.
        std::vector<TokenId> seq = prompt;
        for (TokenId t : g) {
            const MatRM z = m.logits(seq);
            Index arg = 0;
            z.row(z.rows() - 1).maxCoeff(&arg);
            QCOMPARE(t, TokenId(arg));
            seq.push_back(t);
        }
        QCOMPARE(m.generateUncached(prompt, 10, greedy), g);
        // top-k = 1 is greedy whatever the temperature.
        GenerateOptions k1;
        k1.topK = 1;
        k1.temperature = 5.0f;
        QCOMPARE(m.generate(prompt, 10, k1), g);
        // Sampling: same seed, same samples; cached == uncached; past the context window too.
        GenerateOptions s;
        s.temperature = 1.5f;
        s.topK = 8;
        s.topP = 0.9f;
        s.seed = 42;
        const auto s1 = m.generate(prompt, 12, s);
        QCOMPARE(m.generate(prompt, 12, s), s1);
        QCOMPARE(m.generateUncached(prompt, 12, s), s1);
        s.seed = 43;
        const auto s2 = m.generate(prompt, 12, s);
        s.seed = 44;
        const auto s3 = m.generate(prompt, 12, s);
        QVERIFY(s2 != s1 || s3 != s1);
        // Longer than n_ctx: both keep running.
        GenerateOptions t;
        t.temperature = 1.0f;
        t.seed = 7;
        QCOMPARE(int(m.generate(prompt, 30, t).size()), 30);
        // Empty prompt, bad token, bad options are refused.
        QVERIFY_THROWS_EXCEPTION(Error, m.generate({}, 3));
        QVERIFY_THROWS_EXCEPTION(Error, m.generate({99}, 3));
        GenerateOptions bad;
        bad.topP = 0.0f;
        QVERIFY_THROWS_EXCEPTION(Error, m.generate(prompt, 3, bad));
    }

    void kvCacheMatchesRecomputation()
    {
        for (bool post : {false, true}) {
            TransformerConfig c = tinyConfig();
            c.n_ctx = 12;
            c.norm = post ? NormPlacement::Post : NormPlacement::Pre;
            TransformerLM m(c, 8);
            test::randomizeWeights(m.params(), 19);
            GenerateOptions g;
            g.greedy = true;
            QCOMPARE(m.generate({1, 2, 3}, 9, g), m.generateUncached({1, 2, 3}, 9, g));
        }
    }

    void benchmarkFlopCount()
    {
        // tiny: N = 2·12·64² + 96·64 = 104448 weights in products; 6N + 12·L·T·C
        // = 626688 + 12·2·64·64 = 724992 FLOPs per token.
        const auto tiny = benchPreset("tiny");
        QCOMPARE(trainFlopsPerToken(tiny.model, tiny.length), 724992.0);
        QCOMPARE(tiny.batch, 32);
        const auto small = benchPreset("small");
        QCOMPARE(small.model.d_model, 128);
        QCOMPARE(small.length, 128);
        QCOMPARE(benchPreset("long").length, 512);
        QVERIFY_THROWS_EXCEPTION(Error, benchPreset("huge"));
    }

    void badBatchesAreRefused()
    {
        TransformerConfig c = tinyConfig();
        TransformerLM m(c);
        Batch b = makeBatch(c, 1, 5, 1, false);
        b.inputs[2] = 11;
        QVERIFY_THROWS_EXCEPTION(Error, m.forward(b));
        b = makeBatch(c, 1, 5, 1, false);
        b.targets[2] = -2;
        QVERIFY_THROWS_EXCEPTION(Error, m.forward(b));
        b = makeBatch(c, 1, 7, 1, false); // longer than n_ctx
        QVERIFY_THROWS_EXCEPTION(Error, m.forward(b));
        b = makeBatch(c, 1, 5, 1, false);
        b.inputs.pop_back();
        QVERIFY_THROWS_EXCEPTION(Error, m.forward(b));
        TransformerLM fresh(c);
        QVERIFY_THROWS_EXCEPTION(Error, fresh.backward());
        QVERIFY_THROWS_EXCEPTION(Error, m.logits({}));
    }
};

QTEST_APPLESS_MAIN(TestTransformerLM)
#include "test_transformerlm.moc"
