#pragma once

#include <QObject>
#include <QStringList>

#include <functional>

class QAction;
class QMainWindow;
class QMenu;

namespace attn::gui {

class Config;
class TraceRouter;
class ViewTabs;

// File ▸ Export: the current view as a picture, the heatmap's attention matrix and the
// loss history as tables, each behind a file dialog that remembers its folder.
class ExportActions : public QObject {
    Q_OBJECT
public:
    // window: the dialogs' parent and the status bar for "Saved ...".
    ExportActions(Config *config, ViewTabs *views, TraceRouter *traces, QMainWindow *window,
                  QObject *parent = nullptr);

    // The Export submenu, added to menu.
    void addMenu(QMenu *menu);
    void retranslateUi();

    // Export by the file's suffix; false with a message naming the file on failure.
    // The current view to .png, .svg or .pdf:
    bool exportView(const QString &path, QString *error = nullptr);
    // The heatmap's matrix (layer, head or mean as selected) to .csv or .json:
    bool exportAttentionData(const QString &path, QString *error = nullptr);
    // The logged training steps (the loss plot's points) to .csv or .json:
    bool exportLossHistory(const QString &path, QString *error = nullptr);

private:
    // Asks for a file name with the given filters; adds the first filter's suffix when
    // the name has none. Empty when cancelled.
    QString askExportPath(const QString &title, const QString &baseName,
                          const QStringList &filters);
    // A table by the file's suffix: .csv with csv, .json with json; else an error.
    bool saveTable(const QString &path, QString *error, const std::function<bool()> &csv,
                   const std::function<bool()> &json);
    // Asks for the path and writes it with save (one of the three above); says how it went.
    void exportWithDialog(const QString &title, const QString &baseName, const QStringList &filters,
                          bool (ExportActions::*save)(const QString &, QString *));

    Config *m_config;
    ViewTabs *m_views;
    TraceRouter *m_traces;
    QMainWindow *m_window;
    QMenu *m_menu = nullptr;
    QAction *m_imageAct = nullptr;
    QAction *m_dataAct = nullptr;
    QAction *m_lossAct = nullptr;
};

} // namespace attn::gui
