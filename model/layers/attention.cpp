#include "layers/attention.h"

#include "layers/parallel.h"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <limits>

namespace attn {

namespace {

using StridedMap = Eigen::Map<MatRM, 0, Eigen::OuterStride<>>;
using CStridedMap = Eigen::Map<const MatRM, 0, Eigen::OuterStride<>>;

// Causal attention is computed in blocks of query rows: block [r0, r1) needs
// keys 0..r1-1 only, which skips most of the masked upper triangle.
constexpr Index kRowBlock = 64;

// Softmax over one row of scaled, masked scores, in place: s (n) raw q·k in,
// weights out. Masked entries become exactly 0.
void softmaxRow(float *s, Index n, float scale, Index i, const AttentionConfig &cfg,
                const std::uint8_t *keyPad)
{
    float m = -std::numeric_limits<float>::infinity();
    for (Index j = 0; j < n; ++j) {
        if (attentionMasked(cfg, i, j, keyPad)) {
            s[j] = -std::numeric_limits<float>::infinity();
        } else {
            s[j] *= scale;
            m = std::max(m, s[j]);
        }
    }
    Eigen::Map<Eigen::ArrayXf> row(s, n);
    if (m == -std::numeric_limits<float>::infinity()) {
        row.setZero(); // every key masked: no attention at all
        return;
    }
    row = (row - m).exp(); // exp(-inf) = 0 for masked keys
    row *= 1.0f / row.sum();
}

} // namespace

float attentionScale(const AttentionConfig &cfg, Index headDim)
{
    return cfg.scaled ? 1.0f / std::sqrt(static_cast<float>(headDim)) : 1.0f;
}

void attentionForward(const AttentionConfig &cfg, Index batch, Index length, Index channels,
                      const float *qkv, const std::uint8_t *keyPad, float *out,
                      AttentionCache &cache, bool recordScores)
{
    const Index B = batch, T = length, C = channels, H = cfg.heads, D = C / H;
    const float scale = attentionScale(cfg, D);
    cache.batch = B;
    cache.length = T;
    cache.weights.resize(static_cast<size_t>(B * H * T * T));
    if (recordScores)
        cache.scores.resize(static_cast<size_t>(B * H * T * T));
    float *weights = cache.weights.data();
    float *scores = recordScores ? cache.scores.data() : nullptr;
    const Index tasks = B * H;
#pragma omp parallel for schedule(static) if (tasks > 1 && B * T * T * D >= kParallelMinWork)
    for (Index task = 0; task < tasks; ++task) {
        const Index b = task / H, h = task % H;
        const float *base = qkv + b * T * 3 * C + h * D;
        CStridedMap Q(base, T, D, Eigen::OuterStride<>(3 * C));               // (T, d_k)
        CStridedMap K(base + C, T, D, Eigen::OuterStride<>(3 * C));           // (T, d_k)
        CStridedMap V(base + 2 * C, T, D, Eigen::OuterStride<>(3 * C));       // (T, d_k)
        StridedMap O(out + b * T * C + h * D, T, D, Eigen::OuterStride<>(C)); // (T, d_k)
        float *W = weights + task * T * T; // (T, T) this head's weights
        const std::uint8_t *pad = keyPad ? keyPad + b * T : nullptr;
        const Index block = cfg.causal ? kRowBlock : T;
        for (Index r0 = 0; r0 < T; r0 += block) {
            const Index rows = std::min(block, T - r0);
            const Index keys = cfg.causal ? r0 + rows : T;
            StridedMap S(W + r0 * T, rows, keys, Eigen::OuterStride<>(T)); // (rows, keys)
            S.noalias() = Q.middleRows(r0, rows) * K.topRows(keys).transpose();
            for (Index r = 0; r < rows; ++r) {
                float *srow = W + (r0 + r) * T;
                if (scores) {
                    std::copy(srow, srow + keys, scores + task * T * T + (r0 + r) * T);
                    std::fill(scores + task * T * T + (r0 + r) * T + keys,
                              scores + task * T * T + (r0 + r) * T + T, 0.0f);
                }
                softmaxRow(srow, keys, scale, r0 + r, cfg, pad);
                std::fill(srow + keys, srow + T, 0.0f); // beyond the block: masked
            }
            O.middleRows(r0, rows).noalias() = S * V.topRows(keys);
        }
    }
}

void attentionBackward(const AttentionConfig &cfg, Index batch, Index length, Index channels,
                       const float *qkv, const float *dout, AttentionCache &cache, float *dqkv)
{
    const Index B = batch, T = length, C = channels, H = cfg.heads, D = C / H;
    const float scale = attentionScale(cfg, D);
    const Index block = cfg.causal ? std::min(kRowBlock, T) : T;
    const int threads = parallelMaxThreads();
    cache.scratch.resize(static_cast<size_t>(threads * block * T));
    const float *weights = cache.weights.data();
    float *scratch = cache.scratch.data();
    const Index tasks = B * H;
    // Each (b, h) writes its own columns of dqkv: no two tasks touch the same value.
#pragma omp parallel for schedule(static) if (tasks > 1 && B * T * T * D >= kParallelMinWork)
    for (Index task = 0; task < tasks; ++task) {
        const Index b = task / H, h = task % H;
        const float *base = qkv + b * T * 3 * C + h * D;
        CStridedMap Q(base, T, D, Eigen::OuterStride<>(3 * C));         // (T, d_k)
        CStridedMap K(base + C, T, D, Eigen::OuterStride<>(3 * C));     // (T, d_k)
        CStridedMap V(base + 2 * C, T, D, Eigen::OuterStride<>(3 * C)); // (T, d_k)
        float *dbase = dqkv + b * T * 3 * C + h * D;
        StridedMap dQ(dbase, T, D, Eigen::OuterStride<>(3 * C));
        StridedMap dK(dbase + C, T, D, Eigen::OuterStride<>(3 * C));
        StridedMap dV(dbase + 2 * C, T, D, Eigen::OuterStride<>(3 * C));
        CStridedMap dO(dout + b * T * C + h * D, T, D, Eigen::OuterStride<>(C)); // (T, d_k)
        const float *W = weights + task * T * T;
        float *dPbuf = scratch + static_cast<Index>(parallelThreadIndex()) * block * T;
        for (Index r0 = 0; r0 < T; r0 += block) {
            const Index rows = std::min(block, T - r0);
            const Index keys = cfg.causal ? r0 + rows : T;
            CStridedMap P(W + r0 * T, rows, keys, Eigen::OuterStride<>(T)); // (rows, keys)
            Eigen::Map<MatRM> dP(dPbuf, rows, keys);                        // (rows, keys)
            // out = P·v  =>  dP = dout·vᵀ, dv += Pᵀ·dout
            dP.noalias() = dO.middleRows(r0, rows) * V.topRows(keys).transpose();
            dV.topRows(keys).noalias() += P.transpose() * dO.middleRows(r0, rows);
            // P = softmax(S)  =>  dS = P ⊙ (dP - Σ_j P·dP); S = scale·q·kᵀ adds the scale.
            for (Index r = 0; r < rows; ++r) {
                auto p = P.row(r).array();
                auto d = dP.row(r).array();
                const float dot = (p * d).sum();
                d = scale * p * (d - dot);
            }
            // S = scale·q·kᵀ  =>  dq += dS·k, dk += dSᵀ·q
            dQ.middleRows(r0, rows).noalias() += dP * K.topRows(keys);
            dK.topRows(keys).noalias() += dP.transpose() * Q.middleRows(r0, rows);
        }
    }
}

void attentionDecode(const AttentionConfig &cfg, Index len, Index channels, const float *q,
                     const float *keys, const float *values, Index stride, float *out,
                     float *scratch)
{
    const Index C = channels, H = cfg.heads, D = C / H;
    const float scale = attentionScale(cfg, D);
    AttentionConfig rowCfg = cfg;
    rowCfg.causal = false; // every cached key is at or before the query
    for (Index h = 0; h < H; ++h) {
        CStridedMap K(keys + h * D, len, D, Eigen::OuterStride<>(stride));   // (len, d_k)
        CStridedMap V(values + h * D, len, D, Eigen::OuterStride<>(stride)); // (len, d_k)
        Eigen::Map<const Eigen::RowVectorXf> qh(q + h * D, D);               // (d_k)
        Eigen::Map<Eigen::RowVectorXf> s(scratch, len);                      // (len)
        s.noalias() = qh * K.transpose();
        softmaxRow(scratch, len, scale, len - 1, rowCfg, nullptr);
        Eigen::Map<Eigen::RowVectorXf> o(out + h * D, D);
        o.noalias() = s * V;
    }
}

} // namespace attn
