#pragma once

// Finite-difference gradient checking shared by the layer and model tests
// (central differences, as in ggml's test-backend-ops and tiny-dnn's gradient_check),
// and the random inputs and weights those checks run on. Header-only; a test includes it
// as "common/gradcheck.h".

#include "core/params.h"
#include "core/rng.h"
#include "core/types.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace attn::test {

// n standard normals times scale, from seed.
inline std::vector<float> randomVec(Index n, std::uint64_t seed, float scale = 1.0f)
{
    Rng rng(seed);
    std::vector<float> v(static_cast<size_t>(n));
    for (auto &x : v)
        x = scale * rng.normal();
    return v;
}

// Every parameter of a layer's store drawn from N(0, scale²).
inline void randomize(ParamStore &p, std::uint64_t seed, float scale = 0.5f)
{
    Rng rng(seed);
    for (Index i = 0; i < p.size(); ++i)
        p.values()(i) = scale * rng.normal();
}

// A whole model's weights, large enough that every gradient is well above the
// finite-difference noise: LayerNorm gains (GPT-2's "ln_*.weight", BART's
// "*layer_norm.weight") near 1 (1 + 0.2·N), everything else scale·N.
inline void randomizeWeights(ParamStore &p, std::uint64_t seed, float scale = 0.35f)
{
    Rng rng(seed);
    for (const auto &e : p.entries()) {
        const bool weight =
            e.name.size() >= 7 && e.name.compare(e.name.size() - 7, 7, ".weight") == 0;
        const bool lnGain = weight && (e.name.find("ln_") != std::string::npos ||
                                       e.name.find("layer_norm") != std::string::npos);
        float *v = p.values().data() + e.offset;
        for (Index i = 0; i < e.size; ++i)
            v[i] = lnGain ? 1.0f + 0.2f * rng.normal() : scale * rng.normal();
    }
}

// A scalar loss of a layer's output: L = Σ r·y in double, so dL/dy = r.
inline double projLoss(const float *y, const std::vector<float> &r)
{
    double s = 0.0;
    for (size_t i = 0; i < r.size(); ++i)
        s += double(r[i]) * y[i];
    return s;
}

struct GradCheckResult {
    int checked = 0;
    int failed = 0;
    double maxAbsError = 0.0;
    double gradScale = 0.0; // largest |numeric| seen
    Index worstIndex = -1;
    std::vector<Index> failedIndices;
    std::string report;
};

struct GradCheckOptions {
    double step = 1e-2;     // h in (f(x+h) - f(x-h)) / 2h
    double rtol = 2e-2;     // relative to max(|analytic|, |numeric|) of the entry
    double atolFrac = 2e-3; // absolute, as a fraction of the largest |numeric| gradient
};

// loss(): evaluates the scalar loss at the current values (double where the code
// under test allows it). values/analytic: the parameters and the gradient the
// code computed for them, n entries; indices: which to check (all when empty).
inline GradCheckResult gradCheck(const std::function<double()> &loss, float *values,
                                 const float *analytic, Index n, const GradCheckOptions &o = {},
                                 std::vector<Index> indices = {})
{
    if (indices.empty()) {
        indices.resize(static_cast<size_t>(n));
        for (Index i = 0; i < n; ++i)
            indices[static_cast<size_t>(i)] = i;
    }
    GradCheckResult r;
    std::vector<double> numeric(indices.size());
    for (size_t k = 0; k < indices.size(); ++k) {
        const Index i = indices[k];
        const float x0 = values[i];
        const float xp = static_cast<float>(x0 + o.step);
        const float xm = static_cast<float>(x0 - o.step);
        values[i] = xp;
        const double fp = loss();
        values[i] = xm;
        const double fm = loss();
        values[i] = x0;
        // The step actually taken in float, not the one asked for.
        numeric[k] = (fp - fm) / (static_cast<double>(xp) - static_cast<double>(xm));
        r.gradScale = std::max(r.gradScale, std::abs(numeric[k]));
    }
    std::ostringstream os;
    for (size_t k = 0; k < indices.size(); ++k) {
        const Index i = indices[k];
        const double a = analytic[i], num = numeric[k];
        const double err = std::abs(a - num);
        const double tol = o.rtol * std::max(std::abs(a), std::abs(num)) + o.atolFrac * r.gradScale;
        ++r.checked;
        if (err > r.maxAbsError) {
            r.maxAbsError = err;
            r.worstIndex = i;
        }
        if (!(err <= tol)) {
            ++r.failed;
            r.failedIndices.push_back(i);
            if (r.failed <= 5)
                os << "  [" << i << "] analytic " << a << " numeric " << num << "\n";
        }
    }
    r.report = os.str();
    return r;
}

} // namespace attn::test
