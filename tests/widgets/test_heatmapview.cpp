#include "attention/heatmapview.h"
#include "attention/tokenlabels.h"
#include "tracefixtures.h"

#include <QElapsedTimer>
#include <QTranslator>
#include <QtTest>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace attn;

namespace {
// Translates this view's strings to upper case, to see run-time language switching.
class UpperTranslator : public QTranslator {
public:
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        return QByteArray(context) == "attn::HeatmapView" ? QString::fromUtf8(source).toUpper()
                                                          : QString();
    }
};
} // namespace

class TestHeatmapView : public QObject {
    Q_OBJECT
private:
    // Centre of cell (row, col) worked out from the axis rectangle alone: T equal rows
    // from the top edge, T equal columns from the left edge.
    static QPoint cellCentre(HeatmapView &v, int row, int col, int rows, int cols)
    {
        const QRect r = v.plot()->axisRect()->rect();
        return QPoint(r.left() + qRound((col + 0.5) * r.width() / cols),
                      r.top() + qRound((row + 0.5) * r.height() / rows));
    }

private slots:
    void holdsExactWeights()
    {
        HeatmapView v;
        v.resize(600, 500);
        v.setTrace(fixtures::causal3());
        v.setBlock(0);
        v.setHead(0);
        v.flush();
        const attn::MatRM w = fixtures::head0();
        QCPColorMapData *d = v.colorMap()->data();
        QCOMPARE(d->keySize(), 3);
        QCOMPARE(d->valueSize(), 3);
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j)
                QCOMPARE(d->cell(j, i), static_cast<double>(w(i, j))); // key = column j
        QVERIFY(!v.colorMap()->interpolate());
        QCOMPARE(v.colorMap()->dataRange(), QCPRange(0.0, 1.0));
    }

    void firstQueryOnTop()
    {
        HeatmapView v;
        v.resize(600, 500);
        v.setTrace(fixtures::causal3());
        v.setHead(0);
        v.flush();
        QVERIFY(v.plot()->yAxis->rangeReversed());
        // Row 0 must be drawn above row 2 (smaller pixel y).
        QVERIFY(v.plot()->yAxis->coordToPixel(0) < v.plot()->yAxis->coordToPixel(2));
        // And the top-left cell of the drawn image is query 0 / key 0 (weight 1: the
        // brightest viridis colour), the top-right is masked (transparent -> hatch).
        int row = -1, col = -1;
        QVERIFY(v.cellAt(cellCentre(v, 0, 0, 3, 3), &row, &col));
        QCOMPARE(row, 0);
        QCOMPARE(col, 0);
        QVERIFY(v.cellAt(cellCentre(v, 2, 1, 3, 3), &row, &col));
        QCOMPARE(row, 2);
        QCOMPARE(col, 1);
        const QImage img = v.plot()->toPixmap().toImage();
        const QColor topLeft = img.pixelColor(cellCentre(v, 0, 0, 3, 3) + QPoint(-12, -12));
        const QColor bottomLeft = img.pixelColor(cellCentre(v, 2, 2, 3, 3) + QPoint(-12, -12));
        // weight 1.0 -> viridis yellow #fde725; weight 0.25 -> a dark blue-purple.
        QVERIFY2(topLeft.red() > 200 && topLeft.green() > 200 && topLeft.blue() < 80,
                 qPrintable(topLeft.name()));
        QVERIFY2(bottomLeft.red() < 100, qPrintable(bottomLeft.name()));
    }

    void maskedCellsFlagged()
    {
        HeatmapView v;
        v.resize(600, 500);
        v.setTrace(fixtures::causal3());
        v.setHead(1);
        v.flush();
        QCPColorMapData *d = v.colorMap()->data();
        const attn::MatRM m = fixtures::causalMask3();
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j) {
                QCOMPARE(v.matrix().masked(i, j), m(i, j) != 0);
                QCOMPARE(int(d->alpha(j, i)), m(i, j) != 0 ? 0 : 255);
            }
        // A masked cell is not drawn in the colour of weight 0 (viridis #440154): it is
        // hatched, grey lines (#b0b0b0 on a light palette) over the background.
        const QImage img = v.plot()->toPixmap().toImage();
        const QRect r = v.plot()->axisRect()->rect();
        const QPoint masked(r.left() + r.width() * 5 / 6, r.top() + r.height() / 6);
        int dark = 0, grey = 0, other = 0;
        for (int dy = -10; dy <= 10; ++dy)
            for (int dx = -10; dx <= 10; ++dx) {
                const QColor c = img.pixelColor(masked + QPoint(dx, dy));
                if (std::abs(c.red() - 0x44) < 12 && std::abs(c.green() - 0x01) < 12 &&
                    std::abs(c.blue() - 0x54) < 12)
                    ++dark;
                else if (c == QColor(0xb0, 0xb0, 0xb0))
                    ++grey;
                else
                    ++other;
            }
        QCOMPARE(dark, 0);
        QVERIFY2(grey > 20 && other > 20,
                 qPrintable(QStringLiteral("%1 grey, %2 other").arg(grey).arg(other)));
    }

    void meanOfHeads()
    {
        HeatmapView v;
        v.setTrace(fixtures::causal3());
        v.setHead(-1);
        v.flush();
        // Hand-computed mean of head0 and head1 (see tracefixtures.h).
        const double mean[3][3] = {{1, 0, 0}, {0.5, 0.5, 0}, {0.3, 0.225, 0.475}};
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j)
                QVERIFY(qAbs(v.colorMap()->data()->cell(j, i) - mean[i][j]) < 1e-6);
        QCOMPARE(v.matrix().head, -1);
    }

    void blockByNameSurvivesNewTrace()
    {
        HeatmapView v;
        v.setTrace(fixtures::causal3());
        QVERIFY(v.setBlockName(QStringLiteral("layers.1.attn")));
        v.setHead(0);
        v.flush();
        QCOMPARE(v.matrix().block, 1);
        // layers.1 head 0 holds head1's weights.
        QCOMPARE(v.colorMap()->data()->cell(0, 2), static_cast<double>(0.1f));
        QCOMPARE(v.colorMap()->data()->cell(2, 2), static_cast<double>(0.7f));
        v.setTrace(fixtures::causal3());
        v.flush();
        QCOMPARE(v.matrix().block, 1);
        QVERIFY(!v.setBlockName(QStringLiteral("nope")));
    }

    void tooltipsNameTokens()
    {
        HeatmapView v;
        v.resize(640, 520);
        v.setTrace(fixtures::causal3({"the", "cat", "注意力"}));
        v.setHead(0);
        v.flush();
        const QString tip = v.toolTipAt(cellCentre(v, 2, 1, 3, 3));
        QVERIFY2(tip.contains(QStringLiteral("注意力")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("cat")), qPrintable(tip));
        QVERIFY2(!tip.contains(QStringLiteral("the")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("0.2500")), qPrintable(tip));
        const QString masked = v.toolTipAt(cellCentre(v, 0, 2, 3, 3));
        QVERIFY2(masked.contains(QStringLiteral("masked")), qPrintable(masked));
        QVERIFY(v.toolTipAt(QPoint(1, 1)).isEmpty());
    }

    // The weight in a tooltip follows the reader's locale: German writes 0,2500.
    void tooltipNumberFollowsLocale()
    {
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        HeatmapView v;
        v.resize(640, 520);
        v.setTrace(fixtures::causal3());
        v.setHead(0);
        v.flush();
        const QString tip = v.toolTipAt(cellCentre(v, 2, 1, 3, 3));
        QLocale::setDefault(before);
        QVERIFY2(tip.contains(QStringLiteral("0,2500")), qPrintable(tip));
        QVERIFY2(!tip.contains(QStringLiteral("0.2500")), qPrintable(tip));
    }

    void switchesLanguageAtRunTime()
    {
        HeatmapView v;
        v.setTrace(fixtures::causal3());
        v.flush();
        QCOMPARE(v.plot()->xAxis->label(), QStringLiteral("Key (attended to)"));
        UpperTranslator upper;
        QCoreApplication::installTranslator(&upper); // sends QEvent::LanguageChange
        QCoreApplication::processEvents();
        QCOMPARE(v.plot()->xAxis->label(), QStringLiteral("KEY (ATTENDED TO)"));
        QCoreApplication::removeTranslator(&upper);
        QCoreApplication::processEvents();
        QCOMPARE(v.plot()->xAxis->label(), QStringLiteral("Key (attended to)"));
    }

    void automaticRange()
    {
        HeatmapView v;
        auto t = fixtures::causal3();
        t->blocks[0].heads[0].weights *= 0.5f; // max weight 0.5
        v.setTrace(t);
        v.setHead(0);
        v.setRangeMode(HeatmapView::RangeMode::Automatic);
        v.flush();
        QCOMPARE(v.colorMap()->dataRange().upper, 0.5);
        QCOMPARE(v.colorMap()->dataRange().lower, 0.0);
        v.setRangeMode(HeatmapView::RangeMode::Fixed);
        v.flush();
        QCOMPARE(v.colorMap()->dataRange().upper, 1.0);
    }

    void valuesOnlyWhenSmall()
    {
        HeatmapView v;
        v.resize(800, 700);
        v.setTrace(fixtures::causal3());
        v.flush();
        QVERIFY(v.valuesVisible());
        v.setShowValues(false);
        v.flush();
        QVERIFY(!v.valuesVisible());
        QVERIFY(!v.title().contains(QStringLiteral("too small")));
        v.setShowValues(true);
        v.setTrace(fixtures::causal(17, 1, 1));
        v.flush();
        QVERIFY(v.valuesVisible()); // 17 cells in about 600 px
        // Cells of a few pixels: no numbers, and the title says why and what to do.
        v.setTrace(fixtures::causal(96, 1, 1));
        v.flush();
        QVERIFY(!v.valuesVisible());
        QVERIFY(v.title().contains(QStringLiteral("too small")));
        // Zoomed in, the cells in view are large enough again.
        for (int i = 0; i < 4; ++i)
            v.zoomIn();
        v.flush();
        QVERIFY(v.valuesVisible());
        QVERIFY(!v.title().contains(QStringLiteral("too small")));
    }

    void labelsThinnedWhenMany()
    {
        HeatmapView v;
        v.resize(700, 600);
        v.setTrace(fixtures::causal(128, 1, 2));
        v.flush();
        QVERIFY(v.labelStep(Qt::Vertical) > 1);
        QVERIFY(v.labelStep(Qt::Horizontal) > 1);
        auto yt = qSharedPointerCast<QCPAxisTickerText>(v.plot()->yAxis->ticker());
        QVERIFY(yt->ticks().size() < 128);
        QCOMPARE(yt->ticks().value(0), QStringLiteral("tok0"));
        v.setTrace(fixtures::causal3());
        v.flush();
        QCOMPARE(v.labelStep(Qt::Vertical), 1);
        yt = qSharedPointerCast<QCPAxisTickerText>(v.plot()->yAxis->ticker());
        QCOMPARE(yt->ticks().size(), 3);
        QCOMPARE(yt->ticks().value(2), QStringLiteral("sat"));
    }

    void badInputShowsNothing()
    {
        HeatmapView v;
        v.setTrace(nullptr);
        v.flush();
        QVERIFY(v.matrix().isEmpty());
        auto t = fixtures::causal3();
        t->blocks[0].heads[1].weights.resize(2, 3); // heads disagree on shape
        v.setTrace(t);
        v.setBlock(0);
        v.flush();
        QVERIFY(v.matrix().isEmpty());
        v.setBlock(99); // out of range: falls back to block 0
        v.setTrace(fixtures::causal3());
        v.flush();
        QCOMPARE(v.matrix().block, 0);
        v.setHead(7); // no such head: mean
        v.flush();
        QCOMPARE(v.matrix().head, -1);
        // A diverged run's NaN weights and a range mode that must cope with them.
        auto bad = fixtures::causal3();
        bad->blocks[0].heads[0].weights(2, 1) = std::numeric_limits<float>::quiet_NaN();
        bad->blocks[0].heads[0].weights(2, 2) = std::numeric_limits<float>::infinity();
        v.setTrace(bad);
        v.setHead(0);
        v.setRangeMode(HeatmapView::RangeMode::Automatic);
        v.resize(400, 300);
        v.flush();
        QVERIFY(std::isnan(v.colorMap()->data()->cell(1, 2)));
        // The automatic range fits the finite weights: [0, 1].
        QCOMPARE(v.colorMap()->dataRange(), QCPRange(0.0, 1.0));
        QVERIFY(!v.plot()->toPixmap().isNull());
    }

    void coalescesUpdates()
    {
        HeatmapView v;
        v.resize(600, 500);
        v.show();
        int rebuilt = 0;
        connect(v.plot(), &QCustomPlot::beforeReplot, this, [&] { ++rebuilt; });
        for (int i = 0; i < 20; ++i)
            v.setTrace(fixtures::causal3());
        QTRY_VERIFY(rebuilt >= 1);
        QCoreApplication::processEvents();
        QVERIFY2(rebuilt <= 3, qPrintable(QString::number(rebuilt)));
    }

    // Prints the time of one update of a 128x128 matrix with labels (rebuild + replot);
    // a figure to read, not an assertion.
    void byteLevelTokensShownAsOneGroup()
    {
        // 你 is E4 BD A0, 好 is E5 A5 BD (UTF-8, worked out by hand). GPT-2 splits them over
        // byte tokens; a trace may hold the raw bytes or tokenText's "<0xNN>" stand-ins.
        const std::vector<std::string> toks = {"Hi",      " \xe4\xbd", "\xa0", "<0xE5><0xA5>",
                                               "<0xBD>!", "\xff",      "\n"};
        const QStringList l = TokenLabels::of(toks, 8);
        QCOMPARE(l.size(), 8);
        QCOMPARE(l[0], QStringLiteral("Hi"));
        QCOMPARE(l[1], QString::fromUtf8("\u2423\u4f60[E4 BD]")); // ␣你[E4 BD]
        QCOMPARE(l[2], QString::fromUtf8("\u4f60[A0]"));
        QCOMPARE(l[3], QString::fromUtf8("\u597d[E5 A5]"));
        QCOMPARE(l[4], QString::fromUtf8("\u597d[BD]!"));
        QCOMPARE(l[5], QStringLiteral("<FF>")); // a byte that is no character
        QCOMPARE(l[6], QString::fromUtf8("\u21b5"));
        QCOMPARE(l[7], QStringLiteral("7")); // no token text: the position
        for (const QString &s : l)
            QVERIFY(!s.contains(QChar(0xFFFD)));
        // The view's axes use them.
        HeatmapView v;
        v.resize(700, 600);
        auto t = fixtures::causal(7, 1, 1, toks);
        v.setTrace(t);
        v.flush();
        QCOMPARE(v.matrix().queryTokens.value(2), QString::fromUtf8("\u4f60[A0]"));
        QCOMPARE(v.matrix().keyTokens.value(3), QString::fromUtf8("\u597d[E5 A5]"));
    }

    void zoomAndPanStayInsideTheMatrix()
    {
        HeatmapView v;
        v.resize(800, 700);
        v.setTrace(fixtures::causal(1024, 1, 1));
        v.flush();
        QVERIFY(!v.zoomed());
        QCOMPARE(v.visibleCells(), QRect(0, 0, 1024, 1024));
        const int step = v.labelStep(Qt::Vertical);
        QVERIFY(step > 8); // 1024 rows in a few hundred pixels
        v.zoomIn();
        v.zoomIn();
        v.zoomIn(); // 8x: 128 rows visible, about the centre
        v.flush();
        QVERIFY(v.zoomed());
        const QRect vis = v.visibleCells();
        QVERIFY(std::abs(vis.height() - 128) <= 1);
        QVERIFY(std::abs(vis.center().y() - 512) <= 2);
        QVERIFY(v.labelStep(Qt::Vertical) <= (step + 7) / 8 + 1);
        // Only the visible rows are labelled.
        auto yt = qSharedPointerCast<QCPAxisTickerText>(v.plot()->yAxis->ticker());
        QVERIFY(yt->ticks().firstKey() >= vis.top() && yt->ticks().lastKey() <= vis.bottom());
        // Panning past the end stops at the edge.
        v.plot()->yAxis->setRange(2000, 2128);
        v.flush();
        QCOMPARE(v.visibleCells().bottom(), 1023);
        QVERIFY(std::abs(v.visibleCells().height() - 128) <= 1);
        // A new trace of the same length (live training) keeps the zoom; another length resets.
        v.setTrace(fixtures::causal(1024, 2, 1));
        v.flush();
        QVERIFY(v.zoomed());
        v.setTrace(fixtures::causal(100, 1, 1));
        v.flush();
        QVERIFY(!v.zoomed());
        v.zoomIn();
        v.resetZoom();
        v.flush();
        QCOMPARE(v.visibleCells(), QRect(0, 0, 100, 100));
        // Zooming far in keeps at least 4 cells.
        for (int i = 0; i < 10; ++i)
            v.zoomIn();
        v.flush();
        QVERIFY(v.visibleCells().width() >= 4);
    }

    void benchmark128()
    {
        HeatmapView v;
        v.resize(900, 800);
        v.show();
        auto a = fixtures::causal(128, 1, 4);
        auto b = fixtures::causal(128, 2, 4);
        v.setTrace(a);
        v.flush();
        std::vector<double> ms;
        for (int i = 0; i < 15; ++i) {
            QElapsedTimer t;
            t.start();
            v.setTrace(i % 2 ? a : b);
            v.flush();
            ms.push_back(t.nsecsElapsed() / 1e6);
        }
        std::vector<double> draw;
        for (int i = 0; i < 15; ++i) {
            QElapsedTimer t;
            t.start();
            v.plot()->replot(QCustomPlot::rpImmediateRefresh);
            draw.push_back(t.nsecsElapsed() / 1e6);
        }
        std::sort(draw.begin(), draw.end());
        qInfo("HeatmapView 128x128 redraw alone (replot, same data): median %.2f ms, min %.2f ms",
              draw[draw.size() / 2], draw.front());
        std::sort(ms.begin(), ms.end());
        qInfo("HeatmapView 128x128 update (set trace + rebuild + replot): median %.2f ms, "
              "min %.2f ms, max %.2f ms over %zu runs",
              ms[ms.size() / 2], ms.front(), ms.back(), ms.size());
        QVERIFY(v.matrix().rows() == 128);
    }
};

QTEST_MAIN(TestHeatmapView)
#include "test_heatmapview.moc"
