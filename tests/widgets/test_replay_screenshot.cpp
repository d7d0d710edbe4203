// Training replay as the window shows it: the heatmap of a replayed step, the replay bar
// and the loss plot marking that step; light and dark. Writes PNGs to
// <build>/screenshots/ (look at them).

#include "attention/heatmapview.h"
#include "loss/lossplotview.h"
#include "replay/replaybar.h"
#include "replay/replaystore.h"

#include <QDir>
#include <QSet>
#include <QSlider>
#include <QVBoxLayout>
#include <QtTest>

#include <cmath>

using namespace attn;

namespace {

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1e, 0x1f, 0x22), text(0xe8, 0xe8, 0xe8);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    return p;
}

// The reverse task's attention forming: uniform causal noise at step 0 that sharpens
// into the anti-diagonal of the answer over 600 steps.
AttentionTrace traceAt(int step)
{
    const std::vector<std::string> tokens = {"<bos>", "a", "b", "c", "d", "e",
                                             "=",     "e", "d", "c", "b", "a"};
    const int T = int(tokens.size());
    AttentionTrace t;
    t.queryTokens = t.keyTokens = tokens;
    AttentionBlockTrace b;
    b.name = "layers.0.attn";
    b.mask = MatRM::Zero(T, T);
    for (int i = 0; i < T; ++i)
        for (int j = i + 1; j < T; ++j)
            b.mask(i, j) = 1.0f;
    HeadTrace h;
    h.weights = MatRM::Zero(T, T);
    const double sharp = 1.0 - std::exp(-step / 150.0);
    for (int i = 0; i < T; ++i) {
        const int target = i >= 7 ? 5 - (i - 7) + 0 : -1; // answer i looks at source 5-(i-7)
        double sum = 0;
        for (int j = 0; j <= i; ++j) {
            double w = 1.0 + 0.3 * std::sin(i * 3.1 + j * 1.7);
            if (j == target)
                w += 40.0 * sharp;
            h.weights(i, j) = float(w);
            sum += w;
        }
        for (int j = 0; j <= i; ++j)
            h.weights(i, j) = float(h.weights(i, j) / sum);
    }
    b.heads.push_back(h);
    t.blocks.push_back(b);
    return t;
}

LossPoint lossAt(int s)
{
    LossPoint p;
    p.step = s;
    p.loss = 2.4 * std::exp(-s / 120.0) + 0.15 + 0.08 * std::sin(s * 1.3) * std::exp(-s / 400.0);
    if (s % 50 == 0)
        p.valLoss = 2.4 * std::exp(-s / 130.0) + 0.2;
    p.lr = 3e-3;
    p.gradNorm = 1.5 * std::exp(-s / 200.0) + 0.3;
    return p;
}

} // namespace

class TestReplayScreenshot : public QObject {
    Q_OBJECT
private slots:
    void replay()
    {
        QDir out(qEnvironmentVariable("ATTNLAB_BUILD_DIR", QStringLiteral(".")) +
                 QStringLiteral("/screenshots"));
        QVERIFY(out.mkpath(QStringLiteral(".")));
        for (const bool dark : {false, true}) {
            QWidget w;
            if (dark)
                w.setPalette(darkPalette());
            w.setAutoFillBackground(true);
            auto *heatmap = new HeatmapView(&w);
            auto *bar = new ReplayBar(&w);
            auto *plot = new LossPlotView(&w);
            auto *layout = new QVBoxLayout(&w);
            layout->addWidget(heatmap, 3);
            layout->addWidget(bar);
            layout->addWidget(plot, 2);
            ReplayStore store(20, 40);
            for (int s = 0; s <= 600; ++s) {
                plot->appendPoint(lossAt(s));
                if (s % 5 == 0)
                    store.add(traceAt(s), s);
            }
            bar->setSteps(store.steps());
            QObject::connect(bar, &ReplayBar::stepChosen, &w, [&](int step) {
                heatmap->setTrace(store.at(step));
                plot->setMarkerStep(step);
            });
            bar->showStep(120);
            QCOMPARE(bar->currentStep(), 120);
            QCOMPARE(plot->markerStep(), 120);
            w.resize(760, 900);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QTest::qWait(100);
            plot->flush();
            const QImage img = w.grab().toImage();
            QSet<QRgb> colours;
            for (int y = 0; y < img.height(); y += 3)
                for (int x = 0; x < img.width(); x += 3)
                    colours.insert(img.pixel(x, y));
            QVERIFY(colours.size() > 20);
            const QString path = out.filePath(dark ? QStringLiteral("replay-dark.png")
                                                   : QStringLiteral("replay-light.png"));
            QVERIFY(img.save(path));
            qInfo("wrote %s", qPrintable(path));
        }
    }
};

QTEST_MAIN(TestReplayScreenshot)
#include "test_replay_screenshot.moc"
