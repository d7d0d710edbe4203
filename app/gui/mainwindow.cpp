#include "gui/mainwindow.h"

#include "gui/aboutdialog.h"
#include "gui/autosave.h"
#include "gui/config.h"
#include "gui/datapanel.h"
#include "gui/inferencepanel.h"
#include "gui/language.h"
#include "gui/modelpanel.h"
#include "gui/trainingcontroller.h"
#include "gui/trainingpanel.h"

#include "allheadsgrid.h"
#include "attentionlinesview.h"
#include "attentionselector.h"
#include "heatmapview.h"
#include "losshistory.h"
#include "lossplotview.h"
#include "poolingview.h"
#include "replaybar.h"
#include "sandboxview.h"
#include "themepalettes.h"
#include "viewexport.h"
#include "walkthroughview.h"

#include "io/hfmodel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QResizeEvent>
#include <QSaveFile>
#include <QScopedValueRollback>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace attn::gui {

namespace {

// Key sequences without the empty ones (a standard key a platform does not define) and
// without repeats, in order.
QList<QKeySequence> shortcuts(std::initializer_list<QKeySequence> keys)
{
    QList<QKeySequence> out;
    for (const QKeySequence &k : keys)
        if (!k.isEmpty() && !out.contains(k))
            out << k;
    return out;
}

// A dock's content that scrolls up and down but keeps its width: the dock is as wide as
// its content needs (labels and fields whole), and never taller than the window lets it be.
class DockScrollArea : public QScrollArea {
public:
    explicit DockScrollArea(QWidget *content)
    {
        setWidgetResizable(true);
        setFrameShape(QFrame::NoFrame);
        setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        setWidget(content);
    }
    QSize minimumSizeHint() const override
    {
        const int w = widget() ? widget()->minimumSizeHint().width() : 0;
        return {w + verticalScrollBar()->sizeHint().width(),
                QScrollArea::minimumSizeHint().height()};
    }
    QSize sizeHint() const override
    {
        const QSize content = widget() ? widget()->sizeHint() : QSize();
        return {std::max(content.width() + verticalScrollBar()->sizeHint().width(),
                         minimumSizeHint().width()),
                content.height()};
    }
};

} // namespace

MainWindow::MainWindow(Config *config, QWidget *parent) : QMainWindow(parent), m_config(config)
{
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    m_baseFontPointSize = QApplication::font().pointSizeF();
    m_systemPalette = QApplication::palette();
    m_language = new Language(this);
    m_language->apply(m_config->get(Config::Key::Language).toString());

    // The views' tabs under one line that picks what they follow.
    auto *central = new QWidget(this);
    m_probeLabel = new QLabel(central);
    m_probeEdit = new QLineEdit(central);
    m_probeEdit->setObjectName(QStringLiteral("probeEdit"));
    m_probeEdit->setClearButtonEnabled(true);
    m_probeLabel->setBuddy(m_probeEdit);
    auto *probeRow = new QHBoxLayout;
    probeRow->setContentsMargins(6, 4, 6, 0);
    probeRow->addWidget(m_probeLabel);
    probeRow->addWidget(m_probeEdit, 1);
    m_tabs = new QTabWidget(central);
    m_tabs->setObjectName(QStringLiteral("viewTabs"));
    m_tabs->setDocumentMode(true);
    auto *centralColumn = new QVBoxLayout(central);
    centralColumn->setContentsMargins(0, 0, 0, 0);
    centralColumn->addLayout(probeRow);
    centralColumn->addWidget(m_tabs, 1);
    m_replayBar = new attn::ReplayBar(central);
    m_replayBar->setObjectName(QStringLiteral("replayBar"));
    centralColumn->addWidget(m_replayBar);
    setCentralWidget(central);

    m_training = new TrainingController(this);
    createActions();
    createMenus();
    createViews();
    createDocks();
    connectTraining();
    retranslateUi();
    updateRecentMenu();
    restoreWindowState();
    setFontScale(m_config->get(Config::Key::FontScale).toDouble());
    statusBar()->showMessage(tr("Ready"), 3000);
    // A ready demo: the reverse task with a small Transformer, one click from learning.
    rebuildModel();

    m_autosave = new Autosave(m_training, m_config->dataDirectory(), this);
    m_autosave->setInterval(m_config->get(Config::Key::AutosaveMinutes).toDouble());
    if (m_autosave->crashedWithAutosave())
        QTimer::singleShot(0, this, &MainWindow::offerRestore);
    else
        m_autosave->markRunning();
}

