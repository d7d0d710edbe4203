// Training replay as the window shows it: the heatmap of a replayed step, the replay bar
// and the loss plot marking that step; light and dark. Writes PNGs to
// <build>/screenshots/ (look at them).

#include "attention/heatmapview.h"
#include "common/screenshot.h"
#include "loss/lossplotview.h"
#include "replay/replaybar.h"
#include "replay/replaystore.h"

#include <QDir>
#include <QSlider>
#include <QVBoxLayout>
#include <QtTest>

#include <cmath>

using namespace attn;

namespace {

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
        const QDir out = screenshot::outDir();
        for (const bool dark : {false, true}) {
            QWidget w;
            if (dark)
                w.setPalette(screenshot::darkPalette());
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
            screenshot::save(w.grab().toImage(), out,
                             dark ? QStringLiteral("replay-dark.png")
                                  : QStringLiteral("replay-light.png"));
        }
    }
};

QTEST_MAIN(TestReplayScreenshot)
#include "test_replay_screenshot.moc"
