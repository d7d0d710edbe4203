#include "layers/crossentropy.h"

#include "layers/parallel.h"

#include <Eigen/Core>

#include <cmath>

namespace attn {

double crossEntropyForward(const float *logits, Index n, Index vocab, const TokenId *targets,
                           CrossEntropyCache &cache)
{
    cache.probs.resize(static_cast<size_t>(n * vocab));
    cache.rowLoss.resize(static_cast<size_t>(n));
    DoubleBuffer &rowLoss = cache.rowLoss;
    float *probs = cache.probs.data();
    Index correct = 0;
#pragma omp parallel for schedule(static) reduction(+ : correct) if (n * vocab >= kParallelMinWork)
    for (Index i = 0; i < n; ++i) {
        Eigen::Map<const Eigen::ArrayXf> z(logits + i * vocab, vocab); // (V) one row
        Eigen::Map<Eigen::ArrayXf> p(probs + i * vocab, vocab);
        Index arg = 0;
        const float m = z.maxCoeff(&arg);
        p = (z - m).exp();
        const float sum = p.sum();
        p *= 1.0f / sum;
        const TokenId t = targets[i];
        if (t >= 0) {
            // -log softmax(z)[t] = log Σ exp(z - m) - (z[t] - m), in double.
            rowLoss[static_cast<size_t>(i)] =
                std::log(static_cast<double>(sum)) - static_cast<double>(z(t) - m);
            if (arg == t)
                ++correct;
        } else {
            rowLoss[static_cast<size_t>(i)] = 0.0;
        }
    }
    // Summed in row order so that the loss does not depend on the thread count.
    double total = 0.0;
    Index counted = 0;
    for (Index i = 0; i < n; ++i) {
        total += rowLoss[static_cast<size_t>(i)];
        counted += targets[i] >= 0 ? 1 : 0;
    }
    cache.counted = counted;
    cache.correct = correct;
    cache.loss = counted > 0 ? total / static_cast<double>(counted) : 0.0;
    return cache.loss;
}

void crossEntropyBackward(const CrossEntropyCache &cache, Index n, Index vocab,
                          const TokenId *targets, float *dlogits, float scale)
{
    if (cache.counted == 0)
        return;
    const float w = scale / static_cast<float>(cache.counted);
    const float *probs = cache.probs.data();
#pragma omp parallel for schedule(static) if (n * vocab >= kParallelMinWork)
    for (Index i = 0; i < n; ++i) {
        const TokenId t = targets[i];
        if (t < 0)
            continue;
        Eigen::Map<const Eigen::ArrayXf> p(probs + i * vocab, vocab);
        Eigen::Map<Eigen::ArrayXf> d(dlogits + i * vocab, vocab);
        // loss_i = -log p[t]  =>  dz = p - onehot(t)
        d += w * p;
        d(t) -= w;
    }
}

} // namespace attn
