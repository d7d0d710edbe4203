#pragma once

#include "trace/walkthrough.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;
class QSpinBox;
class QTableWidget;

namespace attn {

class WalkthroughView;

// The Q/K/V sandbox: the user edits small Q, K and V (up to 8x8), and every walkthrough
// step recomputes at once through the engine (buildSandboxTrace, buildWalkthrough).
// Presets show uniform weights, hard attention, saturation with and without sqrt(d_k),
// and a causal mask; a temperature slider sharpens or flattens the softmax.
class SandboxView : public QWidget {
    Q_OBJECT
public:
    explicit SandboxView(QWidget *parent = nullptr);

    SandboxInput input() const { return m_input; }
    const AttentionTrace *trace() const { return m_trace.get(); }
    WalkthroughView *walkthrough() const { return m_view; }
    // Why the last edit could not be computed (empty when it could).
    QString errorText() const { return m_error; }
    QTableWidget *matrixEditor(char which) const; // 'Q', 'K' or 'V'
    // Temperature slider position <-> temperature: 10^(position / 50), 0.1 .. 10.
    static double temperatureAt(int position);
    static int positionOf(double temperature);

public slots:
    void setInput(const attn::SandboxInput &input);
    void applyPreset(attn::SandboxPreset preset);
    void setTemperature(double t);
    void setCausal(bool on);
    void setScaled(bool on);

signals:
    void traceChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    SandboxInput m_input;
    std::shared_ptr<const AttentionTrace> m_trace;
    QString m_error;
    bool m_filling = false;

    QLabel *m_presetLabel = nullptr;
    QComboBox *m_preset = nullptr;
    QLabel *m_sizeLabel = nullptr;
    QSpinBox *m_tq = nullptr, *m_tk = nullptr, *m_dk = nullptr, *m_dv = nullptr;
    QLabel *m_qLabel = nullptr, *m_kLabel = nullptr, *m_vLabel = nullptr;
    QTableWidget *m_q = nullptr, *m_k = nullptr, *m_v = nullptr;
    QCheckBox *m_causal = nullptr, *m_scaled = nullptr;
    QLabel *m_tempLabel = nullptr;
    QSlider *m_temp = nullptr;
    QLabel *m_tempValue = nullptr;
    QLabel *m_errorLabel = nullptr;
    WalkthroughView *m_view = nullptr;

    void fillEditors(); // editors from m_input
    void readEditors(); // m_input from editors, then recompute
    void resizeInput(); // after a size spin box changed
    void recompute();
    void retranslateUi();
};

} // namespace attn
