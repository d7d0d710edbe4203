#pragma once

#include <string>

namespace attn {

// A learning-rate schedule: a factor in (0, 1] applied to the base learning
// rate at each step. Steps count from 0 (the first update).
struct LrSchedule {
    enum class Kind {
        Constant,     // factor 1 at every step
        WarmupCosine, // linear warmup, then half a cosine down to a floor
    };
    Kind kind = Kind::Constant;
    long long warmupSteps = 0; // WarmupCosine: steps 0..warmup-1 ramp up as (s+1)/warmup
    long long decaySteps = 0;  // WarmupCosine: the cosine reaches the floor at this step
    float floorFactor = 0.1f;  // WarmupCosine: the factor at and after decaySteps

    static LrSchedule constant() { return {}; }
    static LrSchedule warmupCosine(long long warmup, long long decaySteps, float floorFactor)
    {
        return {Kind::WarmupCosine, warmup, decaySteps, floorFactor};
    }

    // For step s (0-based), WarmupCosine gives
    //   s < warmup:          (s + 1) / warmup
    //   warmup <= s < decay: floor + (1 - floor) * 0.5 * (1 + cos(pi * (s - warmup) / (decay -
    //   warmup))) s >= decay:          floor
    double factor(long long step) const;
    // Throws attn::Error when the settings are out of range.
    void validate() const;
    std::string describe() const; // "constant", "warmup 100 + cosine to 0.1 at step 2000"
};

} // namespace attn
