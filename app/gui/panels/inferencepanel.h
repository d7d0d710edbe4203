#pragma once

#include "gui/inference/inferenceengine.h"

#include <QThread>
#include <QWidget>

class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QVBoxLayout;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;
class QTextBrowser;
class QTimer;
namespace attn {
class HeatmapView;
class ProbabilityBars;
} // namespace attn

namespace attn::gui {

class TrainingController;

// Type text and see what the model does with it, while it trains or not: for a language
// model the next-token distribution (top k as bars, at the chosen temperature) and a
// sampled continuation (temperature, top-k, top-p); for a classifier the label
// probabilities; for a seq2seq model its output. Work runs in a thread of its own on a
// copy of the weights the training controller hands out between steps.
class InferencePanel : public QWidget {
    Q_OBJECT
public:
    explicit InferencePanel(TrainingController *training, QWidget *parent = nullptr);
    ~InferencePanel() override;

    QLineEdit *input() const { return m_input; }
    attn::ProbabilityBars *bars() const { return m_bars; }
    QTextBrowser *output() const { return m_output; }
    // A seq2seq output's cross-attention over the source (hidden for other kinds).
    attn::HeatmapView *alignment() const { return m_alignment; }
    QPushButton *generateButton() const { return m_generate; }
    float temperature() const;
    int topK() const;
    float topP() const;
    int tokens() const;
    void setTemperature(double t);
    void setTopK(int k);
    void setTopP(double p);
    void setTokens(int n);
    // The last result shown (tests).
    const InferenceResult &lastResult() const { return m_last; }

public slots:
    // The distribution for the text in the input box.
    void predict();
    // A continuation of (LM) or an output for (seq2seq) the text in the input box.
    void generate();
    // A new model was built or opened: forget the old snapshot, and word and lay out the
    // panel for its kind ("lm", "seq2seq-rnn", "seq2seq-transformer", "classifier").
    void modelChanged(const QString &kind);

signals:
    void resultShown(const InferenceResult &result);

protected:
    void changeEvent(QEvent *event) override;

private:
    void submit(InferenceRequest::Kind kind);
    void dispatch();
    void onSnapshot(const InferenceSnapshot &snapshot);
    void onResult(const InferenceResult &result);
    void updateSliderLabels();
    void retranslateUi();
    // Shows what the model kind uses: a language model's sampling controls and next-token
    // bars, an encoder-decoder's output and alignment, a classifier's label bars.
    void applyKind();
    bool isSeq2Seq() const { return m_kind.startsWith(QLatin1String("seq2seq")); }
    bool isClassifier() const { return m_kind == QLatin1String("classifier"); }

    TrainingController *m_training;
    QThread m_thread;
    InferenceEngine *m_engine = nullptr;
    InferenceSnapshot m_snapshot;
    int m_trainingStep = 0; // the controller's step when the snapshot was asked for
    bool m_waitingForSnapshot = false;
    bool m_havePending = false;
    InferenceRequest m_pending; // sent when a fresh snapshot arrives
    int m_nextId = 1;
    int m_latestGenerate = 0;
    InferenceResult m_last;
    QString m_kind = QStringLiteral("lm");

    QLabel *m_inputLabel = nullptr;
    QLineEdit *m_input = nullptr;
    QLabel *m_tokensLabel = nullptr;
    QLabel *m_inputTokens = nullptr;
    attn::ProbabilityBars *m_bars = nullptr;
    QGroupBox *m_sampling = nullptr;
    QLabel *m_temperatureLabel = nullptr;
    QSlider *m_temperature = nullptr;
    QLabel *m_temperatureValue = nullptr;
    QLabel *m_topKLabel = nullptr;
    QSlider *m_topK = nullptr;
    QLabel *m_topKValue = nullptr;
    QLabel *m_topPLabel = nullptr;
    QSlider *m_topP = nullptr;
    QLabel *m_topPValue = nullptr;
    QLabel *m_lengthLabel = nullptr;
    QSpinBox *m_length = nullptr;
    QPushButton *m_generate = nullptr;
    QTextBrowser *m_output = nullptr;
    attn::HeatmapView *m_alignment = nullptr;
    QLabel *m_status = nullptr;
    QVBoxLayout *m_left = nullptr;
    QTimer *m_debounce = nullptr;
    QTimer *m_retry = nullptr;
};

} // namespace attn::gui
