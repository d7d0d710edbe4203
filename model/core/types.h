#pragma once

#include <Eigen/Core>

#include <cstdint>

namespace attn {

using Index = Eigen::Index;

// Row-major is the engine's layout: a (T, C) activation is T contiguous rows,
// which is how tokens are laid out and how safetensors stores matrices.
using MatRM = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MapRM = Eigen::Map<MatRM>;
using CMapRM = Eigen::Map<const MatRM>;
using VecF = Eigen::VectorXf;
using MapVec = Eigen::Map<VecF>;
using CMapVec = Eigen::Map<const VecF>;
using RowVecF = Eigen::RowVectorXf;

using TokenId = std::int32_t;

} // namespace attn