void MainWindow::offerRestore()
{
    // The autosave is moved aside first: this session's autosaves replace it.
    const QString recovered =
        QDir(m_config->dataDirectory()).filePath(QStringLiteral("recovered.safetensors"));
    QFile::remove(recovered);
    if (!QFile::rename(m_autosave->autosavePath(), recovered)) {
        m_autosave->markRunning();
        return;
    }
    m_autosave->markRunning();
    auto *box = new QMessageBox(
        QMessageBox::Question, tr("Restore the Autosaved Model?"),
        tr("AttentionLab did not quit cleanly last time. The model it was training was "
           "autosaved. Open it?"),
        QMessageBox::Open | QMessageBox::Discard, this);
    box->setDefaultButton(QMessageBox::Open);
    box->setObjectName(QStringLiteral("restoreBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, recovered, box](int) {
        if (box->clickedButton() == box->button(QMessageBox::Open)) {
            // Once the demo is built: the load replaces it.
            if (m_training->state() == TrainingController::State::Ready ||
                m_training->state() == TrainingController::State::Empty)
                m_training->load(recovered, makeSetup());
        }
    });
    box->open();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_openTextAct = new QAction(this);
    m_openTextAct->setShortcut(QKeySequence::Open);
    connect(m_openTextAct, &QAction::triggered, this, &MainWindow::openTextDialog);

    m_openModelAct = new QAction(this);
    m_openModelAct->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(m_openModelAct, &QAction::triggered, this, &MainWindow::openModelDialog);
    m_openFolderAct = new QAction(this);
    connect(m_openFolderAct, &QAction::triggered, this, &MainWindow::openModelFolderDialog);

    m_saveModelAsAct = new QAction(this);
    m_saveModelAsAct->setShortcut(QKeySequence::SaveAs);
    m_saveModelAsAct->setEnabled(false); // enabled once a model exists
    connect(m_saveModelAsAct, &QAction::triggered, this, &MainWindow::saveModelAs);

    m_exportImageAct = new QAction(this);
    m_exportImageAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportImageAct, &QAction::triggered, this, &MainWindow::exportViewDialog);
    m_exportDataAct = new QAction(this);
    m_exportDataAct->setEnabled(false); // enabled once a trace is shown
    connect(m_exportDataAct, &QAction::triggered, this, &MainWindow::exportAttentionDialog);
    m_exportLossAct = new QAction(this);
    m_exportLossAct->setEnabled(false); // enabled once steps are logged
    connect(m_exportLossAct, &QAction::triggered, this, &MainWindow::exportLossDialog);

    m_clearRecentAct = new QAction(this);
    connect(m_clearRecentAct, &QAction::triggered, this, [this] {
        m_config->set(Config::Key::RecentFiles, QStringList());
        updateRecentMenu();
    });

    m_quitAct = new QAction(this);
    m_quitAct->setShortcut(QKeySequence::Quit);
    m_quitAct->setMenuRole(QAction::QuitRole);
    connect(m_quitAct, &QAction::triggered, this, &QWidget::close);

    m_fullScreenAct = new QAction(this);
    m_fullScreenAct->setCheckable(true);
    // The first shortcut is the one menus show: F11 (the platform's own, where it has one
    // other than F11, works too; on some desktops it has none).
    m_fullScreenAct->setShortcuts(shortcuts({QKeySequence(Qt::Key_F11), QKeySequence::FullScreen}));
    connect(m_fullScreenAct, &QAction::toggled, this, [this](bool on) {
        if (on)
            showFullScreen();
        else
            showNormal();
    });

    m_zoomInAct = new QAction(this);
    // Ctrl+= first (the key without Shift, as the README says), Ctrl++ too.
    m_zoomInAct->setShortcuts(
        shortcuts({QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence::ZoomIn}));
    connect(m_zoomInAct, &QAction::triggered, this,
            [this] { setFontScale(m_config->get(Config::Key::FontScale).toDouble() * 1.15); });
    m_zoomOutAct = new QAction(this);
    m_zoomOutAct->setShortcut(QKeySequence::ZoomOut);
    connect(m_zoomOutAct, &QAction::triggered, this,
            [this] { setFontScale(m_config->get(Config::Key::FontScale).toDouble() / 1.15); });
    m_zoomResetAct = new QAction(this);
    m_zoomResetAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(m_zoomResetAct, &QAction::triggered, this, [this] { setFontScale(1.0); });

    m_aboutAct = new QAction(this);
    m_aboutAct->setMenuRole(QAction::AboutRole);
    connect(m_aboutAct, &QAction::triggered, this, &MainWindow::showAbout);
    m_aboutQtAct = new QAction(this);
    m_aboutQtAct->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAct, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_openTextAct);
    m_fileMenu->addAction(m_openModelAct);
    m_fileMenu->addAction(m_openFolderAct);
    m_fileMenu->addAction(m_saveModelAsAct);
    m_fileMenu->addSeparator();
    m_exportMenu = m_fileMenu->addMenu(QString());
    m_exportMenu->addAction(m_exportImageAct);
    m_exportMenu->addAction(m_exportDataAct);
    m_exportMenu->addAction(m_exportLossAct);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_samplesMenu = m_fileMenu->addMenu(QString());
    fillBundledMenu(m_samplesMenu, QStringLiteral(":/samples"),
                    {QStringLiteral("*.txt"), QStringLiteral("*.tsv")});
    m_demoModelsMenu = m_fileMenu->addMenu(QString());
    fillBundledMenu(m_demoModelsMenu, QStringLiteral(":/models"),
                    {QStringLiteral("*.safetensors")});
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAct);

    m_viewMenu = menuBar()->addMenu(QString());
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAct);
    m_helpMenu->addAction(m_aboutQtAct);
}

void MainWindow::createDocks()
{
    auto makeDock = [this](const QString &objectName, QWidget *content, Qt::DockWidgetArea area) {
        auto *dock = new QDockWidget(this);
        dock->setObjectName(objectName);
        // Scrolled, so that a dock's content (larger text, longer Chinese labels) never makes
        // the window taller or wider than the screen.
        dock->setWidget(new DockScrollArea(content));
        dock->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
        addDockWidget(area, dock);
        m_viewMenu->addAction(dock->toggleViewAction());
        return dock;
    };
    m_dataPanel = new DataPanel(this);
    m_dataDock = makeDock(QStringLiteral("dataDock"), m_dataPanel, Qt::LeftDockWidgetArea);
    m_fileMenu->insertAction(m_openModelAct, m_dataPanel->pasteTextAction());
    connect(m_dataPanel, &DataPanel::fileOpened, this, &MainWindow::addRecentFile);
    m_modelPanel = new ModelPanel(this);
    m_modelDock = makeDock(QStringLiteral("modelDock"), m_modelPanel, Qt::RightDockWidgetArea);
    m_trainingPanel = new TrainingPanel(m_training, this);
    m_trainingDock =
        makeDock(QStringLiteral("trainingDock"), m_trainingPanel, Qt::RightDockWidgetArea);
    splitDockWidget(m_trainingDock, m_modelDock, Qt::Vertical);

    m_viewMenu->addSeparator();
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageGroup = new QActionGroup(this);
    for (const QString &code : Language::available()) {
        QAction *a = m_languageMenu->addAction(Language::nativeName(code));
        a->setCheckable(true);
        a->setData(code);
        a->setChecked(code == m_language->current());
        m_languageGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, code] { setLanguage(code); });
    }
    m_themeMenu = m_viewMenu->addMenu(QString());
    m_themeGroup = new QActionGroup(this);
    for (auto t : {attn::ThemePalettes::Theme::System, attn::ThemePalettes::Theme::Light,
                   attn::ThemePalettes::Theme::Dark, attn::ThemePalettes::Theme::HighContrast}) {
        QAction *a = m_themeMenu->addAction(QString());
        const QString name = attn::ThemePalettes::name(t);
        a->setCheckable(true);
        a->setData(name);
        m_themeGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, name] { setTheme(name); });
    }
    setTheme(m_config->get(Config::Key::Theme).toString());
    m_viewMenu->addAction(m_fullScreenAct);
    m_viewMenu->addAction(m_zoomInAct);
    m_viewMenu->addAction(m_zoomOutAct);
    m_viewMenu->addAction(m_zoomResetAct);
}

