#include "models/benchmark.h"

#include "core/error.h"
#include "core/threads.h"
#include "models/attentionclassifier.h"
#include "models/seq2seqrnn.h"
#include "models/transformerseq2seq.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <vector>

namespace attn {

BenchPreset benchPreset(const std::string &name)
{
    BenchPreset p;
    p.name = name;
    TransformerConfig &c = p.model;
    c.vocab = 96;
    c.n_heads = 4;
    c.dropout = 0.0f;
    if (name == "tiny") {
        c.n_ctx = 64;
        c.d_model = 64;
        c.n_layers = 2;
        p.batch = 32;
    } else if (name == "small") {
        c.n_ctx = 128;
        c.d_model = 128;
        c.n_layers = 4;
        p.batch = 16;
    } else if (name == "long") {
        c.n_ctx = 512;
        c.d_model = 64;
        c.n_layers = 1;
        p.batch = 4;
    } else {
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "unknown benchmark configuration '%1' (expected %2)"), name,
            "tiny, small, long, seq2seq-gru, seq2seq-tf or classify");
    }
    p.length = c.n_ctx;
    return p;
}

double trainFlopsPerToken(const TransformerConfig &c, int length)
{
    const double C = c.d_model, L = c.n_layers, V = c.vocab, F = c.ffDim();
    const double N = L * (4.0 * C * C + 2.0 * C * F) + V * C; // = L·12·C² + V·C when F = 4C
    return 6.0 * N + 12.0 * L * length * C;
}

namespace {
using Clock = std::chrono::steady_clock;
double seconds(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}
double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}
} // namespace

double measureGemmPeak(int reps)
{
    const Index n = 1024;
    MatRM a = MatRM::Random(n, n), b = MatRM::Random(n, n), c(n, n);
    c.noalias() = a * b; // warm up
    double best = 1e30;
    for (int r = 0; r < std::max(1, reps); ++r) {
        const auto t0 = Clock::now();
        c.noalias() = a * b;
        best = std::min(best, seconds(t0, Clock::now()));
    }
    return 2.0 * double(n) * double(n) * double(n) / best / 1e9;
}

BenchResult runBenchmark(const BenchPreset &preset, int steps, int warmup)
{
    TransformerLM model(preset.model, 1);
    Rng rng(2);
    Batch batch;
    batch.batch = preset.batch;
    batch.length = preset.length;
    const auto V = static_cast<std::uint64_t>(preset.model.vocab);
    for (int i = 0; i < preset.batch * preset.length; ++i) {
        batch.inputs.push_back(static_cast<TokenId>(rng.below(V)));
        batch.targets.push_back(static_cast<TokenId>(rng.below(V)));
    }
    const double tokens = double(preset.batch) * preset.length;
    steps = std::max(1, steps);

    model.setTraining(true);
    std::vector<double> times;
    for (int s = 0; s < warmup + steps; ++s) {
        const auto t0 = Clock::now();
        model.params().zeroGrads();
        model.forward(batch);
        model.backward();
        model.params().values() -= 1e-4f * model.params().grads(); // plain SGD step
        if (s >= warmup)
            times.push_back(seconds(t0, Clock::now()));
    }
    const double step = median(times);

    model.setTraining(false);
    times.clear();
    for (int s = 0; s < warmup + steps; ++s) {
        const auto t0 = Clock::now();
        model.forward(batch);
        if (s >= warmup)
            times.push_back(seconds(t0, Clock::now()));
    }
    const double fwd = median(times);

    BenchResult r;
    r.threads = threads();
    r.stepMs = step * 1e3;
    r.trainTokensPerS = tokens / step;
    r.fwdTokensPerS = tokens / fwd;
    r.gflops = trainFlopsPerToken(preset.model, preset.length) * r.trainTokensPerS / 1e9;
    r.gemmPeakGflops = measureGemmPeak();
    r.mfu = r.gflops / r.gemmPeakGflops;
    return r;
}

