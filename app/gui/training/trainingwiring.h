#pragma once

#include "gui/training/trainingworker.h"

#include "train/modelspec.h"

#include <QObject>
#include <QScopedValueRollback>

#include <memory>

class QLineEdit;
class QMainWindow;

namespace attn::gui {

class DataPanel;
class InferencePanel;
class ModelPanel;
class TrainingController;
class TrainingPanel;

// Wires the docks to the training controller: the Data and Model docks' settings become
// a TrainingSetup, a change builds a new model (asking first when trained progress would
// be lost), the Follow box picks what the probe traces, and what training reports goes
// to the docks and the status bar.
class TrainingWiring : public QObject {
    Q_OBJECT
public:
    // window: the dialogs' parent and the status bar.
    TrainingWiring(TrainingController *training, DataPanel *data, ModelPanel *model,
                   TrainingPanel *trainingPanel, InferencePanel *inference, QLineEdit *probeEdit,
                   QMainWindow *window, QObject *parent = nullptr);

    // Builds a fresh model for the chosen data and settings (asks first when trained
    // progress would be lost). False when nothing was built (training runs, or the user
    // kept the model).
    bool rebuildModel();
    // Asks before an unsaved trained model is replaced; question: what happens instead
    // (default "Build a new model anyway?").
    bool confirmDiscard(const QString &question = {});
    // While the returned value lives, confirmDiscard() does not ask again (the user agreed).
    [[nodiscard]] QScopedValueRollback<bool> discardAgreed()
    {
        return QScopedValueRollback<bool>(m_discardAgreed, true);
    }
    std::shared_ptr<TrainingSetup> makeSetup() const;
    // Sets the Model dock's kind, if it is another, without building a model (a bundled
    // sample says which kind reads it).
    void switchKind(const QString &kind);

signals:
    void modelKindChanged(); // the Model dock's kind changed (by the user or switchKind())

private:
    void connectDocks();
    void connectProbe();
    void connectReports();
    // The Data dock reads the data as the Model dock's kind does (lm, pairs, classify).
    void syncDataFormat();
    // Empties the Follow box when the model is to read other data than it was typed for.
    void clearFollowForOtherData(const QString &task, const QString &text);

    TrainingController *m_training;
    DataPanel *m_dataPanel;
    ModelPanel *m_modelPanel;
    TrainingPanel *m_trainingPanel;
    InferencePanel *m_inference;
    QLineEdit *m_probeEdit;
    QMainWindow *m_window;
    // The data the current model reads (a task, or a text file), to put back in the
    // Data dock when the user keeps the model instead of building one for new data.
    QString m_modelTask, m_modelText;
    // The model's own tokenizer, when the Data dock has no such kind (GPT-2's).
    std::shared_ptr<const attn::Tokenizer> m_modelTokenizer;
    bool m_discardAgreed = false; // the user already agreed to replace the model
    // What the Model dock showed for the model in training (built or opened), so that
    // Train after a change in the dock builds the model the dock shows first.
    attn::ModelSpec m_liveSpec, m_buildingSpec;
    bool m_startWhenReady = false; // Train was pressed while that model was being built
};

} // namespace attn::gui
