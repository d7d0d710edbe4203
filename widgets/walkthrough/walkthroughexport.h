#pragma once

#include "walkthrough/walkthroughpage.h"

#include <QCoreApplication>
#include <QImage>
#include <QVector>

namespace attn {

// Slides of the walkthrough: a PDF with one step per landscape page (large type for a
// projector) and one PNG per step. Needs a QGuiApplication (fonts), not widgets, so the
// CLI can use it. Files are written atomically; on failure the functions return false
// and put a message naming the file into *error.
class WalkthroughExport {
    Q_DECLARE_TR_FUNCTIONS(attn::WalkthroughExport)
public:
    // Layout width of a slide in pixels before it is fitted to the page.
    static constexpr double kSlideWidth = 1280.0;
    static constexpr double kSlideFontScale = 1.45;
    // Matrix rows a slide shows before eliding (WalkthroughBuilder::Options::maxRows).
    static constexpr int kSlideMaxRows = 8;

    static bool savePdf(const QVector<WtPage> &pages, const QString &path, const QPalette &palette,
                        const QFont &font, QString *error = nullptr);
    // One slide as an image of kSlideWidth * scale pixels wide (16:9 at least).
    static QImage renderSlide(const WtPage &page, const QPalette &palette, const QFont &font,
                              double scale = 1.0);
    static bool savePng(const WtPage &page, const QString &path, const QPalette &palette,
                        const QFont &font, double scale = 1.0, QString *error = nullptr);
    // The light palette slides use by default (projectors wash out dark slides).
    static QPalette slidePalette();
};

} // namespace attn
