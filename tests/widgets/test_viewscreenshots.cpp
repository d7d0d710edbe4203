// Renders every view with a realistic trace (Chinese and English tokens) in a light and a
// dark palette and in presentation mode, writes the PNGs to <build>/screenshots/ for a
// person to look at, and checks that none is blank.

#include "attention/allheadsgrid.h"
#include "attention/attentionlinesview.h"
#include "attention/attentionselector.h"
#include "attention/heatmapview.h"
#include "common/screenshot.h"
#include "loss/lossplotview.h"
#include "tracefixtures.h"
#include "viewexport.h"

#include <QApplication>
#include <QDir>
#include <QPainter>
#include <QStyle>
#include <QStyleFactory>
#include <QSvgRenderer>
#include <QVBoxLayout>
#include <QtTest>

#include <cmath>

using namespace attn;

namespace {

const std::vector<std::string> &sentence()
{
    static const std::vector<std::string> s = {"我",  "喜欢", "注意力", "机制", "，",   "because",
                                               " it", " is",  " easy",  " to",  " see", "!"};
    return s;
}

LossPoint lossAt(int s)
{
    // A plausible run: exponential decay to 0.9 with deterministic wiggle; validation
    // every 25 steps; warm-up then cosine learning rate.
    LossPoint p;
    p.step = s;
    const double noise = 0.25 * std::sin(s * 1.7) * std::cos(s * 0.37) * std::exp(-s / 300.0);
    p.loss = 3.6 * std::exp(-s / 70.0) + 0.9 + noise + 0.05 * std::sin(s * 5.1);
    if (s % 25 == 0) {
        p.valLoss = 3.6 * std::exp(-s / 75.0) + 1.0 + 0.0004 * s;
        p.accuracy = 0.95 * (1 - std::exp(-s / 90.0));
    }
    p.lr = s < 40 ? 3e-3 * s / 40.0 : 3e-3 * 0.5 * (1 + std::cos(M_PI * (s - 40) / 360.0));
    p.gradNorm = 2.5 * std::exp(-s / 120.0) + 0.4 + 0.3 * std::abs(std::sin(s * 0.9));
    return p;
}

} // namespace

class TestViewScreenshots : public QObject {
    Q_OBJECT
private:
    QDir m_out;

    // Saves the grab and checks it is not blank: many distinct colours, and not all of
    // them the background.
    void save(QWidget *w, const QString &name)
    {
        w->show();
        QCoreApplication::processEvents();
        screenshot::save(w->grab().toImage(), m_out, name + QStringLiteral(".png"));
    }

    struct Mode {
        QString name;
        QPalette palette;
        bool presentation;
    };
    QList<Mode> modes() const
    {
        return {
            {QStringLiteral("light"), QApplication::style()->standardPalette(), false},
            {QStringLiteral("dark"), screenshot::darkPalette(), false},
            {QStringLiteral("light-presentation"), QApplication::style()->standardPalette(), true}};
    }

private slots:
    void initTestCase()
    {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        m_out = screenshot::outDir();
        QVERIFY(m_out.exists());
    }

    void heatmap()
    {
        for (const Mode &m : modes()) {
            QWidget host;
            host.setPalette(m.palette);
            auto *layout = new QVBoxLayout(&host);
            auto *selector = new AttentionSelector(&host);
            auto *view = new HeatmapView(&host);
            layout->addWidget(selector);
            layout->addWidget(view, 1);
            selector->attach(view);
            auto t = fixtures::patterned(12, 2, 4, sentence());
            selector->setTrace(t);
            view->setTrace(t);
            selector->setSelection(0, 3); // a local-window head
            view->setPresentationMode(m.presentation);
            host.resize(m.presentation ? 1100 : 820, m.presentation ? 900 : 680);
            view->flush();
            save(&host, QStringLiteral("heatmap-12-") + m.name);
            if (m.name == QLatin1String("light")) {
                // The vector exports, and the SVG drawn back to pixels for a look.
                const QString svg = m_out.filePath(QStringLiteral("heatmap-12-light.svg"));
                QVERIFY(ViewExport::saveSvg(view, svg));
                QVERIFY(ViewExport::savePdf(
                    view, m_out.filePath(QStringLiteral("heatmap-12-light.pdf"))));
                QSvgRenderer renderer(svg);
                QVERIFY(renderer.isValid());
                QImage back(view->size(), QImage::Format_ARGB32);
                back.fill(Qt::white);
                QPainter painter(&back);
                renderer.render(&painter);
                painter.end();
                QVERIFY(back.save(m_out.filePath(QStringLiteral("heatmap-12-light-from-svg.png"))));
            }

            view->setHead(-1);
            view->setTrace(fixtures::patterned(64, 1, 4));
            view->flush();
            save(&host, QStringLiteral("heatmap-64-mean-") + m.name);
        }
    }

