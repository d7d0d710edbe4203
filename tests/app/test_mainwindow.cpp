#include "gui/aboutdialog.h"
#include "gui/config.h"
#include "gui/mainwindow.h"
#include "gui/panels/datapanel.h"
#include "gui/panels/modelpanel.h"
#include "gui/training/trainingcontroller.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using attn::gui::AboutDialog;
using attn::gui::Config;
using attn::gui::MainWindow;
using attn::gui::TrainingController;

// The skeleton's promises to a user: menus with standard shortcuts, files
// opened or refused with a message, the window's layout remembered.
class TestMainWindow : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
    void write(const QString &name, const QByteArray &bytes)
    {
        QFile f(path(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    static QAction *findAction(QWidget *w, const QString &text)
    {
        for (QAction *a : w->findChildren<QAction *>())
            if (a->text().remove(QLatin1Char('&')) == text)
                return a;
        return nullptr;
    }

private slots:
    void menusAndShortcuts()
    {
        Config config(path(QStringLiteral("menus.ini")));
        MainWindow w(&config);
        QStringList titles;
        for (QAction *a : w.menuBar()->actions())
            titles << a->text().remove(QLatin1Char('&'));
        QCOMPARE(titles, (QStringList{"File", "View", "Help"}));
        auto *tabs = w.findChild<QTabWidget *>(QStringLiteral("viewTabs"));
        QVERIFY(tabs);
        QStringList tabNames;
        for (int i = 0; i < tabs->count(); ++i)
            tabNames << tabs->tabText(i);
        QCOMPARE(tabNames, (QStringList{"Attention", "All Heads", "Lines", "Loss", "Alignment",
                                        "Pooling", "Inference", "Walkthrough", "Sandbox"}));
        // The alignment and pooling views show for the models that have them, not for the
        // demo language model.
        QVERIFY(!tabs->isTabVisible(4));
        QVERIFY(!tabs->isTabVisible(5));

        QAction *open = findAction(&w, QStringLiteral("Open Text…"));
        QVERIFY(open);
        QCOMPARE(open->shortcut(), QKeySequence(QKeySequence::Open));
        QAction *quit = findAction(&w, QStringLiteral("Quit"));
        QVERIFY(quit);
        QCOMPARE(quit->shortcut(), QKeySequence(QKeySequence::Quit));
        QVERIFY(findAction(&w, QStringLiteral("Open Model…")));
        QVERIFY(findAction(&w, QStringLiteral("Save Model As…")));
        QVERIFY(findAction(&w, QStringLiteral("About AttentionLab")));
        QAction *full = findAction(&w, QStringLiteral("Full Screen"));
        QVERIFY(full);
        // The shortcut a menu shows (the first) is F11 and Ctrl+=, as the README says.
        QCOMPARE(full->shortcut(), QKeySequence(Qt::Key_F11));
        QAction *larger = findAction(&w, QStringLiteral("Larger Text"));
        QVERIFY(larger);
        QCOMPARE(larger->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Equal));
        QVERIFY(larger->shortcuts().contains(QKeySequence(QKeySequence::ZoomIn)));
        // Demo models and samples are listed by title, not by file name.
        QVERIFY(
            findAction(&w, QStringLiteral("Dates to ISO Format (RNN with Bahdanau attention)")));
        for (QAction *a : w.findChildren<QAction *>())
            QVERIFY2(!a->text().contains(QLatin1String(".safetensors")) &&
                         !a->text().contains(QLatin1String(".tsv")),
                     qPrintable(a->text()));
    }

    void everyDemoModelOpensInTheWindow()
    {
        Config config(path(QStringLiteral("demos.ini")));
        MainWindow w(&config);
        QTRY_VERIFY_WITH_TIMEOUT(w.training()->state() == TrainingController::State::Ready, 30000);
        // Language models, the dates encoder-decoder and the sentiment classifier: each
        // opens from File > Open Demo Model with the text it was trained on, and the
        // Model dock shows its kind.
        const std::pair<const char *, const char *> demos[] = {
            {"reverse.safetensors", "lm"},
            {"english-char-lm.safetensors", "lm"},
            {"chinese-char-lm.safetensors", "lm"},
            {"dates-bahdanau.safetensors", "seq2seq-rnn"},
            {"reverse-encdec.safetensors", "seq2seq-transformer"},
            {"sentiment-classifier.safetensors", "classifier"},
        };
        for (const auto &[name, kind] : demos) {
            QAction *action = nullptr; // the menu shows titles; the action holds the file
            for (QAction *a : w.findChildren<QAction *>())
                if (a->data().toString() == QLatin1String(name))
                    action = a;
            QVERIFY2(action && action->isEnabled(), name);
            QSignalSpy loaded(w.training(), &TrainingController::modelLoaded);
            QSignalSpy failed(w.training(), &TrainingController::setupFailed);
            QSignalSpy probeFailed(w.training(), &TrainingController::probeFailed);
            QSignalSpy traced(w.training(), &TrainingController::traceReady);
            action->trigger();
            QTRY_VERIFY_WITH_TIMEOUT(loaded.count() + failed.count() == 1, 60000);
            QVERIFY2(failed.isEmpty(),
                     failed.isEmpty() ? name : qPrintable(failed[0][0].toString()));
            QCOMPARE(w.modelPanel()->kind(), QLatin1String(kind));
            // Its attention is shown: a trace of the data's probe, and it trains a step.
            QTRY_VERIFY_WITH_TIMEOUT(!traced.isEmpty() || !probeFailed.isEmpty(), 30000);
            QVERIFY2(probeFailed.isEmpty(),
                     probeFailed.isEmpty() ? name : qPrintable(probeFailed[0][0].toString()));
            const int step = w.training()->step();
            QSignalSpy finished(w.training(), &TrainingController::finished);
            w.training()->stepOnce();
            QTRY_COMPARE_WITH_TIMEOUT(w.training()->step(), step + 1, 30000);
            w.training()->stop();
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
            QVERIFY2(!finished[0][0].toBool(), name); // not diverged
            // Saved, so opening the next demo does not ask about the trained step.
            QSignalSpy saved(w.training(), &TrainingController::saved);
            w.training()->save(path(QStringLiteral("trained-") + QLatin1String(name)));
            QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 30000);
            QVERIFY2(saved[0][1].toString().isEmpty(), qPrintable(saved[0][1].toString()));
        }
    }

    void opensTextAndRemembersIt()
    {
        Config config(path(QStringLiteral("open.ini")));
        MainWindow w(&config);
        write(QStringLiteral("mixed.txt"), QByteArray("attention 注意力\nis all you need\n"));
        QVERIFY(w.openFile(path(QStringLiteral("mixed.txt"))));
        QCOMPARE(w.dataPanel()->text(), QStringLiteral("attention 注意力\nis all you need\n"));
        QCOMPARE(w.recentFiles().value(0),
                 QFileInfo(path(QStringLiteral("mixed.txt"))).absoluteFilePath());
    }

    void badFileKeepsTheSession()
    {
        Config config(path(QStringLiteral("bad.ini")));
        MainWindow w(&config);
        write(QStringLiteral("good.txt"), QByteArray("hello"));
        QVERIFY(w.openFile(path(QStringLiteral("good.txt"))));
        write(QStringLiteral("bad.txt"), QByteArray("ok\n\xff\xfe\x00\x01 binary", 14));
        QVERIFY(!w.openFile(path(QStringLiteral("bad.txt"))));
        // The earlier text stays; the status bar names the file's problem.
        QCOMPARE(w.dataPanel()->text(), QStringLiteral("hello"));
        QVERIFY2(!w.statusBar()->currentMessage().isEmpty(), "no error message shown");
        QVERIFY(!w.openFile(path(QStringLiteral("does-not-exist.txt"))));
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("does-not-exist.txt")));
        QCOMPARE(w.recentFiles().size(), 1);
    }

    void windowLayoutIsRemembered()
    {
        const QString ini = path(QStringLiteral("layout.ini"));
        QSize want;
        {
            Config config(ini);
            MainWindow w(&config);
            w.show();
            // A size that fits the screen (offscreen: 800 x 800), not the default one.
            w.findChild<QDockWidget *>(QStringLiteral("dataDock"))->hide();
            w.resize(w.screen()->availableGeometry().size() - QSize(30, 50));
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            want = w.size(); // at least the window's minimum
            w.close();
        }
        {
            Config config(ini);
            MainWindow w(&config);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QCOMPARE(w.size(), want);
            QVERIFY(w.findChild<QDockWidget *>(QStringLiteral("dataDock"))->isHidden());
            // Saved on a larger screen: too large for this one.
            w.resize(3000, 2000);
            w.close();
        }
        Config config(ini);
        MainWindow w(&config);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // As tall as the screen at most (the docks scroll); as wide as it, unless the docks'
        // and views' widths need more (offscreen's screen is 800 px wide, a laptop's 1366).
        const QSize avail = w.screen()->availableGeometry().size();
        const int widest = std::max(avail.width(), w.minimumSizeHint().width());
        QVERIFY2(w.width() <= widest && w.height() <= avail.height(),
                 qPrintable(QStringLiteral("%1x%2 on a %3x%4 screen")
                                .arg(w.width())
                                .arg(w.height())
                                .arg(avail.width())
                                .arg(avail.height())));
    }

    void aboutNamesTheVersions()
    {
        const QString text = AboutDialog::versionText();
        QVERIFY(text.contains(QStringLiteral("AttentionLab 0.")));
        QVERIFY(text.contains(QStringLiteral("Qt ") + QString::fromLatin1(qVersion())));
        QVERIFY(text.contains(QStringLiteral("Eigen 3.4")));
        QVERIFY(text.contains(QStringLiteral("QCustomPlot 2.1")));
        QVERIFY(text.contains(QStringLiteral("OpenMP threads: ")));
        QVERIFY(text.contains(QStringLiteral("AVX2")) || text.contains(QStringLiteral("SSE2")));
    }

    void configTableDefaultsAndTypes()
    {
        Config config(path(QStringLiteral("typed.ini")));
        QCOMPARE(config.get(Config::Key::FontScale).toDouble(), 1.0);
        config.set(Config::Key::FontScale, 1.5);
        QCOMPARE(config.get(Config::Key::FontScale).toDouble(), 1.5);
        config.reset(Config::Key::FontScale);
        QCOMPARE(config.get(Config::Key::FontScale).toDouble(), 1.0);
        QSignalSpy spy(&config, &Config::changed);
        config.set(Config::Key::Threads, 2);
        config.set(Config::Key::Threads, 2); // unchanged: no signal
        QCOMPARE(spy.count(), 1);
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
