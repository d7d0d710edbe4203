#include "gui/config.h"
#include "gui/inference/inferenceengine.h"
#include "gui/mainwindow.h"
#include "gui/panels/inferencepanel.h"
#include "gui/training/trainingcontroller.h"

#include "probabilitybars.h"

#include "models/transformerlm.h"
#include "tokenizers/tokenizer.h"
#include "train/experiment.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

using attn::gui::Config;
using attn::gui::InferenceEngine;
using attn::gui::InferencePanel;
using attn::gui::InferenceRequest;
using attn::gui::InferenceResult;
using attn::gui::InferenceSnapshot;
using attn::gui::MainWindow;
using attn::gui::TrainingController;
using attn::gui::TrainingSetup;

// Inference: the next-token bars are the model's softmax, generation is what the model
// would write, and asking while it trains neither blocks nor races the trainer.
class TestInference : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    static InferenceSnapshot snapshot(std::uint64_t seed = 3)
    {
        auto setup = std::make_shared<TrainingSetup>();
        setup->data.task = "reverse";
        setup->experiment = attn::Experiment::create(setup->data);
        attn::TransformerConfig c;
        c.vocab = setup->experiment->vocabSize();
        c.n_ctx = setup->experiment->sequenceLength();
        c.n_layers = 2;
        c.n_heads = 2;
        c.d_model = 32;
        InferenceSnapshot s;
        s.model = std::make_shared<attn::TransformerLM>(c, seed);
        s.setup = setup;
        s.step = 7;
        return s;
    }
    static const attn::TransformerLM &lmOf(const InferenceSnapshot &s)
    {
        return dynamic_cast<const attn::TransformerLM &>(*s.model);
    }

