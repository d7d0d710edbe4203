// The attention views at GPT-2 scale: HeatmapView updates (a 128x128 matrix with its
// token labels, the figure of issue 9: < 10 ms; and 1024 tokens), AllHeadsGrid with
// 12 x 12 = 144 heads at 64 and 1024 tokens. Synthetic traces with GPT-2-like patterns
// (attention to the first token, to the previous token, a local band, spread out).
// And the views a lecturer watches while the demo trains, repainted ~10 times a second:
// AttentionLinesView at the demo's 16 tokens x 4 heads, LossPlotView with a long run.
// Prints medians; asserts nothing. With --shots DIR, writes PNGs of the views there.
// Usage: bench_views [--runs N] [--shots DIR]   (QT_QPA_PLATFORM=offscreen or xvfb-run)
#include "attention/allheadsgrid.h"
#include "attention/attentionlinesview.h"
#include "attention/heatmapview.h"
#include "loss/lossplotview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPixmap>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

using namespace attn;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// One causal self-attention block per layer, `heads` heads each; weights are a softmax
// of a pattern plus noise (seeded), masked above the diagonal.
std::shared_ptr<AttentionTrace> makeTrace(int layers, int heads, int T, unsigned seed,
                                          const std::vector<std::string> &tokens = {})
{
    auto tr = std::make_shared<AttentionTrace>();
    std::mt19937 rng(seed);
    std::normal_distribution<float> noise(0.0f, 0.7f);
    for (int t = 0; t < T; ++t) {
        tr->queryIds.push_back(t);
        tr->queryTokens.push_back(tokens.empty() ? "tok" + std::to_string(t)
                                                 : tokens[static_cast<std::size_t>(t)]);
    }
    tr->keyIds = tr->queryIds;
    MatRM mask(T, T);
    for (int i = 0; i < T; ++i)
        for (int j = 0; j < T; ++j)
            mask(i, j) = j > i ? 1.0f : 0.0f;
    for (int l = 0; l < layers; ++l) {
        AttentionBlockTrace b;
        b.name = "layers." + std::to_string(l) + ".attn";
        b.layer = l;
        b.mask = mask;
        for (int h = 0; h < heads; ++h) {
            HeadTrace ht;
            ht.weights = MatRM::Zero(T, T);
            const int kind = (l + h) % 4;
            for (int i = 0; i < T; ++i) {
                std::vector<float> s(static_cast<std::size_t>(i + 1));
                float mx = -1e30f;
                for (int j = 0; j <= i; ++j) {
                    float v = noise(rng);
                    if (kind == 0 && j == 0)
                        v += 6.0f; // the first token
                    if (kind == 1 && j == i - 1)
                        v += 6.0f; // the previous token
                    if (kind == 2 && i - j < 4)
                        v += 3.0f; // a local band
                    s[static_cast<std::size_t>(j)] = v;
                    mx = std::max(mx, v);
                }
                float sum = 0;
                for (float &v : s)
                    sum += (v = std::exp(v - mx));
                for (int j = 0; j <= i; ++j)
                    ht.weights(i, j) = s[static_cast<std::size_t>(j)] / sum;
            }
            b.heads.push_back(std::move(ht));
        }
        tr->blocks.push_back(std::move(b));
    }
    return tr;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    int runs = 21;
    QString shots;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (QString(argv[i]) == "--runs")
            runs = std::max(1, std::atoi(argv[i + 1]));
        else if (QString(argv[i]) == "--shots")
            shots = QString::fromLocal8Bit(argv[i + 1]);
    }

    // HeatmapView: a new 128 x 128 trace (labels included) set, rebuilt and drawn.
    {
        HeatmapView v;
        v.resize(900, 800);
        v.show();
        auto a = makeTrace(1, 4, 128, 1), b = makeTrace(1, 4, 128, 2);
        v.setHead(0);
        v.setTrace(a);
        v.flush();
        std::vector<double> ms;
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer t;
            t.start();
            v.setTrace(i % 2 ? a : b);
            v.flush();
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        std::printf("HeatmapView 128x128 update (setTrace + rebuild + labels + replot): median "
                    "%.2f ms, min %.2f, max %.2f over %d runs\n",
                    median(ms), *std::min_element(ms.begin(), ms.end()),
                    *std::max_element(ms.begin(), ms.end()), runs);
    }
    // HeatmapView at 1024 tokens: update, and zoomed in 8x (labels re-thinned).
    {
        HeatmapView v;
        v.resize(1000, 900);
        v.show();
        auto a = makeTrace(1, 1, 1024, 3), b = makeTrace(1, 1, 1024, 4);
        v.setTrace(a);
        v.flush();
        if (!shots.isEmpty())
            v.grab().save(shots + "/heatmap1024.png");
        std::vector<double> ms;
        for (int i = 0; i < std::max(3, runs / 3); ++i) {
            QElapsedTimer t;
            t.start();
            v.setTrace(i % 2 ? a : b);
            v.flush();
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        const int stepBefore = v.labelStep(Qt::Vertical);
        v.zoomIn();
        v.zoomIn();
        v.zoomIn();
        v.flush();
        std::printf("HeatmapView 1024x1024 update: median %.1f ms; label step %d unzoomed, %d "
                    "zoomed 8x (%d x %d cells visible)\n",
                    median(ms), stepBefore, v.labelStep(Qt::Vertical), v.visibleCells().width(),
                    v.visibleCells().height());
        if (!shots.isEmpty())
            v.grab().save(shots + "/heatmap1024_zoom8.png");
    }
    // Byte-level tokens: "你好" as GPT-2 splits it (three tokens for two characters).
    if (!shots.isEmpty()) {
        HeatmapView v;
        v.resize(700, 600);
        v.show();
        const std::vector<std::string> toks = {"Hello",        " ",      "\xe4\xbd", "\xa0",
                                               "<0xE5><0xA5>", "<0xBD>", "!",        "\n"};
        v.setTrace(makeTrace(1, 1, 8, 5, toks));
        v.flush();
        v.grab().save(shots + "/heatmap_bytes.png");
    }
    // AttentionLinesView: the demo's size (16 tokens, 4 heads: 1,024 lines), a new trace
    // each paint, at the size of the window's view.
    {
        AttentionLinesView v;
        v.resize(1000, 640);
        v.show();
        auto a = makeTrace(1, 4, 16, 8), b = makeTrace(1, 4, 16, 9);
        QPixmap pm(v.size());
        v.setTrace(a);
        v.render(&pm);
        std::vector<double> ms;
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer t;
            t.start();
            v.setTrace(i % 2 ? a : b);
            v.render(&pm);
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        std::printf("AttentionLinesView 16 tokens x 4 heads: setTrace + paint median %.2f ms\n",
                    median(ms));
        if (!shots.isEmpty())
            v.grab().save(shots + "/lines16x4.png");
    }
    // LossPlotView: a run of 1,000 and of 10,000 steps (every series), then a replot per 10
    // new points.
    for (const int steps : {1000, 10000}) {
        LossPlotView v;
        v.resize(1000, 640);
        v.show();
        std::mt19937 rng(3);
        std::normal_distribution<double> noise(0.0, 0.05);
        int step = 0;
        auto batch = [&](int n) {
            QVector<LossPoint> points;
            for (int i = 0; i < n; ++i, ++step) {
                LossPoint p;
                p.step = step;
                p.loss = 3.0 * std::exp(-step / 2000.0) + 0.2 + noise(rng);
                p.valLoss = step % 100 == 0 ? p.loss + 0.05 : std::nan("");
                p.accuracy = 1.0 - p.loss / 3.5;
                p.lr = 1e-3 * std::min(1.0, step / 500.0);
                p.gradNorm = 1.0 + noise(rng);
                points.push_back(p);
            }
            return points;
        };
        v.appendPoints(batch(steps));
        v.flush();
        std::vector<double> ms;
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer t;
            t.start();
            v.appendPoints(batch(10));
            v.flush();
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        std::printf("LossPlotView at %d steps: append 10 points + replot median %.2f ms\n", steps,
                    median(ms));
        if (!shots.isEmpty())
            v.grab().save(shots + QString("/loss%1.png").arg(steps));
    }
    // AllHeadsGrid: GPT-2 small's 12 x 12 heads.
    for (const int T : {64, 1024}) {
        AllHeadsGrid g;
        g.resize(1100, 1000);
        g.show();
        auto a = makeTrace(12, 12, T, 6), b = makeTrace(12, 12, T, 7);
        g.setTrace(a);
        QPixmap pm(g.size());
        g.render(&pm);
        std::vector<double> ms;
        for (int i = 0; i < std::max(3, runs / 3); ++i) {
            QElapsedTimer t;
            t.start();
            g.setTrace(i % 2 ? a : b);
            g.render(&pm);
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        std::printf("AllHeadsGrid 12x12 heads at %d tokens: setTrace + paint median %.1f ms, cell "
                    "%d px\n",
                    T, median(ms), g.cellRect(0, 0).width());
        if (!shots.isEmpty())
            g.grab().save(shots + QString("/allheads12x12_%1.png").arg(T));
    }
    return 0;
}
