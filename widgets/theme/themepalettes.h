#pragma once

#include <QPalette>
#include <QString>

namespace attn {

// The palettes the app and `attentionlab-cli render --theme` use. Views take their colours
// from the palette (PlotTheme), so a palette is the whole theme.
//   System:       the platform's palette (light or dark as the desktop is set)
//   Light / Dark: fixed palettes, the same on every machine (figures for papers)
//   HighContrast: black on white with saturated accents, for projectors
class ThemePalettes {
public:
    enum class Theme { System, Light, Dark, HighContrast };

    static QPalette palette(Theme theme);
    static QPalette light();
    static QPalette dark();
    static QPalette highContrast();
    // "system", "light", "dark", "high-contrast"; false for any other name.
    static bool fromName(const QString &name, Theme *theme);
    static QString name(Theme theme);
};

} // namespace attn
