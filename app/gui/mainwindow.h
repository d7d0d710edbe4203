#pragma once

#include "replaystore.h"
#include "train/modelspec.h"

#include <QMainWindow>
#include <QPalette>
#include <QStringList>

#include <memory>
#include <vector>

class QActionGroup;
namespace attn {
class AllHeadsGrid;
class AttentionLinesView;
class AttentionSelector;
class HeatmapView;
class LossPlotView;
class PoolingView;
class ReplayBar;
class SandboxView;
class Tokenizer;
class WalkthroughView;
struct AttentionTrace;
} // namespace attn
class QAction;
class QDockWidget;
class QLineEdit;
class QLabel;
class QMenu;
class QTabWidget;

namespace attn::gui {

class Config;
class Language;
class Autosave;
class DataPanel;
class InferencePanel;
class ModelPanel;
class TrainingController;
class TrainingPanel;

// The main window wires docks, views and actions; each view is its own widget.
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
    QTabWidget *viewTabs() const { return m_tabs; }
    // Colours of the whole app: "system" (as the desktop is set), "light", "dark" or
    // "high-contrast" (for projectors); remembered. False for an unknown name.
    bool setTheme(const QString &name);
    // Fonts of the whole window and its views times scale (Ctrl+= / Ctrl+-); remembered.
    void setFontScale(double scale);
    QString theme() const;
    // Switches the interface language at run time ("en", "zh_CN"; empty: the system's).
    void setLanguage(const QString &code);
    attn::HeatmapView *heatmap() const { return m_heatmap; }
    attn::LossPlotView *lossPlot() const { return m_lossPlot; }
    attn::AllHeadsGrid *headsGrid() const { return m_grid; }
    attn::AttentionLinesView *linesView() const { return m_lines; }
    // The seq2seq cross-attention (target x source) and the classifier's pooling view;
    // their tabs show only for models that have such attention.
    attn::HeatmapView *alignmentView() const { return m_alignment; }
    attn::PoolingView *poolingView() const { return m_pooling; }
    // The text the attention views follow (empty: the data's validation example).
    QLineEdit *probeEdit() const { return m_probeEdit; }
    // Training replay: the probe's attention as it was at earlier steps.
    attn::ReplayBar *replayBar() const { return m_replayBar; }
    const attn::ReplayStore &replay() const { return m_replay; }
    InferencePanel *inferencePanel() const { return m_inference; }
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
    void createActions();
    void createMenus();
    void createDocks();
    void createViews();
    void connectTraining();
    // Asks before an unsaved trained model is replaced; question: what happens instead
    // (default "Build a new model anyway?").
    bool confirmDiscard(const QString &question = {});
    std::shared_ptr<struct TrainingSetup> makeSetup() const;
    void retranslateUi();
    void restoreWindowState();
    void fitToScreen(); // never larger than the screen's free area
    void addRecentFile(const QString &path);
    void updateRecentMenu();
    void openTextDialog();
    // Copies a bundled resource (":/samples/english.txt") to the app's data folder
    // once, so the engine reads it like any file; returns that path or empty.
    QString extractBundled(const QString &resource);
    void fillBundledMenu(QMenu *menu, const QString &folder, const QStringList &patterns);
    // Empties the Follow box when the model is to read other data than it was typed for.
    void clearFollowForOtherData(const QString &task, const QString &text);
    // A bundled sample's or demo model's title in the menus (its file name when unknown).
    QString bundledTitle(const QString &file) const;
    QString displayName(const QString &path) const;
    void openModelDialog();
    void openModelFolderDialog();
    // The bundled samples, copied out (once) so that an opened demo model finds the text
    // it was trained on; returns their folder.
    QString extractSamples();
    // Hands the newest trace to the views on the current tab (hidden views get it when
    // their tab is shown: updating them at the trace rate would cost the GUI thread).
    void showTrace();
    std::shared_ptr<const attn::AttentionTrace> shownTrace() const; // live, or the replayed step
    // A probe too long to trace every layer brings only one layer's heads (the others
    // listed empty): asks for the layer the current view shows if it is not in the trace.
    void ensureTraced();
    // The Data dock reads the data as the Model dock's kind does (lm, pairs, classify).
    void syncDataFormat();
    QWidget *scrolledPage(QWidget *content);
    void saveModelAs();
    void exportViewDialog();
    void exportAttentionDialog();
    void exportLossDialog();
    // Asks for a file name with the given filters; adds the first filter's suffix when
    // the name has none. Empty when cancelled.
    QString askExportPath(const QString &title, const QString &baseName,
                          const QStringList &filters);
    void showAbout();
    void showError(const QString &title, const QString &message);
    // After a session that did not quit cleanly: offers its last autosave back.
    void offerRestore();

