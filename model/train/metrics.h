#pragma once

#include <Eigen/Core>

#include <string>
#include <vector>

namespace attn {

// Classification metrics from true and predicted labels in [0, classes).
// A class that is never predicted has precision 0, one that never occurs has
// recall 0, and F1 is 0 when precision + recall is 0 (scikit-learn's
// zero_division=0 convention).
struct ClassificationMetrics {
    int classes = 0;
    long long total = 0;
    // confusion(t, p): examples of true class t predicted as p.
    Eigen::Matrix<long long, Eigen::Dynamic, Eigen::Dynamic> confusion;
    double accuracy = 0.0;          // Σ_c confusion(c, c) / total
    std::vector<double> precision;  // (classes) tp / (tp + fp)
    std::vector<double> recall;     // (classes) tp / (tp + fn)
    std::vector<double> f1;         // (classes) 2·P·R / (P + R)
    std::vector<long long> support; // (classes) examples of each true class
    double macroF1 = 0.0;           // mean of f1 over the classes
    // The accuracy of always answering the most frequent true class.
    double majorityBaseline = 0.0;

    // A table for people: one row per class (name from names when given).
    std::string report(const std::vector<std::string> &names = {}) const;
};

// Throws attn::Error when the vectors differ in length, are empty, classes < 1,
// or a label is outside [0, classes).
ClassificationMetrics classificationMetrics(const std::vector<int> &truth,
                                            const std::vector<int> &predicted, int classes);

} // namespace attn
