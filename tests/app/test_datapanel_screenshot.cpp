// The Data dock with a Chinese sample and with a built-in task, light and dark. Writes
// PNGs to <build>/screenshots/ (look at them).

#include "gui/datapanel.h"
#include "tokenchips.h"

#include <QDir>
#include <QStandardPaths>
#include <QtTest>

using attn::gui::DataPanel;

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
} // namespace

class TestDataPanelScreenshot : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shots()
    {
        QDir out(qEnvironmentVariable("ATTNLAB_BUILD_DIR", QStringLiteral(".")) +
                 QStringLiteral("/screenshots"));
        QVERIFY(out.mkpath(QStringLiteral(".")));
        for (const bool dark : {false, true})
            for (const char *what : {"chinese", "english", "task"}) {
                DataPanel panel;
                if (dark)
                    panel.setPalette(darkPalette());
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
                const QString path =
                    out.filePath(QStringLiteral("datapanel-%1-%2.png")
                                     .arg(QLatin1String(what),
                                          dark ? QStringLiteral("dark") : QStringLiteral("light")));
                QVERIFY(panel.grab().save(path));
                qInfo("wrote %s", qPrintable(path));
            }
    }
};

QTEST_MAIN(TestDataPanelScreenshot)
#include "test_datapanel_screenshot.moc"
