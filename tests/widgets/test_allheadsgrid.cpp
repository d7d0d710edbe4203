#include "attention/allheadsgrid.h"
#include "theme/colormaps.h"
#include "tracefixtures.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

#include <algorithm>

using namespace attn;

class TestAllHeadsGrid : public QObject {
    Q_OBJECT
private slots:
    void layersByHeads()
    {
        AllHeadsGrid g;
        g.resize(800, 700);
        g.setTrace(fixtures::causal(8, 3, 4));
        QCOMPARE(g.rowCount(), 3);
        QCOMPARE(g.columnCount(), 4);
        QCOMPARE(g.blockAt(2), 2);
        QVERIFY(!g.cellRect(0, 0).isEmpty());
        QVERIFY(g.cellRect(0, 4).isEmpty());
        // Cells do not overlap and run left to right, top to bottom.
        QVERIFY(g.cellRect(0, 1).left() > g.cellRect(0, 0).right());
        QVERIFY(g.cellRect(1, 0).top() > g.cellRect(0, 0).bottom());
    }

    void clickEmitsBlockAndHead()
    {
        AllHeadsGrid g;
        g.resize(800, 700);
        g.show();
        g.setTrace(fixtures::causal(8, 3, 4));
        QSignalSpy spy(&g, &AllHeadsGrid::headActivated);
        QTest::mouseClick(&g, Qt::LeftButton, {}, g.cellRect(2, 1).center());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toInt(), 2);
        QCOMPARE(spy.at(0).at(1).toInt(), 1);
        QCOMPARE(g.currentBlock(), 2);
        QCOMPARE(g.currentHead(), 1);
        // Outside any cell: nothing.
        QTest::mouseClick(&g, Qt::LeftButton, {}, QPoint(1, 1));
        QCOMPARE(spy.count(), 1);
    }

    void rowsFollowRole()
    {
        // An encoder-decoder: 2 encoder self blocks, 2 decoder causal, 2 cross. The grid
        // shows the blocks of one role; block indices stay those of the trace.
        auto t = fixtures::causal(4, 6, 2);
        const AttentionRole roles[] = {AttentionRole::BidirectionalSelf,
                                       AttentionRole::BidirectionalSelf,
                                       AttentionRole::CausalSelf,
                                       AttentionRole::CausalSelf,
                                       AttentionRole::Cross,
                                       AttentionRole::Cross};
        for (int i = 0; i < 6; ++i) {
            t->blocks[static_cast<std::size_t>(i)].role = roles[i];
            t->blocks[static_cast<std::size_t>(i)].layer = i % 2;
        }
        AllHeadsGrid g;
        g.resize(600, 500);
        g.show();
        g.setTrace(t);
        QCOMPARE(g.rowCount(), 2); // role of the first block
        g.setRole(AttentionRole::Cross);
        QCOMPARE(g.rowCount(), 2);
        QCOMPARE(g.blockAt(0), 4);
        QCOMPARE(g.blockAt(1), 5);
        QSignalSpy spy(&g, &AllHeadsGrid::headActivated);
        QTest::mouseClick(&g, Qt::LeftButton, {}, g.cellRect(1, 0).center());
        QCOMPARE(spy.at(0).at(0).toInt(), 5);
        QCOMPARE(spy.at(0).at(1).toInt(), 0);
    }

    void pixelsShowWeights()
    {
        // The 3x3 fixture, head 0: the top-left weight is 1 (viridis top, yellow) and the
        // top-right is masked (neutral grey, not viridis' dark purple for 0).
        AllHeadsGrid g;
        g.resize(500, 400);
        g.show();
        g.setTrace(fixtures::causal3());
        const QImage img = g.grab().toImage();
        const QRect c = g.cellRect(0, 0);
        const double dpr = img.devicePixelRatio();
        auto px = [&](double fx, double fy) {
            return img.pixelColor(QPoint(qRound((c.left() + fx * c.width()) * dpr),
                                         qRound((c.top() + fy * c.height()) * dpr)));
        };
        const QColor weight1 = px(1.0 / 6, 1.0 / 6);
        QCOMPARE(weight1, QColor(0xfd, 0xe7, 0x25)); // viridis at 1.0
        const QColor masked = px(5.0 / 6, 1.0 / 6);
        QCOMPARE(masked.red(), masked.green());
        QCOMPARE(masked.green(), masked.blue());
        // Row 2, key 1 of head 0 is 0.25 -> entry 64 of the table.
        QCOMPARE(px(3.0 / 6, 5.0 / 6).rgb(), ColorMaps::table(GradientKind::Viridis)[64]);
    }

    void longTracesReducedKeepingPeaks()
    {
        // 1024 tokens reduce to 128 x 128 blocks of 8 x 8 weights, each its largest
        // visible weight: a single 1.0 survives, a block wholly above the diagonal is masked.
        const int T = 1024;
        MatRM w = MatRM::Zero(T, T), mask = MatRM::Zero(T, T);
        for (int i = 0; i < T; ++i)
            for (int j = i + 1; j < T; ++j)
                mask(i, j) = 1;
        w(500, 3) = 1.0f;  // block (62, 0)
        w(17, 16) = 0.25f; // block (2, 2), on the diagonal: partly visible
        const auto lut = ColorMaps::table(GradientKind::Viridis);
        const QRgb masked = qRgb(1, 2, 3);
        const QImage img = AllHeadsGrid::headImage(w, mask, lut, masked);
        QCOMPARE(img.width(), 128);
        QCOMPARE(img.height(), 128);
        QCOMPARE(img.pixel(0, 62), lut[255]);
        QCOMPARE(img.pixel(1, 62), lut[0]);
        QCOMPARE(img.pixel(2, 2), lut[64]); // 0.25 * 255 rounds to 64
        QCOMPARE(img.pixel(3, 2), masked);  // keys 24..31 of rows 16..23: all in the future
        // A short trace keeps one pixel per weight.
        const MatRM small = MatRM::Constant(5, 7, 0.5f);
        const QImage s = AllHeadsGrid::headImage(small, MatRM(), lut, masked);
        QCOMPARE(s.size(), QSize(7, 5));
        QCOMPARE(s.pixel(6, 4), lut[128]);
    }

    void readableAt12x12()
    {
        AllHeadsGrid g;
        g.resize(1000, 900);
        g.setTrace(fixtures::causal(16, 12, 12));
        QCOMPARE(g.rowCount(), 12);
        QCOMPARE(g.columnCount(), 12);
        QVERIFY2(g.cellRect(11, 11).width() >= 40, "cells at least 40 px at 1000x900");
        QVERIFY(g.rect().contains(g.cellRect(11, 11)));
    }

    // Prints the time to take a 12 layer x 12 head trace of 128 tokens and paint it.
    void benchmark12x12of128()
    {
        AllHeadsGrid g;
        g.resize(1000, 900);
        g.show();
        auto a = fixtures::causal(128, 12, 12), b = fixtures::causal(128, 13, 12);
        b->blocks.pop_back();
        std::vector<double> ms;
        for (int i = 0; i < 9; ++i) {
            QElapsedTimer t;
            t.start();
            g.setTrace(i % 2 ? a : b);
            (void)g.grab(); // paints, colouring the images
            ms.push_back(t.nsecsElapsed() / 1e6);
        }
        std::sort(ms.begin(), ms.end());
        qInfo("AllHeadsGrid 12x12 heads of 128x128: set trace + paint median %.2f ms (min %.2f, "
              "max %.2f, %zu runs)",
              ms[ms.size() / 2], ms.front(), ms.back(), ms.size());
        QCOMPARE(g.rowCount(), 12);
    }

    void emptyTraceIsSafe()
    {
        AllHeadsGrid g;
        g.resize(300, 200);
        g.setTrace(nullptr);
        QCOMPARE(g.rowCount(), 0);
        QVERIFY(!g.grab().isNull());
        auto t = std::make_shared<AttentionTrace>();
        g.setTrace(t);
        QCOMPARE(g.rowCount(), 0);
    }
};

QTEST_MAIN(TestAllHeadsGrid)
#include "test_allheadsgrid.moc"
