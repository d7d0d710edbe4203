#include "layers/layernorm.h"

#include "layers/parallel.h"

#include <cmath>

namespace attn {

LayerNorm LayerNorm::create(ParamStore &store, const std::string &prefix, Index dim, float eps)
{
    LayerNorm l;
    l.dim = dim;
    l.eps = eps;
    l.weight = store.add(prefix + ".weight", {dim}, false);
    l.bias = store.add(prefix + ".bias", {dim}, false);
    return l;
}

void LayerNorm::init(ParamStore &store) const
{
    store.valueVec(weight).setOnes();
    store.valueVec(bias).setZero();
}

void LayerNorm::forward(const ParamStore &store, const float *x, Index n, float *y,
                        LayerNormCache &cache) const
{
    cache.mean.resize(static_cast<size_t>(n));
    cache.rstd.resize(static_cast<size_t>(n));
    const auto w = store.valueVec(weight).array(); // (dim)
    const auto b = store.valueVec(bias).array();   // (dim)
    const Index d = dim;
    float *meanp = cache.mean.data();
    float *rstdp = cache.rstd.data();
    const float e = eps;
#pragma omp parallel for schedule(static) if (n * d >= kParallelMinWork)
    for (Index i = 0; i < n; ++i) {
        Eigen::Map<const Eigen::ArrayXf> xi(x + i * d, d); // (dim) one row
        Eigen::Map<Eigen::ArrayXf> yi(y + i * d, d);
        const float m = xi.sum() / static_cast<float>(d);
        const float var = (xi - m).square().sum() / static_cast<float>(d);
        const float r = 1.0f / std::sqrt(var + e);
        meanp[i] = m;
        rstdp[i] = r;
        yi = (xi - m) * r * w + b;
    }
}

void LayerNorm::backward(ParamStore &store, const float *x, Index n, const LayerNormCache &cache,
                         const float *dy, float *dx) const
{
    const Index d = dim;
    const auto w = store.valueVec(weight).array(); // (dim)
    const float *meanp = cache.mean.data();
    const float *rstdp = cache.rstd.data();
    // dx += (dx̂ - mean(dx̂) - x̂·mean(dx̂·x̂))·rstd; rows are independent.
#pragma omp parallel for schedule(static) if (n * d >= kParallelMinWork)
    for (Index i = 0; i < n; ++i) {
        Eigen::Map<const Eigen::ArrayXf> xi(x + i * d, d);
        Eigen::Map<const Eigen::ArrayXf> dyi(dy + i * d, d);
        Eigen::Map<Eigen::ArrayXf> dxi(dx + i * d, d);
        const auto xhat = (xi - meanp[i]) * rstdp[i]; // (dim) x̂
        const auto dxhat = dyi * w;                   // (dim) dx̂
        const float mdx = dxhat.sum() / static_cast<float>(d);
        const float mdxx = (dxhat * xhat).sum() / static_cast<float>(d);
        dxi += (dxhat - mdx - xhat * mdxx) * rstdp[i];
    }
    // y = x̂·w + b  =>  dw += Σ_rows dy·x̂, db += Σ_rows dy. A sum over rows would
    // race between threads, so it runs once, in row order (deterministic).
    auto dw = store.gradVec(weight).array();
    auto db = store.gradVec(bias).array();
    for (Index i = 0; i < n; ++i) {
        Eigen::Map<const Eigen::ArrayXf> xi(x + i * d, d);
        Eigen::Map<const Eigen::ArrayXf> dyi(dy + i * d, d);
        dw += dyi * (xi - meanp[i]) * rstdp[i];
        db += dyi;
    }
}

} // namespace attn
