#include "attention/attentionlinesview.h"
#include "theme/colormaps.h"
#include "tracefixtures.h"

#include <QSignalSpy>
#include <QtTest>

#include <algorithm>

using namespace attn;
using Side = AttentionLinesView::Side;

class TestAttentionLinesView : public QObject {
    Q_OBJECT
private slots:
    void linesMatchWeights()
    {
        AttentionLinesView v;
        v.resize(600, 400);
        v.setTrace(fixtures::causal3());
        v.setHead(0);
        const auto lines = v.lines();
        // Head 0 has 6 unmasked weights, all >= 0.25 (the 0 entries are masked).
        QCOMPARE(lines.size(), 6);
        const attn::MatRM w = fixtures::head0();
        for (const auto &l : lines) {
            QCOMPARE(l.head, 0);
            QCOMPARE(l.weight, static_cast<double>(w(l.query, l.key)));
            QVERIFY(l.key <= l.query); // causal: no line to a future token
            QCOMPARE(l.color.rgb() & 0xffffff, ColorMaps::headColor(0).rgb() & 0xffffff);
        }
    }

    void opacityOrderFollowsWeights()
    {
        AttentionLinesView v;
        v.setTrace(fixtures::causal3());
        v.setHead(1);
        const auto lines = v.lines();
        // Hand-sorted head-1 weights: 0.1 0.2 0.25 0.7 0.75 1.
        const double expected[] = {0.1, 0.2, 0.25, 0.7, 0.75, 1.0};
        QCOMPARE(lines.size(), 6);
        for (int i = 0; i < 6; ++i) {
            QVERIFY(qAbs(lines[i].weight - expected[i]) < 1e-6);
            QVERIFY(qAbs(lines[i].color.alphaF() - expected[i]) < 1.0 / 255 + 1e-6);
            if (i > 0)
                QVERIFY(lines[i].color.alphaF() >= lines[i - 1].color.alphaF());
        }
    }

    void heavierLineIsDarkerOnScreen()
    {
        // One query, two keys: the line to key 0 (weight 0.9) must be more opaque on screen
        // than the line to key 1 (weight 0.1). Sample the midpoint of each line.
        auto t = std::make_shared<AttentionTrace>();
        t->queryTokens = {"a", "b"};
        t->keyTokens = t->queryTokens;
        AttentionBlockTrace b;
        b.name = "pool";
        b.role = AttentionRole::BidirectionalSelf;
        b.heads.resize(1);
        b.heads[0].weights = attn::MatRM(2, 2);
        b.heads[0].weights << 0.9f, 0.1f, 0.5f, 0.5f;
        t->blocks.push_back(b);
        AttentionLinesView v;
        v.resize(500, 300);
        v.show();
        v.setTrace(t);
        v.setHoveredToken(Side::Query, 0); // only query 0's two lines
        QCOMPARE(v.lines().size(), 2);
        const QImage img = v.grab().toImage();
        const QRect q0 = v.tokenRect(Side::Query, 0);
        const QRect k0 = v.tokenRect(Side::Key, 0), k1 = v.tokenRect(Side::Key, 1);
        auto distance = [&](const QRect &key) {
            const QPointF a(q0.right(), q0.center().y()), b2(key.left(), key.center().y());
            const QPointF mid = (a + b2) / 2;
            const QColor c = img.pixelColor(mid.toPoint());
            const QColor bg = v.palette().color(QPalette::Base);
            return qAbs(c.red() - bg.red()) + qAbs(c.green() - bg.green()) +
                   qAbs(c.blue() - bg.blue());
        };
        QVERIFY2(distance(k0) > distance(k1) + 30,
                 qPrintable(QStringLiteral("%1 vs %2").arg(distance(k0)).arg(distance(k1))));
    }

    void hoverIsolatesToken()
    {
        AttentionLinesView v;
        v.resize(600, 400);
        v.show();
        v.setTrace(fixtures::causal3({"我", "喜欢", "注意力"}));
        QSignalSpy spy(&v, &AttentionLinesView::tokenHovered);
        QTest::mouseMove(&v, v.tokenRect(Side::Key, 1).center());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(v.hoveredToken(Side::Key), 1);
        const auto lines = v.lines();
        // Key 1 is attended by queries 1 and 2, in both heads.
        QCOMPARE(lines.size(), 4);
        for (const auto &l : lines)
            QCOMPARE(l.key, 1);
        QTest::mouseMove(&v, v.tokenRect(Side::Query, 0).center());
        QCOMPARE(v.hoveredToken(Side::Query), 0);
        for (const auto &l : v.lines())
            QCOMPARE(l.query, 0);
        v.setHoveredToken(Side::Query, -1);
        QCOMPARE(v.lines().size(), 12); // 6 per head
    }

    void chooseHeads()
    {
        AttentionLinesView v;
        v.resize(600, 400);
        v.show();
        v.setTrace(fixtures::causal(5, 1, 4));
        QCOMPARE(v.heads(), (QList<int>{0, 1, 2, 3}));
        v.setHeads({2, 0, 2});
        QCOMPARE(v.heads(), (QList<int>{0, 2}));
        for (const auto &l : v.lines())
            QVERIFY(l.head == 0 || l.head == 2);
        // Clicking head 1's swatch adds it.
        QTest::mouseClick(&v, Qt::LeftButton, {}, v.headSwatchRect(1).center());
        QCOMPARE(v.heads(), (QList<int>{0, 1, 2}));
        v.setHead(-1);
        QCOMPARE(v.heads().size(), 4);
        v.setHeads({9}); // no such head: nothing drawn, no crash
        QVERIFY(v.lines().isEmpty());
    }

    void emptyIsSafe()
    {
        AttentionLinesView v;
        v.resize(300, 200);
        v.setTrace(nullptr);
        QVERIFY(v.lines().isEmpty());
        QVERIFY(v.tokenRect(Side::Query, 0).isEmpty());
        QVERIFY(!v.grab().isNull());
    }
};

QTEST_MAIN(TestAttentionLinesView)
#include "test_attentionlinesview.moc"
