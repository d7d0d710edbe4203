#include "attention/attentionselector.h"

#include "attention/attentionlinesview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>

namespace attn {

namespace {
QString roleName(AttentionRole role)
{
    switch (role) {
    case AttentionRole::CausalSelf:
        return AttentionSelector::tr("causal self-attention");
    case AttentionRole::BidirectionalSelf:
        return AttentionSelector::tr("self-attention");
    case AttentionRole::Cross:
        return AttentionSelector::tr("cross-attention");
    case AttentionRole::Pool:
        return AttentionSelector::tr("attention pooling");
    }
    return {};
}
// As wide as its longest item, and narrower, eliding, down to its minimum contents length
// when the row is short of room.
void fitUpToLongestItem(QComboBox *box)
{
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    box->setMaximumWidth(box->sizeHint().width());
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
}
} // namespace

AttentionSelector::AttentionSelector(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    m_blockLabel = new QLabel(this);
    m_block = new QComboBox(this);
    m_headLabel = new QLabel(this);
    m_head = new QComboBox(this);
    m_head->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    // Which block and head are shown must stay readable ("layers.11.attn", "Mean of
    // heads"); an encoder-decoder's longer names ("decoder.layers.1.cross") give way in a
    // narrow window (the heatmap's title and the popup show them whole), as the colour and
    // scale boxes do.
    m_block->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_block->setMinimumContentsLength(9);
    m_block->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_head->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_gradientLabel = new QLabel(this);
    m_gradient = new QComboBox(this);
    m_range = new QComboBox(this);
    for (QComboBox *box : {m_gradient, m_range}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(6);
        box->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }
    m_values = new QCheckBox(this);
    m_values->setChecked(true);
    m_blockLabel->setBuddy(m_block);
    m_headLabel->setBuddy(m_head);
    m_gradientLabel->setBuddy(m_gradient);
    // The colour and scale boxes share the room left with the stretch at the end, up to
    // their whole names (see retranslateUi).
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_blockLabel, m_block, m_headLabel, m_head,
                                          m_gradientLabel, m_gradient, m_range, m_values})
        layout->addWidget(w, w == m_block || w == m_gradient || w == m_range ? 1 : 0);
    layout->addStretch(1);
    retranslateUi();

    connect(m_block, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (m_filling)
            return;
        const int block = m_block->itemData(i).toInt();
        if (m_trace && block >= 0 && block < static_cast<int>(m_trace->blocks.size()))
            fillHeads(
                static_cast<int>(m_trace->blocks[static_cast<std::size_t>(block)].heads.size()));
        emit blockChanged(block);
    });
    connect(m_head, &QComboBox::currentIndexChanged, this, [this](int) {
        if (!m_filling)
            emit headChanged(head());
    });
    connect(m_gradient, &QComboBox::currentIndexChanged, this,
            [this](int) { emit gradientChanged(gradient()); });
    connect(m_range, &QComboBox::currentIndexChanged, this,
            [this](int) { emit rangeModeChanged(rangeMode()); });
    connect(m_values, &QCheckBox::toggled, this, &AttentionSelector::showValuesChanged);
}

int AttentionSelector::block() const
{
    return m_block->currentIndex() >= 0 ? m_block->currentData().toInt() : -1;
}

int AttentionSelector::head() const
{
    return m_head->currentIndex() >= 0 ? m_head->currentData().toInt() : -1;
}

GradientKind AttentionSelector::gradient() const
{
    return static_cast<GradientKind>(m_gradient->currentData().toInt());
}

HeatmapView::RangeMode AttentionSelector::rangeMode() const
{
    return static_cast<HeatmapView::RangeMode>(m_range->currentData().toInt());
}

bool AttentionSelector::showValues() const
{
    return m_values->isChecked();
}

void AttentionSelector::fillHeads(int count)
{
    const int keep = head();
    const bool filling = m_filling;
    m_filling = true;
    m_head->clear();
    m_head->addItem(tr("Mean of heads"), -1);
    for (int h = 0; h < count; ++h)
        m_head->addItem(tr("Head %1").arg(h), h);
    const int i = m_head->findData(keep);
    m_head->setCurrentIndex(i >= 0 ? i : 0);
    m_filling = filling;
    if (!m_filling && head() != keep)
        emit headChanged(head());
}

namespace {
// Same blocks (names, roles) with the same head counts: the selector's lists still fit.
bool sameLayout(const AttentionTrace *a, const AttentionTrace *b)
{
    if (!a || !b || a->blocks.size() != b->blocks.size())
        return false;
    for (std::size_t i = 0; i < a->blocks.size(); ++i) {
        const AttentionBlockTrace &x = a->blocks[i], &y = b->blocks[i];
        if (x.name != y.name || x.role != y.role || x.heads.size() != y.heads.size())
            return false;
    }
    return true;
}
} // namespace

