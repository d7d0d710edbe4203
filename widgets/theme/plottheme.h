#pragma once

#include <QFont>
#include <QPalette>

class QCustomPlot;

namespace attn {

// Colours and fonts of a QCustomPlot taken from a widget palette, so that plots follow
// the light or dark theme, scaled by `fontScale` for presentation mode.
class PlotTheme {
public:
    static void apply(QCustomPlot *plot, const QPalette &palette, const QFont &baseFont,
                      double fontScale);
    static QFont scaledFont(const QFont &base, double scale, bool bold = false);
    static bool isDark(const QPalette &palette);
};

} // namespace attn
