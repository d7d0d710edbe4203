#include "walkthrough/walkthroughview.h"

#include "walkthrough/walkthroughcanvas.h"
#include "walkthrough/walkthroughexport.h"
#include "walkthrough/walkthroughtokenstrip.h"

#include "core/error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMessageBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace attn {

namespace {
constexpr int kPlayIntervalMs = 2500;
}

WalkthroughView::WalkthroughView(QWidget *parent) : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    auto tool = [this](QStyle::StandardPixmap icon) {
        auto *b = new QToolButton(this);
        b->setIcon(style()->standardIcon(icon));
        b->setFocusPolicy(Qt::NoFocus);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        return b;
    };
    // Combo boxes sized by a few characters, not by their longest entry (a GPT-2 token or
    // a long step name would widen the row); they grow when there is room.
    auto combo = [this](int chars) {
        auto *c = new QComboBox(this);
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        c->setMinimumContentsLength(chars);
        c->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        return c;
    };
    m_prev = tool(QStyle::SP_MediaSkipBackward);
    m_play = tool(QStyle::SP_MediaPlay);
    m_play->setCheckable(true);
    m_next = tool(QStyle::SP_MediaSkipForward);
    m_stepBox = combo(14);
    m_stepBox->setMaximumWidth(460);
    m_stepBox->setFocusPolicy(Qt::ClickFocus);
    m_blockLabel = new QLabel(this);
    m_blockBox = combo(10);
    m_blockBox->setMaximumWidth(320);
    m_headLabel = new QLabel(this);
    m_headBox = new QSpinBox(this);
    m_queryLabel = new QLabel(this);
    m_queryBox = combo(6);
    m_keyLabel = new QLabel(this);
    m_keyBox = combo(6);
    m_queryBox->setMaximumWidth(240);
    m_keyBox->setMaximumWidth(240);
    m_precisionLabel = new QLabel(this);
    m_precisionBox = new QSpinBox(this);
    m_precisionBox->setRange(2, 6);
    m_precisionBox->setValue(m_options.precision);
    m_unscaledBox = new QCheckBox(this);
    m_unscaledBox->setFocusPolicy(Qt::NoFocus);
    m_export = new QToolButton(this);
    m_export->setFocusPolicy(Qt::NoFocus);
    m_export->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    m_export->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    // Three rows, so that the view fits a tab next to docks (~800 px): stepping, then the
    // selection and options, then the tokens to click.
    auto *rowSteps = new QHBoxLayout;
    rowSteps->setSpacing(6);
    for (QWidget *w : std::initializer_list<QWidget *>{m_prev, m_play, m_next})
        rowSteps->addWidget(w);
    rowSteps->addWidget(m_stepBox, 1);
    rowSteps->addStretch(1);
    rowSteps->addSpacing(8);
    rowSteps->addWidget(m_precisionLabel);
    rowSteps->addWidget(m_precisionBox);
    rowSteps->addWidget(m_export);
    auto *rowSelect = new QHBoxLayout;
    rowSelect->setSpacing(6);
    for (QWidget *w : std::initializer_list<QWidget *>{m_blockLabel})
        rowSelect->addWidget(w);
    rowSelect->addWidget(m_blockBox, 2);
    rowSelect->addWidget(m_headLabel);
    rowSelect->addWidget(m_headBox);
    rowSelect->addWidget(m_queryLabel);
    rowSelect->addWidget(m_queryBox, 1);
    rowSelect->addWidget(m_keyLabel);
    rowSelect->addWidget(m_keyBox, 1);
    rowSelect->addWidget(m_unscaledBox);
    rowSelect->addStretch(1);
    m_strip = new WalkthroughTokenStrip;
    m_stripScroll = new QScrollArea(this);
    m_stripScroll->setWidget(m_strip);
    m_stripScroll->setWidgetResizable(false);
    m_stripScroll->setFocusPolicy(Qt::NoFocus);
    m_stripScroll->setFrameShape(QFrame::NoFrame);
    m_stripScroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_stripScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_stripScroll->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_stripLabel = new QLabel(this);
    auto *rowTokens = new QHBoxLayout;
    rowTokens->setSpacing(6);
    rowTokens->addWidget(m_stripLabel);
    rowTokens->addWidget(m_stripScroll, 1);

    m_canvas = new WalkthroughCanvas(this);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidget(m_canvas);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFocusPolicy(Qt::NoFocus);
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(rowSteps);
    layout->addLayout(rowSelect);
    // Compact (the sandbox's narrow pane): the unscaled-softmax switch on a row of its own,
    // so that a long label (Chinese, larger text) is not cut off.
    m_rowSelect = rowSelect;
    m_rowOptions = new QHBoxLayout;
    layout->addLayout(m_rowOptions);
    layout->addLayout(rowTokens);
    layout->addWidget(m_scroll, 1);

    m_timer = new QTimer(this);
    m_timer->setInterval(kPlayIntervalMs);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (m_step + 1 >= stepCount())
            setPlaying(false);
        else
            setStep(m_step + 1);
    });
    connect(m_prev, &QToolButton::clicked, this, &WalkthroughView::previous);
    connect(m_next, &QToolButton::clicked, this, &WalkthroughView::next);
    connect(m_play, &QToolButton::toggled, this, &WalkthroughView::setPlaying);
    connect(m_stepBox, &QComboBox::activated, this, &WalkthroughView::setStep);
    connect(m_blockBox, &QComboBox::activated, this,
            [this](int) { setBlock(m_blockBox->currentText()); });
    connect(m_headBox, &QSpinBox::valueChanged, this, [this](int v) {
        if (!m_updatingControls)
            setHead(v);
    });
    connect(m_queryBox, &QComboBox::activated, this, &WalkthroughView::setQuery);
    connect(m_keyBox, &QComboBox::activated, this, &WalkthroughView::setKey);
    connect(m_precisionBox, &QSpinBox::valueChanged, this, [this](int v) {
        if (!m_updatingControls)
            setPrecision(v);
    });
    connect(m_unscaledBox, &QCheckBox::toggled, this, &WalkthroughView::setShowUnscaled);
    connect(m_export, &QToolButton::clicked, this, &WalkthroughView::exportDialog);
    connect(m_strip, &WalkthroughTokenStrip::queryClicked, this, &WalkthroughView::setQuery);
    connect(m_canvas, &WalkthroughCanvas::queryPicked, this, &WalkthroughView::setQuery);
    connect(m_canvas, &WalkthroughCanvas::keyPicked, this, &WalkthroughView::setKey);
    connect(m_strip, &WalkthroughTokenStrip::keyClicked, this, &WalkthroughView::setKey);
    retranslateUi();
    rebuild();
}

