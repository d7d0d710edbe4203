#pragma once

#include "gui/training/trainingcontroller.h"

#include <QElapsedTimer>
#include <QWidget>

#include <functional>

class QLabel;
class QProgressBar;
class QToolButton;

namespace attn::gui {

// The Training dock: Start / Pause / Step / Stop / Reset and the run's progress
// (step, ETA, tokens per second, latest losses).
class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(TrainingController *controller, QWidget *parent = nullptr);

    QToolButton *startButton() const { return m_start; }
    // Asked before Train or Step starts a run from Ready; false: the caller took over
    // (it builds the model the Model dock now shows first, and starts it when ready).
    void setStartCheck(std::function<bool()> check) { m_startCheck = std::move(check); }

signals:
    void resetRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateButtons();
    void onProgress(const QVector<attn::LossPoint> &points, double tokensPerSecond);

    TrainingController *m_controller;
    std::function<bool()> m_startCheck;
    QToolButton *m_start = nullptr;
    QToolButton *m_step = nullptr;
    QToolButton *m_stop = nullptr;
    QToolButton *m_reset = nullptr;
    QProgressBar *m_progress = nullptr;
    class StatusLines *m_status = nullptr;
    QLabel *m_message = nullptr;
    QElapsedTimer m_clock;
    int m_clockStep = 0;
    double m_tokensPerSecond = 0.0;
    double m_loss = 0.0;
    double m_valLoss = 0.0;
    double m_stepsPerSecond = 0.0;
};

} // namespace attn::gui
