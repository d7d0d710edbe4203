#include "train/schedule.h"

#include "core/error.h"

#include <cmath>
#include <sstream>

namespace attn {

double LrSchedule::factor(long long step) const
{
    if (kind == Kind::Constant)
        return 1.0;
    if (step < 0)
        step = 0;
    if (step < warmupSteps)
        return static_cast<double>(step + 1) / static_cast<double>(warmupSteps);
    if (step >= decaySteps)
        return floorFactor;
    const double progress =
        static_cast<double>(step - warmupSteps) / static_cast<double>(decaySteps - warmupSteps);
    const double cosine = 0.5 * (1.0 + std::cos(3.14159265358979323846 * progress));
    return floorFactor + (1.0 - floorFactor) * cosine;
}

void LrSchedule::validate() const
{
    if (kind == Kind::Constant)
        return;
    if (warmupSteps < 0)
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn", "learning-rate warmup of %1 steps is out of range: expected 0 or more"),
            std::to_string(warmupSteps));
    if (decaySteps <= warmupSteps)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "learning-rate decay ends at step %1, which is not after the "
                                      "warmup of %2 steps: expected decay steps > warmup steps"),
            std::to_string(decaySteps), std::to_string(warmupSteps));
    if (!(std::isfinite(floorFactor) && floorFactor >= 0.0f && floorFactor <= 1.0f))
        throw Error::fmt(
            QT_TRANSLATE_NOOP(
                "attn", "learning-rate floor factor %1 is out of range: expected 0 <= floor <= 1"),
            std::to_string(floorFactor));
}

std::string LrSchedule::describe() const
{
    if (kind == Kind::Constant)
        return "constant";
    std::ostringstream s;
    s << "warmup " << warmupSteps << " + cosine to " << floorFactor << " at step " << decaySteps;
    return s.str();
}

} // namespace attn
