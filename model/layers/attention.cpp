#include "layers/attention.h"

#include "core/error.h"
#include "layers/parallel.h"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

namespace attn {

namespace {

using StridedMap = Eigen::Map<MatRM, 0, Eigen::OuterStride<>>;
using CStridedMap = Eigen::Map<const MatRM, 0, Eigen::OuterStride<>>;

// The products inside one head are small (T x d_k x T with d_k = 16..64), where
// a general GEMM spends most of its time packing. Two register-blocked kernels
// do them instead: R rows at a time, 16 columns (two AVX vectors) per step. Every
// output element is a sum in a fixed order, whatever R and the width are, so the
// results do not depend on how rows are grouped.
constexpr Index kLanes = 16;
constexpr int kRows = 4;

Index roundUp(Index n)
{
    return (n + kLanes - 1) / kLanes * kLanes;
}

// The kernels use Eigen's packet primitives (AVX2/FMA here, SSE or NEON on
// other builds) explicitly: GCC in ISO C++ mode does not contract a*b + c into
// an FMA, and its auto-vectoriser shuffles these loops badly.
using Packet = Eigen::internal::packet_traits<float>::type;
constexpr int kPacket = Eigen::internal::packet_traits<float>::size;
constexpr int kPackets = static_cast<int>(kLanes) / kPacket; // packets per 16 floats
static_assert(kLanes % kPacket == 0, "16 floats must be a whole number of packets");

inline Packet load(const float *p)
{
    return Eigen::internal::ploadu<Packet>(p);
}
inline void store(float *p, const Packet &x)
{
    Eigen::internal::pstoreu(p, x);
}
inline Packet broadcast(float x)
{
    return Eigen::internal::pset1<Packet>(x);
}
inline Packet fma(const Packet &a, const Packet &b, const Packet &c)
{
    return Eigen::internal::pmadd(a, b, c);
}

// Stores the first w of 16 values in acc to out.
inline void storePartial(float *out, const Packet *acc, Index w, bool accumulate)
{
    alignas(64) float tmp[kLanes];
    for (int p = 0; p < kPackets; ++p)
        store(tmp + p * kPacket, acc[p]);
    for (Index c = 0; c < w; ++c)
        out[c] = accumulate ? out[c] + tmp[c] : tmp[c];
}

// out[r][j] = Σ_k a[r][k] · bt[k][j] for r < R, j < ncols (a multiple of 16).
// a: R rows of d values, row stride lda; bt: (d, >= ncols), row stride ldb.
template <int R>
void dotRows(const float *a, Index lda, const float *bt, Index ldb, Index d, Index ncols,
             float *out, Index ldo)
{
    for (Index jb = 0; jb < ncols; jb += kLanes) {
        Packet acc[R][kPackets];
        for (int r = 0; r < R; ++r)
            for (int p = 0; p < kPackets; ++p)
                acc[r][p] = broadcast(0.0f);
        for (Index k = 0; k < d; ++k) {
            Packet bv[kPackets];
            for (int p = 0; p < kPackets; ++p)
                bv[p] = load(bt + k * ldb + jb + p * kPacket);
            for (int r = 0; r < R; ++r) {
                const Packet av = broadcast(a[r * lda + k]);
                for (int p = 0; p < kPackets; ++p)
                    acc[r][p] = fma(av, bv[p], acc[r][p]);
            }
        }
        for (int r = 0; r < R; ++r)
            for (int p = 0; p < kPackets; ++p)
                store(out + r * ldo + jb + p * kPacket, acc[r][p]);
    }
}

// out[r][c] (+)= Σ_{j in [k0, k1)} p[r][j] · v[j][c] for r < R, c < d.
// v: rows of >= roundUp(d) readable values (zero padded), row stride ldv.
template <int R>
void mixRows(const float *pm, Index ldp, Index k0, Index k1, const float *v, Index ldv, Index d,
             float *out, Index ldo, bool accumulate)
{
    for (Index cb = 0; cb < d; cb += kLanes) {
        Packet acc[R][kPackets];
        for (int r = 0; r < R; ++r)
            for (int p = 0; p < kPackets; ++p)
                acc[r][p] = broadcast(0.0f);
        for (Index j = k0; j < k1; ++j) {
            Packet vv[kPackets];
            for (int p = 0; p < kPackets; ++p)
                vv[p] = load(v + j * ldv + cb + p * kPacket);
            for (int r = 0; r < R; ++r) {
                const Packet pv = broadcast(pm[r * ldp + j]);
                for (int p = 0; p < kPackets; ++p)
                    acc[r][p] = fma(pv, vv[p], acc[r][p]);
            }
        }
        const Index w = std::min(kLanes, d - cb);
        for (int r = 0; r < R; ++r) {
            float *o = out + r * ldo + cb;
            if (w == kLanes) {
                for (int p = 0; p < kPackets; ++p)
                    store(o + p * kPacket,
                          accumulate ? Eigen::internal::padd(load(o + p * kPacket), acc[r][p])
                                     : acc[r][p]);
            } else {
                storePartial(o, acc[r], w, accumulate);
            }
        }
    }
}

// out[j][c] += Σ_{r < R} a[r][j] · x[r][c] for j in [0, keys), c < d: the
// transposed product (aᵀ·x) without forming aᵀ. x: R rows of >= roundUp(d)
// readable values, row stride ldx.
template <int R>
void accumulateTransposed(const float *a, Index lda, Index keys, const float *x, Index ldx, Index d,
                          float *out, Index ldo)
{
    for (Index cb = 0; cb < d; cb += kLanes) {
        Packet xr[R][kPackets];
        for (int r = 0; r < R; ++r)
            for (int p = 0; p < kPackets; ++p)
                xr[r][p] = load(x + r * ldx + cb + p * kPacket);
        const Index w = std::min(kLanes, d - cb);
        for (Index j = 0; j < keys; ++j) {
            float *o = out + j * ldo + cb;
            alignas(64) float tmp[kLanes] = {};
            float *src = w == kLanes ? o : tmp;
            if (w != kLanes)
                std::copy(o, o + w, tmp);
            Packet acc[kPackets];
            for (int p = 0; p < kPackets; ++p)
                acc[p] = load(src + p * kPacket);
            for (int r = 0; r < R; ++r) {
                const Packet av = broadcast(a[r * lda + j]);
                for (int p = 0; p < kPackets; ++p)
                    acc[p] = fma(av, xr[r][p], acc[p]);
            }
            for (int p = 0; p < kPackets; ++p)
                store(src + p * kPacket, acc[p]);
            if (w != kLanes)
                std::copy(tmp, tmp + w, o);
        }
    }
}

// Applies a kernel to rows [0, m) in groups of kRows, then one row at a time.
// f(rowStart, groupSize) with groupSize 4 or 1 dispatches to the template.
template <typename F> void forRowGroups(Index m, F f)
{
    Index i = 0;
    for (; i + kRows <= m; i += kRows)
        f(i, std::integral_constant<int, kRows>{});
    for (; i < m; ++i)
        f(i, std::integral_constant<int, 1>{});
}

// Copies a (rows, d) strided block into a contiguous (rows, ld) one, zero padded.
void copyPadded(const float *src, Index stride, Index rows, Index d, float *dst, Index ld)
{
    for (Index i = 0; i < rows; ++i) {
        std::copy(src + i * stride, src + i * stride + d, dst + i * ld);
        std::fill(dst + i * ld + d, dst + (i + 1) * ld, 0.0f);
    }
}

// dst (cols, ld) = srcᵀ for src (rows, cols) with row stride `stride`; columns
// rows..ld-1 of dst are zero.
void transposePadded(const float *src, Index stride, Index rows, Index cols, float *dst, Index ld)
{
    for (Index c = 0; c < cols; ++c)
        std::fill(dst + c * ld + rows, dst + (c + 1) * ld, 0.0f);
    for (Index i = 0; i < rows; ++i)
        for (Index c = 0; c < cols; ++c)
            dst[c * ld + i] = src[i * stride + c];
}

// Softmax over one row of scaled, masked scores, in place: s (n) raw q·k in,
// weights out. Masked entries become exactly 0. n is the number of leading
// keys that can be visible (i + 1 when causal), the same in every code path so
// that the sums are formed identically.
void softmaxRow(float *s, Index n, float scale, Index i, const AttentionConfig &cfg,
                const std::uint8_t *keyPad)
{
    Eigen::Map<Eigen::ArrayXf> row(s, n); // (n) raw q·k
    // Keys 0..n-1 are visible unless padded (n already excludes the causal future).
    bool anyPadded = false;
    if (keyPad) {
        for (Index j = 0; j < n; ++j) {
            if (attentionMasked(cfg, i, j, keyPad)) {
                s[j] = -std::numeric_limits<float>::infinity();
                anyPadded = true;
            }
        }
    }
    row *= scale;
    const float m = row.maxCoeff();
    if (m == -std::numeric_limits<float>::infinity()) {
        row.setZero(); // every key masked: no attention at all
        return;
    }
    row = (row - m).exp();
    if (anyPadded) // Eigen's exp(-inf) is a tiny denormal, not 0
        for (Index j = 0; j < n; ++j)
            if (keyPad[j])
                s[j] = 0.0f;
    row *= 1.0f / row.sum();
}

// Floats of per-thread scratch attention needs for length T and head size d.
Index scratchPerThread(Index T, Index d)
{
    const Index Tp = roundUp(T), Dp = roundUp(d);
    // A multiple of 16 floats keeps every thread's block 64-byte aligned.
    return roundUp(3 * T * Dp + d * Tp + T * Tp + kRows * Tp);
}

} // namespace

float attentionScale(const AttentionConfig &cfg, Index headDim)
{
    return cfg.scaled ? 1.0f / std::sqrt(static_cast<float>(headDim)) : 1.0f;
}

QkvLayout qkvLayout(const AttentionConfig &cfg, Index channels)
{
    if (cfg.heads < 1 || channels < cfg.heads || channels % cfg.heads != 0)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "attention: %1 channels do not split into "
                                                   "%2 heads of equal width"),
                         channels, cfg.heads);
    const int kv = cfg.kvHeads == 0 ? cfg.heads : cfg.kvHeads;
    if (kv < 1 || kv > cfg.heads || cfg.heads % kv != 0)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn",
                                           "attention: %1 key/value heads cannot be shared by "
                                           "%2 query heads; the query heads must be a whole "
                                           "multiple of them (kvHeads divides heads)"),
                         cfg.kvHeads, cfg.heads);
    QkvLayout l;
    l.heads = cfg.heads;
    l.kvHeads = kv;
    l.headDim = channels / cfg.heads;
    checkRotary(cfg.rotary, l.headDim);
    return l;
}

