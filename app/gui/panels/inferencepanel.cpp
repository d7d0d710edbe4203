#include "gui/panels/inferencepanel.h"

#include "gui/training/trainingcontroller.h"

#include "attention/heatmapview.h"
#include "probabilitybars.h"

#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>
#include <initializer_list>

namespace attn::gui {

InferencePanel::InferencePanel(TrainingController *training, QWidget *parent)
    : QWidget(parent), m_training(training)
{
    setObjectName(QStringLiteral("inferencePanel"));
    m_thread.setObjectName(QStringLiteral("inference"));
    m_engine = new InferenceEngine;
    m_engine->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    connect(m_engine, &InferenceEngine::finished, this, &InferencePanel::onResult);
    m_thread.start();

    m_inputLabel = new QLabel(this);
    m_input = new QLineEdit(this);
    m_input->setObjectName(QStringLiteral("inferenceInput"));
    m_input->setClearButtonEnabled(true);
    m_inputLabel->setBuddy(m_input);
    m_tokensLabel = new QLabel(this);
    m_inputTokens = new QLabel(this);
    m_inputTokens->setWordWrap(true);
    m_inputTokens->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bars = new attn::ProbabilityBars(this);

    m_sampling = new QGroupBox(this);
    auto slider = [this](int lo, int hi, int value) {
        auto *s = new QSlider(Qt::Horizontal, m_sampling);
        s->setRange(lo, hi);
        s->setValue(value);
        return s;
    };
    m_temperatureLabel = new QLabel(m_sampling);
    m_temperature = slider(0, 200, 100); // hundredths; 0 = greedy
    m_temperatureValue = new QLabel(m_sampling);
    m_topKLabel = new QLabel(m_sampling);
    m_topK = slider(0, 50, 0); // 0 = all tokens
    m_topKValue = new QLabel(m_sampling);
    m_topPLabel = new QLabel(m_sampling);
    m_topP = slider(5, 100, 100); // hundredths
    m_topPValue = new QLabel(m_sampling);
    m_lengthLabel = new QLabel(m_sampling);
    m_length = new QSpinBox(m_sampling);
    m_length->setRange(1, 500);
    m_length->setValue(60);
    m_generate = new QPushButton(m_sampling);
    m_generate->setObjectName(QStringLiteral("generateButton"));
    auto *grid = new QGridLayout(m_sampling);
    int row = 0;
    for (auto [label, s, value] :
         {std::tuple{m_temperatureLabel, m_temperature, m_temperatureValue},
          std::tuple{m_topKLabel, m_topK, m_topKValue},
          std::tuple{m_topPLabel, m_topP, m_topPValue}}) {
        label->setBuddy(s);
        grid->addWidget(label, row, 0);
        grid->addWidget(s, row, 1);
        grid->addWidget(value, row, 2);
        ++row;
    }
    m_lengthLabel->setBuddy(m_length);
    grid->addWidget(m_lengthLabel, row, 0);
    grid->addWidget(m_length, row, 1, Qt::AlignLeft);
    grid->addWidget(m_generate, row, 2);
    grid->setColumnStretch(1, 1);

    m_output = new QTextBrowser(this);
    m_output->setObjectName(QStringLiteral("inferenceOutput"));
    m_output->setMinimumHeight(80);
    m_alignment = new attn::HeatmapView(this);
    m_alignment->setObjectName(QStringLiteral("inferenceAlignment"));
    m_alignment->setMinimumHeight(160);
    m_alignment->hide();
    m_status = new QLabel(this);

    auto *left = new QVBoxLayout;
    left->addWidget(m_inputLabel);
    left->addWidget(m_input);
    left->addWidget(m_tokensLabel);
    left->addWidget(m_inputTokens);
    left->addWidget(m_bars, 1);
    // Takes the bars' room when they are hidden (an encoder-decoder), so that the input
    // stays at the top instead of spreading down the column.
    left->addStretch(0);
    m_left = left;
    auto *right = new QVBoxLayout;
    right->addWidget(m_sampling);
    right->addWidget(m_output, 1);
    right->addWidget(m_alignment, 2);
    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 3);
    columns->addLayout(right, 2);
    auto *outer = new QVBoxLayout(this);
    outer->addLayout(columns, 1);
    outer->addWidget(m_status);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(150);
    connect(m_debounce, &QTimer::timeout, this, &InferencePanel::predict);
    m_retry = new QTimer(this);
    m_retry->setSingleShot(true);
    m_retry->setInterval(600);
    connect(m_retry, &QTimer::timeout, this, [this] {
        // The request can fall between a step's end and a pause; ask again.
        if (m_waitingForSnapshot) {
            m_training->requestInferenceSnapshot();
            m_retry->start();
        }
    });

