#pragma once

#include <cstdint>

namespace attn {

// A seeded generator whose stream is the same on every platform and compiler
// (xoshiro256** seeded through splitmix64; Box-Muller for normals), so that the
// same seed gives the same initial weights, batches and samples everywhere.
// std::normal_distribution is implementation-defined and is not used.
class Rng {
public:
    explicit Rng(std::uint64_t seed = 0x5eed) { reseed(seed); }

    void reseed(std::uint64_t seed);
    std::uint64_t next();
    // Uniform in [0, 1).
    float uniform() { return static_cast<float>(next() >> 40) * (1.0f / 16777216.0f); }
    double uniformDouble()
    {
        return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0);
    }
    // Uniform integer in [0, n); n > 0.
    std::uint64_t below(std::uint64_t n);
    // Standard normal.
    float normal();

private:
    std::uint64_t m_s[4] = {};
    bool m_hasSpare = false;
    float m_spare = 0.0f;
};

} // namespace attn
