#include "attention/attentionselector.h"
#include "attention/heatmapview.h"
#include "tracefixtures.h"

#include <QComboBox>
#include <QSignalSpy>
#include <QtTest>

using namespace attn;

class TestAttentionSelector : public QObject {
    Q_OBJECT
private slots:
    void fillsBlocksAndHeads()
    {
        AttentionSelector s;
        s.setTrace(fixtures::causal(4, 3, 5));
        QCOMPARE(s.blockBox()->count(), 3);
        QCOMPARE(s.blockBox()->itemText(2), QStringLiteral("layers.2.attn"));
        QCOMPARE(s.headBox()->count(), 6); // mean + 5 heads
        QCOMPARE(s.head(), -1);
        QCOMPARE(s.block(), 0);
    }

    void drivesHeatmap()
    {
        AttentionSelector s;
        HeatmapView v;
        auto t = fixtures::causal3();
        s.setTrace(t);
        v.setTrace(t);
        s.attach(&v);
        QSignalSpy blocks(&s, &AttentionSelector::blockChanged);
        s.blockBox()->setCurrentIndex(1);
        s.headBox()->setCurrentIndex(2); // head 1
        QCOMPARE(blocks.count(), 1);
        v.flush();
        QCOMPARE(v.matrix().block, 1);
        QCOMPARE(v.matrix().head, 1);
        // layers.1 head 1 holds head0's weights: row 1 is (0.25, 0.75, 0).
        QCOMPARE(v.matrix().weights(1, 1), 0.75f);
        s.setSelection(0, 0);
        v.flush();
        QCOMPARE(v.matrix().block, 0);
        QCOMPARE(v.matrix().head, 0);
    }

    void keepsBlockByNameAcrossTraces()
    {
        AttentionSelector s;
        s.setTrace(fixtures::causal(4, 3, 2));
        s.blockBox()->setCurrentIndex(2);
        s.headBox()->setCurrentIndex(2);
        s.setTrace(fixtures::causal(4, 3, 2));
        QCOMPARE(s.block(), 2);
        QCOMPARE(s.head(), 1);
        s.setTrace(fixtures::causal(4, 1, 1)); // layer 2 gone: falls back to the first
        QCOMPARE(s.block(), 0);
        QCOMPARE(s.head(), -1);
        s.setTrace(nullptr);
        QCOMPARE(s.block(), -1);
    }
};

QTEST_MAIN(TestAttentionSelector)
#include "test_attentionselector.moc"