    connect(m_input, &QLineEdit::textChanged, this, [this] { m_debounce->start(); });
    connect(m_input, &QLineEdit::returnPressed, this, &InferencePanel::generate);
    for (QSlider *s : {m_temperature, m_topK, m_topP})
        connect(s, &QSlider::valueChanged, this, [this] {
            updateSliderLabels();
            if (!m_input->text().isEmpty())
                m_debounce->start();
        });
    connect(m_generate, &QPushButton::clicked, this, &InferencePanel::generate);
    connect(m_training, &TrainingController::inferenceSnapshot, this, &InferencePanel::onSnapshot);
    // While training, the distribution follows the model (at most twice a second).
    connect(m_training, &TrainingController::progress, this, [this] {
        if (isVisible() && !m_input->text().isEmpty() && !m_debounce->isActive() &&
            !m_waitingForSnapshot)
            m_debounce->start(500);
    });
    retranslateUi();
}

InferencePanel::~InferencePanel()
{
    m_thread.quit();
    m_thread.wait();
}

float InferencePanel::temperature() const
{
    return float(m_temperature->value()) / 100.0f;
}
int InferencePanel::topK() const
{
    return m_topK->value();
}
float InferencePanel::topP() const
{
    return float(m_topP->value()) / 100.0f;
}
int InferencePanel::tokens() const
{
    return m_length->value();
}
void InferencePanel::setTemperature(double t)
{
    m_temperature->setValue(int(std::lround(t * 100)));
}
void InferencePanel::setTopK(int k)
{
    m_topK->setValue(k);
}
void InferencePanel::setTopP(double p)
{
    m_topP->setValue(int(std::lround(p * 100)));
}
void InferencePanel::setTokens(int n)
{
    m_length->setValue(n);
}

void InferencePanel::predict()
{
    m_debounce->setInterval(150);
    submit(InferenceRequest::Kind::Predict);
}

void InferencePanel::generate()
{
    submit(InferenceRequest::Kind::Generate);
}

void InferencePanel::modelChanged(const QString &kind)
{
    m_kind = kind;
    applyKind();
    m_snapshot = InferenceSnapshot{};
    m_bars->clear();
    m_output->clear();
    m_inputTokens->clear();
    m_alignment->setTrace(nullptr);
    if (!m_input->text().isEmpty())
        m_debounce->start();
}

void InferencePanel::applyKind()
{
    // Set before the first result, so that the layout does not jump on the first keystroke.
    const bool seq2seq = isSeq2Seq();
    const bool classifier = isClassifier();
    m_bars->setVisible(!seq2seq);
    m_left->setStretch(m_left->count() - 1, seq2seq ? 1 : 0);
    m_alignment->setVisible(seq2seq);
    m_sampling->setVisible(!classifier);
    m_output->setVisible(!classifier);
    // An encoder-decoder decodes greedily: temperature, top-k and top-p do not apply.
    for (QWidget *w : std::initializer_list<QWidget *>{
             m_temperatureLabel, m_temperature, m_temperatureValue, m_topKLabel, m_topK,
             m_topKValue, m_topPLabel, m_topP, m_topPValue})
        w->setVisible(!seq2seq);
    retranslateUi();
}

void InferencePanel::submit(InferenceRequest::Kind kind)
{
    InferenceRequest r;
    r.kind = kind;
    r.id = m_nextId++;
    r.text = m_input->text();
    r.temperature = temperature();
    r.topK = topK();
    r.topP = topP();
    r.tokens = tokens();
    r.seed = quint64(r.id);
    if (kind == InferenceRequest::Kind::Predict) {
        m_engine->setLatest(r.id);
        // Only the newest prediction matters.
        if (m_havePending && m_pending.kind == InferenceRequest::Kind::Predict)
            m_havePending = false;
    } else {
        m_latestGenerate = r.id;
        m_generate->setEnabled(false);
    }
    if (!m_havePending || kind == InferenceRequest::Kind::Generate) {
        m_pending = r;
        m_havePending = true;
    }
    const bool fresh = m_snapshot.isValid() && m_snapshot.step == m_training->step();
    if (fresh) {
        dispatch();
        return;
    }
    if (!m_waitingForSnapshot) {
        m_waitingForSnapshot = true;
        m_trainingStep = m_training->step();
        m_training->requestInferenceSnapshot();
        m_retry->start();
    }
}

void InferencePanel::dispatch()
{
    if (!m_havePending)
        return;
    InferenceRequest r = m_pending;
    m_havePending = false;
    r.snapshot = m_snapshot;
    QMetaObject::invokeMethod(m_engine, [e = m_engine, r] { e->run(r); });
}

void InferencePanel::onSnapshot(const InferenceSnapshot &snapshot)
{
    if (!m_waitingForSnapshot)
        return; // another panel's, or a late answer to a retry
    m_waitingForSnapshot = false;
    m_retry->stop();
    m_snapshot = snapshot;
    if (!snapshot.isValid()) {
        m_havePending = false;
        m_generate->setEnabled(true);
        m_status->setText(tr("No model to ask yet: build or open one."));
        return;
    }
    dispatch();
}

