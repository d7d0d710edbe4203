#include "trace/classprobabilities.h"

#include <Eigen/Core>

#include <algorithm>
#include <numeric>

namespace attn {

namespace {

// The k largest of p (n values), most likely first, equal ones in id order.
template <typename T> std::vector<RankedProbability> rankTop(const T *p, Index n, Index k)
{
    if (n <= 0)
        return {};
    k = std::clamp<Index>(k, 0, n);
    std::vector<Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), Index(0));
    std::partial_sort(order.begin(), order.begin() + k, order.end(),
                      [p](Index a, Index b) { return p[a] != p[b] ? p[a] > p[b] : a < b; });
    std::vector<RankedProbability> out;
    out.reserve(static_cast<std::size_t>(k));
    for (Index i = 0; i < k; ++i) {
        const Index id = order[static_cast<std::size_t>(i)];
        out.push_back({id, double(p[id])});
    }
    return out;
}

} // namespace

std::vector<float> softmaxOf(const float *logits, Index n)
{
    if (n <= 0)
        return {};
    Eigen::Map<const Eigen::ArrayXf> z(logits, n); // (n)
    const Eigen::ArrayXf e = (z - z.maxCoeff()).exp();
    const Eigen::ArrayXf p = e / e.sum();
    return std::vector<float>(p.data(), p.data() + n);
}

std::vector<float> classProbabilities(const AttentionTrace &trace)
{
    if (trace.logits.rows() != 1)
        return {};
    return softmaxOf(trace.logits.data(), trace.logits.cols()); // row 0 of (1, classes)
}

std::vector<RankedProbability> mostLikely(const float *probabilities, Index n, Index k)
{
    return rankTop(probabilities, n, k);
}

std::vector<RankedProbability> nextTokenProbabilities(const float *logits, Index n,
                                                      double temperature, Index k)
{
    if (n <= 0)
        return {};
    const double t = temperature > 1e-3 ? temperature : 1e-3; // also for NaN
    Eigen::Map<const Eigen::ArrayXf> z(logits, n);            // (n)
    const Eigen::ArrayXd e = ((z.cast<double>() - double(z.maxCoeff())) / t).exp();
    const Eigen::ArrayXd p = e / e.sum(); // (n), the largest logit's term is exp(0) = 1
    return rankTop(p.data(), n, k);
}

} // namespace attn