    Config *m_config;
    Language *m_language = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_themeMenu = nullptr;
    QActionGroup *m_themeGroup = nullptr;
    QPalette m_systemPalette;
    QActionGroup *m_languageGroup = nullptr;
    QTabWidget *m_tabs = nullptr;
    DataPanel *m_dataPanel = nullptr;
    ModelPanel *m_modelPanel = nullptr;
    TrainingPanel *m_trainingPanel = nullptr;
    TrainingController *m_training = nullptr;
    attn::HeatmapView *m_heatmap = nullptr;
    attn::AttentionSelector *m_selector = nullptr;
    attn::AllHeadsGrid *m_grid = nullptr;
    attn::AttentionLinesView *m_lines = nullptr;
    attn::LossPlotView *m_lossPlot = nullptr;
    attn::AttentionSelector *m_linesSelector = nullptr;
    attn::AttentionSelector *m_alignmentSelector = nullptr;
    attn::HeatmapView *m_alignment = nullptr;
    QWidget *m_alignmentPage = nullptr;
    QWidget *m_poolingPage = nullptr;
    QWidget *m_sandboxPage = nullptr;
    attn::PoolingView *m_pooling = nullptr;
    QWidget *m_attentionPage = nullptr;
    QWidget *m_linesPage = nullptr;
    QLineEdit *m_probeEdit = nullptr;
    attn::ReplayStore m_replay{10, 120}; // a snapshot every 10 steps, at most 120
    attn::ReplayBar *m_replayBar = nullptr;
    QLabel *m_probeLabel = nullptr;
    QStringList m_classLabels;          // the classifier's classes, for the pooling view
    std::vector<float> m_probabilities; // and its probabilities for the probe
    bool m_alignmentChosen = false;     // the alignment view shows a cross block already
    int m_requestedLayer = -1;          // the layer last asked for by ensureTraced()
    // The data the current model reads (a task, or a text file), to put back in the
    // Data dock when the user keeps the model instead of building one for new data.
    QString m_modelTask, m_modelText;
    // The model's own tokenizer, when the Data dock has no such kind (GPT-2's).
    std::shared_ptr<const attn::Tokenizer> m_modelTokenizer;
    bool m_discardAgreed = false; // the user already agreed to replace the model
    // What the Model dock showed for the model in training (built or opened), so that
    // Train after a change in the dock builds the model the dock shows first.
    attn::ModelSpec m_liveSpec, m_buildingSpec;
    bool m_startWhenReady = false; // Train was pressed while that model was being built
    InferencePanel *m_inference = nullptr;
    attn::WalkthroughView *m_walkthrough = nullptr;
    QWidget *m_walkthroughPage = nullptr; // the scroll area holding it (the tab page)
    attn::SandboxView *m_sandbox = nullptr;
    std::shared_ptr<const attn::AttentionTrace>
        m_lastTrace; // the newest probe trace, for the walkthrough when shown
    Autosave *m_autosave = nullptr;
    QDockWidget *m_dataDock = nullptr;
    QDockWidget *m_modelDock = nullptr;
    QDockWidget *m_trainingDock = nullptr;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_exportMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_samplesMenu = nullptr;
    QMenu *m_demoModelsMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_openTextAct = nullptr;
    QAction *m_openModelAct = nullptr;
    QAction *m_openFolderAct = nullptr;
    QAction *m_saveModelAsAct = nullptr;
    QAction *m_exportImageAct = nullptr;
    QAction *m_exportDataAct = nullptr;
    QAction *m_exportLossAct = nullptr;
    QAction *m_clearRecentAct = nullptr;
    QAction *m_quitAct = nullptr;
    QAction *m_fullScreenAct = nullptr;
    QAction *m_zoomInAct = nullptr;
    QAction *m_zoomOutAct = nullptr;
    QAction *m_zoomResetAct = nullptr;
    QAction *m_aboutAct = nullptr;
    QAction *m_aboutQtAct = nullptr;
    double m_baseFontPointSize = 0.0;
};

} // namespace attn::gui
