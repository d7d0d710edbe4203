#include "gui/config.h"
#include "gui/mainwindow.h"
#include "gui/panels/datapanel.h"
#include "gui/panels/inferencepanel.h"
#include "gui/panels/modelpanel.h"
#include "gui/training/trainingcontroller.h"

#include "attention/attentionselector.h"
#include "attention/heatmapview.h"
#include "attention/poolingview.h"
#include "loss/lossplotview.h"
#include "walkthrough/walkthroughview.h"

#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "../gpt2/hffolder.h"
#include "io/hfmodel.h"
#include "tokenizers/gpt2tokenizer.h"

#include <cmath>
#include <numeric>

using attn::gui::Config;
using attn::gui::DataPanel;
using attn::gui::InferencePanel;
using attn::gui::InferenceRequest;
using attn::gui::MainWindow;
using attn::gui::TraceSnapshot;
using attn::gui::TrainingController;

// The window trains and shows every model kind, not only language models: an RNN
// encoder-decoder with attention (the dates demo), a Transformer encoder-decoder, an
// attention classifier (the sentiment demo). Every number the alignment and pooling
// views hold must be the engine's.
class TestWindowModels : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Config> m_config;
    std::unique_ptr<MainWindow> m_window;
    TraceSnapshot m_lastTrace;
    QStringList m_classes;
    QVector<float> m_probabilities;

    TrainingController *training() const { return m_window->training(); }
    QTabWidget *tabs() const { return m_window->viewTabs(); }

    // The window as a user sees it, for people to look at (and a check that it is not
    // blank).
    void save(const QString &name)
    {
        QTest::qWait(200); // queued replots
        const QImage img = m_window->grab().toImage();
        QSet<QRgb> colours;
        for (int y = 0; y < img.height(); y += 4)
            for (int x = 0; x < img.width(); x += 4)
                colours.insert(img.pixel(x, y));
        QVERIFY2(colours.size() > 16, qPrintable(name));
        const QString dir = qEnvironmentVariable("ATTNLAB_BUILD_DIR", QDir::tempPath()) +
                            QStringLiteral("/screenshots/models");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(img.save(dir + QLatin1Char('/') + name));
    }

    static QString demo(const char *name)
    {
        return QStringLiteral(ATTNLAB_SOURCE_DIR "/resources/models/") + QLatin1String(name);
    }

    // Opens a model file and waits until its first trace has arrived.
    void open(const QString &path)
    {
        QSignalSpy loaded(training(), &TrainingController::modelLoaded);
        QSignalSpy failed(training(), &TrainingController::setupFailed);
        m_lastTrace.reset();
        QVERIFY(m_window->openFile(path));
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1 || failed.count() == 1, 60000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed[0][0].toString()));
        QTRY_VERIFY_WITH_TIMEOUT(m_lastTrace != nullptr, 30000);
    }

    // Writes a GPT-2-shaped folder (3 layers, 4 heads, 64 positions; random weights, GPT-2's
    // real tokenizer files) under m_dir and opens it in the window.
    void openGpt2Folder(const QString &name)
    {
        QVERIFY2(gpt2test::havePackage(), gpt2test::missingMessage().constData());
        const QString folder = m_dir.filePath(name);
        QVERIFY(QDir().mkpath(folder));
        gpt2test::Shape shape;
        shape.layers = 3;
        shape.heads = 4;
        shape.positions = 64;
        gpt2test::writeFolder(folder.toStdString(), shape);
        open(folder);
    }

    // The tokens the trace's queries stand for, joined (the decoder's input for seq2seq).
    static QString queries(const attn::AttentionTrace &t)
    {
        QString s;
        for (const std::string &q : t.queryTokens)
            s += QString::fromStdString(q);
        return s;
    }

    static const attn::AttentionBlockTrace *firstOfRole(const attn::AttentionTrace &t,
                                                        attn::AttentionRole role)
    {
        for (const auto &b : t.blocks)
            if (b.role == role)
                return &b;
        return nullptr;
    }

    // Builds a fresh model of kind on the data the Data dock holds, steps it n times.
    void buildAndStep(const QString &kind, int n)
    {
        m_window->modelPanel()->setKind(kind);
        QSignalSpy ready(training(), &TrainingController::modelReady);
        QSignalSpy failed(training(), &TrainingController::setupFailed);
        m_lastTrace.reset();
        m_window->rebuildModel();
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1 || failed.count() == 1, 60000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed[0][0].toString()));
        for (int i = 1; i <= n; ++i) {
            training()->stepOnce();
            QTRY_COMPARE_WITH_TIMEOUT(training()->step(), i, 60000);
        }
        QTRY_VERIFY_WITH_TIMEOUT(training()->isIdleWhilePaused(), 30000);
        training()->stop();
        QTRY_COMPARE_WITH_TIMEOUT(training()->state(), TrainingController::State::Ready, 30000);
        QTRY_VERIFY(m_lastTrace != nullptr);
    }

