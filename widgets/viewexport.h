#pragma once

#include "attention/attentionmatrix.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <functional>

class QIODevice;
class QWidget;

namespace attn {

// Saves any view as an image and an attention matrix as data. Plots built on QCustomPlot
// are written as vector graphics to SVG and PDF; other views are painted into the
// vector device. Files are written atomically (QSaveFile). On failure the functions
// return false and put a message naming the file into *error.
class ViewExport {
    Q_DECLARE_TR_FUNCTIONS(attn::ViewExport)
public:
    static bool savePng(QWidget *view, const QString &path, double scale = 2.0,
                        QString *error = nullptr);
    static bool saveSvg(QWidget *view, const QString &path, QString *error = nullptr);
    static bool savePdf(QWidget *view, const QString &path, QString *error = nullptr);
    // By the file's suffix: .png, .svg or .pdf.
    static bool saveImage(QWidget *view, const QString &path, QString *error = nullptr);

    // First row: "query\key" then the key tokens; then one row per query token with its
    // weights. Fields with commas, quotes or line breaks are quoted (RFC 4180).
    static QByteArray matrixToCsv(const AttentionMatrix &matrix);
    // {"block", "head" (null for the mean), "queries", "keys", "weights", "mask"}.
    static QByteArray matrixToJson(const AttentionMatrix &matrix);
    static bool saveMatrixCsv(const AttentionMatrix &matrix, const QString &path,
                              QString *error = nullptr);
    static bool saveMatrixJson(const AttentionMatrix &matrix, const QString &path,
                               QString *error = nullptr);

private:
    static bool writeAtomically(const QString &path, const QByteArray &bytes, QString *error);
    // Lays the view out, has `render` write it into memory (false, or nothing written:
    // renderError) and writes that to path atomically.
    static bool saveRendered(QWidget *view, const QString &path, const QString &renderError,
                             const std::function<bool(QIODevice *)> &render, QString *error);
};

} // namespace attn
