#include "layers/activation.h"

#include "layers/parallel.h"

#include <Eigen/Core>

#include <algorithm>

namespace attn {

namespace {
constexpr float kSqrt2OverPi = 0.7978845608028654f;
constexpr float kGeluCubic = 0.044715f;
constexpr Index kChunk = 4096;
} // namespace

void activationForward(Activation act, const float *x, Index n, float *y)
{
    const Index chunks = (n + kChunk - 1) / kChunk;
#pragma omp parallel for schedule(static) if (n >= kParallelMinWork)
    for (Index c = 0; c < chunks; ++c) {
        const Index s = c * kChunk;
        const Index len = std::min(kChunk, n - s);
        Eigen::Map<const Eigen::ArrayXf> X(x + s, len); // (len) slice
        Eigen::Map<Eigen::ArrayXf> Y(y + s, len);
        if (act == Activation::GeluTanh)
            Y = 0.5f * X * (1.0f + (kSqrt2OverPi * (X + kGeluCubic * X.cube())).tanh());
        else
            Y = X.max(0.0f);
    }
}

void activationBackward(Activation act, const float *x, Index n, const float *dy, float *dx)
{
    const Index chunks = (n + kChunk - 1) / kChunk;
#pragma omp parallel for schedule(static) if (n >= kParallelMinWork)
    for (Index c = 0; c < chunks; ++c) {
        const Index s = c * kChunk;
        const Index len = std::min(kChunk, n - s);
        Eigen::Map<const Eigen::ArrayXf> X(x + s, len);
        Eigen::Map<const Eigen::ArrayXf> dY(dy + s, len);
        Eigen::Map<Eigen::ArrayXf> dX(dx + s, len);
        if (act == Activation::GeluTanh) {
            // y = 0.5·x·(1 + t), t = tanh(u), u = √(2/π)(x + 0.044715x³)
            // dy/dx = 0.5(1 + t) + 0.5·x·(1 - t²)·√(2/π)(1 + 3·0.044715x²)
            alignas(64) float tbuf[kChunk];
            Eigen::Map<Eigen::ArrayXf> t(tbuf, len); // (len) tanh(u)
            t = (kSqrt2OverPi * (X + kGeluCubic * X.cube())).tanh();
            dX = dY * (0.5f * (1.0f + t) + 0.5f * X * (1.0f - t.square()) * kSqrt2OverPi *
                                               (1.0f + 3.0f * kGeluCubic * X.square()));
        } else {
            dX = (X > 0.0f).select(dY, 0.0f);
        }
    }
}

} // namespace attn