void attentionForward(const AttentionConfig &cfg, Index batch, Index length, Index channels,
                      const float *qkv, const std::uint8_t *keyPad, float *out,
                      AttentionCache &cache, bool recordScores)
{
    const QkvLayout L = qkvLayout(cfg, channels);
    const Index B = batch, T = length, C = channels, H = L.heads, D = L.headDim, width = L.width();
    const Index Tp = roundUp(T), Dp = roundUp(D);
    const float scale = attentionScale(cfg, D);
    cache.batch = B;
    cache.length = T;
    cache.weights.resize(static_cast<size_t>(B * H * T * T));
    if (recordScores)
        cache.scores.resize(static_cast<size_t>(B * H * T * T));
    const Index perThread = scratchPerThread(T, D);
    cache.scratch.resize(static_cast<size_t>(parallelMaxThreads() * perThread));
    float *weights = cache.weights.data();
    float *scores = recordScores ? cache.scores.data() : nullptr;
    float *scratch = cache.scratch.data();
    const Index tasks = B * H;
    // One task per query head; the heads of a group only read their shared k and v.
#pragma omp parallel for schedule(static) if (tasks > 1 && B * T * T * D >= kParallelMinWork)
    for (Index task = 0; task < tasks; ++task) {
        const Index b = task / H, h = task % H, g = L.kvHeadOf(h);
        const float *row = qkv + b * T * width; // (T, W) this sequence's rows
        const float *q = row + L.qCol(h);       // (T, d_k), row stride W
        const float *k = row + L.kCol(g);       // (T, d_k)
        const float *v = row + L.vCol(g);       // (T, d_k)
        float *o = out + b * T * C + h * D;     // (T, d_k), row stride C
        float *W = weights + task * T * T;      // (T, T) this head's weights
        const std::uint8_t *pad = keyPad ? keyPad + b * T : nullptr;
        float *kt = scratch + static_cast<Index>(parallelThreadIndex()) * perThread; // (d_k, Tp) kᵀ
        float *vc = kt + D * Tp;   // (T, Dp) v, contiguous
        float *srow = vc + T * Dp; // (kRows, Tp) one group's scores
        transposePadded(k, width, T, D, kt, Tp);
        copyPadded(v, width, T, D, vc, Dp);
        forRowGroups(T, [&](Index i0, auto rowsTag) {
            constexpr int R = decltype(rowsTag)::value;
            // keys any row of the group can see: i0 + R when causal
            const Index keys = cfg.causal ? std::min(T, i0 + R) : T;
            const Index ncols = recordScores ? Tp : roundUp(keys);
            // S = q·kᵀ for rows i0..i0+R-1
            dotRows<R>(q + i0 * width, width, kt, Tp, D, ncols, srow, Tp);
            for (int r = 0; r < R; ++r) {
                const Index i = i0 + r;
                float *s = srow + r * Tp;
                if (scores)
                    std::copy(s, s + T, scores + task * T * T + i * T);
                const Index n = cfg.causal ? i + 1 : T; // leading keys that can be visible
                softmaxRow(s, n, scale, i, cfg, pad);
                std::copy(s, s + n, W + i * T);
                std::fill(W + i * T + n, W + (i + 1) * T, 0.0f);
            }
            // out = P·v
            mixRows<R>(W + i0 * T, T, 0, keys, vc, Dp, D, o + i0 * C, C, false);
        });
    }
}

