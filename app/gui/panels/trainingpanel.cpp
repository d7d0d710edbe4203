#include "gui/panels/trainingpanel.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QProgressBar>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace attn::gui {

// The live figures (loss, tokens/s, time left), repainted ten times a second. Drawn
// here rather than by a QLabel: a label's new text asks the whole window to lay itself
// out again, and at the trace rate that was the GUI thread's largest cost.
class StatusLines : public QWidget {
public:
    explicit StatusLines(QWidget *parent) : QWidget(parent)
    {
        setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    }
    void setLines(const QStringList &lines)
    {
        if (lines == m_lines)
            return;
        m_lines = lines;
        setToolTip(lines.join(QLatin1Char('\n')));
        update();
    }
    QSize sizeHint() const override
    {
        return {fontMetrics().averageCharWidth() * 24, fontMetrics().lineSpacing() * 4};
    }
    QSize minimumSizeHint() const override { return {0, sizeHint().height()}; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setPen(palette().color(QPalette::WindowText));
        const QFontMetrics fm = fontMetrics();
        int y = fm.ascent();
        for (const QString &line : m_lines) {
            p.drawText(0, y, fm.elidedText(line, Qt::ElideRight, width()));
            y += fm.lineSpacing();
        }
    }

private:
    QStringList m_lines;
};

TrainingPanel::TrainingPanel(TrainingController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller)
{
    auto button = [this](QStyle::StandardPixmap icon) {
        auto *b = new QToolButton(this);
        b->setIcon(style()->standardIcon(icon));
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        return b;
    };
    m_start = button(QStyle::SP_MediaPlay);
    m_start->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_step = button(QStyle::SP_MediaSeekForward);
    m_step->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_stop = button(QStyle::SP_MediaStop);
    m_reset = button(QStyle::SP_BrowserReload);
    m_progress = new QProgressBar(this);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(12);
    m_status = new StatusLines(this);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_message->hide();

    auto *buttons = new QGridLayout;
    buttons->addWidget(m_start, 0, 0);
    buttons->addWidget(m_step, 0, 1);
    buttons->addWidget(m_stop, 1, 0);
    buttons->addWidget(m_reset, 1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_message);
    layout->addStretch(1);

    const auto mayStart = [this] {
        return m_controller->state() != TrainingController::State::Ready || !m_startCheck ||
               m_startCheck();
    };
    connect(m_start, &QToolButton::clicked, this, [this, mayStart] {
        if (m_controller->state() == TrainingController::State::Running)
            m_controller->pause();
        else if (mayStart())
            m_controller->start();
    });
    connect(m_step, &QToolButton::clicked, this, [this, mayStart] {
        if (mayStart())
            m_controller->stepOnce();
    });
    connect(m_stop, &QToolButton::clicked, m_controller, &TrainingController::stop);
    connect(m_reset, &QToolButton::clicked, this, &TrainingPanel::resetRequested);
    connect(m_controller, &TrainingController::stateChanged, this, [this] {
        if (m_controller->state() == TrainingController::State::Running) {
            m_clock.start();
            m_clockStep = m_controller->step();
            m_message->hide();
        }
        updateButtons();
        retranslateUi();
    });
    connect(m_controller, &TrainingController::modelReady, this, [this] {
        m_loss = m_valLoss = std::nan("");
        m_tokensPerSecond = m_stepsPerSecond = 0.0;
        m_message->hide();
        retranslateUi();
    });
    connect(m_controller, &TrainingController::progress, this, &TrainingPanel::onProgress);
    connect(m_controller, &TrainingController::finished, this,
            [this](bool diverged, const QString &message) {
                m_message->setText(message);
                m_message->setVisible(diverged && !message.isEmpty());
            });
    m_loss = m_valLoss = std::nan("");
    updateButtons();
    retranslateUi();
}

void TrainingPanel::onProgress(const QVector<attn::LossPoint> &points, double tokensPerSecond)
{
    for (const attn::LossPoint &p : points) {
        m_loss = p.loss;
        if (!std::isnan(p.valLoss))
            m_valLoss = p.valLoss;
    }
    m_tokensPerSecond = tokensPerSecond;
    if (m_clock.isValid() && m_clock.elapsed() > 500)
        m_stepsPerSecond = (m_controller->step() - m_clockStep) * 1000.0 / m_clock.elapsed();
    retranslateUi();
}

void TrainingPanel::updateButtons()
{
    using S = TrainingController::State;
    const S s = m_controller->state();
    m_start->setEnabled(s == S::Ready || s == S::Running || s == S::Paused);
    m_start->setIcon(
        style()->standardIcon(s == S::Running ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_step->setEnabled(s == S::Ready || s == S::Paused);
    m_stop->setEnabled(s == S::Running || s == S::Paused);
    m_reset->setEnabled(s == S::Ready);
}

void TrainingPanel::retranslateUi()
{
    using S = TrainingController::State;
    const S s = m_controller->state();
    m_start->setText(s == S::Running ? tr("Pause") : s == S::Paused ? tr("Resume") : tr("Train"));
    m_start->setToolTip(tr("Start or pause training (Ctrl+Enter)"));
    m_step->setText(tr("Step"));
    m_step->setToolTip(tr("Make one optimizer update, then pause (Ctrl+.)"));
    m_stop->setText(tr("Stop"));
    m_stop->setToolTip(tr("Stop training after the current step; the weights are kept"));
    m_reset->setText(tr("Reset"));
    m_reset->setToolTip(tr("Start over with freshly initialised weights"));

    const int total = std::max(1, m_controller->totalSteps());
    m_progress->setRange(0, total);
    m_progress->setValue(std::min(m_controller->step(), total));
    const QLocale locale;
    // The step in words beside the bar, not on it: the style draws a bar's text across the
    // edge of its chunk, where digits half disappear.
    const QString stepText =
        tr("Step %1 of %2").arg(locale.toString(m_controller->step()), locale.toString(total));
    m_progress->setToolTip(stepText);

    QStringList lines;
    lines << stepText;
    if (!std::isnan(m_loss))
        lines << tr("Loss: %1").arg(locale.toString(m_loss, 'f', 4));
    if (!std::isnan(m_valLoss))
        lines << tr("Validation loss: %1").arg(locale.toString(m_valLoss, 'f', 4));
    if (m_tokensPerSecond > 0)
        lines << tr("%1 tokens/s").arg(locale.toString(m_tokensPerSecond, 'f', 0));
    if (s == S::Running && m_stepsPerSecond > 0) {
        const int remaining = std::max(0, total - m_controller->step());
        const int seconds = int(std::ceil(remaining / m_stepsPerSecond));
        lines << tr("About %1 left")
                     .arg(seconds >= 60 ? tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60)
                                        : tr("%1 s").arg(seconds));
    }
    // What Train does next, where a first-time user would not know: start, or go on.
    if (s == S::Ready && m_controller->step() == 0)
        lines << tr("Press Train (Ctrl+Enter) to watch the model learn");
    else if (s == S::Ready && m_controller->totalSteps() > 0 &&
             m_controller->step() >= m_controller->totalSteps())
        lines << tr("The planned steps are done; Train goes on for more");
    m_status->setLines(lines);
}

void TrainingPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace attn::gui
