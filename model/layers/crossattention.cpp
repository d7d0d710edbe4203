#include "layers/crossattention.h"

#include "layers/parallel.h"

#include <Eigen/Core>

#include <cmath>
#include <limits>

namespace attn {

namespace {

using StridedMap = Eigen::Map<MatRM, 0, Eigen::OuterStride<>>;
using CStridedMap = Eigen::Map<const MatRM, 0, Eigen::OuterStride<>>;

// Softmax of one row of n scaled scores in place; keys with pad[j] != 0 get
// exactly 0, and a row with every key padded is all 0.
void maskedSoftmax(float *s, Index n, const std::uint8_t *pad)
{
    constexpr float inf = std::numeric_limits<float>::infinity();
    float m = -inf;
    for (Index j = 0; j < n; ++j)
        if (!(pad && pad[j]))
            m = std::max(m, s[j]);
    if (m == -inf) {
        std::fill(s, s + n, 0.0f);
        return;
    }
    float sum = 0.0f;
    for (Index j = 0; j < n; ++j) {
        s[j] = (pad && pad[j]) ? 0.0f : std::exp(s[j] - m);
        sum += s[j];
    }
    const float inv = 1.0f / sum;
    for (Index j = 0; j < n; ++j)
        s[j] *= inv;
}

} // namespace

CrossAttention CrossAttention::create(ParamStore &store, const std::string &prefix, Index channels,
                                      int heads, bool scaled)
{
    CrossAttention a;
    a.channels = channels;
    a.heads = heads;
    a.scaled = scaled;
    a.qProj = Linear::create(store, prefix + ".q_proj", channels, channels);
    a.kProj = Linear::create(store, prefix + ".k_proj", channels, channels);
    a.vProj = Linear::create(store, prefix + ".v_proj", channels, channels);
    a.outProj = Linear::create(store, prefix + ".out_proj", channels, channels);
    return a;
}

void CrossAttention::init(ParamStore &store, Rng &rng, float std, float outStd) const
{
    qProj.init(store, rng, std);
    kProj.init(store, rng, std);
    vProj.init(store, rng, std);
    outProj.init(store, rng, outStd);
}

float CrossAttention::scale() const
{
    const Index D = channels / heads;
    return scaled ? 1.0f / std::sqrt(static_cast<float>(D)) : 1.0f;
}

void CrossAttention::forward(const ParamStore &store, const float *x, const float *memory,
                             Index batch, Index queries, Index keys, const std::uint8_t *keyPad,
                             float *y, Cache &cache, bool recordScores) const
{
    const Index B = batch, Tq = queries, Tk = keys, C = channels, H = heads, D = C / H;
    const float sc = scale();
    cache.batch = B;
    cache.queries = Tq;
    cache.keys = Tk;
    cache.q.resize(static_cast<size_t>(B * Tq * C));
    cache.k.resize(static_cast<size_t>(B * Tk * C));
    cache.v.resize(static_cast<size_t>(B * Tk * C));
    cache.concat.resize(static_cast<size_t>(B * Tq * C));
    cache.weights.resize(static_cast<size_t>(B * H * Tq * Tk));
    if (recordScores)
        cache.scores.resize(static_cast<size_t>(B * H * Tq * Tk));
    qProj.forward(store, x, B * Tq, cache.q.data());      // q = x·W_q + b_q
    kProj.forward(store, memory, B * Tk, cache.k.data()); // k = m·W_k + b_k
    vProj.forward(store, memory, B * Tk, cache.v.data()); // v = m·W_v + b_v
    const Index tasks = B * H;
#pragma omp parallel for schedule(static) if (tasks > 1 && B * Tq * Tk * D >= kParallelMinWork)
    for (Index task = 0; task < tasks; ++task) {
        const Index b = task / H, h = task % H;
        CStridedMap q(cache.q.data() + b * Tq * C + h * D, Tq, D,
                      Eigen::OuterStride<>(C)); // (Tq, d_k)
        CStridedMap k(cache.k.data() + b * Tk * C + h * D, Tk, D,
                      Eigen::OuterStride<>(C)); // (Tk, d_k)
        CStridedMap v(cache.v.data() + b * Tk * C + h * D, Tk, D,
                      Eigen::OuterStride<>(C)); // (Tk, d_k)
        StridedMap o(cache.concat.data() + b * Tq * C + h * D, Tq, D, Eigen::OuterStride<>(C));
        MapRM P(cache.weights.data() + task * Tq * Tk, Tq, Tk); // (Tq, Tk)
        P.noalias() = q * k.transpose();                        // S = q·kᵀ
        if (recordScores)
            MapRM(cache.scores.data() + task * Tq * Tk, Tq, Tk) = P;
        P *= sc;
        const std::uint8_t *pad = keyPad ? keyPad + b * Tk : nullptr;
        for (Index i = 0; i < Tq; ++i)
            maskedSoftmax(P.data() + i * Tk, Tk, pad); // P = softmax_rows(masked S)
        o.noalias() = P * v;                           // out = P·v
    }
    outProj.forward(store, cache.concat.data(), B * Tq, y); // y = concat·W_o + b_o
}

void CrossAttention::backward(ParamStore &store, const float *x, const float *memory,
                              const float *dy, float *dx, float *dmemory, const Cache &cache,
                              Scratch &scratch) const
{
    const Index B = cache.batch, Tq = cache.queries, Tk = cache.keys, C = channels, H = heads,
                D = C / H;
    const float sc = scale();
    scratch.dconcat.assign(static_cast<size_t>(B * Tq * C), 0.0f);
    scratch.dq.assign(static_cast<size_t>(B * Tq * C), 0.0f);
    scratch.dk.assign(static_cast<size_t>(B * Tk * C), 0.0f);
    scratch.dv.assign(static_cast<size_t>(B * Tk * C), 0.0f);
    // y = concat·W_o + b_o
    outProj.backward(store, cache.concat.data(), B * Tq, dy, scratch.dconcat.data());
    const Index tasks = B * H;
    // Each (b, h) writes its own columns of dq, dk, dv: no two tasks touch the same value.
#pragma omp parallel for schedule(static) if (tasks > 1 && B * Tq * Tk * D >= kParallelMinWork)
    for (Index task = 0; task < tasks; ++task) {
        const Index b = task / H, h = task % H;
        const Eigen::OuterStride<> st(C);
        CStridedMap q(cache.q.data() + b * Tq * C + h * D, Tq, D, st); // (Tq, d_k)
        CStridedMap k(cache.k.data() + b * Tk * C + h * D, Tk, D, st); // (Tk, d_k)
        CStridedMap v(cache.v.data() + b * Tk * C + h * D, Tk, D, st); // (Tk, d_k)
        CStridedMap dO(scratch.dconcat.data() + b * Tq * C + h * D, Tq, D, st);
        StridedMap dq(scratch.dq.data() + b * Tq * C + h * D, Tq, D, st);
        StridedMap dk(scratch.dk.data() + b * Tk * C + h * D, Tk, D, st);
        StridedMap dv(scratch.dv.data() + b * Tk * C + h * D, Tk, D, st);
        CMapRM P(cache.weights.data() + task * Tq * Tk, Tq, Tk); // (Tq, Tk)
        // out = P·v  =>  dP = dout·vᵀ, dv += Pᵀ·dout
        MatRM dS = dO * v.transpose(); // (Tq, Tk) dP, then dS
        dv.noalias() += P.transpose() * dO;
        // P = softmax(scale·S)  =>  dS = scale · P ⊙ (dP - Σ_j P·dP); padded keys have P = 0
        for (Index i = 0; i < Tq; ++i) {
            const float dot = P.row(i).dot(dS.row(i));
            dS.row(i) = sc * P.row(i).cwiseProduct((dS.row(i).array() - dot).matrix());
        }
        // S = q·kᵀ  =>  dq += dS·k, dk += dSᵀ·q
        dq.noalias() += dS * k;
        dk.noalias() += dS.transpose() * q;
    }
    // q = x·W_q + b_q;  k = m·W_k + b_k;  v = m·W_v + b_v
    qProj.backward(store, x, B * Tq, scratch.dq.data(), dx);
    kProj.backward(store, memory, B * Tk, scratch.dk.data(), dmemory);
    vProj.backward(store, memory, B * Tk, scratch.dv.data(), dmemory);
}

} // namespace attn
