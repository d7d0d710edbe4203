#pragma once

#include "train/modelspec.h"
#include "train/trainer.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QSpinBox;

namespace attn::gui {

// The Model dock: the architecture and training hyperparameters, each with a
// one-sentence tooltip. Invalid combinations are refused inline (the message
// says why) and Apply stays disabled until they are fixed.
class ModelPanel : public QWidget {
    Q_OBJECT
public:
    explicit ModelPanel(QWidget *parent = nullptr);

    // The model as chosen: its kind and architecture.
    attn::ModelSpec modelSpec() const;
    attn::TrainerConfig trainerConfig() const;
    int batchSize() const;
    std::uint64_t seed() const;
    // Empty when the settings are consistent, else the reason they are not.
    QString problem() const;

    // Shows a model's architecture (e.g. after opening a file).
    void setModelSpec(const attn::ModelSpec &spec);
    // The kind chosen ("lm", "seq2seq-rnn", ...; attn::modelSpecKinds()).
    QString kind() const;
    void setKind(const QString &kind);
    void setParameterCount(long long count);
    // Disables the architecture while a run is active.
    void setTrainingActive(bool active);

signals:
    // Apply: build a new model with these settings.
    void applyRequested();
    // The model kind changed (the data's format follows it).
    void kindChanged(const QString &kind);
    // The learning rate changed (applies to a running trainer at its next step).
    void learningRateChanged(double lr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void validate();
    void updateRows(); // shows the rows that apply to the kind chosen
    // The kind chosen has a recurrent encoder: hidden units instead of width, no heads.
    bool isRecurrent() const;

    QFormLayout *m_form = nullptr;
    QComboBox *m_kind = nullptr;
    QComboBox *m_attention = nullptr;
    QComboBox *m_rnn = nullptr;
    QDoubleSpinBox *m_teacherForcing = nullptr;
    QSpinBox *m_layers = nullptr;
    QSpinBox *m_heads = nullptr;
    QSpinBox *m_dModel = nullptr;
    QSpinBox *m_context = nullptr;
    QDoubleSpinBox *m_dropout = nullptr;
    QComboBox *m_norm = nullptr;
    QComboBox *m_positions = nullptr;
    QComboBox *m_scaling = nullptr;
    QDoubleSpinBox *m_lr = nullptr;
    QComboBox *m_schedule = nullptr;
    QSpinBox *m_batch = nullptr;
    QSpinBox *m_steps = nullptr;
    QSpinBox *m_seed = nullptr;
    QLabel *m_params = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_apply = nullptr;
    long long m_paramCount = -1;
};

} // namespace attn::gui