std::vector<std::string> modelBenchNames()
{
    return {"seq2seq-gru", "seq2seq-tf", "classify"};
}

bool isModelBenchName(const std::string &name)
{
    const auto names = modelBenchNames();
    return std::find(names.begin(), names.end(), name) != names.end();
}

namespace {

// B rows of random ids in [4, V) (past the special tokens): sources of length S, decoder
// inputs/targets of length T, labels in [0, classes).
Batch randomBatch(Rng &rng, int B, int S, int T, int V, int classes)
{
    Batch b;
    b.batch = B;
    b.sourceLength = S;
    b.length = T;
    const auto id = [&] { return static_cast<TokenId>(4 + rng.below(std::uint64_t(V - 4))); };
    for (int r = 0; r < B; ++r) {
        b.sourceLengths.push_back(S);
        for (int s = 0; s < S; ++s)
            b.source.push_back(id());
        if (T > 0) {
            b.inputs.push_back(1); // <bos>
            for (int t = 1; t < T; ++t)
                b.inputs.push_back(id());
            for (int t = 0; t < T; ++t)
                b.targets.push_back(id());
        }
        if (classes > 0)
            b.labels.push_back(static_cast<int>(rng.below(std::uint64_t(classes))));
    }
    return b;
}

std::vector<double> timeSteps(Model &model, const Batch &batch, int steps, int warmup, bool train)
{
    model.setTraining(train);
    std::vector<double> times;
    for (int s = 0; s < warmup + steps; ++s) {
        const auto t0 = Clock::now();
        if (train) {
            model.params().zeroGrads();
            model.forward(batch);
            model.backward();
            model.params().values() -= 1e-4f * model.params().grads();
        } else {
            model.forward(batch);
        }
        if (s >= warmup)
            times.push_back(seconds(t0, Clock::now()));
    }
    return times;
}

} // namespace

ModelBenchResult runModelBenchmark(const std::string &name, int steps, int warmup)
{
    std::unique_ptr<Model> model;
    Rng rng(3);
    Batch batch;
    if (name == "seq2seq-gru") {
        Seq2SeqRNNConfig c;
        c.vocab = 48;
        c.embedding = 32;
        c.hidden = 64;
        c.rnn = RnnCell::GRU;
        c.attention = RnnAttentionKind::Additive;
        model = std::make_unique<Seq2SeqRNN>(c, 1);
        batch = randomBatch(rng, 64, 24, 13, c.vocab, 0);
    } else if (name == "seq2seq-tf") {
        TransformerSeq2SeqConfig c;
        c.vocab = 48;
        c.d_model = 64;
        c.n_heads = 4;
        c.encoder_layers = c.decoder_layers = 2;
        model = std::make_unique<TransformerSeq2Seq>(c, 1);
        batch = randomBatch(rng, 64, 24, 13, c.vocab, 0);
    } else if (name == "classify") {
        AttentionClassifierConfig c;
        c.vocab = 256;
        c.classes = 2;
        c.d_model = 64;
        c.n_heads = 4;
        c.n_layers = 1;
        model = std::make_unique<AttentionClassifier>(c, 1);
        batch = randomBatch(rng, 64, 32, 0, c.vocab, 2);
    } else {
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "unknown benchmark configuration '%1' (expected %2)"), name,
            "seq2seq-gru, seq2seq-tf or classify");
    }
    steps = std::max(1, steps);
    ModelBenchResult r;
    r.name = name;
    r.threads = threads();
    r.batch = batch.batch;
    const double step = median(timeSteps(*model, batch, steps, warmup, true));
    const double fwd = median(timeSteps(*model, batch, steps, warmup, false));
    r.stepMs = step * 1e3;
    r.trainExamplesPerS = batch.batch / step;
    r.fwdExamplesPerS = batch.batch / fwd;
    return r;
}

} // namespace attn
