// PoolingView: the classifier's token strip holds the pool block's weights and the given
// class probabilities, lays chips out in reading order, wraps them, and hit-tests them.
#include "attention/poolingview.h"

#include <QApplication>
#include <QDir>
#include <QStyle>
#include <QtTest>

#include <memory>

using namespace attn;

namespace {

// Four tokens pooled with weights 0.1 0.6 0.2 0.1 (they sum to 1), padding none.
std::shared_ptr<AttentionTrace> pooled()
{
    auto t = std::make_shared<AttentionTrace>();
    t->keyTokens = {"what", "a", "great", "film"};
    t->queryTokens = {"<pool>"};
    AttentionBlockTrace b;
    b.name = "pool";
    b.role = AttentionRole::Pool;
    b.kind = ScoreKind::Additive;
    b.heads.resize(1);
    b.heads[0].weights = MatRM(1, 4);
    b.heads[0].weights << 0.1f, 0.2f, 0.6f, 0.1f;
    t->blocks.push_back(b);
    return t;
}

} // namespace

class TestPoolingView : public QObject {
    Q_OBJECT

private slots:
    void holdsTheTraceWeightsAndProbabilities()
    {
        PoolingView view;
        view.resize(600, 300);
        view.setResult(pooled(), {"negative", "positive"}, {0.25f, 0.75f});
        QCOMPARE(view.tokenCount(), 4);
        QCOMPARE(view.token(2), QStringLiteral("great"));
        QCOMPARE(view.weight(2), 0.6f);
        QCOMPARE(view.weight(0), 0.1f);
        QCOMPARE(view.predicted(), 1);
        QCOMPARE(view.predictedLabel(), QStringLiteral("positive"));
        // Swapped probabilities change the prediction: nothing is fixed in the view.
        view.setResult(pooled(), {"negative", "positive"}, {0.9f, 0.1f});
        QCOMPARE(view.predictedLabel(), QStringLiteral("negative"));
        // No probabilities: no prediction.
        view.setResult(pooled(), {"negative", "positive"}, {});
        QCOMPARE(view.predicted(), -1);
    }

    void traceWithoutPoolShowsNothing()
    {
        PoolingView view;
        auto t = pooled();
        t->blocks.front().role = AttentionRole::Cross;
        view.setResult(t, {"a", "b"}, {0.5f, 0.5f});
        QCOMPARE(view.tokenCount(), 0);
        view.clear();
        QCOMPARE(view.tokenCount(), 0);
        QVERIFY(!view.grab().isNull()); // paints its note without a trace
    }

    void chipsFlowAndWrapAndHitTest()
    {
        PoolingView view;
        view.resize(900, 300);
        view.setResult(pooled(), {"negative", "positive"}, {0.25f, 0.75f});
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        // Reading order on one line when wide: each chip right of the previous one.
        int previous = -1;
        for (int x = 0; x < view.width(); x += 2) {
            for (int y = 0; y < 120; y += 2) {
                const int i = view.tokenAt(QPoint(x, y));
                if (i >= 0) {
                    QVERIFY2(i >= previous, "chips out of reading order");
                    previous = i;
                }
            }
        }
        QCOMPARE(previous, 3);
        // Narrow: the strip wraps onto more lines, so it needs more height.
        const int wide = view.heightForWidth(900);
        const int narrow = view.heightForWidth(120);
        QVERIFY2(narrow > wide, qPrintable(QStringLiteral("%1 vs %2").arg(narrow).arg(wide)));
        QCOMPARE(view.tokenAt(QPoint(-5, -5)), -1);
    }

    // Light, dark and presentation-size pictures in <build>/screenshots, to look at.
    void screenshots()
    {
        QApplication::setStyle(QStringLiteral("Fusion"));
        const QByteArray build = qgetenv("ATTNLAB_BUILD_DIR");
        QDir out(build.isEmpty() ? QDir::currentPath() : QString::fromLocal8Bit(build));
        QVERIFY(out.mkpath(QStringLiteral("screenshots")) && out.cd(QStringLiteral("screenshots")));
        auto t = std::make_shared<AttentionTrace>(*pooled());
        t->keyTokens = {"这", "部", "电", "影", "太", "棒", "了", "!"};
        t->blocks.front().heads[0].weights = MatRM(1, 8);
        t->blocks.front().heads[0].weights << 0.02f, 0.02f, 0.05f, 0.05f, 0.16f, 0.52f, 0.14f,
            0.04f;
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x20, 0x22, 0x25));
        dark.setColor(QPalette::Base, QColor(0x18, 0x1a, 0x1c));
        dark.setColor(QPalette::AlternateBase, QColor(0x2c, 0x2e, 0x32));
        dark.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
        dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
        dark.setColor(QPalette::Mid, QColor(0x60, 0x64, 0x6a));
        dark.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xd8));
        const struct {
            const char *name;
            QPalette palette;
            double scale;
        } modes[] = {{"light", QApplication::style()->standardPalette(), 1.0},
                     {"dark", dark, 1.0},
                     {"light-presentation", QApplication::style()->standardPalette(), 1.8}};
        for (const auto &m : modes) {
            PoolingView view;
            view.setPalette(m.palette);
            view.setFontScale(m.scale);
            view.setResult(t, {QStringLiteral("negative"), QStringLiteral("positive")},
                           {0.08f, 0.92f});
            view.resize(720, view.heightForWidth(720));
            const QImage img = view.grab().toImage();
            QSet<QRgb> colours;
            for (int y = 0; y < img.height(); y += 2)
                for (int x = 0; x < img.width(); x += 2)
                    colours.insert(img.pixel(x, y));
            QVERIFY2(colours.size() > 20, m.name);
            QVERIFY(img.save(out.filePath(QStringLiteral("pooling-%1.png").arg(m.name))));
        }
    }
};

QTEST_MAIN(TestPoolingView)
#include "test_poolingview.moc"
