#include "gui/actions/exportactions.h"

#include "gui/config.h"
#include "gui/errorbox.h"
#include "gui/tracerouter.h"
#include "gui/viewtabs.h"

#include "attention/heatmapview.h"
#include "loss/losshistory.h"
#include "loss/lossplotview.h"
#include "viewexport.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QStatusBar>

namespace attn::gui {

ExportActions::ExportActions(Config *config, ViewTabs *views, TraceRouter *traces,
                             QMainWindow *window, QObject *parent)
    : QObject(parent), m_config(config), m_views(views), m_traces(traces), m_window(window)
{
    m_imageAct = new QAction(this);
    m_imageAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_imageAct, &QAction::triggered, this, [this] {
        exportWithDialog(
            tr("Export View"), m_views->currentViewName(),
            {tr("PNG image (*.png)"), tr("SVG drawing (*.svg)"), tr("PDF document (*.pdf)")},
            &ExportActions::exportView);
    });
    m_dataAct = new QAction(this);
    m_dataAct->setEnabled(false); // enabled once a trace is shown
    connect(m_dataAct, &QAction::triggered, this, [this] {
        exportWithDialog(tr("Export Attention Data"), QStringLiteral("attention"),
                         {tr("CSV table (*.csv)"), tr("JSON (*.json)")},
                         &ExportActions::exportAttentionData);
    });
    m_lossAct = new QAction(this);
    m_lossAct->setEnabled(false); // enabled once steps are logged
    connect(m_lossAct, &QAction::triggered, this, [this] {
        exportWithDialog(tr("Export Loss History"), QStringLiteral("loss"),
                         {tr("CSV table (*.csv)"), tr("JSON (*.json)")},
                         &ExportActions::exportLossHistory);
    });
    connect(m_traces, &TraceRouter::traceArrived, m_dataAct,
            [this] { m_dataAct->setEnabled(true); });
    connect(m_traces, &TraceRouter::lossPointsChanged, m_lossAct,
            [this](int points) { m_lossAct->setEnabled(points > 0); });
}

void ExportActions::addMenu(QMenu *menu)
{
    m_menu = menu->addMenu(QString());
    m_menu->addAction(m_imageAct);
    m_menu->addAction(m_dataAct);
    m_menu->addAction(m_lossAct);
}

void ExportActions::retranslateUi()
{
    m_menu->setTitle(tr("&Export"));
    m_imageAct->setText(tr("View as &Image…"));
    m_imageAct->setStatusTip(tr("Save the current view as a PNG, SVG or PDF file"));
    m_dataAct->setText(tr("Attention &Data…"));
    m_dataAct->setStatusTip(
        tr("Save the attention matrix shown in the heatmap as a CSV or JSON file"));
    m_lossAct->setText(tr("&Loss History…"));
    m_lossAct->setStatusTip(tr("Save the logged training steps as a CSV or JSON file"));
}

bool ExportActions::exportView(const QString &path, QString *error)
{
    QWidget *view = m_views->currentView();
    if (!view) {
        if (error)
            *error = tr("Cannot save %1: no view is shown").arg(path);
        return false;
    }
    if (m_views->heatmap() == view || m_views->alignment() == view)
        static_cast<attn::HeatmapView *>(view)->flush();
    else if (m_views->lossPlot() == view)
        m_views->lossPlot()->flush();
    return attn::ViewExport::saveImage(view, path, error);
}

bool ExportActions::exportAttentionData(const QString &path, QString *error)
{
    m_traces->bringHeatmapUpToDate();
    const auto &matrix = m_views->heatmap()->matrix();
    return saveTable(
        path, error, [&] { return attn::ViewExport::saveMatrixCsv(matrix, path, error); },
        [&] { return attn::ViewExport::saveMatrixJson(matrix, path, error); });
}

bool ExportActions::exportLossHistory(const QString &path, QString *error)
{
    const auto &points = m_views->lossPlot()->points();
    return saveTable(
        path, error, [&] { return attn::LossHistory::saveCsv(points, path, error); },
        [&] { return attn::LossHistory::saveJson(points, path, error); });
}

bool ExportActions::saveTable(const QString &path, QString *error, const std::function<bool()> &csv,
                              const std::function<bool()> &json)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv"))
        return csv();
    if (suffix == QLatin1String("json"))
        return json();
    if (error)
        *error = tr("Cannot save %1: expected a .csv or .json file name").arg(path);
    return false;
}

QString ExportActions::askExportPath(const QString &title, const QString &baseName,
                                     const QStringList &filters)
{
    QString selected = filters.value(0);
    const QString dir = m_config->get(Config::Key::LastDirectory).toString();
    QString path = QFileDialog::getSaveFileName(m_window, title, QDir(dir).filePath(baseName),
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

void ExportActions::exportWithDialog(const QString &title, const QString &baseName,
                                     const QStringList &filters,
                                     bool (ExportActions::*save)(const QString &, QString *))
{
    const QString path = askExportPath(title, baseName, filters);
    if (path.isEmpty())
        return;
    QString error;
    if (!(this->*save)(path, &error))
        showErrorBox(m_window, tr("Cannot Export"), error);
    else
        m_window->statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 5000);
}

} // namespace attn::gui