void InferencePanel::onResult(const InferenceResult &result)
{
    if (result.kind == InferenceRequest::Kind::Generate) {
        if (result.id != m_latestGenerate)
            return;
        m_generate->setEnabled(true);
    }
    m_last = result;
    if (!result.error.isEmpty()) {
        m_status->setText(result.error);
        if (result.kind == InferenceRequest::Kind::Predict)
            m_bars->clear();
        emit resultShown(result);
        return;
    }
    m_status->setText(tr("Model at step %1").arg(QLocale().toString(result.step)));
    m_inputTokens->setText(result.inputTokens.join(QStringLiteral(" · ")));
    const bool classifier = result.modelKind == QLatin1String("classifier");
    m_bars->setTitle(classifier ? tr("Label probabilities") : tr("Next token"));
    if (!result.distribution.isEmpty() || result.kind == InferenceRequest::Kind::Predict) {
        m_bars->setEntries(result.distribution);
        m_bars->setMarkedIndex(classifier && !result.distribution.isEmpty() ? 0 : -1);
    }
    // An encoder-decoder has no next-token distribution to show: its output is a new
    // sequence, shown after an arrow (an LM's continues the prompt).
    const bool seq2seq = result.modelKind.startsWith(QLatin1String("seq2seq"));
    if (result.modelKind != m_kind) {
        m_kind = result.modelKind;
        applyKind();
    }
    // An encoder-decoder's output is cheap and deterministic: it follows the typing.
    if (result.kind == InferenceRequest::Kind::Generate || seq2seq) {
        const QColor accent = palette().color(QPalette::Highlight);
        m_output->setHtml(QStringLiteral("<p style=\"white-space: pre-wrap\">%1%2<b><span "
                                         "style=\"color:%3\">%4</span></b></p>")
                              .arg(m_input->text().toHtmlEscaped(),
                                   seq2seq ? QStringLiteral(" → ") : QString(), accent.name(),
                                   result.output.toHtmlEscaped()));
    }
    // An encoder-decoder's output with its alignment: the (first) cross-attention block,
    // output tokens down, source tokens across, mean of the heads.
    const int cross = result.trace ? result.trace->firstBlock(attn::AttentionRole::Cross) : -1;
    if (cross >= 0) {
        m_alignment->setTrace(result.trace);
        m_alignment->setBlock(cross);
        m_alignment->setHead(-1);
    }
    emit resultShown(result);
}

void InferencePanel::updateSliderLabels()
{
    const float t = temperature();
    const QLocale locale;
    m_temperatureValue->setText(t <= 0.0f ? tr("greedy") : locale.toString(double(t), 'f', 2));
    m_topKValue->setText(topK() == 0 ? tr("all") : locale.toString(topK()));
    m_topPValue->setText(locale.toString(double(topP()), 'f', 2));
}

void InferencePanel::retranslateUi()
{
    const bool seq2seq = isSeq2Seq();
    const bool classifier = isClassifier();
    if (seq2seq) {
        m_inputLabel->setText(tr("&Source:"));
        m_input->setPlaceholderText(
            tr("Type a source sequence, as in the training data; the model writes its output"));
        m_sampling->setTitle(tr("Output"));
        m_lengthLabel->setText(tr("Max &length:"));
        m_length->setToolTip(tr("The longest output to write, in tokens."));
        m_generate->setText(tr("&Decode"));
        m_generate->setToolTip(tr("Write the model's output for the source: at each step the "
                                  "most likely token (greedy decoding)."));
    } else {
        m_inputLabel->setText(tr("&Text:"));
        m_input->setPlaceholderText(classifier ? tr("Type a sentence to classify")
                                               : tr("Type a prompt, e.g. the start of a sentence"));
        m_sampling->setTitle(tr("Generation"));
        m_lengthLabel->setText(tr("&Length:"));
        m_length->setToolTip(tr("How many tokens to generate."));
        m_generate->setText(tr("&Generate"));
        m_generate->setToolTip(tr("Continue the text, sampling each token with the settings "
                                  "above (Enter in the text box does the same)."));
    }
    m_tokensLabel->setText(tr("As the model reads it:"));
    m_bars->setTitle(classifier ? tr("Label probabilities") : tr("Next token"));
    m_bars->setEmptyText(classifier ? tr("Type some text to see the probability of each label.")
                                    : tr("Type some text to see what the model expects next."));
    m_temperatureLabel->setText(tr("T&emperature:"));
    m_temperature->setToolTip(
        tr("Divides the logits before softmax: below 1 sharpens the distribution, above 1 "
           "flattens it; 0 always takes the most likely token."));
    m_topKLabel->setText(tr("Top-&k:"));
    m_topK->setToolTip(tr("Sample only among the k most likely tokens (all: no limit)."));
    m_topPLabel->setText(tr("Top-&p:"));
    m_topP->setToolTip(tr("Sample only among the most likely tokens whose probabilities add "
                          "up to p (nucleus sampling)."));
    updateSliderLabels();
}

void InferencePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace attn::gui
