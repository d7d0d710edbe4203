#include "train/metrics.h"

#include "core/error.h"

#include <algorithm>
#include <cstdio>

namespace attn {

ClassificationMetrics classificationMetrics(const std::vector<int> &truth,
                                            const std::vector<int> &predicted, int classes)
{
    if (classes < 1)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "metrics: the number of classes must be at least 1, got %1"),
            std::to_string(classes));
    if (truth.size() != predicted.size() || truth.empty())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "metrics: %1 true labels and %2 predictions; "
                                                   "expected the same number, at least one"),
                         std::to_string(truth.size()), std::to_string(predicted.size()));
    ClassificationMetrics m;
    m.classes = classes;
    m.total = static_cast<long long>(truth.size());
    m.confusion.setZero(classes, classes);
    for (size_t i = 0; i < truth.size(); ++i) {
        const int t = truth[i], p = predicted[i];
        if (t < 0 || t >= classes || p < 0 || p >= classes)
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn", "metrics: label %1 or prediction %2 of example %3 is outside [0, %4)"),
                std::to_string(t), std::to_string(p), std::to_string(i), std::to_string(classes));
        ++m.confusion(t, p);
    }
    const auto k = static_cast<size_t>(classes);
    m.precision.assign(k, 0.0);
    m.recall.assign(k, 0.0);
    m.f1.assign(k, 0.0);
    m.support.assign(k, 0);
    long long correct = 0, most = 0;
    for (int c = 0; c < classes; ++c) {
        const long long tp = m.confusion(c, c);
        const long long predictedC = m.confusion.col(c).sum(); // tp + fp
        const long long actualC = m.confusion.row(c).sum();    // tp + fn
        const auto i = static_cast<size_t>(c);
        m.support[i] = actualC;
        correct += tp;
        most = std::max(most, actualC);
        m.precision[i] = predictedC > 0 ? double(tp) / double(predictedC) : 0.0;
        m.recall[i] = actualC > 0 ? double(tp) / double(actualC) : 0.0;
        const double s = m.precision[i] + m.recall[i];
        m.f1[i] = s > 0.0 ? 2.0 * m.precision[i] * m.recall[i] / s : 0.0;
        m.macroF1 += m.f1[i] / classes;
    }
    m.accuracy = double(correct) / double(m.total);
    m.majorityBaseline = double(most) / double(m.total);
    return m;
}

std::string ClassificationMetrics::report(const std::vector<std::string> &names) const
{
    std::string out = "class          precision  recall      f1  support\n";
    char line[160];
    for (int c = 0; c < classes; ++c) {
        const auto i = static_cast<size_t>(c);
        const std::string name = i < names.size() ? names[i] : std::to_string(c);
        std::snprintf(line, sizeof line, "%-14s %9.3f %7.3f %7.3f %8lld\n", name.c_str(),
                      precision[i], recall[i], f1[i], support[i]);
        out += line;
    }
    std::snprintf(line, sizeof line,
                  "accuracy %.3f, macro F1 %.3f, majority baseline %.3f (%lld)\n", accuracy,
                  macroF1, majorityBaseline, total);
    out += line;
    return out;
}

} // namespace attn