void MainWindow::createViews()
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
    m_tabs->addTab(m_attentionPage, QString());

    m_grid = new attn::AllHeadsGrid(this);
    m_tabs->addTab(m_grid, QString());
    connect(m_grid, &attn::AllHeadsGrid::headActivated, this, [this](int block, int head) {
        m_tabs->setCurrentWidget(m_attentionPage);
        m_selector->setSelection(block, head);
    });

    m_lines = new attn::AttentionLinesView;
    m_linesPage = page(m_lines, &m_linesSelector);
    m_linesSelector->attach(m_lines);
    m_tabs->addTab(m_linesPage, QString());

    m_lossPlot = new attn::LossPlotView(this);
    m_tabs->addTab(m_lossPlot, QString());

    // Seq2seq: the decoder's attention over the source (target x source).
    m_alignment = new attn::HeatmapView;
    m_alignment->setObjectName(QStringLiteral("alignment"));
    m_alignmentPage = page(m_alignment, &m_alignmentSelector);
    m_alignmentSelector->attach(m_alignment);
    m_tabs->addTab(m_alignmentPage, QString());
    // Classifier: the tokens coloured by pooling weight, and the prediction.
    m_pooling = new attn::PoolingView;
    m_pooling->setObjectName(QStringLiteral("pooling"));
    m_poolingPage = scrolledPage(m_pooling);
    m_tabs->addTab(m_poolingPage, QString());

    m_inference = new InferencePanel(m_training, this);
    m_tabs->addTab(m_inference, QString());

    // softmax(QK^T/sqrt(d_k))V step by step on the probe's trace, and the Q/K/V sandbox.
    // In scroll areas: their control rows are wide, and a laptop's window must not be.
    m_walkthrough = new attn::WalkthroughView;
    m_walkthrough->setObjectName(QStringLiteral("walkthrough"));
    m_walkthroughPage = scrolledPage(m_walkthrough);
    m_tabs->addTab(m_walkthroughPage, QString());
    m_sandbox = new attn::SandboxView;
    m_sandbox->setObjectName(QStringLiteral("sandbox"));
    m_sandboxPage = scrolledPage(m_sandbox);
    m_tabs->addTab(m_sandboxPage, QString());
    m_tabs->setTabVisible(m_tabs->indexOf(m_alignmentPage), false);
    m_tabs->setTabVisible(m_tabs->indexOf(m_poolingPage), false);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::showTrace);
    for (attn::AttentionSelector *selector : {m_selector, m_linesSelector})
        connect(selector, &attn::AttentionSelector::blockChanged, this, &MainWindow::ensureTraced);
    connect(m_walkthrough, &attn::WalkthroughView::selectionChanged, this,
            &MainWindow::ensureTraced);

    connect(m_training, &TrainingController::traceReady, this,
            [this](const TraceSnapshot &trace, int step) {
                m_lastTrace = trace;
                if (!trace)
                    return;
                m_replay.add(*trace, step);
                m_replayBar->setSteps(m_replay.steps());
                const int firstCross = trace->firstBlock(attn::AttentionRole::Cross);
                const bool cross = firstCross >= 0;
                const bool pool = trace->firstBlock(attn::AttentionRole::Pool) >= 0;
                // Only on a change: setTabVisible lays the tab bar out again.
                for (auto [tab, show] :
                     {std::pair{m_alignmentPage, cross}, std::pair{m_poolingPage, pool}})
                    if (m_tabs->isTabVisible(m_tabs->indexOf(tab)) != show)
                        m_tabs->setTabVisible(m_tabs->indexOf(tab), show);
                if (cross && !m_alignmentChosen) {
                    // The alignment view opens on the (first) cross-attention block,
                    // mean of its heads.
                    m_alignmentSelector->setTrace(trace);
                    m_alignment->setTrace(trace);
                    m_alignmentSelector->setSelection(firstCross, -1);
                    m_alignmentChosen = true;
                }
                m_exportDataAct->setEnabled(true);
                showTrace();
            });
    connect(m_training, &TrainingController::probePrediction, this,
            [this](const QStringList &labels, const QVector<float> &p, int) {
                m_classLabels = labels;
                m_probabilities.assign(p.begin(), p.end());
                showTrace();
            });
    connect(m_training, &TrainingController::probeFailed, this, [this](const QString &message) {
        statusBar()->showMessage(message, 10000);
        m_probeEdit->setToolTip(message);
    });
    connect(m_probeEdit, &QLineEdit::returnPressed, this, [this] {
        m_probeEdit->setToolTip(QString());
        m_training->setProbeText(m_probeEdit->text());
    });
    // Emptied (the clear button, or every character deleted): the views follow the data's
    // validation example again.
    connect(m_probeEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty()) {
            m_probeEdit->setToolTip(QString());
            m_training->setProbeText(QString());
        }
    });
    connect(m_replayBar, &attn::ReplayBar::stepChosen, this, [this](int step) {
        m_lossPlot->setMarkerStep(step);
        showTrace();
    });
    connect(m_replayBar, &attn::ReplayBar::liveChosen, this, [this] {
        m_lossPlot->clearMarker();
        showTrace();
    });
    connect(m_lossPlot, &attn::LossPlotView::stepClicked, m_replayBar, &attn::ReplayBar::showStep);
    connect(m_training, &TrainingController::progress, m_lossPlot,
            [this](const QVector<attn::LossPoint> &points, double) {
                m_lossPlot->appendPoints(points);
                m_exportLossAct->setEnabled(m_lossPlot->pointCount() > 0);
            });
}

QWidget *MainWindow::scrolledPage(QWidget *content)
{
    auto *area = new QScrollArea(this);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setWidget(content);
    return area;
}

std::shared_ptr<const attn::AttentionTrace> MainWindow::shownTrace() const
{
    // Live: the newest trace; replaying: the stored one (weights only, so the
    // walkthrough, which needs Q, K and V, stays on the newest).
    return m_replayBar->isLive() ? m_lastTrace : m_replay.at(m_replayBar->currentStep());
}

