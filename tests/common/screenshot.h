#pragma once

// What the screenshot tests share: where their pictures go, the dark theme they are drawn
// in, and the check that a picture is not blank. Header-only; include as
// "common/screenshot.h".

#include "theme/themepalettes.h"

#include <QDir>
#include <QImage>
#include <QPalette>
#include <QSet>
#include <QString>
#include <QtTest>

namespace attn::screenshot {

// <build>/screenshots (or a folder below it), created if missing, for a person to look at.
// CTest sets ATTNLAB_BUILD_DIR; run by hand, the pictures go below the current folder.
inline QDir outDir(const QString &subfolder = QString())
{
    QString path = qEnvironmentVariable("ATTNLAB_BUILD_DIR", QDir::currentPath()) +
                   QStringLiteral("/screenshots");
    if (!subfolder.isEmpty())
        path += QLatin1Char('/') + subfolder;
    QDir().mkpath(path);
    return QDir(path);
}

// The app's dark theme, as View > Theme > Dark sets it.
inline QPalette darkPalette()
{
    return ThemePalettes::dark();
}

// Distinct colours on a grid of every third pixel: a blank picture has one or two.
inline int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    return static_cast<int>(colours.size());
}

// Writes `image` to dir/fileName unless it looks blank (no more than `minColours` distinct
// colours); either failure fails the current test.
inline void save(const QImage &image, const QDir &dir, const QString &fileName, int minColours = 20)
{
    QVERIFY2(!image.isNull(), qPrintable(fileName));
    QVERIFY2(distinctColours(image) > minColours,
             qPrintable(fileName + QStringLiteral(" looks blank")));
    const QString path = dir.filePath(fileName);
    QVERIFY2(image.save(path), qPrintable(path));
    qInfo("wrote %s", qPrintable(path));
}

} // namespace attn::screenshot
