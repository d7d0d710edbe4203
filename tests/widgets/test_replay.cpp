// Training replay: ReplayStore keeps bounded snapshots, ReplayBar maps its slider to the
// stored steps, and LossPlotView marks the step shown.

#include "loss/lossplotview.h"
#include "replay/replaybar.h"
#include "replay/replaystore.h"

#include <QCheckBox>
#include <QSignalSpy>
#include <QSlider>
#include <QtTest>
#include <qcustomplot.h>

#include <cmath>

using namespace attn;

namespace {

// A two-layer, two-head causal trace over T tokens whose weights encode the step, so a
// test can tell which snapshot it got back: head h of layer l at step s holds, in every
// allowed cell (j <= i), the value s + 1000 l + 100 h + 10 i + j (not a distribution; the
// store does not care). Q/K/V, scores and logits are filled too, to check that they are
// not kept.
AttentionTrace traceAt(int step, int T = 4)
{
    AttentionTrace t;
    for (int i = 0; i < T; ++i) {
        t.queryIds.push_back(i);
        t.queryTokens.push_back(QStringLiteral("t%1").arg(i).toStdString());
    }
    t.keyIds = t.queryIds;
    t.keyTokens = t.queryTokens;
    t.logits = MatRM::Constant(T, 50, 1.0f);
    for (int l = 0; l < 2; ++l) {
        AttentionBlockTrace b;
        b.name = l == 0 ? "layers.0.attn" : "layers.1.attn";
        b.layer = l;
        b.mask = MatRM::Zero(T, T);
        b.residualIn = MatRM::Constant(T, 32, 2.0f);
        for (int i = 0; i < T; ++i)
            for (int j = i + 1; j < T; ++j)
                b.mask(i, j) = 1.0f;
        for (int h = 0; h < 2; ++h) {
            HeadTrace ht;
            ht.q = ht.k = ht.v = MatRM::Constant(T, 16, 3.0f);
            ht.scores = ht.scaled = MatRM::Constant(T, T, 4.0f);
            ht.weights = MatRM::Zero(T, T);
            for (int i = 0; i < T; ++i)
                for (int j = 0; j <= i; ++j)
                    ht.weights(i, j) = float(step + 1000 * l + 100 * h + 10 * i + j);
            b.heads.push_back(ht);
        }
        t.blocks.push_back(b);
    }
    return t;
}

} // namespace

class TestReplay : public QObject {
    Q_OBJECT
private slots:
    void keepsOnlyTheWeights()
    {
        ReplayStore store;
        store.add(traceAt(0), 0);
        const auto s = store.at(0);
        QVERIFY(s);
        QCOMPARE(s->blocks.size(), std::size_t(2));
        QCOMPARE(s->queryTokens.at(3), std::string("t3"));
        QCOMPARE(s->blocks[1].heads[1].weights(2, 1), 0.0f + 1000 + 100 + 21);
        QCOMPARE(s->blocks[0].mask(0, 3), 1.0f);
        QCOMPARE(s->blocks[0].heads[0].q.size(), Eigen::Index(0));
        QCOMPARE(s->blocks[0].heads[0].scores.size(), Eigen::Index(0));
        QCOMPARE(s->blocks[0].residualIn.size(), Eigen::Index(0));
        QCOMPARE(s->logits.size(), Eigen::Index(0));
        // Per snapshot: 2 blocks x (mask + 2 heads) x 4x4 floats = 96 floats = 384 bytes.
        QCOMPARE(store.bytes(), std::size_t(384));
    }

    void keepsAClassifiersPrediction()
    {
        // A classifier's (1, classes) logits stay with the snapshot: the pooling view
        // shows the prediction of the step replayed.
        AttentionTrace t = traceAt(0);
        t.logits = MatRM(1, 3);
        t.logits << 0.5f, -1.0f, 2.0f;
        ReplayStore store;
        store.add(t, 0);
        const auto s = store.at(0);
        QVERIFY(s);
        QCOMPARE(s->logits.cols(), Eigen::Index(3));
        QCOMPARE(s->logits(0, 2), 2.0f);
        QCOMPARE(store.bytes(), std::size_t(384 + 3 * 4));
    }