void MainWindow::showTrace()
{
    const TraceSnapshot trace = shownTrace();
    if (!trace)
        return;
    QWidget *current = m_tabs->currentWidget();
    if (current == m_attentionPage && m_heatmap->trace() != trace) {
        m_selector->setTrace(trace);
        m_heatmap->setTrace(trace);
    }
    if (current == m_grid && m_grid->trace() != trace)
        m_grid->setTrace(trace);
    if (current == m_linesPage && m_lines->trace() != trace) {
        m_linesSelector->setTrace(trace);
        m_lines->setTrace(trace);
    }
    if (current == m_alignmentPage && m_alignment->trace() != trace) {
        m_alignmentSelector->setTrace(trace);
        m_alignment->setTrace(trace);
    }
    if (current == m_poolingPage) {
        // Replaying: the prediction of the step shown, softmax of its stored logits.
        std::vector<float> p = m_probabilities;
        if (trace != m_lastTrace && trace->logits.rows() == 1 &&
            trace->logits.cols() == m_classLabels.size()) {
            const Eigen::RowVectorXf z = trace->logits.row(0);
            const Eigen::RowVectorXf e = (z.array() - z.maxCoeff()).exp();
            const Eigen::RowVectorXf q = e / e.sum();
            p.assign(q.data(), q.data() + q.size());
        }
        m_pooling->setResult(trace, m_classLabels, p);
    }
    if (current == m_walkthroughPage && m_lastTrace && m_walkthrough->trace() != m_lastTrace.get())
        m_walkthrough->setTrace(m_lastTrace);
    ensureTraced();
}

void MainWindow::ensureTraced()
{
    if (!m_lastTrace)
        return;
    // The block the current view shows.
    const auto &blocks = m_lastTrace->blocks;
    auto at = [&blocks](int i) {
        return i >= 0 && i < int(blocks.size()) ? &blocks[std::size_t(i)] : nullptr;
    };
    QWidget *current = m_tabs->currentWidget();
    const attn::AttentionBlockTrace *shown = nullptr;
    if (current == m_attentionPage)
        shown = at(m_selector->block());
    else if (current == m_linesPage)
        shown = at(m_linesSelector->block());
    else if (current == m_walkthroughPage)
        shown = m_lastTrace->find(m_walkthrough->block().toStdString());
    if (!shown)
        return;
    const attn::AttentionBlockTrace &b = *shown;
    if (b.heads.empty() || b.heads.front().weights.size() > 0) {
        if (m_requestedLayer >= 0)
            statusBar()->clearMessage(); // the layer asked for has arrived
        m_requestedLayer = -1;
        return;
    }
    if (m_requestedLayer != b.layer)
        statusBar()->showMessage(
            tr("Tracing layer %1: the input is too long to trace every layer at once.")
                .arg(b.layer),
            5000);
    m_requestedLayer = b.layer;
    m_training->setTraceLayer(b.layer);
}

void MainWindow::connectTraining()
{
    connect(m_dataPanel, &DataPanel::specChanged, this, &MainWindow::rebuildModel);
    connect(m_modelPanel, &ModelPanel::kindChanged, this, [this] {
        m_alignmentChosen = false;
        syncDataFormat();
    });
    syncDataFormat();
    connect(m_modelPanel, &ModelPanel::applyRequested, this, &MainWindow::rebuildModel);
    connect(m_trainingPanel, &TrainingPanel::resetRequested, this, &MainWindow::rebuildModel);
    connect(m_modelPanel, &ModelPanel::learningRateChanged, m_training,
            &TrainingController::setLearningRate);
    connect(m_training, &TrainingController::stateChanged, this,
            [this](TrainingController::State s) {
                const bool active = s == TrainingController::State::Running ||
                                    s == TrainingController::State::Paused ||
                                    s == TrainingController::State::Stopping;
                m_modelPanel->setTrainingActive(active);
                m_dataPanel->setEnabled(!active);
                m_openTextAct->setEnabled(!active);
                m_openModelAct->setEnabled(!active);
                m_openFolderAct->setEnabled(!active);
                m_dataPanel->pasteTextAction()->setEnabled(!active);
                m_saveModelAsAct->setEnabled(s == TrainingController::State::Ready);
            });
    connect(m_training, &TrainingController::modelReady, this,
            [this](int parameters, const QStringList &) {
                m_alignmentChosen = false;
                // The views wait for the new model's first trace (never redraw the old).
                m_lastTrace.reset();
                // The Follow text stays what the views follow, for the new model too.
                if (!m_probeEdit->text().trimmed().isEmpty())
                    m_training->setProbeText(m_probeEdit->text());
                m_replay.clear();
                m_replayBar->clear();
                m_classLabels.clear();
                m_probabilities.clear();
                m_modelPanel->setParameterCount(parameters);
                m_lossPlot->clear();
                m_exportLossAct->setEnabled(false);
                m_liveSpec = m_buildingSpec;
                m_inference->modelChanged(QString::fromStdString(m_liveSpec.kind));
                statusBar()->showMessage(tr("New model: %n parameter(s)", "", parameters), 5000);
                if (std::exchange(m_startWhenReady, false))
                    m_training->start();
            });
    // Train after a change in the Model dock trains the model the dock shows: it is built
    // first (asking before a trained model is discarded), then started.
    m_trainingPanel->setStartCheck([this] {
        if (m_modelPanel->modelSpec() == m_liveSpec)
            return true;
        m_startWhenReady = rebuildModel();
        if (m_startWhenReady)
            statusBar()->showMessage(
                tr("Building the model the Model dock shows, then training it"), 5000);
        return false;
    });
    connect(m_training, &TrainingController::planExtended, this, [this](int more, int total) {
        statusBar()->showMessage(tr("The planned steps are done: training %1 more, to step %2")
                                     .arg(QLocale().toString(more), QLocale().toString(total)),
                                 8000);
    });
    connect(m_training, &TrainingController::modelLoaded, this,
            [this](const QString &path, const attn::ModelSpec &spec, const QStringList &warnings) {
                m_modelPanel->setModelSpec(spec);
                m_liveSpec = m_modelPanel->modelSpec();
                m_inference->modelChanged(QString::fromStdString(m_liveSpec.kind));
                syncDataFormat();
                statusBar()->showMessage(tr("Opened %1").arg(QFileInfo(path).fileName()), 5000);
                if (!warnings.isEmpty())
                    showError(tr("Model Opened with Warnings"), warnings.join(QLatin1Char('\n')));
            });
    // The Data dock shows what an opened model reads (without building a new model).
    connect(m_training, &TrainingController::dataAttached, this,
            [this](const QString &task, const QString &path, const TokenizerSnapshot &tokenizer) {
                clearFollowForOtherData(task, path);
                m_modelTask = task;
                m_modelText = path;
                m_modelTokenizer.reset();
                const QSignalBlocker block(m_dataPanel);
                if (!task.isEmpty())
                    m_dataPanel->selectTask(task);
                else if (!path.isEmpty())
                    m_dataPanel->loadFile(path);
                // Counted and shown in the model's own tokens: the dock's kind, or the
                // model's tokenizer itself where the dock has no such kind (GPT-2's).
                if (!m_dataPanel->setTokenizer(QString::fromStdString(tokenizer->kind()))) {
                    m_modelTokenizer = tokenizer;
                    m_dataPanel->setModelTokenizer(tokenizer);
                }
            });
    connect(m_training, &TrainingController::saved, this,
            [this](const QString &path, const QString &error) {
                if (!error.isEmpty()) {
                    showError(tr("Cannot Save Model"), error);
                    return;
                }
                addRecentFile(path);
                statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 5000);
            });
    connect(m_training, &TrainingController::setupFailed, this, [this](const QString &message) {
        m_startWhenReady = false;
        showError(tr("Cannot Build the Model"), message);
    });
    connect(
        m_training, &TrainingController::finished, this,
        [this](bool diverged, const QString &message) {
            if (diverged)
                showError(tr("Training Stopped"), message);
            else
                statusBar()->showMessage(
                    tr("Training stopped at step %1").arg(QLocale().toString(m_training->step())),
                    5000);
        });
}

