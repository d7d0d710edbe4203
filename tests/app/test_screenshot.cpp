#include "gui/config.h"
#include "gui/mainwindow.h"
#include "gui/training/trainingcontroller.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QSet>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdlib>

using attn::gui::Config;
using attn::gui::MainWindow;
using attn::gui::TrainingController;

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
        w.resize(1440, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        TrainingController *training = w.training();
        QTRY_VERIFY_WITH_TIMEOUT(training->state() == TrainingController::State::Ready, 30000);
        save(w, QStringLiteral("mainwindow.png"));

        // The demo after some training: the picture at the top of the README.
        training->start();
        QTRY_VERIFY_WITH_TIMEOUT(training->step() >= 150, 300000);
        training->stop();
        QTRY_VERIFY_WITH_TIMEOUT(training->state() == TrainingController::State::Ready, 30000);
        QTest::qWait(300); // the last trace and loss points are drawn
        save(w, QStringLiteral("training.png"));
        w.viewTabs()->setCurrentIndex(3); // loss curves
        QTest::qWait(300);
        save(w, QStringLiteral("training-loss.png"));
        w.viewTabs()->setCurrentIndex(1); // all heads
        QTest::qWait(300);
        save(w, QStringLiteral("training-heads.png"));

        // The same window in Chinese.
        w.setLanguage(QStringLiteral("zh_CN"));
        w.viewTabs()->setCurrentIndex(0);
        QTest::qWait(300);
        save(w, QStringLiteral("training-zh_CN.png"));
        w.setLanguage(QStringLiteral("en"));
        // Leave without the unsaved-model question.
        QSignalSpy saved(training, &TrainingController::saved);
        training->save(dir.filePath(QStringLiteral("m.safetensors")));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 30000);
    }

private:
    static void save(QWidget &w, const QString &name)
    {
        const QImage image = w.grab().toImage().convertToFormat(QImage::Format_RGB32);
        QCOMPARE(image.size(), w.size());
        // Not blank: many distinct colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20,
                 qPrintable(QStringLiteral("%1: only %2 colours").arg(name).arg(colours.size())));
        const QString out = qEnvironmentVariable("ATTNLAB_BUILD_DIR", QDir::tempPath()) +
                            QStringLiteral("/screenshots");
        QVERIFY(QDir().mkpath(out));
        QVERIFY(image.save(out + QLatin1Char('/') + name));
        qInfo("screenshot: %s/%s (platform %s)", qPrintable(out), qPrintable(name),
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
