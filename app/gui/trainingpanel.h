#pragma once

#include "trainingcontroller.h"

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

// The Training dock: Start / Pause / Step / Stop / Reset and the run's progress
// (step, ETA, tokens per second, latest losses).
class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(TrainingController *controller, QWidget *parent = nullptr);

    QToolButton *startButton() const { return m_start; }

signals:
    void resetRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateButtons();
    void onProgress(const QVector<attn::LossPoint> &points, double tokensPerSecond);

    TrainingController *m_controller;
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