void MainWindow::syncDataFormat()
{
    m_dataPanel->setFormat(attn::dataFormatFor(m_modelPanel->modelSpec().kind));
}

bool MainWindow::confirmDiscard(const QString &question)
{
    if (m_discardAgreed || !m_training->hasUnsavedProgress())
        return true;
    const QString text = tr("The current model has been trained for %n step(s) and is not saved.",
                            "", m_training->step()) +
                         QLatin1Char(' ') +
                         (question.isEmpty() ? tr("Build a new model anyway?") : question);
    const auto answer =
        QMessageBox::question(this, tr("Discard the Trained Model?"), text,
                              QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
    return answer == QMessageBox::Discard;
}

std::shared_ptr<TrainingSetup> MainWindow::makeSetup() const
{
    auto setup = std::make_shared<TrainingSetup>();
    setup->data = m_dataPanel->spec();
    setup->model = m_modelPanel->modelSpec();
    setup->trainer = m_modelPanel->trainerConfig();
    setup->batchSize = m_modelPanel->batchSize();
    setup->modelSeed = m_modelPanel->seed();
    return setup;
}

bool MainWindow::rebuildModel()
{
    if (m_training->state() == TrainingController::State::Running ||
        m_training->state() == TrainingController::State::Paused)
        return false;
    if (!confirmDiscard()) {
        // The Data dock may already show other data (a task or file picked there):
        // back to what the kept model reads, so that dock and model agree.
        const QSignalBlocker block(m_dataPanel);
        if (!m_modelTask.isEmpty())
            m_dataPanel->selectTask(m_modelTask);
        else if (!m_modelText.isEmpty())
            m_dataPanel->loadFile(m_modelText);
        if (m_modelTokenizer)
            m_dataPanel->setModelTokenizer(m_modelTokenizer);
        return false;
    }
    // A new model reads the data with the dock's own tokenizer.
    m_modelTokenizer.reset();
    if (m_dataPanel->hasModelTokenizer())
        m_dataPanel->setModelTokenizer(nullptr);
    auto setup = makeSetup();
    const QString task = QString::fromStdString(setup->data.task);
    const QString text = task.isEmpty() ? QString::fromStdString(setup->data.path) : QString();
    clearFollowForOtherData(task, text);
    m_modelTask = task;
    m_modelText = text;
    m_buildingSpec = setup->model;
    m_training->setUp(setup);
    return true;
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("AttentionLab"));
    m_fileMenu->setTitle(tr("&File"));
    m_exportMenu->setTitle(tr("&Export"));
    m_recentMenu->setTitle(tr("Open &Recent"));
    m_samplesMenu->setTitle(tr("Open &Sample Text"));
    m_demoModelsMenu->setTitle(tr("Open &Demo Model"));
    for (QMenu *menu : {m_samplesMenu, m_demoModelsMenu})
        for (QAction *a : menu->actions())
            a->setText(bundledTitle(a->data().toString()));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_themeMenu->setTitle(tr("&Theme"));
    for (QAction *a : m_themeGroup->actions()) {
        const QString name = a->data().toString();
        if (name == QLatin1String("system"))
            a->setText(tr("&System"));
        else if (name == QLatin1String("light"))
            a->setText(tr("&Light"));
        else if (name == QLatin1String("dark"))
            a->setText(tr("&Dark"));
        else
            a->setText(tr("&High Contrast (for projectors)"));
    }
    m_helpMenu->setTitle(tr("&Help"));
    m_openTextAct->setText(tr("Open &Text…"));
    m_openTextAct->setStatusTip(tr("Load a text, TSV or CSV file to train on"));
    m_openModelAct->setText(tr("Open &Model…"));
    m_openModelAct->setStatusTip(tr("Open a saved AttentionLab model (.safetensors)"));
    m_saveModelAsAct->setText(tr("Save Model &As…"));
    m_exportImageAct->setText(tr("View as &Image…"));
    m_exportImageAct->setStatusTip(tr("Save the current view as a PNG, SVG or PDF file"));
    m_exportDataAct->setText(tr("Attention &Data…"));
    m_exportDataAct->setStatusTip(
        tr("Save the attention matrix shown in the heatmap as a CSV or JSON file"));
    m_exportLossAct->setText(tr("&Loss History…"));
    m_exportLossAct->setStatusTip(tr("Save the logged training steps as a CSV or JSON file"));
    m_clearRecentAct->setText(tr("&Clear List"));
    m_quitAct->setText(tr("&Quit"));
    m_fullScreenAct->setText(tr("&Full Screen"));
    m_zoomInAct->setText(tr("&Larger Text"));
    m_zoomOutAct->setText(tr("&Smaller Text"));
    m_zoomResetAct->setText(tr("&Normal Text Size"));
    m_aboutAct->setText(tr("&About AttentionLab"));
    m_aboutQtAct->setText(tr("About &Qt"));
    m_dataDock->setWindowTitle(tr("Data"));
    m_modelDock->setWindowTitle(tr("Model"));
    m_trainingDock->setWindowTitle(tr("Training"));
    const std::pair<QWidget *, QString> tabs[] = {
        {m_attentionPage, tr("Attention")}, {m_grid, tr("All Heads")},
        {m_linesPage, tr("Lines")},         {m_alignmentPage, tr("Alignment")},
        {m_poolingPage, tr("Pooling")},     {m_lossPlot, tr("Loss")},
        {m_inference, tr("Inference")},     {m_walkthroughPage, tr("Walkthrough")},
        {m_sandboxPage, tr("Sandbox")}};
    for (const auto &[page, text] : tabs)
        m_tabs->setTabText(m_tabs->indexOf(page), text);
    m_probeLabel->setText(tr("&Follow:"));
    m_probeEdit->setPlaceholderText(
        tr("Type a text and press Enter: the attention views show how the model reads it "
           "(empty: a validation example)"));
    m_openFolderAct->setText(tr("Open &Pretrained Model Folder…"));
    m_openFolderAct->setStatusTip(
        tr("Open a Hugging Face GPT-2 folder (config.json, model.safetensors, vocab.json, "
           "merges.txt)"));
    updateRecentMenu();
}