void attentionBackward(const AttentionConfig &cfg, Index batch, Index length, Index channels,
                       const float *qkv, const float *dout, AttentionCache &cache, float *dqkv)
{
    const QkvLayout L = qkvLayout(cfg, channels);
    const Index B = batch, T = length, C = channels, H = L.heads, Hkv = L.kvHeads;
    const Index G = L.group(), D = L.headDim, width = L.width();
    const Index Tp = roundUp(T), Dp = roundUp(D);
    const float scale = attentionScale(cfg, D);
    const Index perThread = scratchPerThread(T, D);
    cache.scratch.resize(static_cast<size_t>(parallelMaxThreads() * perThread));
    const float *weights = cache.weights.data();
    float *scratch = cache.scratch.data();
    const Index tasks = B * Hkv;
    // One task per (b, key/value head g): it writes dk_g, dv_g and the dq of g's query
    // heads, columns no other task touches. Those query heads add into dk_g and dv_g one
    // after another, in order, so the sums do not depend on the threads. Without sharing
    // (G = 1) this is one task per (b, h).
#pragma omp parallel for schedule(static) if (tasks > 1 && B * T * T * D >= kParallelMinWork)
    for (Index task = 0; task < tasks; ++task) {
        const Index b = task / Hkv, g = task % Hkv;
        const float *row = qkv + b * T * width; // (T, W) this sequence's rows
        const float *k = row + L.kCol(g);       // (T, d_k), row stride W
        const float *v = row + L.vCol(g);       // (T, d_k)
        float *drow = dqkv + b * T * width;     // (T, W)
        float *dk = drow + L.kCol(g);           // (T, d_k), row stride W
        float *dv = drow + L.vCol(g);           // (T, d_k)
        float *kc = scratch + static_cast<Index>(parallelThreadIndex()) * perThread; // (T, Dp) k
        float *qc = kc + T * Dp;                                                     // (T, Dp)
        float *doc = qc + T * Dp;                                                    // (T, Dp)
        float *vt = doc + T * Dp; // (d_k, Tp) vᵀ
        float *dS = vt + D * Tp;  // (kRows, Tp) one group's dP, then dS
        copyPadded(k, width, T, D, kc, Dp);
        transposePadded(v, width, T, D, vt, Tp);
        for (Index h = g * G; h < (g + 1) * G; ++h) {
            const float *q = row + L.qCol(h);               // (T, d_k), row stride W
            float *dq = drow + L.qCol(h);                   // (T, d_k), row stride W
            const float *dO = dout + b * T * C + h * D;     // (T, d_k), row stride C
            const float *P = weights + (b * H + h) * T * T; // (T, T)
            copyPadded(q, width, T, D, qc, Dp);
            copyPadded(dO, C, T, D, doc, Dp);
            forRowGroups(T, [&](Index i0, auto rowsTag) {
                constexpr int R = decltype(rowsTag)::value;
                const Index keys = cfg.causal ? std::min(T, i0 + R) : T;
                // out = P·v  =>  dP = dout·vᵀ
                dotRows<R>(dO + i0 * C, C, vt, Tp, D, roundUp(keys), dS, Tp);
                // P = softmax(scale·S)  =>  dS = scale · P ⊙ (dP - Σ_j P·dP)
                for (int r = 0; r < R; ++r) {
                    Eigen::Map<const Eigen::ArrayXf> p(P + (i0 + r) * T, keys);
                    Eigen::Map<Eigen::ArrayXf> d(dS + r * Tp, keys);
                    const float dot = (p * d).sum();
                    d = scale * p * (d - dot);
                }
                // S = q·kᵀ  =>  dq += dS·k, dk += dSᵀ·q
                mixRows<R>(dS, Tp, 0, keys, kc, Dp, D, dq + i0 * width, width, true);
                accumulateTransposed<R>(dS, Tp, keys, qc + i0 * Dp, Dp, D, dk, width);
                // out = P·v  =>  dv += Pᵀ·dout
                accumulateTransposed<R>(P + i0 * T, T, keys, doc + i0 * Dp, Dp, D, dv, width);
            });
        }
    }
}

void attentionDecode(const AttentionConfig &cfg, Index len, Index channels, const float *q,
                     const float *keys, const float *values, Index stride, float *out,
                     float *scratch)
{
    const QkvLayout L = qkvLayout(cfg, channels);
    const Index H = L.heads, D = L.headDim;
    const float scale = attentionScale(cfg, D);
    AttentionConfig rowCfg = cfg;
    rowCfg.causal = false; // every cached key is at or before the query
    for (Index h = 0; h < H; ++h) {
        const Index g = L.kvHeadOf(h);
        CStridedMap K(keys + g * D, len, D, Eigen::OuterStride<>(stride));   // (len, d_k)
        CStridedMap V(values + g * D, len, D, Eigen::OuterStride<>(stride)); // (len, d_k)
        Eigen::Map<const Eigen::RowVectorXf> qh(q + h * D, D);               // (d_k)
        Eigen::Map<Eigen::RowVectorXf> s(scratch, len);                      // (len)
        s.noalias() = qh * K.transpose();
        softmaxRow(scratch, len, scale, len - 1, rowCfg, nullptr);
        Eigen::Map<Eigen::RowVectorXf> o(out + h * D, D);
        o.noalias() = s * V;
    }
}

} // namespace attn
