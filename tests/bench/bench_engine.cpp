// Prints the engine's training-speed figures (the same as `attentionlab-cli bench`)
// for every preset at 1 and 2 threads, and GPT-2 small's generation speed with
// random weights. Usage: bench_engine [steps] [--no-gpt2 | --gpt2-only]
#include "core/threads.h"
#include "models/benchmark.h"
#include "models/transformerlm.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace attn;

int main(int argc, char **argv)
{
    const int steps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    bool gpt2 = true, presets = true;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--no-gpt2") == 0)
            gpt2 = false;
        if (std::strcmp(argv[i], "--gpt2-only") == 0)
            presets = false;
    }
    std::printf("%-6s %7s %12s %12s %9s %9s %6s\n", "config", "threads", "train tok/s", "fwd tok/s",
                "GFLOP/s", "peak", "MFU");
    for (const char *name : {"tiny", "small", "long"}) {
        if (!presets)
            break;
        for (int t : {1, 2}) {
            setThreads(t);
            const BenchResult r = runBenchmark(benchPreset(name), steps);
            std::printf("%-6s %7d %12.0f %12.0f %9.1f %9.1f %6.3f\n", name, r.threads,
                        r.trainTokensPerS, r.fwdTokensPerS, r.gflops, r.gemmPeakGflops, r.mfu);
        }
    }
    if (!gpt2)
        return 0;
    // GPT-2 small (124M parameters), random weights: generation speed with the KV cache.
    TransformerConfig g;
    g.vocab = 50257;
    g.n_ctx = 1024;
    g.d_model = 768;
    g.n_heads = 12;
    g.n_layers = 12;
    TransformerLM model(g, 1);
    GenerateOptions o;
    o.greedy = true;
    for (int t : {1, 2}) {
        setThreads(t);
        const std::vector<TokenId> prompt = {464, 3290, 318, 257};
        const auto t0 = std::chrono::steady_clock::now();
        const int n = 32;
        const auto out = model.generate(prompt, n, o);
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("gpt2-small generate, %d thread(s): %.1f tokens/s (%zu tokens)\n", t,
                    double(out.size()) / s, out.size());
    }
    return 0;
}
