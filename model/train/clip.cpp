#include "train/clip.h"

#include <cmath>

namespace attn {

double gradNorm(const ParamStore &params)
{
    const auto g = params.grads();
    double sum = 0.0;
    for (Index i = 0; i < g.size(); ++i)
        sum += static_cast<double>(g[i]) * static_cast<double>(g[i]);
    return std::sqrt(sum);
}

double clipGradNorm(ParamStore &params, double maxNorm)
{
    const double norm = gradNorm(params);
    if (std::isfinite(norm) && norm > maxNorm && norm > 0.0) {
        const float scale = static_cast<float>(maxNorm / norm);
        params.grads() *= scale;
    }
    return norm;
}

} // namespace attn
