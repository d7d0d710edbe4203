#include "loss/lossplotview.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>
#include <qcustomplot.h>

#include <cmath>

using namespace attn;

namespace {
LossPoint point(int step, double loss, double val = qQNaN(), double acc = qQNaN(),
                double lr = qQNaN(), double grad = qQNaN())
{
    LossPoint p;
    p.step = step;
    p.loss = loss;
    p.valLoss = val;
    p.accuracy = acc;
    p.lr = lr;
    p.gradNorm = grad;
    return p;
}
} // namespace

class TestLossPlotView : public QObject {
    Q_OBJECT
private slots:
    void appendGrowsGraphs()
    {
        LossPlotView v;
        QCPGraph *loss = v.graph(LossPlotView::Series::Loss);
        QCPGraph *val = v.graph(LossPlotView::Series::ValLoss);
        QCPGraph *acc = v.graph(LossPlotView::Series::Accuracy);
        QCPGraph *lr = v.graph(LossPlotView::Series::LearningRate);
        QCPGraph *gn = v.graph(LossPlotView::Series::GradNorm);
        v.appendPoint(point(1, 4.0, qQNaN(), qQNaN(), 1e-3, 2.5));
        QCOMPARE(loss->dataCount(), 1);
        QCOMPARE(val->dataCount(), 0);
        v.appendPoint(point(2, 3.0, 3.5, 0.25, 9e-4, 1.5));
        v.appendPoint(point(3, 2.0, qQNaN(), qQNaN(), 8e-4, qQNaN()));
        QCOMPARE(loss->dataCount(), 3);
        QCOMPARE(val->dataCount(), 1);
        QCOMPARE(acc->dataCount(), 1);
        QCOMPARE(lr->dataCount(), 3);
        QCOMPARE(gn->dataCount(), 2);
        QCOMPARE(loss->data()->at(1)->key, 2.0);
        QCOMPARE(loss->data()->at(1)->value, 3.0);
        QCOMPARE(val->data()->at(0)->key, 2.0);
        QCOMPARE(val->data()->at(0)->value, 3.5);
        QCOMPARE(acc->data()->at(0)->value, 0.25);
        QCOMPARE(lr->data()->at(2)->value, 8e-4);
        QCOMPARE(gn->data()->at(1)->value, 1.5);
        QCOMPARE(v.pointCount(), 3);
    }

    void appendDoesNotRebuild()
    {
        // addData appends in place: the data container keeps the earlier points' storage.
        LossPlotView v;
        v.appendPoint(point(1, 4.0));
        QSharedPointer<QCPGraphDataContainer> before = v.graph(LossPlotView::Series::Loss)->data();
        for (int s = 2; s <= 100; ++s)
            v.appendPoint(point(s, 4.0 / s));
        QCOMPARE(v.graph(LossPlotView::Series::Loss)->data().data(), before.data());
        QCOMPARE(before->size(), 100);
    }

    void smoothedIsDebiasedEma()
    {
        LossPlotView v;
        v.setSmoothing(0.5);
        v.appendPoint(point(10, 4.0));
        v.appendPoint(point(20, 2.0));
        v.appendPoint(point(30, qQNaN())); // a diverged step: skipped by the EMA
        v.appendPoint(point(40, 1.0));
        // By hand, w = 0.5: s1 = 2 -> 2/0.5 = 4; s2 = 1 + 1 = 2 -> 2/0.75 = 2.6667;
        // s3 = 1 + 0.5 = 1.5 -> 1.5/0.875 = 1.7142857.
        QCPGraph *g = v.graph(LossPlotView::Series::SmoothedLoss);
        QCOMPARE(g->dataCount(), 3);
        QVERIFY(qAbs(g->data()->at(0)->value - 4.0) < 1e-12);
        QVERIFY(qAbs(g->data()->at(1)->value - 2.0 / 0.75) < 1e-12);
        QVERIFY(qAbs(g->data()->at(2)->value - 1.5 / 0.875) < 1e-12);
        QCOMPARE(g->data()->at(2)->key, 40.0);
        // The raw graph keeps a gap (NaN) at step 30.
        QVERIFY(std::isnan(v.graph(LossPlotView::Series::Loss)->data()->at(2)->value));
        // A new weight recomputes: w = 0 is the raw loss.
        v.setSmoothing(0.0);
        QCOMPARE(g->dataCount(), 3);
        QCOMPARE(g->data()->at(1)->value, 2.0);
    }

