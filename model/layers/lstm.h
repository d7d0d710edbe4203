#pragma once

// The LSTM step of RecurrentCell (see recurrent.h for the equations). Called
// through RecurrentCell::forward/backward; not meant to be used on its own.

#include "layers/recurrent.h"

namespace attn {

void lstmStepForward(const RecurrentCell &cell, const ParamStore &P, RecurrentCell::Step &s);
// dh, dc (b, H) = d(loss)/d(s.h), d(loss)/d(s.c) (dc may be empty: zero). Sets
// dx (b, in), dh0, dc0 (b, H); adds parameter gradients.
void lstmStepBackward(const RecurrentCell &cell, const ParamStore &P, float *grads,
                      const RecurrentCell::Step &s, const MatRM &dh, const MatRM &dc, MatRM &dx,
                      MatRM &dh0, MatRM &dc0);

} // namespace attn
