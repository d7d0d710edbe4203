#include "gui/viewtabs.h"

#include "gui/panels/inferencepanel.h"

#include "attention/allheadsgrid.h"
#include "attention/attentionlinesview.h"
#include "attention/attentionselector.h"
#include "attention/heatmapview.h"
#include "attention/poolingview.h"
#include "loss/lossplotview.h"
#include "walkthrough/sandboxview.h"
#include "walkthrough/walkthroughview.h"

#include <QScrollArea>
#include <QVBoxLayout>

#include <utility>

namespace attn::gui {

ViewTabs::ViewTabs(QWidget *parent) : QTabWidget(parent)
{
    setObjectName(QStringLiteral("viewTabs"));
    setDocumentMode(true);
}

void ViewTabs::addViews(TrainingController *training)
{
    // A selector over a view, in a page of its own.
    const auto page = [this](QWidget *view, attn::AttentionSelector **selector) {
        auto *content = new QWidget(this);
        *selector = new attn::AttentionSelector(content);
        view->setParent(content);
        auto *column = new QVBoxLayout(content);
        column->setContentsMargins(0, 0, 0, 0);
        column->addWidget(*selector);
        column->addWidget(view, 1);
        return content;
    };
    m_heatmap = new attn::HeatmapView;
    m_attentionPage = page(m_heatmap, &m_selector);
    m_selector->attach(m_heatmap);
    addTab(m_attentionPage, QString());

    m_grid = new attn::AllHeadsGrid(this);
    addTab(m_grid, QString());
    connect(m_grid, &attn::AllHeadsGrid::headActivated, this, [this](int block, int head) {
        setCurrentWidget(m_attentionPage);
        m_selector->setSelection(block, head);
    });

    m_lines = new attn::AttentionLinesView;
    m_linesPage = page(m_lines, &m_linesSelector);
    m_linesSelector->attach(m_lines);
    addTab(m_linesPage, QString());

    m_lossPlot = new attn::LossPlotView(this);
    addTab(m_lossPlot, QString());

    // Seq2seq: the decoder's attention over the source (target x source).
    m_alignment = new attn::HeatmapView;
    m_alignment->setObjectName(QStringLiteral("alignment"));
    m_alignmentPage = page(m_alignment, &m_alignmentSelector);
    m_alignmentSelector->attach(m_alignment);
    addTab(m_alignmentPage, QString());
    // Classifier: the tokens coloured by pooling weight, and the prediction.
    m_pooling = new attn::PoolingView;
    m_pooling->setObjectName(QStringLiteral("pooling"));
    m_poolingPage = scrolledPage(m_pooling);
    addTab(m_poolingPage, QString());

    m_inference = new InferencePanel(training, this);
    addTab(m_inference, QString());

    // softmax(QK^T/sqrt(d_k))V step by step on the probe's trace, and the Q/K/V sandbox.
    // In scroll areas: their control rows are wide, and a laptop's window must not be.
    m_walkthrough = new attn::WalkthroughView;
    m_walkthrough->setObjectName(QStringLiteral("walkthrough"));
    m_walkthroughPage = scrolledPage(m_walkthrough);
    addTab(m_walkthroughPage, QString());
    m_sandbox = new attn::SandboxView;
    m_sandbox->setObjectName(QStringLiteral("sandbox"));
    m_sandboxPage = scrolledPage(m_sandbox);
    addTab(m_sandboxPage, QString());
    setTabVisible(indexOf(m_alignmentPage), false);
    setTabVisible(indexOf(m_poolingPage), false);
}

QWidget *ViewTabs::scrolledPage(QWidget *content)
{
    auto *area = new QScrollArea(this);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setWidget(content);
    return area;
}

QWidget *ViewTabs::currentView() const
{
    QWidget *page = currentWidget();
    if (page == m_attentionPage)
        return m_heatmap;
    if (page == m_linesPage)
        return m_lines;
    if (page == m_alignmentPage)
        return m_alignment;
    if (page == m_poolingPage)
        return m_pooling;
    return page;
}

QString ViewTabs::currentViewName() const
{
    const QWidget *page = currentWidget();
    return QLatin1String(page == m_attentionPage   ? "attention"
                         : page == m_grid          ? "all-heads"
                         : page == m_linesPage     ? "lines"
                         : page == m_alignmentPage ? "alignment"
                         : page == m_poolingPage   ? "pooling"
                         : page == m_lossPlot      ? "loss"
                                                   : "view");
}

void ViewTabs::showModelTabs(bool cross, bool pool)
{
    // Only on a change: setTabVisible lays the tab bar out again.
    for (auto [tab, show] : {std::pair{m_alignmentPage, cross}, std::pair{m_poolingPage, pool}})
        if (isTabVisible(indexOf(tab)) != show)
            setTabVisible(indexOf(tab), show);
}

void ViewTabs::retranslateUi()
{
    const std::pair<QWidget *, QString> tabs[] = {
        {m_attentionPage, tr("Attention")}, {m_grid, tr("All Heads")},
        {m_linesPage, tr("Lines")},         {m_alignmentPage, tr("Alignment")},
        {m_poolingPage, tr("Pooling")},     {m_lossPlot, tr("Loss")},
        {m_inference, tr("Inference")},     {m_walkthroughPage, tr("Walkthrough")},
        {m_sandboxPage, tr("Sandbox")}};
    for (const auto &[page, text] : tabs)
        setTabText(indexOf(page), text);
}

} // namespace attn::gui
