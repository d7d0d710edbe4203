#include "models/benchmark.h"

#include "core/error.h"
#include "core/threads.h"

#include <algorithm>
#include <chrono>
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
        throw Error("unknown benchmark configuration '" + name +
                    "' (expected tiny, small or long)");
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

} // namespace attn
