#include "replay/replaybar.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

#include <algorithm>

namespace attn {

ReplayBar::ReplayBar(QWidget *parent) : QWidget(parent)
{
    m_play = new QToolButton(this);
    m_play->setObjectName(QStringLiteral("replayPlay"));
    m_play->setCheckable(true);
    m_play->setFocusPolicy(Qt::NoFocus);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(QStringLiteral("replaySlider"));
    m_slider->setRange(0, 0);
    m_slider->setPageStep(5);
    m_slider->setTracking(true);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("replayStep"));
    m_label->setMinimumWidth(m_label->fontMetrics().horizontalAdvance(QStringLiteral("0")) * 18);
    m_liveBox = new QCheckBox(this);
    m_liveBox->setObjectName(QStringLiteral("replayLive"));
    m_liveBox->setChecked(true);
    m_timer = new QTimer(this);
    m_timer->setInterval(150);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(m_play);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_label);
    layout->addWidget(m_liveBox);
    setFocusProxy(m_slider);

    connect(m_slider, &QSlider::valueChanged, this, [this](int index) { showIndex(index); });
    connect(m_liveBox, &QCheckBox::toggled, this, [this](bool on) { setLive(on); });
    connect(m_play, &QToolButton::toggled, this, [this](bool on) { setPlaying(on); });
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (m_slider->value() >= m_slider->maximum()) {
            setPlaying(false);
            return;
        }
        m_slider->setValue(m_slider->value() + 1);
    });
    retranslateUi();
    updateLabel();
}

int ReplayBar::currentStep() const
{
    if (m_steps.isEmpty())
        return -1;
    return m_steps.at(std::clamp(m_slider->value(), 0, int(m_steps.size()) - 1));
}

bool ReplayBar::isPlaying() const
{
    return m_timer->isActive();
}

void ReplayBar::setSteps(const QVector<int> &steps)
{
    m_steps = steps;
    const QSignalBlocker block(m_slider);
    m_slider->setRange(0, std::max(0, int(m_steps.size()) - 1));
    m_slider->setEnabled(!m_steps.isEmpty());
    m_play->setEnabled(m_steps.size() > 1);
    if (m_live || m_steps.isEmpty()) {
        m_slider->setValue(m_slider->maximum());
        updateLabel();
        return;
    }
    // Replaying: stay on the shown step, or the nearest stored one at or before it.
    auto it = std::upper_bound(m_steps.begin(), m_steps.end(), m_shownStep);
    const int index = it == m_steps.begin() ? 0 : int(it - m_steps.begin()) - 1;
    m_slider->setValue(index);
    updateLabel();
    if (m_steps.at(index) != m_shownStep) {
        m_shownStep = m_steps.at(index);
        emit stepChosen(m_shownStep);
    }
}

void ReplayBar::showIndex(int index)
{
    if (m_steps.isEmpty())
        return;
    index = std::clamp(index, 0, int(m_steps.size()) - 1);
    const int step = m_steps.at(index);
    if (m_slider->value() != index) {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(index);
    }
    const bool wasLive = m_live;
    if (m_live) {
        m_live = false;
        const QSignalBlocker block(m_liveBox);
        m_liveBox->setChecked(false);
    }
    updateLabel();
    if (wasLive || step != m_shownStep) {
        m_shownStep = step;
        emit stepChosen(step);
    }
}

void ReplayBar::showStep(int step)
{
    if (m_steps.isEmpty())
        return;
    auto it = std::upper_bound(m_steps.begin(), m_steps.end(), step);
    showIndex(it == m_steps.begin() ? 0 : int(it - m_steps.begin()) - 1);
}

void ReplayBar::setLive(bool live)
{
    if (live == m_live) {
        if (m_liveBox->isChecked() != live) {
            const QSignalBlocker block(m_liveBox);
            m_liveBox->setChecked(live);
        }
        return;
    }
    if (!live) {
        // Leaving live mode without a chosen step: replay from the newest.
        showIndex(m_slider->maximum());
        return;
    }
    setPlaying(false);
    m_live = true;
    m_shownStep = -1;
    {
        const QSignalBlocker block(m_liveBox);
        m_liveBox->setChecked(true);
    }
    {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(m_slider->maximum());
    }
    updateLabel();
    emit liveChosen();
}

void ReplayBar::setPlaying(bool playing)
{
    if (playing && m_steps.size() < 2)
        playing = false;
    if (playing == m_timer->isActive()) {
        if (m_play->isChecked() != playing) {
            const QSignalBlocker block(m_play);
            m_play->setChecked(playing);
        }
        return;
    }
    {
        const QSignalBlocker block(m_play);
        m_play->setChecked(playing);
    }
    if (playing) {
        // From the start when at the end (or live), else from where the slider is.
        if (m_live || m_slider->value() >= m_slider->maximum())
            showIndex(0);
        m_timer->start();
    } else {
        m_timer->stop();
    }
    retranslateUi();
}

void ReplayBar::setPlayInterval(int ms)
{
    m_timer->setInterval(std::max(10, ms));
}

void ReplayBar::clear()
{
    setPlaying(false);
    m_steps.clear();
    setLive(true);
    setSteps({});
}

void ReplayBar::keyPressEvent(QKeyEvent *event)
{
    if (m_steps.isEmpty()) {
        QWidget::keyPressEvent(event);
        return;
    }
    const int i = m_slider->value();
    switch (event->key()) {
    case Qt::Key_Left:
        showIndex(m_live ? int(m_steps.size()) - 1 : i - 1);
        break;
    case Qt::Key_Right:
        showIndex(i + 1);
        break;
    case Qt::Key_Home:
        showIndex(0);
        break;
    case Qt::Key_End:
        showIndex(int(m_steps.size()) - 1);
        break;
    case Qt::Key_PageUp:
        showIndex(i - m_slider->pageStep());
        break;
    case Qt::Key_PageDown:
        showIndex(i + m_slider->pageStep());
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void ReplayBar::updateLabel()
{
    if (m_steps.isEmpty())
        m_label->setText(tr("no snapshots yet"));
    else if (m_live)
        m_label->setText(tr("live · %Ln snapshot(s)", "", int(m_steps.size())));
    else
        m_label->setText(tr("step %1 (%2 of %3)")
                             .arg(QLocale().toString(currentStep()),
                                  QLocale().toString(m_slider->value() + 1),
                                  QLocale().toString(qsizetype(m_steps.size()))));
}

void ReplayBar::retranslateUi()
{
    m_liveBox->setText(tr("Live"));
    m_liveBox->setToolTip(tr("Follow training as it runs; uncheck or move the slider to "
                             "replay how the attention pattern formed"));
    m_slider->setToolTip(tr("Training replay: the probe's attention at the kept steps "
                            "(Left/Right, Home/End)"));
    const bool playing = m_timer->isActive();
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_play->setToolTip(playing ? tr("Pause the replay") : tr("Play the replay from the start"));
    updateLabel();
}

void ReplayBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace attn