    void heatmapCrossAndPool()
    {
        auto t = std::make_shared<AttentionTrace>();
        t->queryTokens = {"<s>", "I", "like", "attention"};
        t->keyTokens = {"我", "喜欢", "注意力", "</s>", "<pad>"};
        AttentionBlockTrace cross;
        cross.name = "decoder.layers.0.cross";
        cross.role = AttentionRole::Cross;
        cross.mask = attn::MatRM::Zero(4, 5);
        cross.mask.col(4).setOnes(); // padding
        attn::MatRM w(4, 5);
        w << 0.7f, 0.1f, 0.1f, 0.1f, 0, 0.8f, 0.1f, 0.05f, 0.05f, 0, 0.05f, 0.85f, 0.05f, 0.05f, 0,
            0.05f, 0.1f, 0.8f, 0.05f, 0;
        cross.heads.resize(1);
        cross.heads[0].weights = w;
        t->blocks.push_back(cross);
        AttentionBlockTrace pool;
        pool.name = "pool";
        pool.role = AttentionRole::Pool;
        pool.heads.resize(1);
        pool.heads[0].weights = attn::MatRM(1, 5);
        pool.heads[0].weights << 0.1f, 0.2f, 0.6f, 0.1f, 0.0f;
        t->blocks.push_back(pool);
        HeatmapView view;
        view.resize(700, 480);
        view.setTrace(t);
        view.setBlock(0);
        view.flush();
        save(&view, QStringLiteral("heatmap-cross-light"));
        view.setBlock(1);
        view.flush();
        save(&view, QStringLiteral("heatmap-pool-light"));
    }

    void grid()
    {
        for (const Mode &m : modes()) {
            AllHeadsGrid g;
            g.setPalette(m.palette);
            g.setPresentationMode(m.presentation);
            g.setTrace(fixtures::patterned(16, 12, 12));
            g.setCurrent(3, 5);
            g.resize(m.presentation ? 1200 : 900, m.presentation ? 1000 : 800);
            save(&g, QStringLiteral("grid-12x12-") + m.name);
        }
        AllHeadsGrid g;
        g.setTrace(fixtures::patterned(12, 4, 4, sentence()));
        g.resize(520, 480);
        save(&g, QStringLiteral("grid-4x4-light"));
    }

    void lines()
    {
        for (const Mode &m : modes()) {
            AttentionLinesView v;
            v.setPalette(m.palette);
            v.setPresentationMode(m.presentation);
            v.setTrace(fixtures::patterned(12, 1, 3, sentence()));
            v.resize(m.presentation ? 900 : 640, m.presentation ? 800 : 560);
            save(&v, QStringLiteral("lines-") + m.name);
            v.setHoveredToken(AttentionLinesView::Side::Query, 7);
            save(&v, QStringLiteral("lines-hover-") + m.name);
        }
    }

    void linesLong()
    {
        AttentionLinesView v;
        v.setTrace(fixtures::patterned(48, 1, 2));
        v.resize(640, 700);
        save(&v, QStringLiteral("lines-48-light"));
    }

    void lossPlot()
    {
        for (const Mode &m : modes()) {
            LossPlotView v;
            v.setPalette(m.palette);
            v.setPresentationMode(m.presentation);
            for (int s = 0; s <= 400; ++s)
                v.appendPoint(lossAt(s));
            v.setMarkerStep(250);
            v.resize(m.presentation ? 1100 : 820, m.presentation ? 800 : 600);
            v.flush();
            save(&v, QStringLiteral("loss-") + m.name);
            if (m.name == QLatin1String("light")) {
                v.setLogScale(true);
                v.flush();
                save(&v, QStringLiteral("loss-log-light"));
            }
        }
    }
};

QTEST_MAIN(TestViewScreenshots)
#include "test_viewscreenshots.moc"
