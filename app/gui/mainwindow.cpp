#include "gui/mainwindow.h"

#include "gui/aboutdialog.h"
#include "gui/actions/exportactions.h"
#include "gui/actions/fileactions.h"
#include "gui/appearance/appearance.h"
#include "gui/config.h"
#include "gui/panels/datapanel.h"
#include "gui/panels/modelpanel.h"
#include "gui/panels/trainingpanel.h"
#include "gui/shortcuts.h"
#include "gui/tracerouter.h"
#include "gui/training/autosave.h"
#include "gui/training/trainingcontroller.h"
#include "gui/training/trainingwiring.h"
#include "gui/viewtabs.h"

#include "replay/replaybar.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QResizeEvent>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace attn::gui {

namespace {

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
    m_appearance = new Appearance(m_config, this, this);
    connect(m_appearance, &Appearance::textReflowed, this,
            [this] { QTimer::singleShot(0, this, &MainWindow::fitToScreen); });
    setCentralWidget(createCentral());

    m_training = new TrainingController(this);
    m_tabs->addViews(m_training);
    createDocks();
    // The router first: a new model's views are cleared before the wiring starts training.
    m_traces = new TraceRouter(m_tabs, m_replayBar, m_training, this, this);
    m_wiring = new TrainingWiring(m_training, m_dataPanel, m_modelPanel, m_trainingPanel,
                                  m_tabs->inference(), m_probeEdit, this, this);
    connect(m_wiring, &TrainingWiring::modelKindChanged, m_traces, &TraceRouter::forgetAlignment);
    m_files = new FileActions(m_config, m_training, m_wiring, m_dataPanel, m_dataDock, this, this);
    m_exports = new ExportActions(m_config, m_tabs, m_traces, this, this);
    createMenus();
    retranslateUi();
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

MainWindow::~MainWindow() = default;

QWidget *MainWindow::createCentral()
{
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
    m_tabs = new ViewTabs(central);
    auto *centralColumn = new QVBoxLayout(central);
    centralColumn->setContentsMargins(0, 0, 0, 0);
    centralColumn->addLayout(probeRow);
    centralColumn->addWidget(m_tabs, 1);
    m_replayBar = new attn::ReplayBar(central);
    m_replayBar->setObjectName(QStringLiteral("replayBar"));
    centralColumn->addWidget(m_replayBar);
    return central;
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
                m_training->load(recovered, m_wiring->makeSetup());
        }
    });
    box->open();
}

void MainWindow::createDocks()
{
    m_viewMenu = new QMenu(this); // the docks' toggles first; put in the menu bar below
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
    m_modelPanel = new ModelPanel(this);
    m_modelDock = makeDock(QStringLiteral("modelDock"), m_modelPanel, Qt::RightDockWidgetArea);
    m_trainingPanel = new TrainingPanel(m_training, this);
    m_trainingDock =
        makeDock(QStringLiteral("trainingDock"), m_trainingPanel, Qt::RightDockWidgetArea);
    splitDockWidget(m_trainingDock, m_modelDock, Qt::Vertical);
}

void MainWindow::createMenus()
{
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
    m_aboutAct = new QAction(this);
    m_aboutAct->setMenuRole(QAction::AboutRole);
    connect(m_aboutAct, &QAction::triggered, this, [this] {
        AboutDialog dialog(this);
        dialog.exec();
    });
    m_aboutQtAct = new QAction(this);
    m_aboutQtAct->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAct, &QAction::triggered, qApp, &QApplication::aboutQt);

    m_fileMenu = menuBar()->addMenu(QString());
    m_files->addOpenActions(m_fileMenu);
    m_fileMenu->addSeparator();
    m_exports->addMenu(m_fileMenu);
    m_files->addFileMenus(m_fileMenu);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAct);

    menuBar()->addMenu(m_viewMenu);
    m_viewMenu->addSeparator();
    m_appearance->addLanguageAndThemeMenus(m_viewMenu);
    m_viewMenu->addAction(m_fullScreenAct);
    m_appearance->addTextSizeActions(m_viewMenu);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAct);
    m_helpMenu->addAction(m_aboutQtAct);
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("AttentionLab"));
    m_fileMenu->setTitle(tr("&File"));
    m_viewMenu->setTitle(tr("&View"));
    m_helpMenu->setTitle(tr("&Help"));
    m_quitAct->setText(tr("&Quit"));
    m_fullScreenAct->setText(tr("&Full Screen"));
    m_aboutAct->setText(tr("&About AttentionLab"));
    m_aboutQtAct->setText(tr("About &Qt"));
    m_dataDock->setWindowTitle(tr("Data"));
    m_modelDock->setWindowTitle(tr("Model"));
    m_trainingDock->setWindowTitle(tr("Training"));
    m_probeLabel->setText(tr("&Follow:"));
    m_probeEdit->setPlaceholderText(
        tr("Type a text and press Enter: the attention views show how the model reads it "
           "(empty: a validation example)"));
    m_tabs->retranslateUi();
    m_files->retranslateUi();
    m_exports->retranslateUi();
    m_appearance->retranslateUi();
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

bool MainWindow::openFile(const QString &path)
{
    return m_files->openFile(path);
}

QStringList MainWindow::recentFiles() const
{
    return m_files->recentFiles();
}

QTabWidget *MainWindow::viewTabs() const
{
    return m_tabs;
}

bool MainWindow::setTheme(const QString &name)
{
    return m_appearance->setTheme(name);
}

void MainWindow::setFontScale(double scale)
{
    m_appearance->setFontScale(scale);
}

QString MainWindow::theme() const
{
    return m_appearance->theme();
}

void MainWindow::setLanguage(const QString &code)
{
    m_appearance->setLanguage(code);
}

attn::HeatmapView *MainWindow::heatmap() const
{
    return m_tabs->heatmap();
}

attn::LossPlotView *MainWindow::lossPlot() const
{
    return m_tabs->lossPlot();
}

attn::AllHeadsGrid *MainWindow::headsGrid() const
{
    return m_tabs->grid();
}

attn::AttentionLinesView *MainWindow::linesView() const
{
    return m_tabs->lines();
}

attn::HeatmapView *MainWindow::alignmentView() const
{
    return m_tabs->alignment();
}

attn::PoolingView *MainWindow::poolingView() const
{
    return m_tabs->pooling();
}

const attn::ReplayStore &MainWindow::replay() const
{
    return m_traces->replay();
}

InferencePanel *MainWindow::inferencePanel() const
{
    return m_tabs->inference();
}

QWidget *MainWindow::currentView() const
{
    return m_tabs->currentView();
}

bool MainWindow::exportView(const QString &path, QString *error)
{
    return m_exports->exportView(path, error);
}

bool MainWindow::exportAttentionData(const QString &path, QString *error)
{
    return m_exports->exportAttentionData(path, error);
}

bool MainWindow::exportLossHistory(const QString &path, QString *error)
{
    return m_exports->exportLossHistory(path, error);
}

bool MainWindow::rebuildModel()
{
    return m_wiring->rebuildModel();
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
            m_files->saveModelAs();
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
    // The rooms are not widgets: the window retranslates what they own too.
    if (event->type() == QEvent::LanguageChange && m_fileMenu)
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
