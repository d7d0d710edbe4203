#pragma once

#include "models/transformerlm.h"

#include <string>
#include <vector>

namespace attn {

// The engine's training-speed benchmark, shared by `attentionlab-cli bench` and
// tests/bench/bench_engine.
struct BenchPreset {
    std::string name;
    TransformerConfig model;
    int batch = 1;
    int length = 1;
};

// "tiny" (T=64 C=64 H=4 L=2 B=32), "small" (T=128 C=128 H=4 L=4 B=16),
// "long" (T=512 C=64 H=4 L=1 B=4); V=96, GPT-2 style, no dropout.
// Throws attn::Error for another name.
BenchPreset benchPreset(const std::string &name);

// Model FLOPs per trained token: 6·N + 12·L·T·C, N = weights in matrix products
// (L·12·C² + V·C for the tied head; with d_ff = 4C).
double trainFlopsPerToken(const TransformerConfig &c, int length);

struct BenchResult {
    int threads = 1;
    double trainTokensPerS = 0.0; // forward + backward + SGD update
    double fwdTokensPerS = 0.0;   // forward with loss, evaluation mode
    double gflops = 0.0;          // achieved model GFLOP/s in training
    double gemmPeakGflops = 0.0;  // Eigen fp32 1024³ matmul, same thread count
    double mfu = 0.0;             // gflops / gemmPeakGflops
    double stepMs = 0.0;          // median training step
};

// The best of `reps` 1024 x 1024 x 1024 fp32 products with Eigen, in GFLOP/s.
double measureGemmPeak(int reps = 5);

// Times `steps` training steps (median) after `warmup` ones, and as many
// forward passes, on random tokens, with the thread count in force.
BenchResult runBenchmark(const BenchPreset &preset, int steps, int warmup = 2);

// Training and forward throughput of the encoder-decoders and the classifier, in
// examples/s, on random token batches (the speed does not depend on the data):
//   "seq2seq-gru": Seq2SeqRNN, GRU, additive attention, E=32 H=64, S=24 T=13, B=64, V=48
//   "seq2seq-tf":  TransformerSeq2Seq, C=64 H=4, 2+2 layers, S=24 T=13, B=64, V=48
//   "classify":    AttentionClassifier, Transformer encoder C=64 H=4 L=1, T=32, B=64, V=256
struct ModelBenchResult {
    std::string name;
    int threads = 1;
    int batch = 0;
    double trainExamplesPerS = 0.0; // forward + backward + SGD update
    double fwdExamplesPerS = 0.0;   // forward with loss, evaluation mode
    double stepMs = 0.0;            // median training step
};
std::vector<std::string> modelBenchNames();
bool isModelBenchName(const std::string &name);
// With the thread count in force; throws attn::Error for an unknown name.
ModelBenchResult runModelBenchmark(const std::string &name, int steps, int warmup = 2);

} // namespace attn