void MainWindow::restoreWindowState()
{
    const QByteArray geometry = m_config->get(Config::Key::WindowGeometry).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1280, 800);
    restoreState(m_config->get(Config::Key::WindowState).toByteArray());
    fitToScreen();
}

void MainWindow::fitToScreen()
{
    // The docks' widths follow their content's (larger text, another language).
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        if (dock->widget())
            dock->widget()->updateGeometry();
    if (isFullScreen() || isMaximized() || !screen())
        return;
    // A 1366 x 768 laptop, or a saved size from a larger screen: the window shrinks to the
    // screen's free area and moves into it; the docks scroll instead.
    const QRect avail = screen()->availableGeometry();
    const QSize frame = frameGeometry().size() - geometry().size();
    const QSize fit = size().boundedTo(avail.size() - frame);
    if (fit != size())
        resize(fit);
    QRect g = frameGeometry();
    if (!avail.contains(g)) {
        g.moveRight(std::min(g.right(), avail.right()));
        g.moveBottom(std::min(g.bottom(), avail.bottom()));
        g.moveLeft(std::max(g.left(), avail.left()));
        g.moveTop(std::max(g.top(), avail.top()));
        move(g.topLeft());
    }
}

QStringList MainWindow::recentFiles() const
{
    return m_config->get(Config::Key::RecentFiles).toStringList();
}

void MainWindow::addRecentFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = recentFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > Config::maxRecentFiles)
        files.removeLast();
    m_config->set(Config::Key::RecentFiles, files);
    m_config->set(Config::Key::LastDirectory, QFileInfo(absolute).absolutePath());
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    int n = 0;
    for (const QString &file : files) {
        ++n;
        const QString label = n < 10
                                  ? QStringLiteral("&%1 %2").arg(n).arg(QFileInfo(file).fileName())
                                  : QFileInfo(file).fileName();
        QAction *a = m_recentMenu->addAction(label);
        a->setToolTip(file);
        connect(a, &QAction::triggered, this, [this, file] { openFile(file); });
    }
    if (!files.isEmpty())
        m_recentMenu->addSeparator();
    m_recentMenu->addAction(m_clearRecentAct);
    m_clearRecentAct->setEnabled(!files.isEmpty());
}

bool MainWindow::openFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        showError(tr("Cannot Open File"), tr("%1: no such file.").arg(path));
        return false;
    }
    const bool folder = info.isDir();
    if (folder && !attn::isHfModelFolder(QFile::encodeName(path).toStdString())) {
        showError(tr("Cannot Open Model"),
                  tr("%1: not a model folder (it has no config.json).").arg(path));
        return false;
    }
    if (folder || info.suffix().compare(QStringLiteral("safetensors"), Qt::CaseInsensitive) == 0) {
        if (m_training->state() != TrainingController::State::Ready &&
            m_training->state() != TrainingController::State::Empty) {
            showError(tr("Cannot Open Model"), tr("Stop training before opening a model."));
            return false;
        }
        if (!confirmDiscard(tr("Open %1 in its place?").arg(displayName(path))))
            return false;
        // Loading happens in the training thread; the result arrives as
        // modelLoaded() or setupFailed(). A demo model finds its text among the samples;
        // a pretrained one reads the English sample unless a text is open.
        auto setup = makeSetup();
        const QString samples = extractSamples();
        if (!samples.isEmpty()) {
            setup->dataFolders << samples;
            setup->fallbackText = QDir(samples).filePath(QStringLiteral("english.txt"));
        }
        m_training->load(info.absoluteFilePath(), setup);
        addRecentFile(path);
        return true;
    }
    if (m_training->state() != TrainingController::State::Ready &&
        m_training->state() != TrainingController::State::Empty) {
        showError(tr("Cannot Open Text"), tr("Stop training before opening a text."));
        return false;
    }
    // Asked before the Data dock changes: cancelled, nothing changes at all.
    if (!confirmDiscard(tr("Open %1 and build a new model for it?").arg(displayName(path))))
        return false;
    const QScopedValueRollback agreed(m_discardAgreed, true);
    QString error;
    if (!m_dataPanel->loadFile(path, &error)) {
        m_dataDock->show();
        showError(tr("Cannot Open Text"), error);
        return false;
    }
    m_dataDock->show();
    addRecentFile(path);
    statusBar()->showMessage(tr("Opened %1").arg(info.fileName()), 5000);
    return true;
}

