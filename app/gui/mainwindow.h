#pragma once

#include <QMainWindow>
#include <QStringList>

class Config;
class DataPanel;
class QAction;
class QDockWidget;
class QMenu;
class QTabWidget;

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
    QTabWidget *viewTabs() const { return m_tabs; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void retranslateUi();
    void restoreWindowState();
    void addRecentFile(const QString &path);
    void updateRecentMenu();
    void openTextDialog();
    void openModelDialog();
    void saveModelAs();
    void showAbout();
    void setFontScale(double scale);
    void showError(const QString &title, const QString &message);

    Config *m_config;
    QTabWidget *m_tabs = nullptr;
    DataPanel *m_dataPanel = nullptr;
    QDockWidget *m_dataDock = nullptr;
    QDockWidget *m_modelDock = nullptr;
    QDockWidget *m_trainingDock = nullptr;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_exportMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_openTextAct = nullptr;
    QAction *m_openModelAct = nullptr;
    QAction *m_saveModelAsAct = nullptr;
    QAction *m_exportImageAct = nullptr;
    QAction *m_exportDataAct = nullptr;
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
