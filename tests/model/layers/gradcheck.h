#pragma once

// Finite-difference gradient checking shared by the layer and model tests
// (central differences, as in ggml's test-backend-ops and tiny-dnn's gradient_check).

#include "core/types.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace attn::test {

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
