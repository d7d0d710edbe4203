#pragma once

#include <QVector>
#include <QWidget>

class QCheckBox;
class QLabel;
class QSlider;
class QTimer;
class QToolButton;

namespace attn {

// Training replay: a slider over the steps at which the probe's attention was kept
// (ReplayStore::steps()), a step label, Play to step through them, and "Live" to follow
// training again. Moving the slider (mouse, or Left/Right/Home/End/PageUp/PageDown)
// leaves live mode and emits stepChosen(step); checking Live emits liveChosen().
class ReplayBar : public QWidget {
    Q_OBJECT
public:
    explicit ReplayBar(QWidget *parent = nullptr);

    // The stored steps, ascending. In live mode the slider moves to the newest without
    // emitting anything; while replaying it stays on the step shown, or moves to the
    // nearest stored one (emitting stepChosen) when that step was thinned away.
    void setSteps(const QVector<int> &steps);
    QVector<int> steps() const { return m_steps; }

    bool isLive() const { return m_live; }
    int currentStep() const; // the step under the slider; -1 when there are none
    bool isPlaying() const;

    QSlider *slider() const { return m_slider; }
    QCheckBox *liveBox() const { return m_liveBox; }
    QToolButton *playButton() const { return m_play; }

public slots:
    // Shows a stored step (the nearest stored one at or before it): leaves live mode and
    // emits stepChosen() when the shown step changes or live mode ends.
    void showStep(int step);
    void setLive(bool live);
    void setPlaying(bool playing); // Play: one stored step every playInterval() ms
    void setPlayInterval(int ms);
    void clear();

signals:
    void stepChosen(int step);
    void liveChosen();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void showIndex(int index);
    void updateLabel();
    void retranslateUi();

    QVector<int> m_steps;
    bool m_live = true;
    int m_shownStep = -1; // replay mode: the step last emitted
    QToolButton *m_play = nullptr;
    QSlider *m_slider = nullptr;
    QLabel *m_label = nullptr;
    QCheckBox *m_liveBox = nullptr;
    QTimer *m_timer = nullptr;
};

} // namespace attn
