#pragma once

#include "replay/replaystore.h"

#include <QMainWindow>
#include <QStringList>

class QAction;
class QDockWidget;
class QLabel;
class QLineEdit;
class QMenu;
class QTabWidget;
namespace attn {
class AllHeadsGrid;
class AttentionLinesView;
class HeatmapView;
class LossPlotView;
class PoolingView;
class ReplayBar;
} // namespace attn

namespace attn::gui {

class Appearance;
class Autosave;
class Config;
class DataPanel;
class ExportActions;
class FileActions;
class InferencePanel;
class ModelPanel;
class TraceRouter;
class TrainingController;
class TrainingPanel;
class TrainingWiring;
class ViewTabs;

// The window's shell: the docks, the central tabs under the Follow line, the menus, and
// the rooms that do the work (files, exports, appearance, the training wiring and the
// routing of traces to the views). Each view is its own widget.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(Config *config, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a text file into the Data dock or a model file (.safetensors) by its
    // extension; shows an error naming the file and the problem and keeps the
    // session as it was when it fails.
    bool openFile(const QString &path);
    QStringList recentFiles() const;
    DataPanel *dataPanel() const { return m_dataPanel; }
    ModelPanel *modelPanel() const { return m_modelPanel; }
    TrainingPanel *trainingPanel() const { return m_trainingPanel; }
    TrainingController *training() const { return m_training; }
    QTabWidget *viewTabs() const;
    // Colours of the whole app: "system" (as the desktop is set), "light", "dark" or
    // "high-contrast" (for projectors); remembered. False for an unknown name.
    bool setTheme(const QString &name);
    // Fonts of the whole window and its views times scale (Ctrl+= / Ctrl+-); remembered.
    void setFontScale(double scale);
    QString theme() const;
    // Switches the interface language at run time ("en", "zh_CN"; empty: the system's).
    void setLanguage(const QString &code);
    attn::HeatmapView *heatmap() const;
    attn::LossPlotView *lossPlot() const;
    attn::AllHeadsGrid *headsGrid() const;
    attn::AttentionLinesView *linesView() const;
    // The seq2seq cross-attention (target x source) and the classifier's pooling view;
    // their tabs show only for models that have such attention.
    attn::HeatmapView *alignmentView() const;
    attn::PoolingView *poolingView() const;
    // The text the attention views follow (empty: the data's validation example).
    QLineEdit *probeEdit() const { return m_probeEdit; }
    // Training replay: the probe's attention as it was at earlier steps.
    attn::ReplayBar *replayBar() const { return m_replayBar; }
    const attn::ReplayStore &replay() const;
    InferencePanel *inferencePanel() const;
    Autosave *autosave() const { return m_autosave; }
    // The view on the current tab, as File ▸ Export ▸ View as Image writes it.
    QWidget *currentView() const;
    // Export by the file's suffix; false with a message naming the file on failure.
    // The current view to .png, .svg or .pdf:
    bool exportView(const QString &path, QString *error = nullptr);
    // The heatmap's matrix (layer, head or mean as selected) to .csv or .json:
    bool exportAttentionData(const QString &path, QString *error = nullptr);
    // The logged training steps (the loss plot's points) to .csv or .json:
    bool exportLossHistory(const QString &path, QString *error = nullptr);

public slots:
    // Builds a fresh model for the chosen data and settings (asks first when
    // trained progress would be lost).
    // False when nothing was built (training runs, or the user kept the model).
    bool rebuildModel();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QWidget *createCentral();
    void createDocks();
    void createMenus();
    void retranslateUi();
    void restoreWindowState();
    void fitToScreen(); // never larger than the screen's free area
    // After a session that did not quit cleanly: offers its last autosave back.
    void offerRestore();

    Config *m_config;
    Appearance *m_appearance = nullptr;
    TrainingController *m_training = nullptr;
    ViewTabs *m_tabs = nullptr;
    QLabel *m_probeLabel = nullptr;
    QLineEdit *m_probeEdit = nullptr;
    attn::ReplayBar *m_replayBar = nullptr;
    DataPanel *m_dataPanel = nullptr;
    ModelPanel *m_modelPanel = nullptr;
    TrainingPanel *m_trainingPanel = nullptr;
    QDockWidget *m_dataDock = nullptr;
    QDockWidget *m_modelDock = nullptr;
    QDockWidget *m_trainingDock = nullptr;
    TraceRouter *m_traces = nullptr;
    TrainingWiring *m_wiring = nullptr;
    FileActions *m_files = nullptr;
    ExportActions *m_exports = nullptr;
    Autosave *m_autosave = nullptr;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_quitAct = nullptr;
    QAction *m_fullScreenAct = nullptr;
    QAction *m_aboutAct = nullptr;
    QAction *m_aboutQtAct = nullptr;
};

} // namespace attn::gui
