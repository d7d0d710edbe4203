#include "layers/dropout.h"

namespace attn {

void dropoutForward(float p, bool training, Rng &rng, float *x, Index n, DropoutCache &cache)
{
    if (!training || p <= 0.0f) {
        cache.mask.clear();
        return;
    }
    cache.mask.resize(static_cast<size_t>(n));
    const float keep = 1.0f / (1.0f - p);
    for (Index i = 0; i < n; ++i) {
        const float m = rng.uniform() < p ? 0.0f : keep;
        cache.mask[static_cast<size_t>(i)] = m;
        x[i] *= m;
    }
}

void dropoutBackward(const DropoutCache &cache, float *d, Index n)
{
    if (cache.mask.empty())
        return;
    // y = x·mask  =>  dx = dy·mask
    for (Index i = 0; i < n; ++i)
        d[i] *= cache.mask[static_cast<size_t>(i)];
}

const float *dropoutGradient(const DropoutCache &cache, const FloatBuffer &dy, FloatBuffer &tmp)
{
    if (cache.mask.empty())
        return dy.data();
    tmp = dy;
    dropoutBackward(cache, tmp.data(), static_cast<Index>(tmp.size()));
    return tmp.data();
}

} // namespace attn