WalkthroughView::~WalkthroughView() = default;

QWidget *WalkthroughView::canvas() const
{
    return m_canvas;
}

void WalkthroughView::setTrace(const AttentionTrace &trace, std::vector<std::string> tokens)
{
    auto t = std::make_shared<AttentionTrace>(trace);
    if (!tokens.empty()) {
        t->queryTokens = tokens;
        if (t->keyIds == t->queryIds || t->keyTokens.empty())
            t->keyTokens = tokens;
    }
    setTrace(std::shared_ptr<const AttentionTrace>(std::move(t)));
}

void WalkthroughView::setTrace(std::shared_ptr<const AttentionTrace> trace)
{
    m_trace = std::move(trace);
    if (m_trace && !m_sel.block.empty() && !m_trace->find(m_sel.block))
        m_sel.block.clear();
    rebuild();
}

QString WalkthroughView::block() const
{
    return QString::fromStdString(m_sel.block);
}

int WalkthroughView::stepCount() const
{
    return m_walk ? static_cast<int>(m_walk->steps.size()) : 0;
}

bool WalkthroughView::playing() const
{
    return m_timer->isActive();
}

bool WalkthroughView::setBlock(const QString &name)
{
    if (!m_trace || !m_trace->find(name.toStdString()))
        return false;
    m_sel.block = name.toStdString();
    rebuild();
    return true;
}

void WalkthroughView::setHead(int head)
{
    m_sel.head = std::max(0, head);
    rebuild();
}

void WalkthroughView::setQuery(int i)
{
    m_sel.query = std::max(0, i);
    rebuild();
}

void WalkthroughView::setKey(int j)
{
    m_sel.key = std::max(0, j);
    rebuild();
}

