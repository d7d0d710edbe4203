// The Data dock with a Chinese sample and with a built-in task, light and dark. Writes
// PNGs to <build>/screenshots/ (look at them).

#include "common/screenshot.h"
#include "gui/panels/datapanel.h"
#include "tokenchips.h"

#include <QDir>
#include <QStandardPaths>
#include <QtTest>

using attn::gui::DataPanel;

class TestDataPanelScreenshot : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shots()
    {
        const QDir out = attn::screenshot::outDir();
        for (const bool dark : {false, true})
            for (const char *what : {"chinese", "english", "task"}) {
                DataPanel panel;
                if (dark)
                    panel.setPalette(attn::screenshot::darkPalette());
                panel.setAutoFillBackground(true);
                panel.resize(380, 720);
                panel.show();
                QVERIFY(QTest::qWaitFor([&] { return !panel.statsPending(); }, 20000));
                if (QByteArray(what) != "task")
                    QVERIFY(
                        panel.loadFile(QStringLiteral(ATTNLAB_SOURCE_DIR "/resources/samples/") +
                                       QLatin1String(what) + QStringLiteral(".txt")));
                QVERIFY(QTest::qWaitFor([&] { return !panel.statsPending(); }, 20000));
                QVERIFY(panel.stats().valid);
                QVERIFY(panel.chips()->chipCount() > 0);
                QTest::qWait(50);
                attn::screenshot::save(
                    panel.grab().toImage(), out,
                    QStringLiteral("datapanel-%1-%2.png")
                        .arg(QLatin1String(what),
                             dark ? QStringLiteral("dark") : QStringLiteral("light")));
            }
    }
};

QTEST_MAIN(TestDataPanelScreenshot)
#include "test_datapanel_screenshot.moc"
