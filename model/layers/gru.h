#pragma once

// The GRU step of RecurrentCell (see recurrent.h for the equations). Called
// through RecurrentCell::forward/backward; not meant to be used on its own.

#include "layers/recurrent.h"

namespace attn {

void gruStepForward(const RecurrentCell &cell, const ParamStore &P, RecurrentCell::Step &s);
// dh (b, H) = d(loss)/d(s.h). Sets dx (b, in), dh0 (b, H); adds parameter gradients.
void gruStepBackward(const RecurrentCell &cell, const ParamStore &P, float *grads,
                     const RecurrentCell::Step &s, const MatRM &dh, MatRM &dx, MatRM &dh0);

} // namespace attn