void WalkthroughView::setStep(int step)
{
    const int n = stepCount();
    const int s = n > 0 ? std::clamp(step, 0, n - 1) : 0;
    if (s == m_step && n > 0 && m_stepBox->currentIndex() == s)
        return;
    m_step = s;
    refreshPage();
    emit stepChanged(m_step);
}

void WalkthroughView::next()
{
    setStep(m_step + 1);
}

void WalkthroughView::previous()
{
    setStep(m_step - 1);
}

void WalkthroughView::setPlaying(bool on)
{
    if (on && stepCount() > 0) {
        if (m_step + 1 >= stepCount())
            setStep(0);
        m_timer->start();
    } else {
        m_timer->stop();
    }
    const QSignalBlocker block(m_play);
    m_play->setChecked(m_timer->isActive());
    m_play->setIcon(
        style()->standardIcon(m_timer->isActive() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void WalkthroughView::setPrecision(int decimals)
{
    m_options.precision = std::clamp(decimals, 2, 6);
    refreshPage();
}

void WalkthroughView::setShowUnscaled(bool on)
{
    m_options.showUnscaled = on;
    refreshPage();
}

void WalkthroughView::setFontScale(double scale)
{
    m_fontScale = std::clamp(scale, 0.5, 4.0);
    m_canvas->setFontScale(m_fontScale);
}

void WalkthroughView::setPresentationMode(bool on)
{
    setFontScale(on ? 1.6 : 1.0);
}

void WalkthroughView::setCompact(bool on)
{
    for (QToolButton *b : {m_prev, m_play, m_next, m_export})
        b->setToolButtonStyle(on ? Qt::ToolButtonIconOnly : Qt::ToolButtonTextBesideIcon);
    m_rowSelect->removeWidget(m_unscaledBox);
    m_rowOptions->removeWidget(m_unscaledBox);
    if (on) {
        m_rowOptions->insertWidget(0, m_unscaledBox);
        if (m_rowOptions->count() == 1)
            m_rowOptions->addStretch(1);
    } else {
        m_rowSelect->insertWidget(m_rowSelect->count() - 1, m_unscaledBox); // before the stretch
    }
}

void WalkthroughView::setSelectionControlsVisible(bool on)
{
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_blockLabel, m_blockBox, m_headLabel, m_headBox})
        w->setVisible(on);
}

void WalkthroughView::rebuild()
{
    m_walk.reset();
    m_error.clear();
    if (!m_trace || m_trace->blocks.empty()) {
        m_error = tr("No attention trace yet: load or train a model and pick an input.");
    } else {
        const AttentionBlockTrace *b =
            m_sel.block.empty() ? &m_trace->blocks.front() : m_trace->find(m_sel.block);
        if (!b)
            b = &m_trace->blocks.front();
        m_sel.block = b->name;
        const int heads = static_cast<int>(b->heads.size());
        m_sel.head = std::clamp(m_sel.head, 0, std::max(0, heads - 1));
        if (!b->heads.empty()) {
            const HeadTrace &h = b->heads[size_t(m_sel.head)];
            m_sel.query = std::clamp(m_sel.query, 0, std::max<int>(0, int(h.weights.rows()) - 1));
            m_sel.key = std::clamp(m_sel.key, 0, std::max<int>(0, int(h.weights.cols()) - 1));
            // A masked key has nothing to expand: move to the last visible one.
            if (b->mask.rows() > m_sel.query && b->mask.cols() > m_sel.key &&
                b->mask(m_sel.query, m_sel.key) != 0.0f) {
                for (int j = m_sel.key; j >= 0; --j)
                    if (b->mask(m_sel.query, j) == 0.0f) {
                        m_sel.key = j;
                        break;
                    }
            }
        }
        try {
            m_walk = buildWalkthrough(*m_trace, m_sel);
        } catch (const Error &e) {
            m_error = tr("The walkthrough cannot show this block: %1")
                          .arg(QString::fromStdString(e.what()));
        }
    }
    m_step = std::clamp(m_step, 0, std::max(0, stepCount() - 1));
    syncControls();
    refreshPage();
    emitSelection();
}

void WalkthroughView::emitSelection()
{
    emit selectionChanged(block(), m_sel.head, m_sel.query, m_sel.key);
}

WtPage WalkthroughView::page(int step) const
{
    if (!m_walk || !m_trace)
        return {};
    return WalkthroughBuilder(*m_trace, *m_walk, m_options).page(step);
}

void WalkthroughView::refreshPage()
{
    {
        const QSignalBlocker b(m_stepBox);
        if (m_stepBox->count() > 0)
            m_stepBox->setCurrentIndex(m_step);
    }
    m_prev->setEnabled(m_step > 0);
    m_next->setEnabled(m_step + 1 < stepCount());
    m_canvas->setPage(page(m_step), m_walk ? QString() : m_error);
}

void WalkthroughView::syncControls()
{
    m_updatingControls = true;
    const QSignalBlocker b1(m_stepBox), b2(m_blockBox), b3(m_headBox), b4(m_queryBox), b5(m_keyBox),
        b6(m_precisionBox), b7(m_unscaledBox);
    m_stepBox->clear();
    if (m_walk)
        for (int s = 0; s < stepCount(); ++s)
            m_stepBox->addItem(QStringLiteral("%1. %2").arg(s + 1).arg(
                WalkthroughBuilder::stepName(m_walk->steps[size_t(s)], m_walk->kind)));
    m_stepBox->setCurrentIndex(m_step);
    m_blockBox->clear();
    m_queryBox->clear();
    m_keyBox->clear();
    if (m_trace) {
        for (const auto &blk : m_trace->blocks)
            m_blockBox->addItem(QString::fromStdString(blk.name));
        m_blockBox->setCurrentText(block());
        const AttentionBlockTrace *b = m_trace->find(m_sel.block);
        const int heads = b ? static_cast<int>(b->heads.size()) : 0;
        m_headBox->setRange(0, std::max(0, heads - 1));
        m_headBox->setValue(m_sel.head);
        if (b && !b->heads.empty()) {
            const HeadTrace &h = b->heads[size_t(m_sel.head)];
            const auto &qt = m_trace->queryTokens;
            const auto &kt = m_trace->keyTokens.empty() ? qt : m_trace->keyTokens;
            for (Index r = 0; r < h.weights.rows(); ++r)
                m_queryBox->addItem(QStringLiteral("%1 %2").arg(r).arg(
                    r < Index(qt.size()) ? QString::fromStdString(qt[size_t(r)]) : QString()));
            for (Index c = 0; c < h.weights.cols(); ++c)
                m_keyBox->addItem(QStringLiteral("%1 %2").arg(c).arg(
                    c < Index(kt.size()) ? QString::fromStdString(kt[size_t(c)]) : QString()));
        }
        m_queryBox->setCurrentIndex(m_sel.query);
        m_keyBox->setCurrentIndex(m_sel.key);
    }
    syncStrip();
    m_precisionBox->setValue(m_options.precision);
    m_unscaledBox->setChecked(m_options.showUnscaled);
    m_unscaledBox->setEnabled(m_walk && m_walk->kind != ScoreKind::Additive &&
                              m_walk->kind != ScoreKind::General);
    m_updatingControls = false;
}

void WalkthroughView::syncStrip()
{
    QStringList tokens;
    bool self = false;
    std::vector<bool> masked;
    if (m_trace) {
        const AttentionBlockTrace *b = m_trace->find(m_sel.block);
        if (b && !b->heads.empty()) {
            const HeadTrace &h = b->heads[size_t(m_sel.head)];
            const auto &qt = m_trace->queryTokens;
            for (Index r = 0; r < h.weights.rows(); ++r)
                tokens << (r < Index(qt.size()) ? QString::fromStdString(qt[size_t(r)])
                                                : QStringLiteral("#%1").arg(r));
            // Keys are the query tokens in self-attention: then a right click picks the key.
            self =
                b->role == AttentionRole::CausalSelf || b->role == AttentionRole::BidirectionalSelf;
            self = self && h.weights.rows() == h.weights.cols();
            if (self && b->mask.rows() > m_sel.query && b->mask.cols() == h.weights.cols())
                for (Index c = 0; c < b->mask.cols(); ++c)
                    masked.push_back(b->mask(m_sel.query, c) != 0.0f);
        }
    }
    if (tokens != m_strip->tokens())
        m_strip->setTokens(tokens, self);
    m_strip->setSelection(m_sel.query, m_sel.key, std::move(masked));
    const QRect r = m_strip->tokenRect(m_sel.query);
    if (!r.isEmpty())
        m_stripScroll->ensureVisible(r.center().x(), r.center().y(), r.width() / 2 + 8, 0);
    // Room for the scroll bar a long input needs.
    m_stripScroll->setFixedHeight(m_strip->sizeHint().height() +
                                  m_stripScroll->horizontalScrollBar()->sizeHint().height());
}

void WalkthroughView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Right:
        next();
        break;
    case Qt::Key_Left:
        previous();
        break;
    case Qt::Key_Space:
        setPlaying(!playing());
        break;
    case Qt::Key_Home:
        setStep(0);
        break;
    case Qt::Key_End:
        setStep(stepCount() - 1);
        break;
    case Qt::Key_Up:
        if (m_sel.query > 0)
            setQuery(m_sel.query - 1);
        break;
    case Qt::Key_Down:
        if (m_walk && m_sel.query + 1 < m_walk->Tq)
            setQuery(m_sel.query + 1);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void WalkthroughView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        syncControls();
        refreshPage();
    } else if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        m_canvas->update();
    }
    QWidget::changeEvent(event);
}

