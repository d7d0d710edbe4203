#pragma once

// The Qt Test side of the gradient checks (common/gradcheck.h): CHECK_GRADS(result) fails
// the test with the checker's report unless every gradient agreed, and unless the
// gradients were large enough to mean something.

#include "common/gradcheck.h"

#include <QString>
#include <QTest>

namespace attn::test {

inline QString failText(const GradCheckResult &r)
{
    return QString("%1 of %2 gradients differ (largest |g| %3):\n%4")
        .arg(r.failed)
        .arg(r.checked)
        .arg(r.gradScale)
        .arg(QString::fromStdString(r.report));
}

} // namespace attn::test

#define CHECK_GRADS(result)                                                                        \
    do {                                                                                           \
        const auto &res_ = (result);                                                               \
        QVERIFY2(res_.failed == 0, qPrintable(attn::test::failText(res_)));                        \
        QVERIFY(res_.gradScale > 1e-3);                                                            \
    } while (0)
