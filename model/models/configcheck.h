#pragma once

#include "core/types.h"

// The range checks every model config's validate() makes, with one translatable message
// each: "<model> config: <setting> <value> must be ...". Each throws attn::Error when the
// value is out of range and does nothing otherwise.
namespace attn::configcheck {

// ok is the caller's range test; lo and hi name the range in the message.
void between(const char *model, bool ok, const char *setting, int value, const char *lo,
             const char *hi);
void dropout(const char *model, float p);            // finite, in [0, 1)
void layerNormEpsilon(const char *model, float eps); // finite, in (0, 1)
void parameterCount(const char *model, Index n);     // at most 2^31 (Index of the flat store)

} // namespace attn::configcheck
