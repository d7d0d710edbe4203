#pragma once

// Small operations on the engine's activation buffers, shared by the models.

#include "core/aligned.h"
#include "core/types.h"

#include <Eigen/Core>

#include <cstddef>

namespace attn::buffers {

// Sized to n elements; no allocation when the shape repeats (contents unspecified).
template <typename V> void ensure(V &v, Index n)
{
    v.resize(static_cast<std::size_t>(n));
}

// n zeros.
inline void zero(FloatBuffer &v, Index n)
{
    v.assign(static_cast<std::size_t>(n), 0.0f);
}

// a (n) = b + c
inline void addInto(float *a, const float *b, const float *c, Index n)
{
    Eigen::Map<Eigen::ArrayXf>(a, n) =
        Eigen::Map<const Eigen::ArrayXf>(b, n) + Eigen::Map<const Eigen::ArrayXf>(c, n);
}

} // namespace attn::buffers
