// The Q/K/V sandbox: presets against values worked out here, editing a cell recomputes
// every step at once, the temperature slider and the causal toggle, bad input is refused
// with a message and keeps the last good result.
#include "walkthrough/sandboxview.h"
#include "walkthrough/walkthroughview.h"

#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

#include <cmath>

using namespace attn;

namespace {

// Softmax of a row of raw scores with scale s over keys [0, n).
std::vector<double> softmax(const std::vector<double> &scores, double s, int n)
{
    std::vector<double> e(scores.size(), 0.0);
    double sum = 0;
    for (int j = 0; j < n; ++j)
        sum += e[size_t(j)] = std::exp(scores[size_t(j)] * s);
    for (double &x : e)
        x /= sum;
    return e;
}

QStringList shownWeights(const WalkthroughView *v)
{
    QStringList out;
    for (const WtItem &it : v->currentPage().items)
        if (it.kind == WtItem::Kind::Bars)
            for (const WtCell &c : it.bars.texts)
                out << c.text;
    return out;
}

} // namespace

class TestSandboxView : public QObject {
    Q_OBJECT
private slots:
    void identicalKeysGiveExactlyOneHalf()
    {
        SandboxView s;
        s.applyPreset(SandboxPreset::IdenticalKeys);
        QVERIFY(s.errorText().isEmpty());
        const HeadTrace &h = s.trace()->blocks[0].heads[0];
        QCOMPARE(h.weights(0, 0), 0.5f);
        QCOMPARE(h.weights(0, 1), 0.5f);
        QCOMPARE(h.weights(1, 0), 0.5f);
        // The walkthrough opened at the softmax step, and it shows 0.5000 twice.
        QVERIFY(s.walkthrough()->currentPage().title.contains(QStringLiteral("Softmax")));
        QCOMPARE(shownWeights(s.walkthrough()),
                 QStringList({QStringLiteral("0.5000"), QStringLiteral("0.5000")}));
    }

    void fitsANarrowTab()
    {
        // The main window's tab next to its docks is ~900 px wide.
        SandboxView s;
        s.applyPreset(SandboxPreset::Causal);
        qInfo("sandbox minimum width %d px", s.minimumSizeHint().width());
        QVERIFY2(s.minimumSizeHint().width() <= 900,
                 qPrintable(QString::number(s.minimumSizeHint().width())));
        s.resize(900, 700);
        s.show();
        QVERIFY(QTest::qWaitForWindowExposed(&s));
        const WalkthroughView *v = s.walkthrough();
        QVERIFY(v->geometry().right() < 900);
        QVERIFY(v->width() >= 400);
    }

    void oneHotKeysAreHard()
    {
        SandboxView s;
        s.applyPreset(SandboxPreset::OneHotKeys);
        const HeadTrace &h = s.trace()->blocks[0].heads[0];
        // query 0 = 20 e_2, d_k = 4: scaled scores [0, 0, 10, 0]
        const double w = std::exp(10.0) / (std::exp(10.0) + 3);
        QVERIFY(std::abs(h.weights(0, 2) - w) < 1e-6);
        QCOMPARE(shownWeights(s.walkthrough()).value(2), QString::number(w, 'f', 4));
    }

    void largeValuesSaturateWithoutTheScale()
    {
        SandboxView s;
        s.applyPreset(SandboxPreset::LargeUnscaled);
        const double wu = softmax({18, 0, 9}, 1.0, 3)[0];
        QVERIFY(std::abs(s.trace()->blocks[0].heads[0].weights(0, 0) - wu) < 1e-6);
        QVERIFY(wu > 0.9998);
        s.applyPreset(SandboxPreset::LargeScaled);
        const double ws = softmax({18, 0, 9}, 1 / std::sqrt(8.0), 3)[0];
        QVERIFY(std::abs(s.trace()->blocks[0].heads[0].weights(0, 0) - ws) < 1e-6);
        QVERIFY(ws < 0.97);
    }

    void causalPreset()
    {
        SandboxView s;
        s.applyPreset(SandboxPreset::Causal);
        const HeadTrace &h = s.trace()->blocks[0].heads[0];
        QCOMPARE(h.weights(0, 0), 1.0f);
        QCOMPARE(h.weights(0, 1), 0.0f);
        QCOMPARE(h.weights(0, 2), 0.0f);
        // toggling the mask off lets query 0 = [1, 0] see keys [1,0], [0,1], [1,1]
        s.setCausal(false);
        const std::vector<double> w = softmax({1, 0, 1}, 1 / std::sqrt(2.0), 3);
        QVERIFY(std::abs(s.trace()->blocks[0].heads[0].weights(0, 1) - w[1]) < 1e-6);
    }

    void editingACellRecomputes()
    {
        SandboxView s;
        s.applyPreset(SandboxPreset::IdenticalKeys);
        QSignalSpy spy(&s, &SandboxView::traceChanged);
        // K = [[1, 1], [1, 1]] -> [[1, 1], [3, 1]]; query 0 = [1, 2]: scores [3, 5]
        s.matrixEditor('K')->item(1, 0)->setText(QStringLiteral("3"));
        QCOMPARE(spy.count(), 1);
        const std::vector<double> w = softmax({3, 5}, 1 / std::sqrt(2.0), 2);
        const HeadTrace &h = s.trace()->blocks[0].heads[0];
        QVERIFY(std::abs(h.weights(0, 1) - w[1]) < 1e-6);
        s.walkthrough()->setQuery(0);
        QCOMPARE(shownWeights(s.walkthrough()).value(1), QString::number(w[1], 'f', 4));
        // out_0 = w0 [1, 0] + w1 [0, 1]
        QVERIFY(std::abs(h.out(0, 1) - w[1]) < 1e-6);
    }

    void badCellKeepsTheLastResult()
    {
        SandboxView s;
        s.applyPreset(SandboxPreset::IdenticalKeys);
        s.matrixEditor('Q')->item(0, 0)->setText(QStringLiteral("abc"));
        QVERIFY(s.errorText().contains(QStringLiteral("abc")));
        QCOMPARE(s.trace()->blocks[0].heads[0].weights(0, 0), 0.5f);
    }

    void temperatureSharpensAndFlattens()
    {
        SandboxView s;
        s.applyPreset(SandboxPreset::Causal);
        // query 2 = [1, 1] against keys [1,0], [0,1], [1,1]: scores [1, 1, 2]
        for (double t : {0.1, 0.5, 1.0, 4.0, 10.0}) {
            s.setTemperature(t);
            const double want = softmax({1, 1, 2}, 1 / (std::sqrt(2.0) * t), 3)[2];
            QVERIFY(std::abs(s.trace()->blocks[0].heads[0].weights(2, 2) - want) < 1e-6);
        }
        QCOMPARE(SandboxView::positionOf(1.0), 0);
        QCOMPARE(SandboxView::temperatureAt(50), 10.0);
        QCOMPARE(SandboxView::temperatureAt(-50), 0.1);
        QCOMPARE(SandboxView::positionOf(SandboxView::temperatureAt(17)), 17);
    }

    void sizesUpToEight()
    {
        SandboxView s;
        SandboxInput in;
        in.q = MatRM::Ones(8, 8);
        in.k = MatRM::Ones(8, 8);
        in.v = MatRM::Ones(8, 8);
        s.setInput(in);
        QVERIFY(s.errorText().isEmpty());
        QCOMPARE(s.matrixEditor('V')->rowCount(), 8);
        QCOMPARE(s.trace()->blocks[0].heads[0].weights(7, 7), 0.125f);
    }
};

QTEST_MAIN(TestSandboxView)
#include "test_sandboxview.moc"
