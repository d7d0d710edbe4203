#include "trace/classprobabilities.h"

#include <Eigen/Core>

namespace attn {

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

} // namespace attn
