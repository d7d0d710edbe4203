#include "gui/config.h"
#include "gui/mainwindow.h"
#include "gui/panels/inferencepanel.h"
#include "gui/training/trainingcontroller.h"

#include "probabilitybars.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

using attn::gui::Config;
using attn::gui::InferencePanel;
using attn::gui::InferenceRequest;
using attn::gui::MainWindow;
using attn::gui::TrainingController;

// The Inference tab after some training, in the light, dark and high-contrast themes and
// with presentation-size text: <build>/screenshots/inference-*.png, to look at.
class TestInferenceScreenshot : public QObject {
    Q_OBJECT
private slots:
    void inferenceTabInEveryTheme()
    {
        QTemporaryDir dir;
        Config config(dir.filePath(QStringLiteral("s.ini")));
        MainWindow w(&config);
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        TrainingController *training = w.training();
        QTRY_VERIFY_WITH_TIMEOUT(training->state() == TrainingController::State::Ready, 30000);
        // A little training, so the bars are not uniform.
        training->start();
        QTRY_VERIFY_WITH_TIMEOUT(training->step() >= 150, 300000); // slow under ASan
        training->pause();
        QTRY_VERIFY_WITH_TIMEOUT(training->isIdleWhilePaused(), 30000);

        InferencePanel *panel = w.inferencePanel();
        w.viewTabs()->setCurrentWidget(panel);
        QSignalSpy shown(panel, &InferencePanel::resultShown);
        panel->input()->setText(QStringLiteral("abcdef="));
        panel->setTemperature(0.0);
        panel->setTokens(10);
        panel->generate();
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() &&
                                     panel->lastResult().kind == InferenceRequest::Kind::Generate,
                                 30000);
        QVERIFY2(panel->lastResult().error.isEmpty(), qPrintable(panel->lastResult().error));

        for (const char *theme : {"light", "dark", "high-contrast"}) {
            QVERIFY(w.setTheme(QString::fromLatin1(theme)));
            save(w, QStringLiteral("inference-%1.png").arg(QLatin1String(theme)));
        }
        // Presentation: larger text everywhere (Ctrl+=), high contrast.
        config.set(Config::Key::FontScale, 1.0);
        QAction *larger = nullptr;
        for (QAction *a : w.findChildren<QAction *>())
            if (a->text().remove(QLatin1Char('&')) == QLatin1String("Larger Text"))
                larger = a;
        QVERIFY(larger);
        for (int i = 0; i < 3; ++i)
            larger->trigger();
        QTRY_VERIFY(config.get(Config::Key::FontScale).toDouble() > 1.4);
        save(w, QStringLiteral("inference-presentation.png"));
        w.viewTabs()->setCurrentIndex(0);
        save(w, QStringLiteral("heatmap-presentation-high-contrast.png"));
        w.viewTabs()->setCurrentIndex(3);
        save(w, QStringLiteral("loss-presentation-high-contrast.png"));
        QVERIFY(w.setTheme(QStringLiteral("system")));
        training->stop();
        QTRY_VERIFY_WITH_TIMEOUT(training->state() == TrainingController::State::Ready, 30000);
    }

private:
    static void save(QWidget &w, const QString &name)
    {
        QTest::qWait(300); // queued replots and the tab's first paint
        const QImage image = w.grab().toImage().convertToFormat(QImage::Format_RGB32);
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(name));
        const QString out = qEnvironmentVariable("ATTNLAB_BUILD_DIR", QDir::tempPath()) +
                            QStringLiteral("/screenshots");
        QVERIFY(QDir().mkpath(out));
        QVERIFY(image.save(out + QLatin1Char('/') + name));
        qInfo("screenshot: %s/%s", qPrintable(out), qPrintable(name));
    }
};

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestInferenceScreenshot test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_inference_screenshot.moc"