private slots:
    void distributionIsTheSoftmaxOfTheLastLogits()
    {
        const InferenceSnapshot s = snapshot();
        const attn::Experiment &e = *s.setup->experiment;
        for (const float t : {1.0f, 0.5f, 2.0f}) {
            InferenceRequest r;
            r.text = QStringLiteral("abc=");
            r.snapshot = s;
            r.temperature = t;
            r.bars = 5;
            const InferenceResult out = InferenceEngine::compute(r);
            QVERIFY2(out.error.isEmpty(), qPrintable(out.error));
            QCOMPARE(out.step, 7);
            // The task's prompt starts with <bos>: 5 tokens in.
            QCOMPARE(out.inputTokens.size(), 5);
            QCOMPARE(out.inputTokens.front(), QStringLiteral("<bos>"));

            // A second, naive computation: softmax(logits / t) of the last position.
            std::vector<attn::TokenId> ids = {attn::Tokenizer::Bos};
            for (attn::TokenId id : e.tokenizer().encode("abc="))
                ids.push_back(id);
            const attn::MatRM logits = lmOf(s).logits(ids);
            const auto last = logits.row(logits.rows() - 1);
            std::vector<std::pair<double, int>> p;
            double z = 0;
            for (int v = 0; v < last.size(); ++v)
                z += std::exp(double(last(v)) / t);
            for (int v = 0; v < last.size(); ++v)
                p.push_back({std::exp(double(last(v)) / t) / z, v});
            std::sort(p.rbegin(), p.rend());
            QCOMPARE(out.distribution.size(), 5);
            for (int i = 0; i < 5; ++i) {
                QVERIFY(std::abs(out.distribution[i].probability - p[size_t(i)].first) < 1e-6);
                QCOMPARE(out.distribution[i].label,
                         QString::fromStdString(e.tokenLabel(p[size_t(i)].second)));
            }
        }
    }

    void greedyGenerationIsTheArgmaxChain()
    {
        const InferenceSnapshot s = snapshot(11);
        const attn::Experiment &e = *s.setup->experiment;
        InferenceRequest r;
        r.kind = InferenceRequest::Kind::Generate;
        r.text = QStringLiteral("ab");
        r.snapshot = s;
        r.temperature = 0.0f; // greedy
        r.tokens = 6;
        const InferenceResult out = InferenceEngine::compute(r);
        QVERIFY2(out.error.isEmpty(), qPrintable(out.error));
        // By hand: append the argmax of the last logits, stop after <eos>.
        std::vector<attn::TokenId> seq = {attn::Tokenizer::Bos};
        for (attn::TokenId id : e.tokenizer().encode("ab"))
            seq.push_back(id);
        std::vector<attn::TokenId> gen;
        for (int i = 0; i < 6; ++i) {
            const attn::MatRM logits = lmOf(s).logits(seq);
            Eigen::Index best = 0;
            logits.row(logits.rows() - 1).maxCoeff(&best);
            seq.push_back(attn::TokenId(best));
            gen.push_back(attn::TokenId(best));
            if (best == attn::Tokenizer::Eos)
                break;
        }
        QCOMPARE(out.output, QString::fromStdString(e.tokenizer().decode(gen)));
        QCOMPARE(out.outputTokens.size(), qsizetype(gen.size()));
    }

    void noModelAndEmptyTextSaySo()
    {
        InferenceRequest r;
        QVERIFY(!InferenceEngine::compute(r).error.isEmpty());
        // A text model with nothing typed: nothing to continue.
        auto setup = std::make_shared<TrainingSetup>();
        QFile f(m_dir.filePath(QStringLiteral("t.txt")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hello world, hello attention. ");
        f.close();
        setup->data.path = m_dir.filePath(QStringLiteral("t.txt")).toStdString();
        setup->data.context = 8;
        setup->experiment = attn::Experiment::create(setup->data);
        attn::TransformerConfig c;
        c.vocab = setup->experiment->vocabSize();
        c.n_ctx = 8;
        c.n_layers = 1;
        c.n_heads = 1;
        c.d_model = 16;
        r.snapshot.model = std::make_shared<attn::TransformerLM>(c, 1);
        r.snapshot.setup = setup;
        QVERIFY(!InferenceEngine::compute(r).error.isEmpty());
        // Longer than the context: the model reads the last n_ctx tokens.
        r.text = QStringLiteral("hello attention hello world");
        const InferenceResult out = InferenceEngine::compute(r);
        QVERIFY2(out.error.isEmpty(), qPrintable(out.error));
        QCOMPARE(out.inputTokens.size(), 8);
        double sum = 0;
        for (const auto &d : out.distribution)
            sum += d.probability;
        QVERIFY(sum <= 1.0 + 1e-9 && sum > 0.0);
    }

    void panelAnswersWhileTraining()
    {
        Config config(m_dir.filePath(QStringLiteral("i.ini")));
        MainWindow w(&config);
        w.resize(1280, 800);
        w.show();
        TrainingController *training = w.training();
        QTRY_VERIFY_WITH_TIMEOUT(training->state() == TrainingController::State::Ready, 30000);
        InferencePanel *panel = w.inferencePanel();
        w.viewTabs()->setCurrentWidget(panel);
        QSignalSpy shown(panel, &InferencePanel::resultShown);

        // Idle: typing shows the bars of the untrained model.
        panel->input()->setText(QStringLiteral("abcd="));
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 10000);
        QVERIFY2(panel->lastResult().error.isEmpty(), qPrintable(panel->lastResult().error));
        QCOMPARE(panel->lastResult().step, 0);
        QCOMPARE(panel->bars()->entries().size(), 10);

        // Training at full speed: answers come from later steps, training goes on.
        training->start();
        QTRY_VERIFY_WITH_TIMEOUT(training->step() >= 5, 30000);
        shown.clear();
        panel->predict();
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 10000);
        const int answeredAt = panel->lastResult().step;
        QVERIFY(answeredAt >= 5);
        QVERIFY(panel->lastResult().error.isEmpty());
        const int stepNow = training->step();
        QTRY_VERIFY_WITH_TIMEOUT(training->step() > stepNow, 30000);

        // Paused: generation uses the paused weights.
        training->pause();
        QTRY_VERIFY_WITH_TIMEOUT(training->isIdleWhilePaused(), 30000);
        shown.clear();
        panel->setTemperature(0.0);
        panel->setTokens(8);
        panel->generate();
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && panel->generateButton()->isEnabled(), 10000);
        QCOMPARE(panel->lastResult().kind, InferenceRequest::Kind::Generate);
        QVERIFY(panel->lastResult().error.isEmpty());
        QCOMPARE(panel->lastResult().step, training->step());
        training->stop();
        QTRY_VERIFY_WITH_TIMEOUT(training->state() == TrainingController::State::Ready, 30000);
    }
};

QTEST_MAIN(TestInference)
#include "test_inference.moc"
