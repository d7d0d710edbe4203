#include "gui/config.h"
#include "gui/mainwindow.h"
#include "gui/training/autosave.h"
#include "gui/training/trainingcontroller.h"

#include "io/modelfile.h"
#include "models/transformerlm.h"

#include <QAbstractButton>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using attn::gui::Autosave;
using attn::gui::Config;
using attn::gui::MainWindow;
using attn::gui::TraceSnapshot;
using attn::gui::TrainingController;

// Autosave: the model being trained is written (atomically) while training goes on, a
// session that did not quit cleanly is noticed at the next start (the flag file it left)
// and its autosave offered back; a clean quit leaves nothing to offer.
class TestAutosave : public QObject {
    Q_OBJECT
private:
    static void waitReady(MainWindow &w)
    {
        QTRY_VERIFY_WITH_TIMEOUT(w.training()->state() == TrainingController::State::Ready, 30000);
    }

private slots:
    void savesTheTrainedWeightsWhileTraining()
    {
        QTemporaryDir dir;
        Config config(dir.filePath(QStringLiteral("a.ini")));
        MainWindow w(&config);
        TraceSnapshot last;
        int lastStep = -1;
        connect(w.training(), &TrainingController::traceReady, this,
                [&](const TraceSnapshot &t, int step) {
                    last = t;
                    lastStep = step;
                });
        w.show();
        waitReady(w);
        Autosave *autosave = w.autosave();
        QVERIFY(QFile::exists(autosave->flagPath()));
        QSignalSpy saved(autosave, &Autosave::saved);
        autosave->saveNow(); // nothing trained yet: nothing to save
        QTest::qWait(200);
        QCOMPARE(saved.count(), 0);

        // While running: the copy is taken between two steps.
        w.training()->start();
        QTRY_VERIFY_WITH_TIMEOUT(w.training()->step() >= 3, 30000);
        autosave->saveNow();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 30000);
        QVERIFY2(saved[0][1].toString().isEmpty(), qPrintable(saved[0][1].toString()));
        QVERIFY(saved[0][2].toInt() >= 3);

        // Paused: the file holds exactly the weights the views show.
        w.training()->pause();
        QTRY_VERIFY_WITH_TIMEOUT(w.training()->isIdleWhilePaused(), 30000);
        const int step = w.training()->step();
        QTRY_VERIFY_WITH_TIMEOUT(last && w.training()->step() == step, 5000);
        w.training()->stepOnce();
        QTRY_COMPARE_WITH_TIMEOUT(w.training()->step(), step + 1, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(w.training()->isIdleWhilePaused(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(lastStep, step + 1, 30000); // the step's trace arrives
        autosave->saveNow();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 2, 30000);
        QCOMPARE(saved[1][2].toInt(), step + 1);
        const attn::LoadedModel file =
            attn::loadModelFile(QFile::encodeName(autosave->autosavePath()).toStdString());
        QCOMPARE(int(file.training.steps), step + 1);
        QCOMPARE(QString::fromStdString(file.training.dataset), QStringLiteral("reverse"));
        const auto &lm = dynamic_cast<const attn::TransformerLM &>(*file.model);
        attn::Batch one;
        one.batch = 1;
        one.length = int(last->queryIds.size());
        one.inputs = last->queryIds;
        const attn::AttentionTrace again = lm.trace(one);
        QVERIFY(again.blocks[1].heads[1].weights.isApprox(last->blocks[1].heads[1].weights, 1e-6f));
        w.training()->stop();
        waitReady(w);
    }

    void crashIsNoticedAndTheAutosaveOffered()
    {
        QTemporaryDir dir;
        // What a crashed session leaves: its flag and an autosave (the reverse demo).
        QVERIFY(
            QFile::copy(QStringLiteral(ATTNLAB_SOURCE_DIR "/resources/models/reverse.safetensors"),
                        dir.filePath(QStringLiteral("autosave.safetensors"))));
        {
            QFile flag(dir.filePath(QStringLiteral("running.flag")));
            QVERIFY(flag.open(QIODevice::WriteOnly));
            flag.write("12345");
        }
        const attn::LoadedModel demo =
            attn::loadModelFile(ATTNLAB_SOURCE_DIR "/resources/models/reverse.safetensors");
        QVERIFY(demo.training.steps > 0);

        Config config(dir.filePath(QStringLiteral("c.ini")));
        MainWindow w(&config);
        QSignalSpy loaded(w.training(), &TrainingController::modelLoaded);
        w.show();
        QMessageBox *box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (box = w.findChild<QMessageBox *>(QStringLiteral("restoreBox"))) != nullptr, 10000);
        waitReady(w);
        box->button(QMessageBox::Open)->click();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        waitReady(w);
        QCOMPARE(w.training()->step(), int(demo.training.steps));
        // This session runs with a flag of its own; a clean quit removes it.
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("running.flag"))));
        QVERIFY(w.close());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("running.flag"))));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("autosave.safetensors"))));

        // So the next start offers nothing.
        MainWindow again(&config);
        again.show();
        waitReady(again);
        QTest::qWait(200);
        QVERIFY(!again.findChild<QMessageBox *>(QStringLiteral("restoreBox")));
        QVERIFY(again.close());
    }

    void declinedRestoreOpensNothing()
    {
        QTemporaryDir dir;
        QVERIFY(
            QFile::copy(QStringLiteral(ATTNLAB_SOURCE_DIR "/resources/models/reverse.safetensors"),
                        dir.filePath(QStringLiteral("autosave.safetensors"))));
        QFile flag(dir.filePath(QStringLiteral("running.flag")));
        QVERIFY(flag.open(QIODevice::WriteOnly));
        flag.close();
        Config config(dir.filePath(QStringLiteral("d.ini")));
        MainWindow w(&config);
        QSignalSpy loaded(w.training(), &TrainingController::modelLoaded);
        w.show();
        QMessageBox *box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (box = w.findChild<QMessageBox *>(QStringLiteral("restoreBox"))) != nullptr, 10000);
        box->button(QMessageBox::Discard)->click();
        waitReady(w);
        QTest::qWait(300);
        QCOMPARE(loaded.count(), 0);
        QCOMPARE(w.training()->step(), 0); // the demo, untrained
    }
};

QTEST_MAIN(TestAutosave)
#include "test_autosave.moc"
