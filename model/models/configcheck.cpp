#include "models/configcheck.h"

#include "core/error.h"

#include <cmath>
#include <string>

namespace attn::configcheck {

void between(const char *model, bool ok, const char *setting, int value, const char *lo,
             const char *hi)
{
    if (!ok)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: %2 %3 must be between %4 and %5"),
                         model, setting, value, lo, hi);
}

void dropout(const char *model, float p)
{
    if (!(std::isfinite(p) && p >= 0.0f && p < 1.0f))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: dropout %2 must be in [0, 1)"),
                         model, std::to_string(p));
}

void layerNormEpsilon(const char *model, float eps)
{
    if (!(std::isfinite(eps) && eps > 0.0f && eps < 1.0f))
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1 config: layer_norm_epsilon %2 must be in (0, 1)"), model,
            std::to_string(eps));
}

void parameterCount(const char *model, Index n)
{
    if (!(n <= (Index(1) << 31)))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 config: the model would have %2 parameters; "
                                                   "at most 2147483648 are supported"),
                         model, n);
}

} // namespace attn::configcheck
