// Pictures of every walkthrough step with the English char-LM demo's real numbers, light
// and dark, English and Chinese, plus the sandbox; kept in
// <build>/screenshots/walkthrough/ to be looked at. Each picture must not be blank.
#include "common/screenshot.h"
#include "walkthrough/sandboxview.h"
#include "walkthrough/walkthroughexport.h"
#include "walkthrough/walkthroughview.h"

#include "io/modelfile.h"
#include "text/utf8.h"
#include "tokenizers/tokenizer.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QScrollArea>
#include <QScrollBar>
#include <QTranslator>
#include <QtTest>

#include <filesystem>

using namespace attn;

namespace {

using screenshot::darkPalette;

QString outDir()
{
    return screenshot::outDir(QStringLiteral("walkthrough")).path();
}

// Fewer colours than the views' pictures: a step's page is mostly text on one background.
void save(const QImage &img, const QString &name)
{
    screenshot::save(img, QDir(outDir()), name, 8);
}

AttentionTrace demoTrace()
{
    const std::string path = (std::filesystem::path(ATTNLAB_SOURCE_DIR) / "resources" / "models" /
                              "english-char-lm.safetensors")
                                 .string();
    const LoadedModel m = loadModelFile(path);
    const std::vector<TokenId> ids = m.tokenizer->encode("attention is all");
    Batch one;
    one.batch = 1;
    one.length = static_cast<int>(ids.size());
    one.inputs = ids;
    TraceOptions o;
    o.weights = true;
    AttentionTrace t = m.model->trace(one, o);
    for (TokenId id : ids)
        t.queryTokens.push_back(utf8::displayText(m.tokenizer->tokenText(id)));
    t.keyTokens = t.queryTokens;
    return t;
}

} // namespace

class TestWalkthroughScreenshot : public QObject {
    Q_OBJECT
private slots:
    void everyStepLightDarkEnglishChinese()
    {
        const AttentionTrace t = demoTrace();
        QTranslator zh;
        QVERIFY(zh.load(QStringLiteral(":/i18n/attentionlab_zh_CN.qm")));
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            if (lang == QLatin1String("zh_CN"))
                QCoreApplication::installTranslator(&zh);
            for (bool dark : {false, true}) {
                WalkthroughView v;
                if (dark)
                    v.setPalette(darkPalette());
                v.setTrace(t);
                v.setBlock(QStringLiteral("layers.1.attn"));
                v.setHead(1);
                v.setQuery(9);
                v.setKey(4);
                v.resize(1500, 950);
                v.show();
                QVERIFY(QTest::qWaitForWindowExposed(&v));
                for (int s = 0; s < v.stepCount(); ++s) {
                    v.setStep(s);
                    QTest::qWait(50);
                    save(v.grab().toImage(),
                         QStringLiteral("step%1-%2-%3.png")
                             .arg(s + 1)
                             .arg(dark ? QStringLiteral("dark") : QStringLiteral("light"))
                             .arg(lang));
                }
                if (!dark) // the slide images as exported
                    for (int s = 0; s < v.stepCount(); ++s) {
                        const QString name = QStringLiteral("slide%1-%2.png").arg(s + 1).arg(lang);
                        QVERIFY(QDir().mkpath(outDir()));
                        QVERIFY(v.exportPng(s, outDir() + QLatin1Char('/') + name));
                        save(QImage(outDir() + QLatin1Char('/') + name), name);
                    }
            }
            QCoreApplication::removeTranslator(&zh);
        }
    }

    void narrowWindows()
    {
        // The sizes of the main window's walkthrough tab next to its docks (~900 px) and of
        // a laptop screen: every control must be on screen without a sideways scroll.
        const AttentionTrace t = demoTrace();
        QTranslator zh;
        QVERIFY(zh.load(QStringLiteral(":/i18n/attentionlab_zh_CN.qm")));
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            if (lang == QLatin1String("zh_CN"))
                QCoreApplication::installTranslator(&zh);
            for (const QSize size : {QSize(900, 700), QSize(1280, 800)}) {
                // In a scroll area, as the main window's tab holds it.
                QScrollArea area;
                area.setWidgetResizable(true);
                area.setFrameShape(QFrame::NoFrame);
                auto *v = new WalkthroughView;
                area.setWidget(v);
                v->setTrace(t);
                v->setBlock(QStringLiteral("layers.1.attn"));
                v->setHead(1);
                v->setQuery(9);
                v->setKey(4);
                QVERIFY2(v->minimumSizeHint().width() <= 800,
                         qPrintable(QString::number(v->minimumSizeHint().width())));
                area.resize(size);
                area.show();
                QVERIFY(QTest::qWaitForWindowExposed(&area));
                for (int s : {1, 2, 5}) {
                    v->setStep(s);
                    QTest::qWait(50);
                    QVERIFY(!area.horizontalScrollBar()->isVisible());
                    QCOMPARE(v->width(), area.viewport()->width());
                    save(area.grab().toImage(), QStringLiteral("narrow%1x%2-step%3-%4.png")
                                                    .arg(size.width())
                                                    .arg(size.height())
                                                    .arg(s + 1)
                                                    .arg(lang));
                }
            }
            QCoreApplication::removeTranslator(&zh);
        }
    }

    void sandbox()
    {
        for (bool dark : {false, true}) {
            SandboxView s;
            if (dark)
                s.setPalette(darkPalette());
            s.applyPreset(SandboxPreset::LargeUnscaled);
            s.resize(1500, 900);
            s.show();
            QVERIFY(QTest::qWaitForWindowExposed(&s));
            QTest::qWait(50);
            save(s.grab().toImage(),
                 QStringLiteral("sandbox-%1.png")
                     .arg(dark ? QStringLiteral("dark") : QStringLiteral("light")));
        }
        // In a ~900 px tab, as the main window holds it: no sideways scroll.
        QScrollArea area;
        area.setWidgetResizable(true);
        area.setFrameShape(QFrame::NoFrame);
        auto *s = new SandboxView;
        area.setWidget(s);
        s->applyPreset(SandboxPreset::Causal);
        area.resize(900, 700);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        QTest::qWait(50);
        QVERIFY(!area.horizontalScrollBar()->isVisible());
        save(area.grab().toImage(), QStringLiteral("narrow900x700-sandbox.png"));
    }
};

QTEST_MAIN(TestWalkthroughScreenshot)
#include "test_walkthrough_screenshot.moc"
