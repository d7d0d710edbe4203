#include "cli/cli.h"

#include "core/buildinfo.h"
#include "core/threads.h"
#include "models/benchmark.h"

#include <nlohmann/json.hpp>

#include <iomanip>

namespace attn::cli {

namespace {

// An encoder-decoder or the classifier: examples/s with 1 and 2 threads (or only
// --threads N when given) and the speed-up of the most threads over one.
int benchModel(const std::string &name, int threadCount, int steps, bool json, std::ostream &out)
{
    std::vector<int> counts =
        threadCount > 0 ? std::vector<int>{threadCount} : std::vector<int>{1, 2};
    std::vector<ModelBenchResult> results;
    for (int t : counts) {
        setThreads(t);
        results.push_back(runModelBenchmark(name, steps));
    }
    const double speedup = results.back().trainExamplesPerS / results.front().trainExamplesPerS;
    if (json) {
        nlohmann::json j;
        j["config"] = name;
        j["batch"] = results.front().batch;
        for (const ModelBenchResult &r : results) {
            nlohmann::json row;
            row["threads"] = r.threads;
            row["train_examples_per_s"] = r.trainExamplesPerS;
            row["fwd_examples_per_s"] = r.fwdExamplesPerS;
            row["step_ms"] = r.stepMs;
            j["runs"].push_back(row);
        }
        if (results.size() > 1)
            j["speedup"] = speedup;
        out << j.dump() << "\n";
        return 0;
    }
    out << "config " << name << ": B=" << results.front().batch << ", " << simdLevel() << "\n";
    for (const ModelBenchResult &r : results)
        out << std::fixed << std::setprecision(1) << r.threads << " thread(s): train "
            << r.trainExamplesPerS << " examples/s (" << std::setprecision(2) << r.stepMs
            << " ms/step, median of " << steps << "), forward " << std::setprecision(1)
            << r.fwdExamplesPerS << " examples/s\n";
    if (results.size() > 1)
        out << std::setprecision(2) << "speed-up    " << speedup << "x with "
            << results.back().threads << " threads\n";
    return 0;
}

} // namespace

// attentionlab-cli bench --config tiny|small|long [--threads N] [--steps N] [--json]
int runBench(const Args &args, std::ostream &out, std::ostream & /*err*/)
{
    const std::string name = args.value("config", "small");
    const int threadCount = static_cast<int>(args.integer("threads", 0, 0, 1024));
    const int steps = static_cast<int>(args.integer("steps", 10, 1, 100000));
    const bool json = args.flag("json");
    args.rejectUnused();
    if (isModelBenchName(name))
        return benchModel(name, threadCount, steps, json, out);
    const BenchPreset preset = benchPreset(name);
    setThreads(threadCount);
    const BenchResult r = runBenchmark(preset, steps);
    if (json) {
        nlohmann::json j;
        j["config"] = name;
        j["train_tokens_per_s"] = r.trainTokensPerS;
        j["fwd_tokens_per_s"] = r.fwdTokensPerS;
        j["gflops"] = r.gflops;
        j["gemm_peak_gflops"] = r.gemmPeakGflops;
        j["mfu"] = r.mfu;
        j["threads"] = r.threads;
        j["step_ms"] = r.stepMs;
        out << j.dump() << "\n";
        return 0;
    }
    const auto &c = preset.model;
    out << std::fixed << std::setprecision(1) << "config " << name << ": V=" << c.vocab
        << " T=" << preset.length << " C=" << c.d_model << " H=" << c.n_heads << " L=" << c.n_layers
        << " B=" << preset.batch << ", " << r.threads << " thread(s), " << simdLevel() << "\n"
        << "train       " << r.trainTokensPerS << " tokens/s (" << std::setprecision(2) << r.stepMs
        << " ms/step, median of " << steps << ")\n"
        << std::setprecision(1) << "forward     " << r.fwdTokensPerS << " tokens/s\n"
        << "achieved    " << r.gflops << " GFLOP/s (6N + 12LTC per token)\n"
        << "GEMM peak   " << r.gemmPeakGflops << " GFLOP/s (Eigen fp32 1024^3)\n"
        << std::setprecision(3) << "MFU         " << r.mfu << "\n";
    return 0;
}

} // namespace attn::cli