    void clearEmptiesEverything()
    {
        LossPlotView v;
        v.appendPoint(point(1, 4.0, 3.0, 0.5, 1e-3, 1.0));
        v.setMarkerStep(1);
        v.clear();
        for (int s = 0; s < LossPlotView::seriesCount; ++s)
            QCOMPARE(v.graph(static_cast<LossPlotView::Series>(s))->dataCount(), 0);
        QCOMPARE(v.pointCount(), 0);
        QCOMPARE(v.markerStep(), -1);
        v.appendPoint(point(1, 8.0));
        // The EMA restarted: the first smoothed value is the first loss.
        QCOMPARE(v.graph(LossPlotView::Series::SmoothedLoss)->data()->at(0)->value, 8.0);
    }

    void followsTheRun()
    {
        LossPlotView v;
        v.resize(600, 400);
        v.appendPoint(point(0, 5.0));
        v.appendPoint(point(500, 1.0));
        QCPAxis *x = v.plot()->axisRect(0)->axis(QCPAxis::atBottom);
        QCPAxis *y = v.plot()->axisRect(0)->axis(QCPAxis::atLeft);
        QVERIFY(x->range().contains(0) && x->range().contains(500));
        QVERIFY(y->range().contains(5.0) && y->range().contains(1.0));
        // The lower plot shares the step axis.
        QCOMPARE(v.plot()->axisRect(1)->axis(QCPAxis::atBottom)->range(), x->range());
        v.setFollow(false);
        v.appendPoint(point(1000, 0.5));
        QVERIFY(!x->range().contains(1000));
        v.setFollow(true);
        QVERIFY(x->range().contains(1000));
    }

    void logScale()
    {
        LossPlotView v;
        v.appendPoint(point(1, 10.0));
        v.appendPoint(point(2, 0.01));
        v.setLogScale(true);
        QCPAxis *y = v.plot()->axisRect(0)->axis(QCPAxis::atLeft);
        QCOMPARE(y->scaleType(), QCPAxis::stLogarithmic);
        QVERIFY(y->range().lower > 0);
        QVERIFY(y->range().contains(0.01) && y->range().contains(10.0));
        v.setLogScale(false);
        QCOMPARE(y->scaleType(), QCPAxis::stLinear);
    }

    void toggleSeries()
    {
        LossPlotView v;
        v.setSeriesVisible(LossPlotView::Series::GradNorm, false);
        QVERIFY(!v.graph(LossPlotView::Series::GradNorm)->visible());
        QVERIFY(!v.seriesVisible(LossPlotView::Series::GradNorm));
        v.setSeriesVisible(LossPlotView::Series::GradNorm, true);
        QVERIFY(v.graph(LossPlotView::Series::GradNorm)->visible());
    }

    // Prints the cost of appending 20000 points one at a time (each queues a replot, as
    // in training), then of drawing them once.
    void benchmarkAppend()
    {
        LossPlotView v;
        v.resize(800, 600);
        v.show();
        QElapsedTimer t;
        t.start();
        for (int s = 0; s < 20000; ++s)
            v.appendPoint(
                point(s, 4.0 / (1 + s * 0.01), s % 100 ? qQNaN() : 3.0, qQNaN(), 1e-3, 1.0));
        const double append = t.nsecsElapsed() / 1e6;
        t.restart();
        v.flush();
        qInfo("LossPlotView: 20000 appendPoint calls %.1f ms (%.2f us each), one replot %.1f ms",
              append, append * 1000 / 20000, t.nsecsElapsed() / 1e6);
        QCOMPARE(v.graph(LossPlotView::Series::Loss)->dataCount(), 20000);
    }

    void markerAndStepClick()
    {
        LossPlotView v;
        v.resize(700, 500);
        v.show();
        for (int s = 0; s <= 100; s += 10)
            v.appendPoint(point(s, 5.0 - s * 0.04));
        v.setMarkerStep(40);
        QCOMPARE(v.markerStep(), 40);
        v.flush();
        // Click at the pixel of step 71: the nearest logged step is 70.
        QSignalSpy spy(&v, &LossPlotView::stepClicked);
        QCPAxisRect *r = v.plot()->axisRect(0);
        const QPoint at(qRound(r->axis(QCPAxis::atBottom)->coordToPixel(71)), r->center().y());
        QTest::mousePress(v.plot(), Qt::LeftButton, {}, at);
        QTest::mouseRelease(v.plot(), Qt::LeftButton, {}, at);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toInt(), 70);
    }
};

QTEST_MAIN(TestLossPlotView)
#include "test_lossplotview.moc"
