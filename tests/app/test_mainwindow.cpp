#include "aboutdialog.h"
#include "config.h"
#include "datapanel.h"
#include "mainwindow.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

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
        QCOMPARE(tabNames, (QStringList{"Attention", "All Heads", "Lines", "Loss", "Inference",
                                        "Walkthrough", "Sandbox"}));

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
        QVERIFY(full->shortcuts().contains(QKeySequence(Qt::Key_F11)));
    }

    void demoModelsTheWindowCannotOpenAreDisabled()
    {
        Config config(path(QStringLiteral("demos.ini")));
        MainWindow w(&config);
        // Every bundled model is listed; the language models open, the others (read from
        // their files' metadata) are greyed out and say they are for the CLI.
        QAction *reverse = findAction(&w, QStringLiteral("reverse.safetensors"));
        QVERIFY(reverse);
        QVERIFY(reverse->isEnabled());
        QAction *dates = findAction(
            &w, QStringLiteral("dates-bahdanau.safetensors (seq2seq-rnn: attentionlab-cli only)"));
        QVERIFY(dates);
        QVERIFY(!dates->isEnabled());
        QAction *sentiment = findAction(
            &w,
            QStringLiteral("sentiment-classifier.safetensors (classifier: attentionlab-cli only)"));
        QVERIFY(sentiment);
        QVERIFY(!sentiment->isEnabled());
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
        {
            Config config(ini);
            MainWindow w(&config);
            w.show();
            w.resize(1400, 860); // larger than the docks' minimum
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.findChild<QDockWidget *>(QStringLiteral("dataDock"))->hide();
            w.close();
        }
        Config config(ini);
        MainWindow w(&config);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.size(), QSize(1400, 860));
        QVERIFY(w.findChild<QDockWidget *>(QStringLiteral("dataDock"))->isHidden());
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