void MainWindow::openTextDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Text"), m_config->get(Config::Key::LastDirectory).toString(),
        tr("Text files (*.txt *.tsv *.csv);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::clearFollowForOtherData(const QString &task, const QString &text)
{
    // A Follow text was typed for the data the model read (a date for the dates task, a
    // review for the sentiment table); other data would read it as unknown tokens.
    // Cleared without the re-follow its emptying asks for: the old model would trace the old
    // data's example once more, after the new data's views were asked for. The model about
    // to be set up (or attached) follows its own data's example.
    if ((task != m_modelTask || text != m_modelText) && !m_probeEdit->text().isEmpty()) {
        const QSignalBlocker block(m_probeEdit);
        m_probeEdit->clear();
        m_probeEdit->setToolTip(QString());
    }
}

QString MainWindow::bundledTitle(const QString &file) const
{
    static const struct {
        const char *file;
        const char *title;
    } titles[] = {
        {"english.txt", QT_TR_NOOP("English Text")},
        {"chinese.txt", QT_TR_NOOP("Chinese Text")},
        {"sentiment.tsv", QT_TR_NOOP("Film Reviews with Sentiment Labels (for a classifier)")},
        {"parallel.tsv", QT_TR_NOOP("Sentence Pairs (for an encoder-decoder)")},
        {"reverse.safetensors", QT_TR_NOOP("Reverse a Word (Transformer language model)")},
        {"english-char-lm.safetensors",
         QT_TR_NOOP("English Characters (Transformer language model)")},
        {"chinese-char-lm.safetensors",
         QT_TR_NOOP("Chinese Characters (Transformer language model)")},
        {"reverse-encdec.safetensors", QT_TR_NOOP("Reverse a Word (Transformer encoder-decoder)")},
        {"dates-bahdanau.safetensors",
         QT_TR_NOOP("Dates to ISO Format (RNN with Bahdanau attention)")},
        {"sentiment-classifier.safetensors",
         QT_TR_NOOP("Sentiment of a Review (attention-pooling classifier)")},
    };
    for (const auto &t : titles)
        if (file == QLatin1String(t.file))
            return tr(t.title);
    return file;
}

QString MainWindow::displayName(const QString &path) const
{
    // A bundled file by its title, any other by its file name; in quotation marks.
    return tr("\u201c%1\u201d").arg(bundledTitle(QFileInfo(path).fileName()));
}

void MainWindow::fillBundledMenu(QMenu *menu, const QString &folder, const QStringList &patterns)
{
    const QStringList names = QDir(folder).entryList(patterns, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        const QString resource = folder + QLatin1Char('/') + name;
        QAction *action = menu->addAction(bundledTitle(name));
        action->setData(name); // the file; the text is its title (retranslateUi)
        // A table sample says which model it is for: sentences with labels train a
        // classifier, sentence pairs an encoder-decoder.
        QString kind;
        if (name.startsWith(QLatin1String("sentiment")))
            kind = QStringLiteral("classifier");
        else if (name.startsWith(QLatin1String("parallel")))
            kind = QStringLiteral("seq2seq-rnn");
        else if (name.endsWith(QLatin1String(".txt")))
            kind = QStringLiteral("lm");
        connect(action, &QAction::triggered, this, [this, resource, kind] {
            const QString path = extractBundled(resource);
            if (path.isEmpty() ||
                !confirmDiscard(tr("Open %1 and build a new model for it?").arg(displayName(path))))
                return;
            const QScopedValueRollback agreed(m_discardAgreed, true);
            if (!kind.isEmpty() && m_modelPanel->kind() != kind &&
                m_training->state() == TrainingController::State::Ready) {
                const QSignalBlocker block(m_modelPanel);
                m_modelPanel->setKind(kind);
                m_alignmentChosen = false;
                syncDataFormat();
            }
            openFile(path);
        });
    }
    menu->setEnabled(!names.isEmpty());
}

QString MainWindow::extractSamples()
{
    QString folder;
    const QStringList names = QDir(QStringLiteral(":/samples")).entryList(QDir::Files);
    for (const QString &name : names) {
        const QString path = extractBundled(QStringLiteral(":/samples/") + name);
        if (!path.isEmpty())
            folder = QFileInfo(path).absolutePath();
    }
    return folder;
}

QString MainWindow::extractBundled(const QString &resource)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                        QStringLiteral("/bundled");
    const QString path = dir + QLatin1Char('/') + QFileInfo(resource).fileName();
    QFile source(resource);
    if (QFileInfo(path).size() == source.size())
        return path; // extracted before (bundled files never change within a version)
    QSaveFile out(path);
    if (!QDir().mkpath(dir) || !source.open(QIODevice::ReadOnly) ||
        !out.open(QIODevice::WriteOnly) || out.write(source.readAll()) != source.size() ||
        !out.commit()) {
        showError(tr("Cannot Open Sample"),
                  tr("%1: cannot be copied to %2 (%3).").arg(resource, path, out.errorString()));
        return QString();
    }
    return path;
}

