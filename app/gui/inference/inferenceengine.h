#pragma once

#include "gui/training/trainingworker.h"
#include "probabilitybars.h"

#include <QObject>
#include <QStringList>
#include <QVector>

#include <atomic>

namespace attn::gui {

// What the Inference panel asks for. The snapshot is a private copy of the weights
// (TrainingController::requestInferenceSnapshot), so inference never races training.
struct InferenceRequest {
    enum class Kind {
        Predict,  // LM: next-token distribution; classifier: label probabilities
        Generate, // LM: a sampled continuation; seq2seq: the decoded output
    };
    Kind kind = Kind::Predict;
    int id = 0; // results carry it; the panel ignores stale ones
    QString text;
    InferenceSnapshot snapshot;
    int bars = 10;            // entries in the distribution shown
    float temperature = 1.0f; // also shapes the distribution shown
    int topK = 0;             // sampling: 0 = all tokens
    float topP = 1.0f;        // sampling: 1 = all tokens
    int tokens = 40;          // tokens to generate
    quint64 seed = 1;
};

struct InferenceResult {
    InferenceRequest::Kind kind = InferenceRequest::Kind::Predict;
    int id = 0;
    int step = 0;
    QString modelKind;                                  // "lm", "classifier", "seq2seq-..."
    QString error;                                      // empty on success
    QStringList inputTokens;                            // the input as the model reads it (labels)
    QVector<attn::ProbabilityBars::Entry> distribution; // most likely first
    QString output;                                     // generated or decoded text
    QStringList outputTokens;                           // its tokens (labels)
    // seq2seq: the trace of the source with the decoded output as the decoder's input,
    // for the output's alignment with the source.
    std::shared_ptr<const attn::AttentionTrace> trace;
};
} // namespace attn::gui
Q_DECLARE_METATYPE(attn::gui::InferenceRequest)
Q_DECLARE_METATYPE(attn::gui::InferenceResult)
namespace attn::gui {

// Runs inference requests in a thread of its own (the panel's), on model snapshots.
// LMs: next-token distribution and generation; classifiers: label probabilities;
// seq2seq models: greedy decoding. A prediction older than the newest one is skipped, so
// typing never queues up work.
class InferenceEngine : public QObject {
    Q_OBJECT
public:
    explicit InferenceEngine(QObject *parent = nullptr);
    // The newest Predict request's id (any thread): older predictions are skipped.
    void setLatest(int id) { m_latest = id; }
    // Does the work in the calling thread (tests call it directly).
    static InferenceResult compute(const InferenceRequest &request);

public slots:
    void run(const InferenceRequest &request);

signals:
    void finished(const InferenceResult &result);

private:
    std::atomic<int> m_latest{0};
};

} // namespace attn::gui
