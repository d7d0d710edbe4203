#pragma once

#include <QObject>
#include <QStringList>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;

namespace attn::gui {

class Config;
class DataPanel;
class TrainingController;
class TrainingWiring;

// The File menu's opening and saving: a text, a model file or a pretrained model folder,
// the recent files, the bundled sample texts and demo models (copied out of the resources
// once, so the engine reads them like any file), and Save Model As.
class FileActions : public QObject {
    Q_OBJECT
public:
    // dataDock: shown when a text opens; window: the dialogs' parent and the status bar.
    FileActions(Config *config, TrainingController *training, TrainingWiring *wiring,
                DataPanel *data, QDockWidget *dataDock, QMainWindow *window,
                QObject *parent = nullptr);

    // Open Text, Paste Text, Open Model, Open Folder and Save Model As, added to menu.
    void addOpenActions(QMenu *menu);
    // Open Recent, Open Sample Text and Open Demo Model, added to menu.
    void addFileMenus(QMenu *menu);
    void retranslateUi();

    // Opens a text file into the Data dock or a model file (.safetensors) by its
    // extension; shows an error naming the file and the problem and keeps the
    // session as it was when it fails.
    bool openFile(const QString &path);
    QStringList recentFiles() const;
    void saveModelAs();

private:
    void addRecentFile(const QString &path);
    void updateRecentMenu();
    void openWithDialog(const QString &title, const QString &filters);
    void openModelFolderDialog();
    // Copies a bundled resource (":/samples/english.txt") to the app's data folder
    // once, so the engine reads it like any file; returns that path or empty.
    QString extractBundled(const QString &resource);
    // The bundled samples, copied out (once) so that an opened demo model finds the text
    // it was trained on; returns their folder.
    QString extractSamples();
    void fillBundledMenu(QMenu *menu, const QString &folder, const QStringList &patterns);
    // A bundled sample's or demo model's title in the menus (its file name when unknown).
    QString bundledTitle(const QString &file) const;
    QString displayName(const QString &path) const;
    void showError(const QString &title, const QString &message);

    Config *m_config;
    TrainingController *m_training;
    TrainingWiring *m_wiring;
    DataPanel *m_dataPanel;
    QDockWidget *m_dataDock;
    QMainWindow *m_window;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_samplesMenu = nullptr;
    QMenu *m_demoModelsMenu = nullptr;
    QAction *m_openTextAct = nullptr;
    QAction *m_openModelAct = nullptr;
    QAction *m_openFolderAct = nullptr;
    QAction *m_saveModelAsAct = nullptr;
    QAction *m_clearRecentAct = nullptr;
};

} // namespace attn::gui