void MainWindow::openModelDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Model"), m_config->get(Config::Key::LastDirectory).toString(),
        tr("AttentionLab models (*.safetensors);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::openModelFolderDialog()
{
    const QString path =
        QFileDialog::getExistingDirectory(this, tr("Open Pretrained Model Folder"),
                                          m_config->get(Config::Key::LastDirectory).toString());
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::saveModelAs()
{
    if (m_training->state() != TrainingController::State::Ready) {
        showError(tr("Cannot Save Model"), tr("Pause or stop training before saving."));
        return;
    }
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save Model As"), m_config->get(Config::Key::LastDirectory).toString(),
        tr("AttentionLab models (*.safetensors)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".safetensors");
    m_training->save(path);
}

QWidget *MainWindow::currentView() const
{
    QWidget *page = m_tabs->currentWidget();
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

bool MainWindow::exportView(const QString &path, QString *error)
{
    QWidget *view = currentView();
    if (!view) {
        if (error)
            *error = tr("Cannot save %1: no view is shown").arg(path);
        return false;
    }
    if (m_heatmap == view || m_alignment == view)
        static_cast<attn::HeatmapView *>(view)->flush();
    else if (m_lossPlot == view)
        m_lossPlot->flush();
    return attn::ViewExport::saveImage(view, path, error);
}

bool MainWindow::exportAttentionData(const QString &path, QString *error)
{
    // The heatmap takes new traces only while shown: bring it to the trace the window
    // shows first (replaying: the step on the replay bar).
    if (const TraceSnapshot trace = shownTrace(); trace && m_heatmap->trace() != trace) {
        m_selector->setTrace(trace);
        m_heatmap->setTrace(trace);
    }
    m_heatmap->flush();
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv"))
        return attn::ViewExport::saveMatrixCsv(m_heatmap->matrix(), path, error);
    if (suffix == QLatin1String("json"))
        return attn::ViewExport::saveMatrixJson(m_heatmap->matrix(), path, error);
    if (error)
        *error = tr("Cannot save %1: expected a .csv or .json file name").arg(path);
    return false;
}

bool MainWindow::exportLossHistory(const QString &path, QString *error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv"))
        return attn::LossHistory::saveCsv(m_lossPlot->points(), path, error);
    if (suffix == QLatin1String("json"))
        return attn::LossHistory::saveJson(m_lossPlot->points(), path, error);
    if (error)
        *error = tr("Cannot save %1: expected a .csv or .json file name").arg(path);
    return false;
}

QString MainWindow::askExportPath(const QString &title, const QString &baseName,
                                  const QStringList &filters)
{
    QString selected = filters.value(0);
    const QString dir = m_config->get(Config::Key::LastDirectory).toString();
    QString path = QFileDialog::getSaveFileName(this, title, QDir(dir).filePath(baseName),
                                                filters.join(QStringLiteral(";;")), &selected);
    if (path.isEmpty())
        return path;
    if (QFileInfo(path).suffix().isEmpty()) {
        // "PNG image (*.png)" -> ".png"
        const qsizetype star = selected.indexOf(QStringLiteral("*."));
        if (star >= 0)
            path += selected.mid(star + 1, selected.indexOf(QLatin1Char(')'), star) - star - 1);
    }
    m_config->set(Config::Key::LastDirectory, QFileInfo(path).absolutePath());
    return path;
}

void MainWindow::exportViewDialog()
{
    const QWidget *page = m_tabs->currentWidget();
    const QString base = QLatin1String(page == m_attentionPage   ? "attention"
                                       : page == m_grid          ? "all-heads"
                                       : page == m_linesPage     ? "lines"
                                       : page == m_alignmentPage ? "alignment"
                                       : page == m_poolingPage   ? "pooling"
                                       : page == m_lossPlot      ? "loss"
                                                                 : "view");
    const QString path = askExportPath(
        tr("Export View"), base,
        {tr("PNG image (*.png)"), tr("SVG drawing (*.svg)"), tr("PDF document (*.pdf)")});
    if (path.isEmpty())
        return;
    QString error;
    if (!exportView(path, &error))
        showError(tr("Cannot Export"), error);
    else
        statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 5000);
}

void MainWindow::exportAttentionDialog()
{
    const QString path = askExportPath(tr("Export Attention Data"), QStringLiteral("attention"),
                                       {tr("CSV table (*.csv)"), tr("JSON (*.json)")});
    if (path.isEmpty())
        return;
    QString error;
    if (!exportAttentionData(path, &error))
        showError(tr("Cannot Export"), error);
    else
        statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 5000);
}

void MainWindow::exportLossDialog()
{
    const QString path = askExportPath(tr("Export Loss History"), QStringLiteral("loss"),
                                       {tr("CSV table (*.csv)"), tr("JSON (*.json)")});
    if (path.isEmpty())
        return;
    QString error;
    if (!exportLossHistory(path, &error))
        showError(tr("Cannot Export"), error);
    else
        statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 5000);
}

bool MainWindow::setTheme(const QString &name)
{
    attn::ThemePalettes::Theme t{};
    if (!attn::ThemePalettes::fromName(name, &t))
        return false;
    m_config->set(Config::Key::Theme, name);
    // The palette reaches every widget and plot (they restyle on PaletteChange).
    QApplication::setPalette(t == attn::ThemePalettes::Theme::System
                                 ? m_systemPalette
                                 : attn::ThemePalettes::palette(t));
    for (QAction *a : m_themeGroup->actions())
        a->setChecked(a->data().toString() == name);
    return true;
}

QString MainWindow::theme() const
{
    return m_config->get(Config::Key::Theme).toString();
}

void MainWindow::setLanguage(const QString &code)
{
    m_config->set(Config::Key::Language, code);
    const QString current = m_language->apply(code);
    for (QAction *a : m_languageGroup->actions())
        a->setChecked(a->data().toString() == current);
    QTimer::singleShot(0, this, &MainWindow::fitToScreen); // longer labels stay on screen
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::setFontScale(double scale)
{
    scale = std::clamp(scale, 0.6, 3.0);
    m_config->set(Config::Key::FontScale, scale);
    QFont f = QApplication::font();
    if (m_baseFontPointSize > 0)
        f.setPointSizeF(m_baseFontPointSize * scale);
    setFont(f);
    // Larger text must not push the window past the screen's edge.
    QTimer::singleShot(0, this, &MainWindow::fitToScreen);
}

void MainWindow::showError(const QString &title, const QString &message)
{
    statusBar()->showMessage(message, 10000);
    // Window-modal but not blocking: the event loop (and training) keeps running.
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("errorBox"));
    box->open();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_training->hasUnsavedProgress()) {
        const auto answer = QMessageBox::question(
            this, tr("Save the Trained Model?"),
            tr("The model has been trained for %n step(s) and is not saved.", "",
               m_training->step()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel) {
            event->ignore();
            return;
        }
        if (answer == QMessageBox::Save) {
            m_training->stop();
            event->ignore();
            saveModelAs();
            return;
        }
    }
    m_config->set(Config::Key::WindowGeometry, saveGeometry());
    m_config->set(Config::Key::WindowState, saveState());
    m_config->sync();
    m_autosave->markCleanExit();
    event->accept();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    // Whatever grew the window (a model with more views, longer labels): back on screen.
    // fitToScreen() never makes it wider than the screen, so this does not repeat.
    if (!isVisible() || !screen())
        return;
    const QSize avail = screen()->availableGeometry().size();
    if (width() > avail.width() || height() > avail.height())
        QTimer::singleShot(0, this, &MainWindow::fitToScreen);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            openFile(url.toLocalFile());
    event->acceptProposedAction();
}

} // namespace attn::gui