private slots:
    void init()
    {
        m_config = std::make_unique<Config>(m_dir.filePath(QStringLiteral("t.ini")));
        m_window = std::make_unique<MainWindow>(m_config.get());
        m_lastTrace.reset();
        connect(training(), &TrainingController::traceReady, this,
                [this](const TraceSnapshot &t, int) { m_lastTrace = t; });
        connect(training(), &TrainingController::probePrediction, this,
                [this](const QStringList &l, const QVector<float> &p, int) {
                    m_classes = l;
                    m_probabilities = p;
                });
        m_window->resize(1280, 800);
        m_window->show();
        QTRY_VERIFY_WITH_TIMEOUT(training()->state() == TrainingController::State::Ready, 30000);
        QTRY_VERIFY(m_lastTrace != nullptr);
    }

    void cleanup()
    {
        if (training()->state() == TrainingController::State::Running ||
            training()->state() == TrainingController::State::Paused)
            training()->stop();
        QTRY_VERIFY_WITH_TIMEOUT(training()->state() == TrainingController::State::Ready, 30000);
        m_window.reset();
    }

    void datesDemoShowsItsAlignment()
    {
        open(demo("dates-bahdanau.safetensors"));
        QCOMPARE(m_window->modelPanel()->kind(), QStringLiteral("seq2seq-rnn"));
        QCOMPARE(m_window->modelPanel()->modelSpec().attention, std::string("additive"));
        QVERIFY(tabs()->isTabVisible(tabs()->indexOf(m_window->alignmentView()->parentWidget())));

        // Follow a date typed by the user: the probe is the source with the model's own
        // greedy output as the decoder's input.
        m_lastTrace.reset();
        m_window->probeEdit()->setText(QStringLiteral("March 5, 2021"));
        QTest::keyClick(m_window->probeEdit(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(m_lastTrace != nullptr, 30000);
        QCOMPARE(queries(*m_lastTrace), QStringLiteral("<bos>2021-03-05"));

        tabs()->setCurrentWidget(m_window->alignmentView()->parentWidget());
        attn::HeatmapView *view = m_window->alignmentView();
        QTRY_VERIFY(view->trace() == m_lastTrace);
        view->flush();
        const attn::AttentionMatrix &shown = view->matrix();
        const attn::AttentionBlockTrace *cross =
            firstOfRole(*m_lastTrace, attn::AttentionRole::Cross);
        QVERIFY(cross);
        QCOMPARE(&m_lastTrace->blocks[size_t(shown.block)], cross);
        QCOMPARE(shown.rows(), int(cross->heads[0].weights.rows()));
        QCOMPARE(shown.cols(), int(cross->heads[0].weights.cols()));
        QCOMPARE(shown.cols(), QStringLiteral("March 5, 2021").size());
        for (int i = 0; i < shown.rows(); ++i)
            for (int j = 0; j < shown.cols(); ++j)
                QVERIFY(std::abs(shown.weights(i, j) - cross->heads[0].weights(i, j)) < 1e-6);
        // The output "2021" is read off the source's "2021": the rows that emit the
        // year's digits put their largest weight on the last four source characters.
        // Row r predicts decoder target r, so rows 0-3 emit 2, 0, 2, 1.
        int onYear = 0;
        for (int r = 0; r < 4; ++r) {
            int best = 0;
            for (int j = 1; j < shown.cols(); ++j)
                if (shown.weights(r, j) > shown.weights(r, best))
                    best = j;
            onYear += best >= shown.cols() - 4;
        }
        QVERIFY2(onYear >= 3, qPrintable(QString::number(onYear)));
        save(QStringLiteral("dates-alignment.png"));

        // Inference: the decoded date with its alignment, from the panel's own thread.
        InferencePanel *panel = m_window->inferencePanel();
        tabs()->setCurrentWidget(panel);
        QSignalSpy results(panel, &InferencePanel::resultShown);
        panel->input()->setText(QStringLiteral("14 July 1998"));
        panel->generateButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() &&
                                     panel->lastResult().kind == InferenceRequest::Kind::Generate,
                                 30000);
        QCOMPARE(panel->lastResult().output, QStringLiteral("1998-07-14"));
        QVERIFY(panel->alignment()->isVisible());
        QVERIFY(panel->lastResult().trace != nullptr);
        save(QStringLiteral("dates-inference.png"));

        // The walkthrough steps through the decoder's additive attention with the same
        // trace (e = v·tanh(W s + U h), softmax, context).
        auto *walk = m_window->findChild<attn::WalkthroughView *>(QStringLiteral("walkthrough"));
        QVERIFY(walk);
        tabs()->setCurrentWidget(walk->parentWidget()->parentWidget());
        QTRY_VERIFY(walk->trace() == m_lastTrace.get());
        QVERIFY2(walk->walkthrough().has_value(), qPrintable(walk->errorText()));
        const attn::Walkthrough &wt = *walk->walkthrough();
        const attn::MatRM &weights = m_lastTrace->find(wt.sel.block)->heads[0].weights;
        for (int j = 0; j < wt.Tk; ++j)
            QVERIFY(std::abs(wt.softmax.weights[size_t(j)] - weights(wt.sel.query, j)) < 1e-6);
        save(QStringLiteral("dates-walkthrough.png"));
        tabs()->setCurrentWidget(m_window->alignmentView()->parentWidget());
        m_window->setLanguage(QStringLiteral("zh_CN"));
        m_window->setTheme(QStringLiteral("dark"));
        save(QStringLiteral("dates-alignment-zh_CN-dark.png"));
        m_window->setLanguage(QStringLiteral("en"));
        // Presentation: larger fonts on the projector's high-contrast theme.
        m_window->setTheme(QStringLiteral("high-contrast"));
        m_window->setFontScale(1.6);
        save(QStringLiteral("dates-alignment-presentation.png"));
        m_window->setFontScale(1.0);
        m_window->setTheme(QStringLiteral("light"));
    }

    void sentimentDemoShowsPoolingAndPrediction()
    {
        open(demo("sentiment-classifier.safetensors"));
        QCOMPARE(m_window->modelPanel()->kind(), QStringLiteral("classifier"));
        // The Data dock reads the table as the classifier does, in its word tokens
        // (scripts/make-demo-models.sh: --tokenizer word).
        QCOMPARE(m_window->dataPanel()->format(), std::string("classify"));
        QCOMPARE(m_window->dataPanel()->spec().tokenizer, std::string("word"));
        QWidget *page = tabs()->widget(5);
        QVERIFY(tabs()->isTabVisible(5));
        QVERIFY(!tabs()->isTabVisible(4)); // no cross-attention in a classifier
        tabs()->setCurrentIndex(5);
        attn::PoolingView *view = m_window->poolingView();
        QVERIFY(page->isAncestorOf(view));
        QTRY_VERIFY(!m_probabilities.isEmpty());
        QCOMPARE(m_classes, (QStringList{"negative", "positive"}));
        QTRY_COMPARE(view->tokenCount(), int(m_lastTrace->keyIds.size()));
        const attn::AttentionBlockTrace *pool =
            firstOfRole(*m_lastTrace, attn::AttentionRole::Pool);
        QVERIFY(pool);
        double sum = 0;
        for (int t = 0; t < view->tokenCount(); ++t) {
            QCOMPARE(view->weight(t), pool->heads[0].weights(0, t));
            sum += view->weight(t);
        }
        QVERIFY(std::abs(sum - 1.0) < 1e-4);
        // The label shown is the engine's most probable class.
        const int best = int(std::max_element(m_probabilities.begin(), m_probabilities.end()) -
                             m_probabilities.begin());
        QCOMPARE(view->predicted(), best);
        QCOMPARE(view->predictedLabel(), m_classes[best]);

        // A text the user types: its own tokens, and a clear positive/negative verdict.
        m_probabilities.clear();
        m_window->probeEdit()->setText(QStringLiteral("the battery is terrible, it leaked"));
        QTest::keyClick(m_window->probeEdit(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!m_probabilities.isEmpty(), 30000);
        QTRY_COMPARE(view->tokenCount(), int(m_lastTrace->keyIds.size()));
        QCOMPARE(std::accumulate(m_probabilities.begin(), m_probabilities.end(), 0.0f) > 0.999f,
                 true);
        save(QStringLiteral("sentiment-pooling.png"));
        m_window->setTheme(QStringLiteral("dark"));
        save(QStringLiteral("sentiment-pooling-dark.png"));
        m_window->setTheme(QStringLiteral("high-contrast"));
        m_window->setFontScale(1.6);
        save(QStringLiteral("sentiment-pooling-presentation.png"));
        m_window->setFontScale(1.0);
        m_window->setTheme(QStringLiteral("light"));
    }

    void trainsATransformerEncoderDecoderOnATask()
    {
        // The window starts on the reverse task; the same data as source -> target pairs.
        buildAndStep(QStringLiteral("seq2seq-transformer"), 2);
        QVERIFY(m_lastTrace->find("encoder.layers.0.attn"));
        QVERIFY(m_lastTrace->find("decoder.layers.0.self"));
        const attn::AttentionBlockTrace *cross = m_lastTrace->find("decoder.layers.0.cross");
        QVERIFY(cross);
        QVERIFY(tabs()->isTabVisible(4));
        tabs()->setCurrentIndex(4);
        attn::HeatmapView *view = m_window->alignmentView();
        QTRY_VERIFY(view->trace() == m_lastTrace);
        view->flush();
        // The mean of the cross block's heads, worked out here from the trace.
        const attn::AttentionMatrix &shown = view->matrix();
        QCOMPARE(&m_lastTrace->blocks[size_t(shown.block)], cross);
        QCOMPARE(shown.head, -1);
        for (int i = 0; i < shown.rows(); ++i)
            for (int j = 0; j < shown.cols(); ++j) {
                double mean = 0;
                for (const auto &h : cross->heads)
                    mean += h.weights(i, j);
                mean /= double(cross->heads.size());
                QVERIFY(std::abs(shown.weights(i, j) - mean) < 1e-6);
            }
        QCOMPARE(m_window->lossPlot()->pointCount(), 2);
        save(QStringLiteral("transformer-seq2seq-alignment.png"));
    }

    void trainsAClassifierOnTheSentimentSample()
    {
        QString error;
        QSignalSpy rebuilt(training(), &TrainingController::modelReady);
        QVERIFY2(m_window->dataPanel()->loadFile(
                     QStringLiteral(ATTNLAB_SOURCE_DIR "/resources/samples/sentiment.tsv"), &error),
                 qPrintable(error));
        // Loading the file rebuilt the LM on it; now the classifier.
        QTRY_VERIFY_WITH_TIMEOUT(rebuilt.count() >= 1, 60000);
        buildAndStep(QStringLiteral("classifier"), 3);
        QVERIFY(firstOfRole(*m_lastTrace, attn::AttentionRole::Pool));
        QVERIFY(tabs()->isTabVisible(5));
        QCOMPARE(m_window->lossPlot()->pointCount(), 3);
        QTRY_COMPARE(m_classes, (QStringList{"negative", "positive"}));
    }

    void aKindThatCannotReadTheDataSaysWhy()
    {
        // The reverse task has no labels: a classifier cannot train on it. The message
        // says so and the current model stays.
        const TraceSnapshot before = m_lastTrace;
        m_window->modelPanel()->setKind(QStringLiteral("classifier"));
        QSignalSpy failed(training(), &TrainingController::setupFailed);
        m_window->rebuildModel();
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
        QVERIFY2(failed[0][0].toString().contains(QStringLiteral("label")),
                 qPrintable(failed[0][0].toString()));
        QCOMPARE(training()->state(), TrainingController::State::Ready);
        QCOMPARE(m_lastTrace, before);
        training()->stepOnce();
        QTRY_COMPARE_WITH_TIMEOUT(training()->step(), 1, 30000);
    }

    void opensAPretrainedGpt2Folder()
    {
        // A GPT-2-shaped folder (random weights, GPT-2's real tokenizer files): File > Open
        // Model on a folder opens it; the views follow a text in GPT-2's own tokens.
        openGpt2Folder(QStringLiteral("gpt2"));
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(m_window->modelPanel()->kind(), QStringLiteral("lm"));
        QCOMPARE(m_window->modelPanel()->modelSpec().layers, 3);
        QCOMPARE(int(m_lastTrace->blocks.size()), 3);
        QCOMPARE(int(m_lastTrace->blocks[0].heads.size()), 4);

        // The Data dock counts the text in GPT-2's own tokens and shows its probe as the
        // views do; its Tokens box says whose tokens they are and cannot be changed.
        DataPanel *data = m_window->dataPanel();
        QTRY_VERIFY_WITH_TIMEOUT(!data->statsPending(), 30000);
        QVERIFY2(data->stats().valid, qPrintable(data->stats().error));
        QVERIFY(data->hasModelTokenizer());
        const auto gpt2 =
            attn::loadHfTokenizer(m_dir.filePath(QStringLiteral("gpt2")).toStdString());
        QVERIFY(gpt2);
        QCOMPARE(data->stats().vocabSize, 50257);
        QCOMPARE(data->stats().tokens, qint64(gpt2->encode(data->text().toStdString()).size()));
        QList<int> probe;
        for (attn::TokenId id : m_lastTrace->queryIds)
            probe << int(id);
        QCOMPARE(data->stats().probeIds, probe);
        QComboBox *tokens = nullptr;
        for (QComboBox *box : data->findChildren<QComboBox *>())
            if (box->currentData().toString() == QLatin1String("model"))
                tokens = box;
        QVERIFY(tokens);
        QVERIFY(!tokens->isEnabled());
        QVERIFY2(tokens->currentText().contains(QStringLiteral("GPT-2")),
                 qPrintable(tokens->currentText()));

        m_lastTrace.reset();
        m_window->probeEdit()->setText(QStringLiteral("Hello world, 你好"));
        QTest::keyClick(m_window->probeEdit(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(m_lastTrace != nullptr, 30000);
        // GPT-2's ids for the text: "Hello" 15496, " world" 995, "," 11, then the bytes
        // of " 你好" (checked against gpt-3-encoder by the tokenizer's conformance test).
        QVERIFY(m_lastTrace->queryIds.size() >= 4);
        QCOMPARE(m_lastTrace->queryIds[0], 15496);
        QCOMPARE(m_lastTrace->queryIds[1], 995);
        QCOMPARE(m_lastTrace->queryIds[2], 11);
        attn::HeatmapView *view = m_window->heatmap();
        QTRY_VERIFY(view->trace() == m_lastTrace);
        view->flush();
        QCOMPARE(view->matrix().rows(), int(m_lastTrace->queryIds.size()));
        for (const QString &label : view->matrix().keyTokens)
            QVERIFY2(!label.contains(QChar(0xFFFD)), qPrintable(label));
        save(QStringLiteral("gpt2-folder.png"));

        // A new model reads the text with the dock's own tokenizer again.
        m_window->rebuildModel();
        QVERIFY(!data->hasModelTokenizer());
        QVERIFY(tokens->isEnabled());
        QCOMPARE(tokens->findData(QStringLiteral("model")), -1);
        QTRY_VERIFY_WITH_TIMEOUT(!data->statsPending(), 30000);
        QVERIFY(data->stats().vocabSize < 50257);
    }

    void aLongProbeIsTracedOneLayerAtATime()
    {
        // Past the trace budget (GPT-2 small at hundreds of tokens) the window traces the
        // layer a view shows; every layer stays listed, and choosing one traces it.
        openGpt2Folder(QStringLiteral("gpt2-layers"));
        if (QTest::currentTestFailed())
            return;
        const QString text = QStringLiteral("Attention is all you need, 注意力");
        auto follow = [&] {
            m_lastTrace.reset();
            training()->setProbeText(text);
            QTRY_VERIFY_WITH_TIMEOUT(m_lastTrace != nullptr, 30000);
        };
        follow(); // every layer: the reference
        const TraceSnapshot full = m_lastTrace;
        QCOMPARE(int(full->blocks.size()), 3);
        auto sameWeights = [](const attn::AttentionBlockTrace &a,
                              const attn::AttentionBlockTrace &b) {
            if (a.heads.size() != b.heads.size())
                return false;
            for (std::size_t h = 0; h < a.heads.size(); ++h) {
                const attn::MatRM &x = a.heads[h].weights, &y = b.heads[h].weights;
                if (x.rows() != y.rows() || x.cols() != y.cols() || x.size() == 0 ||
                    (x - y).cwiseAbs().maxCoeff() > 1e-6f)
                    return false;
            }
            return true;
        };
        auto traced = [](const attn::AttentionBlockTrace &b) {
            return !b.heads.empty() && b.heads.front().weights.size() > 0;
        };

        training()->setTraceBudget(1); // every trace is over it
        follow();
        QCOMPARE(int(m_lastTrace->blocks.size()), 3);
        QVERIFY(sameWeights(m_lastTrace->blocks[0], full->blocks[0]));
        for (int l : {1, 2}) {
            QCOMPARE(m_lastTrace->blocks[size_t(l)].name, full->blocks[size_t(l)].name);
            QCOMPARE(int(m_lastTrace->blocks[size_t(l)].heads.size()), 4);
            QVERIFY(!traced(m_lastTrace->blocks[size_t(l)]));
        }

        // The Attention tab's selector still lists the three layers; choosing layer 2
        // brings its heads (and only them).
        tabs()->setCurrentIndex(0);
        attn::HeatmapView *view = m_window->heatmap();
        auto *selector = view->parentWidget()->findChild<attn::AttentionSelector *>();
        QVERIFY(selector);
        QTRY_VERIFY(view->trace() == m_lastTrace);
        QCOMPARE(selector->blockBox()->count(), 3);
        m_lastTrace.reset();
        selector->setSelection(2, -1);
        QTRY_VERIFY_WITH_TIMEOUT(m_lastTrace && traced(m_lastTrace->blocks[2]), 30000);
        QVERIFY(sameWeights(m_lastTrace->blocks[2], full->blocks[2]));
        QVERIFY(!traced(m_lastTrace->blocks[0]));
        QTRY_VERIFY(view->trace() == m_lastTrace);
        view->flush();
        QCOMPARE(view->matrix().block, 2);
        QCOMPARE(view->matrix().rows(), int(full->queryIds.size()));
        save(QStringLiteral("gpt2-one-layer.png"));
    }

    void badProbeTextSaysWhy()
    {
        QSignalSpy failed(training(), &TrainingController::probeFailed);
        // Far longer than the demo model's context.
        m_window->probeEdit()->setText(QString(500, QLatin1Char('a')));
        QTest::keyClick(m_window->probeEdit(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
        QVERIFY2(failed[0][0].toString().contains(QStringLiteral("at most")),
                 qPrintable(failed[0][0].toString()));
        // An empty text goes back to the validation example.
        m_lastTrace.reset();
        m_window->probeEdit()->clear();
        QTest::keyClick(m_window->probeEdit(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(m_lastTrace != nullptr, 30000);
        QCOMPARE(QString::fromStdString(m_lastTrace->queryTokens.front()), QStringLiteral("<bos>"));
    }
};

QTEST_MAIN(TestWindowModels)
#include "test_windowmodels.moc"
