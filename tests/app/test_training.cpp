#include "gui/config.h"
#include "gui/mainwindow.h"
#include "gui/panels/datapanel.h"
#include "gui/panels/modelpanel.h"
#include "gui/panels/trainingpanel.h"
#include "gui/training/trainingcontroller.h"
#include "walkthrough/walkthroughview.h"

#include "attention/heatmapview.h"
#include "loss/lossplotview.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <cmath>

using attn::gui::Config;
using attn::gui::DataPanel;
using attn::gui::MainWindow;
using attn::gui::ModelPanel;
using attn::gui::TraceSnapshot;
using attn::gui::TrainingController;
using attn::gui::TrainingPanel;

// What a user does with the main window: build the demo, step, train, pause,
// stop, save and reopen. The views must show exactly what the engine traced.
class TestTraining : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Config> m_config;
    std::unique_ptr<MainWindow> m_window;
    TraceSnapshot m_lastTrace;
    QVector<attn::LossPoint> m_points;

    TrainingController *training() const { return m_window->training(); }

    void waitReady()
    {
        QTRY_VERIFY_WITH_TIMEOUT(training()->state() == TrainingController::State::Ready, 30000);
    }

private slots:
    void init()
    {
        m_config = std::make_unique<Config>(m_dir.filePath(QStringLiteral("t.ini")));
        m_window = std::make_unique<MainWindow>(m_config.get());
        m_lastTrace.reset();
        m_points.clear();
        connect(training(), &TrainingController::traceReady, this,
                [this](const TraceSnapshot &t, int) { m_lastTrace = t; });
        connect(training(), &TrainingController::progress, this,
                [this](const QVector<attn::LossPoint> &p, double) { m_points += p; });
        m_window->show();
        waitReady();
        QTRY_VERIFY(m_lastTrace != nullptr);
    }

    void cleanup()
    {
        // Stop any run so the window and its training thread close cleanly.
        if (training()->state() == TrainingController::State::Running ||
            training()->state() == TrainingController::State::Paused)
            training()->stop();
        QTRY_VERIFY_WITH_TIMEOUT(training()->state() == TrainingController::State::Ready, 30000);
        m_window.reset();
    }

    void demoIsReadyAtLaunch()
    {
        QCOMPARE(training()->step(), 0);
        // The reverse task's probe: <bos> source = target <eos>, 4 heads, 2 layers.
        QCOMPARE(int(m_lastTrace->blocks.size()), 2);
        QCOMPARE(int(m_lastTrace->blocks[0].heads.size()), 4);
        QCOMPARE(QString::fromStdString(m_lastTrace->queryTokens.front()), QStringLiteral("<bos>"));
    }

    void stepsUpdateTheViewsWithTheEnginesValues()
    {
        for (int i = 1; i <= 3; ++i) {
            training()->stepOnce();
            QTRY_COMPARE_WITH_TIMEOUT(training()->step(), i, 30000);
        }
        QTRY_COMPARE(m_points.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(m_points[i].step, i + 1);
            QVERIFY(std::isfinite(m_points[i].loss) && m_points[i].loss > 0);
        }
        // The loss plot holds exactly the points the trainer reported.
        attn::LossPlotView *plot = m_window->lossPlot();
        QTRY_COMPARE(plot->pointCount(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(plot->points()[i].loss, m_points[i].loss);

        // The heatmap shows the last trace: the mean over heads, computed here
        // independently from the trace's per-head weights.
        attn::HeatmapView *heatmap = m_window->heatmap();
        QTRY_VERIFY(heatmap->trace() == m_lastTrace);
        heatmap->flush();
        const attn::AttentionMatrix &shown = heatmap->matrix();
        const attn::AttentionBlockTrace &block = m_lastTrace->blocks[size_t(shown.block)];
        QCOMPARE(shown.head, -1);
        QCOMPARE(shown.rows(), int(block.heads[0].weights.rows()));
        for (int i = 0; i < shown.rows(); ++i)
            for (int j = 0; j < shown.cols(); ++j) {
                double mean = 0;
                for (const attn::HeadTrace &h : block.heads)
                    mean += h.weights(i, j);
                mean /= double(block.heads.size());
                QVERIFY2(std::abs(shown.weights(i, j) - mean) < 1e-6,
                         qPrintable(QStringLiteral("cell %1,%2").arg(i).arg(j)));
                // Causal mask: keys after the query are masked and weigh exactly 0.
                QCOMPARE(shown.masked(i, j), j > i);
            }

        // The walkthrough tab takes the same trace when shown, with the heads' weight
        // slices (step 2 shows Q = X W_Q), and its softmax step holds the trace's weights.
        auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("viewTabs"));
        auto *walk = m_window->findChild<attn::WalkthroughView *>(QStringLiteral("walkthrough"));
        QVERIFY(tabs && walk);
        tabs->setCurrentWidget(walk->parentWidget()->parentWidget()); // its scroll area
        QTRY_VERIFY(walk->trace() == m_lastTrace.get());
        QVERIFY(!m_lastTrace->blocks.front().wq.empty());
        QVERIFY2(walk->walkthrough().has_value(), qPrintable(walk->errorText()));
        const attn::Walkthrough &wt = *walk->walkthrough();
        const attn::MatRM &weights =
            m_lastTrace->find(wt.sel.block)->heads[size_t(wt.sel.head)].weights;
        for (int j = 0; j < wt.Tk; ++j)
            QVERIFY(std::abs(wt.softmax.weights[size_t(j)] - weights(wt.sel.query, j)) < 1e-6);
        QVERIFY(wt.hasWeights);
    }

    // Train after the Model dock shows another kind builds that model first and trains it
    // (it used to train the old model, silently).
    void trainBuildsTheModelTheDockShows()
    {
        auto *models = m_window->findChild<ModelPanel *>();
        auto *panel = m_window->findChild<TrainingPanel *>();
        QVERIFY(models && panel);
        QVERIFY(!m_lastTrace->find("decoder.layers.0.cross"));
        models->setKind(QStringLiteral("seq2seq-transformer"));
        m_lastTrace.reset();
        panel->startButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(m_lastTrace && m_lastTrace->find("decoder.layers.0.cross"), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(training()->step() > 0, 30000);
        QCOMPARE(models->modelSpec().kind, std::string("seq2seq-transformer"));
    }

    // The Follow text belongs to the data it was typed for: emptying it, or other data,
    // brings the views back to the data's validation example.
    void followTextStaysWithItsData()
    {
        auto *edit = m_window->findChild<QLineEdit *>(QStringLiteral("probeEdit"));
        auto *data = m_window->findChild<DataPanel *>();
        QVERIFY(edit && data);
        const auto validation = m_lastTrace->queryTokens;
        const auto follow = [&] {
            edit->setText(QStringLiteral("abcd"));
            QTest::keyClick(edit, Qt::Key_Return);
            QTRY_VERIFY_WITH_TIMEOUT(m_lastTrace && m_lastTrace->queryTokens != validation, 30000);
        };
        follow();
        edit->clear(); // what the box's clear button does
        QTRY_VERIFY_WITH_TIMEOUT(m_lastTrace->queryTokens == validation, 30000);
        follow();
        m_lastTrace.reset();
        QVERIFY(data->selectTask(QStringLiteral("copy")));
        QTRY_VERIFY_WITH_TIMEOUT(m_lastTrace != nullptr, 30000);
        QVERIFY(edit->text().isEmpty());
        QVERIFY(m_lastTrace->queryTokens != validation); // the copy task's own example
        const auto copyExample = m_lastTrace->queryTokens;
        QTest::qWait(300); // no later trace of the old text arrives
        QCOMPARE(m_lastTrace->queryTokens, copyExample);
    }

    // At "Step 4 of 4" Train goes on for another run's worth of steps (it did nothing).
    void trainAtTheEndOfThePlanGoesOn()
    {
        auto *steps = m_window->findChild<QSpinBox *>(QStringLiteral("steps"));
        auto *panel = m_window->findChild<TrainingPanel *>();
        QVERIFY(steps && panel);
        steps->setValue(4);
        m_lastTrace.reset();
        emit panel->resetRequested(); // a new model with the 4-step plan
        QTRY_VERIFY_WITH_TIMEOUT(m_lastTrace != nullptr, 30000);
        QCOMPARE(training()->totalSteps(), 4);
        panel->startButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(training()->step(), 4, 30000);
        waitReady();
        QSignalSpy extended(training(), &TrainingController::planExtended);
        panel->startButton()->click();
        QCOMPARE(extended.count(), 1);
        QCOMPARE(extended.at(0).at(0).toInt(), 4);
        QCOMPARE(training()->totalSteps(), 8);
        QTRY_COMPARE_WITH_TIMEOUT(training()->step(), 8, 30000);
        waitReady();
    }

    // The training thread and the OpenMP threads it starts run at a lower priority than
    // the GUI thread, so a paint never waits behind them (Linux: a nice value per thread).
    void trainingYieldsToTheWindow()
    {
#ifdef Q_OS_LINUX
        training()->start();
        QTRY_VERIFY_WITH_TIMEOUT(training()->step() >= 5, 30000); // OpenMP's team has been started
        const auto niceOf = [](const QString &task) {
            QFile stat(task + QStringLiteral("/stat"));
            if (!stat.open(QIODevice::ReadOnly))
                return -100;
            const QByteArray line = stat.readAll();
            // Fields after "(comm) ": state is field 3, nice field 19.
            const QList<QByteArray> f = line.mid(line.lastIndexOf(')') + 2).split(' ');
            return f.size() > 16 ? f[16].toInt() : -100;
        };
        const QString self = QStringLiteral("/proc/self/task/");
        // The GUI thread keeps the nice value the suite runs at; training is 5 lower.
        const int base = niceOf(self + QString::number(QCoreApplication::applicationPid()));
        QVERIFY(base >= -20 && base <= 19);
        int trainingThreads = 0;
        for (const QString &tid : QDir(self).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile comm(self + tid + QStringLiteral("/comm"));
            if (!comm.open(QIODevice::ReadOnly) || comm.readAll().trimmed() != "training")
                continue;
            ++trainingThreads;
            QCOMPARE(niceOf(self + tid), std::min(19, base + TrainingController::kTrainingNice));
        }
        QVERIFY(trainingThreads >= 1);
        QCOMPARE(niceOf(self + QString::number(QCoreApplication::applicationPid())), base);
#else
        QSKIP("a nice value per thread: Linux");
#endif
    }

    void pauseResumeStop()
    {
        training()->start();
        QCOMPARE(training()->state(), TrainingController::State::Running);
        QTRY_VERIFY_WITH_TIMEOUT(training()->step() >= 2, 30000);
        training()->pause();
        QCOMPARE(training()->state(), TrainingController::State::Paused);
        // A step in flight still lands: wait until the trainer sleeps, then let
        // that step's report arrive.
        QTRY_VERIFY_WITH_TIMEOUT(training()->isIdleWhilePaused(), 30000);
        QTest::qWait(200);
        const int pausedAt = training()->step();
        QTest::qWait(500);
        QCOMPARE(training()->step(), pausedAt);
        // Paused, a new Follow text is traced by the training thread between steps (not
        // on this one) with the weights of the paused step, and lets no step through.
        m_lastTrace.reset();
        training()->setProbeText(QStringLiteral("abc="));
        QVERIFY(m_lastTrace == nullptr); // not taken synchronously here
        QTRY_VERIFY_WITH_TIMEOUT(m_lastTrace != nullptr, 30000);
        QCOMPARE(m_lastTrace->queryIds.size(), std::size_t(5)); // <bos> a b c =
        QCOMPARE(training()->step(), pausedAt);
        training()->setProbeText(QString());
        training()->start(); // resume
        QTRY_VERIFY_WITH_TIMEOUT(training()->step() > pausedAt, 30000);
        training()->stop();
        QTRY_COMPARE_WITH_TIMEOUT(training()->state(), TrainingController::State::Ready, 30000);
        const int stoppedAt = training()->step();
        QVERIFY(stoppedAt > pausedAt);
        // Training again after Stop continues from the same step.
        training()->stepOnce();
        QTRY_COMPARE_WITH_TIMEOUT(training()->step(), stoppedAt + 1, 30000);
    }

    void saveAndReopenGiveTheSameTrace()
    {
        training()->stepOnce();
        QTRY_COMPARE_WITH_TIMEOUT(training()->step(), 1, 30000);
        training()->stop();
        waitReady();
        QTRY_VERIFY(m_lastTrace != nullptr);
        const TraceSnapshot before = m_lastTrace;
        const QString path = m_dir.filePath(QStringLiteral("model.safetensors"));
        QSignalSpy saved(training(), &TrainingController::saved);
        training()->save(path);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 30000);
        QCOMPARE(saved.at(0).at(1).toString(), QString());
        QVERIFY(!training()->hasUnsavedProgress());

        // Change the model, then reopen the saved one.
        m_window->rebuildModel();
        QTRY_COMPARE_WITH_TIMEOUT(training()->step(), 0, 30000);
        // The loaded model's first trace follows its modelLoaded() signal.
        QSignalSpy loaded(training(), &TrainingController::modelLoaded);
        connect(training(), &TrainingController::modelLoaded, this,
                [this] { m_lastTrace.reset(); });
        QVERIFY(m_window->openFile(path));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(m_lastTrace != nullptr, 30000);
        QCOMPARE(training()->step(), 1);
        const TraceSnapshot after = m_lastTrace;
        QCOMPARE(after->blocks.size(), before->blocks.size());
        for (size_t b = 0; b < before->blocks.size(); ++b)
            for (size_t h = 0; h < before->blocks[b].heads.size(); ++h)
                QVERIFY(after->blocks[b].heads[h].weights == before->blocks[b].heads[h].weights);
        QVERIFY(after->logits == before->logits);
    }

    void badModelFileKeepsTheSession()
    {
        const QString path = m_dir.filePath(QStringLiteral("broken.safetensors"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\x10\x00\x00\x00\x00\x00\x00\x00{\"a\":", 13); // truncated header
        f.close();
        const TraceSnapshot before = m_lastTrace;
        QSignalSpy failed(training(), &TrainingController::setupFailed);
        QVERIFY(m_window->openFile(path));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("broken.safetensors")), qPrintable(message));
        // The model that was there is still there.
        QCOMPARE(training()->state(), TrainingController::State::Ready);
        training()->stepOnce();
        QTRY_COMPARE_WITH_TIMEOUT(training()->step(), 1, 30000);
    }

    void openingTextWithAnUnsavedModelAsksFirst()
    {
        training()->stepOnce();
        QTRY_COMPARE_WITH_TIMEOUT(training()->step(), 1, 30000);
        training()->stop();
        waitReady();
        QVERIFY(training()->hasUnsavedProgress());
        const attn::DataSpec before = m_window->dataPanel()->spec();
        const QString kind = m_window->modelPanel()->kind();
        const QString text = m_dir.filePath(QStringLiteral("other.txt"));
        {
            QFile f(text);
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (int i = 0; i < 40; ++i) // longer than the demo's context
                f.write("A text to train on instead of the demo's task.\n");
        }
        int asked = 0;
        auto answerWith = [&](QMessageBox::StandardButton button) {
            QTimer::singleShot(200, this, [&asked, button] {
                if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                    ++asked;
                    box->button(button)->click();
                }
            });
        };
        auto dataUnchanged = [&] {
            const attn::DataSpec now = m_window->dataPanel()->spec();
            return now.task == before.task && now.path == before.path;
        };

        // Cancelled: neither the Data dock nor the model changes.
        answerWith(QMessageBox::Cancel);
        QVERIFY(!m_window->openFile(text));
        QCOMPARE(asked, 1);
        QVERIFY(dataUnchanged());
        QCOMPARE(training()->step(), 1);
        // A table sample from the menu switches the model kind only once agreed.
        QAction *sentiment = nullptr;
        for (QAction *a : m_window->findChildren<QAction *>())
            if (a->data().toString().startsWith(QLatin1String("sentiment")))
                sentiment = a;
        QVERIFY(sentiment);
        answerWith(QMessageBox::Cancel);
        sentiment->trigger();
        QCOMPARE(asked, 2);
        QCOMPARE(m_window->modelPanel()->kind(), kind);
        QVERIFY(dataUnchanged());
        QCOMPARE(training()->step(), 1);

        // Agreed: asked once, the new text is shown and a fresh model reads it.
        answerWith(QMessageBox::Discard);
        QVERIFY(m_window->openFile(text));
        QCOMPARE(asked, 3);
        QCOMPARE(QString::fromStdString(m_window->dataPanel()->spec().path), text);
        QTRY_COMPARE_WITH_TIMEOUT(training()->step(), 0, 30000);
        waitReady();
        QVERIFY(!training()->hasUnsavedProgress());
    }

    void quittingWithAnUnsavedModelAsks()
    {
        training()->stepOnce();
        QTRY_COMPARE_WITH_TIMEOUT(training()->step(), 1, 30000);
        QVERIFY(training()->hasUnsavedProgress());
        bool asked = false;
        QTimer::singleShot(200, this, [&asked] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                asked = true;
                box->button(QMessageBox::Cancel)->click();
            }
        });
        QVERIFY(!m_window->close()); // cancelled: the window stays
        QVERIFY(asked);
        QVERIFY(m_window->isVisible());
        // Leave without the question for cleanup(): a fresh model has no progress.
        training()->stop();
        waitReady();
        const QString path = m_dir.filePath(QStringLiteral("quit.safetensors"));
        QSignalSpy saved(training(), &TrainingController::saved);
        training()->save(path);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 30000);
    }
};

QTEST_MAIN(TestTraining)
#include "test_training.moc"
