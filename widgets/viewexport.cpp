#include "viewexport.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>
#include <qcustomplot.h>

#include <charconv>
#include <cmath>

namespace attn {

namespace {

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

// The one QCustomPlot that is the whole content of `view`, if it is one.
QCustomPlot *plotOf(QWidget *view)
{
    if (auto *plot = qobject_cast<QCustomPlot *>(view))
        return plot;
    const auto plots = view->findChildren<QCustomPlot *>(Qt::FindDirectChildrenOnly);
    if (plots.size() == 1 && plots.front()->size() == view->size())
        return plots.front();
    return nullptr;
}

void prepare(QWidget *view)
{
    if (view->layout())
        view->layout()->activate();
    if (QCustomPlot *plot = plotOf(view)) {
        if (plot->viewport() != plot->rect())
            plot->setViewport(plot->rect());
        plot->replot(QCustomPlot::rpImmediateRefresh);
    }
}

// Draws the view at its logical size onto a vector device.
void paintVector(QWidget *view, QPaintDevice *device)
{
    if (QCustomPlot *plot = plotOf(view)) {
        QCPPainter painter(device);
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        plot->toPainter(&painter, plot->width(), plot->height());
        painter.end();
    } else {
        QPainter painter(device);
        view->render(&painter, QPoint(), QRegion(),
                     QWidget::DrawWindowBackground | QWidget::DrawChildren);
        painter.end();
    }
}

// Shortest decimal that reads back as the same float.
QString shortest(float v)
{
    if (!std::isfinite(v))
        return QStringLiteral("nan");
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return QString::fromLatin1(buf, res.ptr - buf);
}

QString csvField(const QString &s)
{
    const bool quote = s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) ||
                       s.contains(QLatin1Char('\n')) || s.contains(QLatin1Char('\r')) ||
                       s.startsWith(QLatin1Char(' ')) || s.endsWith(QLatin1Char(' '));
    if (!quote)
        return s;
    QString q = s;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

} // namespace

bool ViewExport::writeAtomically(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(error, tr("Cannot write %1: %2").arg(path, file.errorString()));
    if (file.write(bytes) != bytes.size() || !file.commit())
        return fail(error, tr("Cannot write %1: %2").arg(path, file.errorString()));
    return true;
}

bool ViewExport::saveRendered(QWidget *view, const QString &path, const QString &renderError,
                              const std::function<bool(QIODevice *)> &render, QString *error)
{
    if (!view || view->width() <= 0 || view->height() <= 0)
        return fail(error, tr("Cannot save %1: the view has no size").arg(path));
    prepare(view);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!render(&buffer) || bytes.isEmpty())
        return fail(error, renderError);
    return writeAtomically(path, bytes, error);
}

bool ViewExport::savePng(QWidget *view, const QString &path, double scale, QString *error)
{
    scale = std::clamp(scale, 0.25, 8.0);
    const auto render = [&](QIODevice *out) {
        QImage image;
        if (QCustomPlot *plot = plotOf(view)) {
            image = plot->toPixmap(plot->width(), plot->height(), scale).toImage();
        } else {
            image = QImage(view->size() * scale, QImage::Format_ARGB32_Premultiplied);
            image.setDevicePixelRatio(scale);
            image.fill(view->palette().color(QPalette::Window));
            QPainter painter(&image);
            view->render(&painter);
        }
        return !image.isNull() && image.save(out, "PNG");
    };
    return saveRendered(view, path, tr("Cannot render %1 as PNG").arg(path), render, error);
}

bool ViewExport::saveSvg(QWidget *view, const QString &path, QString *error)
{
    const auto render = [&](QIODevice *out) {
        QSvgGenerator svg;
        svg.setOutputDevice(out);
        svg.setSize(view->size());
        svg.setViewBox(QRect(QPoint(0, 0), view->size()));
        svg.setResolution(96);
        svg.setTitle(view->windowTitle().isEmpty() ? QStringLiteral("AttentionLab")
                                                   : view->windowTitle());
        svg.setDescription(tr("Exported from AttentionLab"));
        paintVector(view, &svg);
        return true;
    };
    return saveRendered(view, path, tr("Cannot render %1 as SVG").arg(path), render, error);
}

bool ViewExport::savePdf(QWidget *view, const QString &path, QString *error)
{
    const auto render = [&](QIODevice *out) {
        QPdfWriter pdf(out);
        // One page the size of the view: 96 device units per inch, as on screen, so
        // fonts keep their proportions.
        pdf.setResolution(96);
        pdf.setPageSize(QPageSize(QSizeF(view->width() * 72.0 / 96.0, view->height() * 72.0 / 96.0),
                                  QPageSize::Point, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setCreator(QStringLiteral("AttentionLab"));
        pdf.setTitle(view->windowTitle());
        paintVector(view, &pdf);
        return true;
    };
    return saveRendered(view, path, tr("Cannot render %1 as PDF").arg(path), render, error);
}

bool ViewExport::saveImage(QWidget *view, const QString &path, QString *error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return savePng(view, path, 2.0, error);
    if (suffix == QLatin1String("svg"))
        return saveSvg(view, path, error);
    if (suffix == QLatin1String("pdf"))
        return savePdf(view, path, error);
    return fail(error, tr("Cannot save %1: expected a .png, .svg or .pdf file name").arg(path));
}

QByteArray ViewExport::matrixToCsv(const AttentionMatrix &m)
{
    QString out;
    out += csvField(QStringLiteral("query\\key"));
    for (int j = 0; j < m.cols(); ++j)
        out += QLatin1Char(',') + csvField(m.keyTokens.value(j));
    out += QStringLiteral("\r\n");
    for (int i = 0; i < m.rows(); ++i) {
        out += csvField(m.queryTokens.value(i));
        for (int j = 0; j < m.cols(); ++j)
            out += QLatin1Char(',') + shortest(m.weights(i, j));
        out += QStringLiteral("\r\n");
    }
    return out.toUtf8();
}

QByteArray ViewExport::matrixToJson(const AttentionMatrix &m)
{
    QJsonObject o;
    o.insert(QStringLiteral("block"), m.blockName);
    o.insert(QStringLiteral("head"), m.head >= 0 ? QJsonValue(m.head) : QJsonValue());
    o.insert(QStringLiteral("queries"), QJsonArray::fromStringList(m.queryTokens));
    o.insert(QStringLiteral("keys"), QJsonArray::fromStringList(m.keyTokens));
    QJsonArray weights, mask;
    for (int i = 0; i < m.rows(); ++i) {
        QJsonArray wr, mr;
        for (int j = 0; j < m.cols(); ++j) {
            // The float's shortest decimal, so 0.1f is written 0.1 and reads back exactly.
            wr.append(shortest(m.weights(i, j)).toDouble());
            mr.append(m.masked(i, j) ? 1 : 0);
        }
        weights.append(wr);
        mask.append(mr);
    }
    o.insert(QStringLiteral("weights"), weights);
    o.insert(QStringLiteral("mask"), mask);
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

bool ViewExport::saveMatrixCsv(const AttentionMatrix &matrix, const QString &path, QString *error)
{
    if (matrix.isEmpty())
        return fail(error, tr("Cannot save %1: no attention matrix is shown").arg(path));
    return writeAtomically(path, matrixToCsv(matrix), error);
}

bool ViewExport::saveMatrixJson(const AttentionMatrix &matrix, const QString &path, QString *error)
{
    if (matrix.isEmpty())
        return fail(error, tr("Cannot save %1: no attention matrix is shown").arg(path));
    return writeAtomically(path, matrixToJson(matrix), error);
}

} // namespace attn