    void boundedMemoryAndThinning()
    {
        // One snapshot offered at every step, at most 10 kept.
        ReplayStore store(1, 10);
        int maxSize = 0;
        for (int s = 0; s < 10000; ++s) {
            store.add(traceAt(s), s);
            maxSize = std::max(maxSize, store.size());
            QCOMPARE(store.lastStep(), s);  // the latest is always there
            QCOMPARE(store.firstStep(), 0); // and the first
        }
        QVERIFY(maxSize <= 10);
        QCOMPARE(store.bytes(), std::size_t(store.size()) * 384);
        // Worked by hand: spacing doubles 1, 2, 4, ..., 1024 (0..9216: ten kept + the
        // newest makes eleven at step 9217), then 2048; the newest (9999) always stays.
        const QVector<int> expected = {0, 2048, 4096, 6144, 8192, 9999};
        QCOMPARE(store.steps(), expected);
        QCOMPARE(store.interval(), 2048);
    }

    void byteBudget()
    {
        // 384 bytes a snapshot, a budget of 2000 bytes: never more than 5 held.
        ReplayStore store(1, 1000, 2000);
        for (int s = 0; s < 500; ++s) {
            store.add(traceAt(s), s);
            QVERIFY2(store.bytes() <= 2000, qPrintable(QString::number(store.bytes())));
        }
        QVERIFY(store.size() >= 3);
        QCOMPARE(store.steps().front(), 0);
        QCOMPARE(store.steps().back(), 499);
    }

    void spacingAndNewRun()
    {
        ReplayStore store(10, 100);
        // Offered every 3 steps: kept at 0, then the first offer >= 10 after the last kept
        // (12, 24, 36, ...), plus the newest.
        for (int s = 0; s <= 40; s += 3)
            store.add(traceAt(s), s);
        QCOMPARE(store.steps(), (QVector<int>{0, 12, 24, 36, 39}));
        // The same step again replaces the snapshot.
        store.add(traceAt(5000), 39);
        QCOMPARE(store.steps().back(), 39);
        QCOMPARE(store.at(39)->blocks[0].heads[0].weights(0, 0), 5000.0f);
        // Nearest at or before.
        QCOMPARE(store.nearestStep(30), 24);
        QCOMPARE(store.nearestStep(-5), 0);
        // An earlier step is a new run.
        store.add(traceAt(0), 0);
        QCOMPARE(store.steps(), (QVector<int>{0}));
    }

    void sliderShowsTheStoredTrace()
    {
        ReplayStore store(25, 50);
        for (int s = 0; s <= 500; s += 5)
            store.add(traceAt(s), s);
        // 0, 25, 50, ..., 500: 21 snapshots.
        QCOMPARE(store.size(), 21);
        ReplayBar bar;
        QSignalSpy chosen(&bar, &ReplayBar::stepChosen);
        QSignalSpy live(&bar, &ReplayBar::liveChosen);
        bar.setSteps(store.steps());
        QVERIFY(bar.isLive());
        QCOMPARE(chosen.count(), 0); // live: nothing to replay
        QCOMPARE(bar.slider()->value(), 20);

        bar.show();
        bar.slider()->setFocus();
        QTest::keyClick(bar.slider(), Qt::Key_Home);
        QVERIFY(!bar.isLive());
        QVERIFY(!bar.liveBox()->isChecked());
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.last().at(0).toInt(), 0);
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(bar.slider(), Qt::Key_Right);
        QCOMPARE(chosen.count(), 4);
        const int step = chosen.last().at(0).toInt();
        QCOMPARE(step, 75);
        QCOMPARE(bar.currentStep(), 75);
        // The trace behind the chosen step holds what was added at step 75.
        const auto shown = store.at(step);
        const AttentionTrace added = traceAt(75);
        for (int l = 0; l < 2; ++l)
            for (int h = 0; h < 2; ++h)
                QVERIFY(shown->blocks[size_t(l)].heads[size_t(h)].weights ==
                        added.blocks[size_t(l)].heads[size_t(h)].weights);
        QCOMPARE(shown->blocks[1].heads[0].weights(3, 2), 75.0f + 1000 + 32);

