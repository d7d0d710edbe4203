#pragma once

#include "core/params.h"

namespace attn {

// The global L2 norm of all gradients, sqrt(sum g^2), accumulated in double.
// NaN or infinity when a gradient is.
double gradNorm(const ParamStore &params);

// Scales all gradients by maxNorm / norm when their global norm exceeds maxNorm,
// so that the norm afterwards is maxNorm; leaves them untouched otherwise (and
// when the norm is not finite). Returns the norm before clipping.
double clipGradNorm(ParamStore &params, double maxNorm);

} // namespace attn
