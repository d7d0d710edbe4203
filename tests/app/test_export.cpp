#include "gui/config.h"
#include "gui/mainwindow.h"
#include "gui/training/trainingcontroller.h"

#include "attention/heatmapview.h"
#include "loss/losshistory.h"
#include "loss/lossplotview.h"
#include "replay/replaybar.h"

#include <QAction>
#include <QFile>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using attn::gui::Config;
using attn::gui::MainWindow;
using attn::gui::TraceSnapshot;
using attn::gui::TrainingController;

// File ▸ Export: every view to PNG, SVG and PDF, the heatmap's matrix and the loss
// history to CSV and JSON, holding the values the engine traced and logged.
class TestExport : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Config> m_config;
    std::unique_ptr<MainWindow> m_window;
    TraceSnapshot m_lastTrace;
    QVector<attn::LossPoint> m_points;

    QString path(const QString &name) const { return m_dir.filePath(name); }
    TrainingController *training() const { return m_window->training(); }
    static QByteArray readAll(const QString &file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    QAction *action(const QString &text) const
    {
        for (QAction *a : m_window->findChildren<QAction *>())
            if (a->text().remove(QLatin1Char('&')) == text)
                return a;
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        m_config = std::make_unique<Config>(path(QStringLiteral("e.ini")));
        m_window = std::make_unique<MainWindow>(m_config.get());
        connect(training(), &TrainingController::traceReady, this,
                [this](const TraceSnapshot &t, int) { m_lastTrace = t; });
        connect(training(), &TrainingController::progress, this,
                [this](const QVector<attn::LossPoint> &p, double) { m_points += p; });
        m_window->resize(1280, 800);
        m_window->show();
        QTRY_VERIFY_WITH_TIMEOUT(training()->state() == TrainingController::State::Ready, 30000);
        QTRY_VERIFY(m_lastTrace != nullptr);
    }

    void cleanupTestCase()
    {
        QTRY_VERIFY_WITH_TIMEOUT(training()->state() == TrainingController::State::Ready, 30000);
        m_window.reset();
    }

    void dataExportsWaitForData()
    {
        // Before any step there is no history to write; the menu says so by being disabled.
        QAction *loss = action(QStringLiteral("Loss History…"));
        QVERIFY(loss);
        QVERIFY(!loss->isEnabled());
        QString error;
        QVERIFY(!m_window->exportLossHistory(path(QStringLiteral("none.csv")), &error));
        QVERIFY(error.contains(QStringLiteral("none.csv")));
        QVERIFY(!QFile::exists(path(QStringLiteral("none.csv"))));
        QVERIFY(action(QStringLiteral("View as Image…"))->isEnabled());
        QVERIFY(action(QStringLiteral("Attention Data…"))->isEnabled());
    }

    void trainSomeSteps()
    {
        for (int i = 1; i <= 4; ++i) {
            training()->stepOnce();
            QTRY_COMPARE_WITH_TIMEOUT(training()->step(), i, 30000);
        }
        training()->stop();
        QTRY_VERIFY_WITH_TIMEOUT(training()->state() == TrainingController::State::Ready, 30000);
        QTRY_COMPARE(m_points.size(), 4);
        QTRY_COMPARE(m_window->lossPlot()->pointCount(), 4);
        QVERIFY(action(QStringLiteral("Loss History…"))->isEnabled());
    }

    void everyViewToEveryImageFormat()
    {
        for (int tab = 0; tab < 4; ++tab) {
            m_window->viewTabs()->setCurrentIndex(tab);
            QWidget *view = m_window->currentView();
            QVERIFY(view);
            QVERIFY(view->isVisible());
            for (const char *suffix : {"png", "svg", "pdf"}) {
                const QString file =
                    path(QStringLiteral("view%1.%2").arg(tab).arg(QLatin1String(suffix)));
                QString error;
                QVERIFY2(m_window->exportView(file, &error), qPrintable(error));
                const QByteArray bytes = readAll(file);
                QVERIFY2(bytes.size() > 1000, qPrintable(file));
                if (QLatin1String(suffix) == QLatin1String("png")) {
                    QImageReader reader(file);
                    const QSize size = reader.size();
                    // Written at twice the view's size.
                    QCOMPARE(size, view->size() * 2);
                    const QImage image = reader.read();
                    QVERIFY(!image.isNull());
                    // Not a blank canvas: many distinct colours.
                    QSet<QRgb> colours;
                    for (int y = 0; y < image.height(); y += 7)
                        for (int x = 0; x < image.width(); x += 7)
                            colours.insert(image.pixel(x, y));
                    QVERIFY2(colours.size() > 8, qPrintable(file));
                } else if (QLatin1String(suffix) == QLatin1String("svg")) {
                    QVERIFY(bytes.contains("<svg"));
                    QVERIFY(bytes.trimmed().endsWith("</svg>"));
                } else {
                    QVERIFY(bytes.startsWith("%PDF-"));
                    QVERIFY(bytes.contains("%%EOF"));
                }
            }
        }
        QString error;
        QVERIFY(!m_window->exportView(path(QStringLiteral("view.gif")), &error));
        QVERIFY(error.contains(QStringLiteral("view.gif")));
        QVERIFY(!QFile::exists(path(QStringLiteral("view.gif"))));
    }

    void attentionMatrixHoldsTheTracedWeights()
    {
        m_window->viewTabs()->setCurrentIndex(0);
        m_window->heatmap()->setBlock(1);
        m_window->heatmap()->setHead(2);
        QString error;
        QVERIFY2(m_window->exportAttentionData(path(QStringLiteral("m.json")), &error),
                 qPrintable(error));
        QVERIFY2(m_window->exportAttentionData(path(QStringLiteral("m.csv")), &error),
                 qPrintable(error));
        const attn::HeadTrace &h = m_lastTrace->blocks[1].heads[2];
        const auto T = h.weights.rows();

        const QJsonObject o =
            QJsonDocument::fromJson(readAll(path(QStringLiteral("m.json")))).object();
        QCOMPARE(o.value(QStringLiteral("block")).toString(),
                 QString::fromStdString(m_lastTrace->blocks[1].name));
        QCOMPARE(o.value(QStringLiteral("head")).toInt(), 2);
        const QJsonArray rows = o.value(QStringLiteral("weights")).toArray();
        QCOMPARE(rows.size(), qsizetype(T));
        for (Eigen::Index i = 0; i < T; ++i)
            for (Eigen::Index j = 0; j < T; ++j)
                QCOMPARE(float(rows[i].toArray()[j].toDouble()), h.weights(i, j));
        // The causal mask: keys after the query are masked.
        QCOMPARE(o.value(QStringLiteral("mask")).toArray()[0].toArray()[1].toInt(), 1);
        QCOMPARE(o.value(QStringLiteral("mask")).toArray()[1].toArray()[0].toInt(), 0);

        const QList<QByteArray> lines = readAll(path(QStringLiteral("m.csv"))).split('\n');
        QCOMPARE(lines.size(), T + 2); // header, T rows, the empty piece after the last CRLF
        QVERIFY(lines[0].startsWith("query\\key,"));
        const QList<QByteArray> last = lines[T].trimmed().split(',');
        QCOMPARE(last.size(), qsizetype(T + 1));
        for (Eigen::Index j = 0; j < T; ++j)
            QCOMPARE(last[j + 1].toFloat(), h.weights(T - 1, j));

        QVERIFY(!m_window->exportAttentionData(path(QStringLiteral("m.xml")), &error));
        QVERIFY(error.contains(QStringLiteral("m.xml")));
    }

    void lossHistoryHoldsTheLoggedSteps()
    {
        QString error;
        QVERIFY2(m_window->exportLossHistory(path(QStringLiteral("loss.csv")), &error),
                 qPrintable(error));
        QVERIFY2(m_window->exportLossHistory(path(QStringLiteral("loss.json")), &error),
                 qPrintable(error));
        const QList<QByteArray> lines = readAll(path(QStringLiteral("loss.csv"))).split('\n');
        QCOMPARE(lines[0].trimmed(), QByteArray("step,loss,val_loss,lr,grad_norm,accuracy"));
        QCOMPARE(lines.size(), 4 + 2);
        for (int i = 0; i < 4; ++i) {
            const QList<QByteArray> f = lines[i + 1].trimmed().split(',');
            QCOMPARE(f.size(), 6);
            QCOMPARE(f[0].toInt(), m_points[i].step);
            QCOMPARE(f[1].toDouble(), m_points[i].loss);
            QCOMPARE(f[3].toDouble(), m_points[i].lr);
            QCOMPARE(f[4].toDouble(), m_points[i].gradNorm);
        }
        // And the JSON reads back to the same points.
        QVector<attn::LossPoint> back;
        QVERIFY2(
            attn::LossHistory::fromJson(readAll(path(QStringLiteral("loss.json"))), &back, &error),
            qPrintable(error));
        QCOMPARE(back.size(), 4);
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(back[i].step, m_points[i].step);
            QCOMPARE(back[i].loss, m_points[i].loss);
            QCOMPARE(std::isnan(back[i].valLoss), std::isnan(m_points[i].valLoss));
        }
    }

    // Replaying, the data written is the replayed step's, even when the heatmap's tab is
    // not the one shown (it took the live trace).
    void replayedStepIsExported()
    {
        // Train on to a second snapshot (every 10 steps), with the Loss tab in front.
        m_window->viewTabs()->setCurrentWidget(m_window->lossPlot());
        while (training()->step() < 10) {
            const int next = training()->step() + 1;
            training()->stepOnce();
            QTRY_COMPARE_WITH_TIMEOUT(training()->step(), next, 30000);
        }
        training()->stop();
        QTRY_VERIFY_WITH_TIMEOUT(training()->state() == TrainingController::State::Ready, 30000);
        QTRY_COMPARE(m_window->replay().steps(), QVector<int>({0, 10}));
        m_window->replayBar()->showStep(0);
        QVERIFY(!m_window->replayBar()->isLive());
        QCOMPARE(m_window->replayBar()->currentStep(), 0);
        m_window->heatmap()->setBlock(0);
        m_window->heatmap()->setHead(1);
        QString error;
        QVERIFY2(m_window->exportAttentionData(path(QStringLiteral("r.json")), &error),
                 qPrintable(error));
        const attn::MatRM &replayed = m_window->replay().at(0)->blocks[0].heads[1].weights;
        const attn::MatRM &live = m_lastTrace->blocks[0].heads[1].weights;
        QVERIFY(!replayed.isApprox(live, 1e-4f)); // ten steps apart
        const QJsonArray rows = QJsonDocument::fromJson(readAll(path(QStringLiteral("r.json"))))
                                    .object()
                                    .value(QStringLiteral("weights"))
                                    .toArray();
        QCOMPARE(rows.size(), qsizetype(replayed.rows()));
        for (Eigen::Index i = 0; i < replayed.rows(); ++i)
            for (Eigen::Index j = 0; j < replayed.cols(); ++j)
                QCOMPARE(float(rows[i].toArray()[j].toDouble()), replayed(i, j));
        m_window->replayBar()->setLive(true);
    }
};

QTEST_MAIN(TestExport)
#include "test_export.moc"