void AttentionSelector::setTrace(std::shared_ptr<const AttentionTrace> trace)
{
    // While training, a new trace of the same model arrives ~10 times a second: the
    // lists stay as they are (refilling them relays out the window each time).
    if (sameLayout(m_trace.get(), trace.get())) {
        m_trace = std::move(trace);
        return;
    }
    m_trace = std::move(trace);
    // Keep the chosen block by name, since a new trace may come from a different model.
    const QString keepName = m_block->currentText();
    const int keepBlock = block();
    const int keepHead = head();
    m_filling = true;
    m_block->clear();
    int select = -1;
    if (m_trace) {
        for (std::size_t i = 0; i < m_trace->blocks.size(); ++i) {
            const auto &b = m_trace->blocks[i];
            const QString name = QString::fromStdString(b.name);
            m_block->addItem(name, static_cast<int>(i));
            m_block->setItemData(m_block->count() - 1, roleName(b.role), Qt::ToolTipRole);
            if (name == keepName)
                select = static_cast<int>(i);
        }
    }
    if (select < 0 && m_block->count() > 0)
        select = 0;
    fitUpToLongestItem(m_block);
    m_block->setCurrentIndex(select);
    const int b = block();
    fillHeads(m_trace && b >= 0
                  ? static_cast<int>(m_trace->blocks[static_cast<std::size_t>(b)].heads.size())
                  : 0);
    m_filling = false;
    if (b != keepBlock)
        emit blockChanged(b);
    if (head() != keepHead)
        emit headChanged(head());
}

void AttentionSelector::setSelection(int blockIndex, int headIndex)
{
    const int bi = m_block->findData(blockIndex);
    if (bi < 0)
        return;
    m_block->setCurrentIndex(bi); // refills heads and emits blockChanged
    const int hi = m_head->findData(headIndex);
    if (hi >= 0)
        m_head->setCurrentIndex(hi);
}

void AttentionSelector::attach(HeatmapView *view)
{
    connect(this, &AttentionSelector::blockChanged, view, &HeatmapView::setBlock);
    connect(this, &AttentionSelector::headChanged, view, &HeatmapView::setHead);
    connect(this, &AttentionSelector::gradientChanged, view, &HeatmapView::setGradient);
    connect(this, &AttentionSelector::rangeModeChanged, view, &HeatmapView::setRangeMode);
    connect(this, &AttentionSelector::showValuesChanged, view, &HeatmapView::setShowValues);
    connect(view, &HeatmapView::selectionChanged, this, &AttentionSelector::setSelection);
    view->setGradient(gradient());
    view->setRangeMode(rangeMode());
    view->setShowValues(showValues());
    if (block() >= 0)
        view->setBlock(block());
    view->setHead(head());
}

void AttentionSelector::attach(AttentionLinesView *view)
{
    connect(this, &AttentionSelector::blockChanged, view, &AttentionLinesView::setBlock);
    connect(this, &AttentionSelector::headChanged, view, &AttentionLinesView::setHead);
    if (block() >= 0)
        view->setBlock(block());
    view->setHead(head());
}

void AttentionSelector::retranslateUi()
{
    m_blockLabel->setText(tr("&Block:"));
    m_headLabel->setText(tr("&Head:"));
    m_gradientLabel->setText(tr("&Colours:"));
    m_values->setText(tr("Show &values"));
    m_values->setToolTip(tr("Write the weight in each cell when the cells are large enough "
                            "(on a long text, zoom in with the wheel)"));
    const int g = m_gradient->currentIndex(), r = m_range->currentIndex();
    {
        const QSignalBlocker blockG(m_gradient), blockR(m_range);
        m_gradient->clear();
        for (GradientKind k : ColorMaps::all())
            m_gradient->addItem(ColorMaps::name(k), static_cast<int>(k));
        m_range->clear();
        m_range->addItem(tr("Scale 0–1"), static_cast<int>(HeatmapView::RangeMode::Fixed));
        m_range->addItem(tr("Scale to data"), static_cast<int>(HeatmapView::RangeMode::Automatic));
        m_range->setToolTip(tr("0–1 compares heads and steps; scaled to data shows "
                               "small differences"));
        m_gradient->setCurrentIndex(std::max(0, g));
        m_range->setCurrentIndex(std::max(0, r));
    }
    // No wider than the longest name: the width the box would take fitted to its items.
    for (QComboBox *box : {m_gradient, m_range})
        fitUpToLongestItem(box);
    if (m_head->count() > 0) {
        const QSignalBlocker blockH(m_head);
        m_head->setItemText(0, tr("Mean of heads"));
        for (int i = 1; i < m_head->count(); ++i)
            m_head->setItemText(i, tr("Head %1").arg(m_head->itemData(i).toInt()));
    }
    if (m_trace)
        for (int i = 0; i < m_block->count(); ++i) {
            const int b = m_block->itemData(i).toInt();
            if (b >= 0 && b < static_cast<int>(m_trace->blocks.size()))
                m_block->setItemData(i, roleName(m_trace->blocks[static_cast<std::size_t>(b)].role),
                                     Qt::ToolTipRole);
        }
}

void AttentionSelector::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace attn
