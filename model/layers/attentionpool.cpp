#include "layers/attentionpool.h"

#include "layers/parallel.h"

#include <Eigen/Core>

#include <cmath>
#include <limits>

namespace attn {

AttentionPool AttentionPool::create(ParamStore &store, const std::string &prefix, Index channels,
                                    Index dim)
{
    AttentionPool p;
    p.channels = channels;
    p.dim = dim;
    p.proj = Linear::create(store, prefix + ".proj", channels, dim);
    p.v = store.add(prefix + ".v", {dim}, true);
    return p;
}

void AttentionPool::init(ParamStore &store, Rng &rng, float std) const
{
    proj.init(store, rng, std);
    auto w = store.valueVec(v);
    for (Index i = 0; i < w.size(); ++i)
        w(i) = std * rng.normal();
}

void AttentionPool::forward(const ParamStore &store, const float *h, Index batch, Index length,
                            const std::uint8_t *keyPad, float *out, Cache &cache) const
{
    const Index B = batch, T = length, N = B * T, C = channels, A = dim;
    cache.batch = B;
    cache.length = T;
    cache.pre.resize(static_cast<size_t>(N * A));
    cache.u.resize(static_cast<size_t>(N * A));
    cache.scores.resize(static_cast<size_t>(N));
    cache.weights.resize(static_cast<size_t>(N));
    proj.forward(store, h, N, cache.pre.data()); // pre = h·W + b
    CMapRM pre(cache.pre.data(), N, A);          // (B·T, A)
    MapRM u(cache.u.data(), N, A);               // (B·T, A)
    u = pre.array().tanh();                      // u = tanh(pre)
    Eigen::Map<VecF> e(cache.scores.data(), N);  // (B·T)
    e.noalias() = u * store.valueVec(v);         // e = u·v
    constexpr float inf = std::numeric_limits<float>::infinity();
#pragma omp parallel for schedule(static) if (B > 1 && N * C >= kParallelMinWork)
    for (Index b = 0; b < B; ++b) {
        const float *s = cache.scores.data() + b * T; // (T)
        float *a = cache.weights.data() + b * T;      // (T)
        const std::uint8_t *pad = keyPad ? keyPad + b * T : nullptr;
        // a = softmax over the row's tokens that are not padding
        float m = -inf;
        for (Index t = 0; t < T; ++t)
            if (!(pad && pad[t]))
                m = std::max(m, s[t]);
        float sum = 0.0f;
        for (Index t = 0; t < T; ++t) {
            a[t] = (m == -inf || (pad && pad[t])) ? 0.0f : std::exp(s[t] - m);
            sum += a[t];
        }
        if (sum > 0.0f)
            for (Index t = 0; t < T; ++t)
                a[t] /= sum;
        // c = Σ_t a_t·h_t
        Eigen::Map<RowVecF>(out + b * C, C).noalias() =
            Eigen::Map<const RowVecF>(a, T) * CMapRM(h + b * T * C, T, C);
    }
}

void AttentionPool::backward(ParamStore &store, const float *h, const float *dout, float *dh,
                             const Cache &cache, Scratch &scratch) const
{
    const Index B = cache.batch, T = cache.length, N = B * T, C = channels, A = dim;
    scratch.dpre.resize(static_cast<size_t>(N * A));
    const VecF vv = store.valueVec(v); // (A)
    CMapRM u(cache.u.data(), N, A);    // (B·T, A)
    MapRM dpre(scratch.dpre.data(), N, A);
    VecF de(N); // (B·T) d(loss)/d(e)
#pragma omp parallel for schedule(static) if (B > 1 && N * C >= kParallelMinWork)
    for (Index b = 0; b < B; ++b) {
        const float *a = cache.weights.data() + b * T; // (T)
        Eigen::Map<const RowVecF> dc(dout + b * C, C); // (C)
        CMapRM hb(h + b * T * C, T, C);                // (T, C)
        MapRM dhb(dh + b * T * C, T, C);               // (T, C)
        // c = Σ_t a_t·h_t  =>  dh_t += a_t·dc,  da_t = dc·h_t
        dhb.noalias() += Eigen::Map<const VecF>(a, T) * dc;
        const VecF da = hb * dc.transpose(); // (T)
        // a = softmax(e)  =>  de_t = a_t·(da_t - Σ_s a_s·da_s); padding has a = 0
        const float dot = Eigen::Map<const VecF>(a, T).dot(da);
        for (Index t = 0; t < T; ++t)
            de(b * T + t) = a[t] * (da(t) - dot);
    }
    // e = u·v  =>  dv += uᵀ·de,  du = de·vᵀ
    store.gradVec(v).noalias() += u.transpose() * de;
    // u = tanh(pre)  =>  dpre = du ⊙ (1 - u²)
    dpre = (de * vv.transpose()).array() * (1.0f - u.array().square());
    // pre = h·W + b
    proj.backward(store, h, N, scratch.dpre.data(), dh);
}

} // namespace attn