void WalkthroughView::retranslateUi()
{
    m_prev->setText(tr("Previous"));
    m_prev->setToolTip(tr("Previous step (Left)"));
    m_play->setText(tr("Play"));
    m_play->setToolTip(tr("Play the steps (Space)"));
    m_next->setText(tr("Next"));
    m_next->setToolTip(tr("Next step (Right)"));
    m_stepBox->setToolTip(tr("Jump to a step"));
    m_blockLabel->setText(tr("Block"));
    m_headLabel->setText(tr("Head"));
    m_queryLabel->setText(tr("Query i"));
    m_keyLabel->setText(tr("Key j"));
    m_keyBox->setToolTip(tr("The key whose score is expanded term by term"));
    m_precisionLabel->setText(tr("Decimals"));
    m_unscaledBox->setText(tr("Softmax without √d_k"));
    m_export->setText(tr("Export slides…"));
    m_export->setToolTip(tr("Save the steps as a PDF (one page per step) or as PNG images"));
    m_stripLabel->setText(tr("Tokens"));
    m_strip->setToolTip(tr("Click a token to walk through its query row (Up, Down: previous "
                           "and next query); right-click a token to expand its key"));
}

bool WalkthroughView::exportPdf(const QString &path, QString *error) const
{
    if (!m_walk) {
        if (error)
            *error = m_error;
        return false;
    }
    WalkthroughBuilder::Options o = m_options;
    o.maxRows = WalkthroughExport::kSlideMaxRows;
    const WalkthroughBuilder builder(*m_trace, *m_walk, o);
    QVector<WtPage> pages;
    for (int s = 0; s < stepCount(); ++s)
        pages << builder.page(s);
    return WalkthroughExport::savePdf(pages, path, WalkthroughExport::slidePalette(), font(),
                                      error);
}

bool WalkthroughView::exportPng(int step, const QString &path, QString *error) const
{
    if (!m_walk || step < 0 || step >= stepCount()) {
        if (error)
            *error = m_walk ? tr("There is no step %1").arg(step + 1) : m_error;
        return false;
    }
    WalkthroughBuilder::Options o = m_options;
    o.maxRows = WalkthroughExport::kSlideMaxRows;
    return WalkthroughExport::savePng(WalkthroughBuilder(*m_trace, *m_walk, o).page(step), path,
                                      palette(), font(), 1.0, error);
}

void WalkthroughView::exportDialog()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export walkthrough slides"), QStringLiteral("walkthrough.pdf"),
        tr("PDF, one page per step (*.pdf);;PNG images, one per step (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    bool ok = true;
    if (path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
        const QFileInfo fi(path);
        const QString base = fi.path() + QLatin1Char('/') + fi.completeBaseName();
        for (int s = 0; s < stepCount() && ok; ++s)
            ok = exportPng(s, QStringLiteral("%1-%2.png").arg(base).arg(s + 1), &error);
    } else {
        ok = exportPdf(path, &error);
    }
    if (!ok)
        QMessageBox::warning(this, tr("Export walkthrough slides"), error);
}

} // namespace attn