        QTest::keyClick(bar.slider(), Qt::Key_End);
        QCOMPARE(chosen.last().at(0).toInt(), 500);

        // New snapshots while replaying: the slider stays on the shown step.
        bar.showStep(260); // nearest at or before: 250
        QCOMPARE(chosen.last().at(0).toInt(), 250);
        const int before = chosen.count();
        for (int s = 505; s <= 600; s += 5)
            store.add(traceAt(s), s);
        bar.setSteps(store.steps());
        QCOMPARE(bar.currentStep(), 250);
        QCOMPARE(chosen.count(), before);

        // Live again.
        bar.liveBox()->click();
        QVERIFY(bar.isLive());
        QCOMPARE(live.count(), 1);
        QCOMPARE(bar.currentStep(), 600);
    }

    void thinnedStepMovesToNearest()
    {
        ReplayBar bar;
        bar.setSteps({0, 10, 20, 30, 40});
        QSignalSpy chosen(&bar, &ReplayBar::stepChosen);
        bar.showStep(30);
        QCOMPARE(chosen.count(), 1);
        bar.setSteps({0, 20, 40, 50}); // 30 thinned away
        QCOMPARE(chosen.count(), 2);
        QCOMPARE(chosen.last().at(0).toInt(), 20);
        QCOMPARE(bar.currentStep(), 20);
    }

    void playStepsThrough()
    {
        ReplayBar bar;
        bar.setSteps({0, 10, 20});
        bar.setPlayInterval(10);
        QSignalSpy chosen(&bar, &ReplayBar::stepChosen);
        bar.setPlaying(true);
        QTRY_VERIFY(!bar.isPlaying());
        QCOMPARE(chosen.count(), 3);
        QCOMPARE(chosen.at(0).at(0).toInt(), 0);
        QCOMPARE(chosen.at(2).at(0).toInt(), 20);
    }

    void markerSitsAtTheStep()
    {
        LossPlotView v;
        v.resize(700, 500);
        v.show();
        for (int s = 0; s <= 200; s += 10) {
            LossPoint p;
            p.step = s;
            p.loss = 5.0 - s * 0.02;
            v.appendPoint(p);
        }
        v.setFollow(false);
        v.plot()->axisRect(0)->axis(QCPAxis::atBottom)->setRange(0, 200);
        const auto data = v.graph(LossPlotView::Series::Loss)->data();
        v.setMarkerStep(120);
        v.flush();
        // The marker does not touch the curves' data.
        QVERIFY(v.graph(LossPlotView::Series::Loss)->data() == data);
        QCOMPARE(v.graph(LossPlotView::Series::Loss)->dataCount(), 21);
        QList<QCPItemStraightLine *> lines;
        for (int i = 0; i < v.plot()->itemCount(); ++i)
            if (auto *line = qobject_cast<QCPItemStraightLine *>(v.plot()->item(i)))
                lines << line;
        QVERIFY(!lines.isEmpty());
        QCPAxisRect *r = v.plot()->axisRect(0);
        // 120 on a 0..200 axis: 60% across the axis rect.
        const double expectedX = r->left() + 0.6 * r->width();
        for (QCPItemStraightLine *line : lines) {
            QVERIFY(line->visible());
            QCOMPARE(line->point1->coords().x(), 120.0);
            QCOMPARE(line->point2->coords().x(), 120.0);
            QVERIFY(std::abs(line->point1->pixelPosition().x() - expectedX) < 1.0);
        }
        v.clearMarker();
        QCOMPARE(v.markerStep(), -1);
        for (QCPItemStraightLine *line : lines)
            QVERIFY(!line->visible());
    }
};

QTEST_MAIN(TestReplay)
#include "test_replay.moc"
