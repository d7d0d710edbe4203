#include "theme/themepalettes.h"

#include <QApplication>
#include <QStyle>

#include <utility>

namespace attn {

namespace {

// The roles every fixed palette sets.
struct PaletteColours {
    QColor window, windowText, base, alternateBase, text, button, buttonText;
    QColor toolTipBase, toolTipText, placeholderText, highlight, highlightedText, link;
};

// `bevel`: Light, Mid, Dark and Shadow (the frames' shades); `disabledText`: WindowText,
// Text and ButtonText of disabled widgets. Left invalid, they keep QPalette's defaults.
QPalette makePalette(const PaletteColours &c, const QColor &bevel = QColor(),
                     const QColor &disabledText = QColor())
{
    QPalette p;
    const std::pair<QPalette::ColorRole, QColor> roles[] = {
        {QPalette::Window, c.window},
        {QPalette::WindowText, c.windowText},
        {QPalette::Base, c.base},
        {QPalette::AlternateBase, c.alternateBase},
        {QPalette::Text, c.text},
        {QPalette::Button, c.button},
        {QPalette::ButtonText, c.buttonText},
        {QPalette::Light, bevel},
        {QPalette::Mid, bevel},
        {QPalette::Dark, bevel},
        {QPalette::Shadow, bevel},
        {QPalette::ToolTipBase, c.toolTipBase},
        {QPalette::ToolTipText, c.toolTipText},
        {QPalette::PlaceholderText, c.placeholderText},
        {QPalette::Highlight, c.highlight},
        {QPalette::HighlightedText, c.highlightedText},
        {QPalette::Link, c.link}};
    for (const auto &[role, colour] : roles)
        if (colour.isValid())
            p.setColor(role, colour);
    if (disabledText.isValid())
        for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            p.setColor(QPalette::Disabled, role, disabledText);
    return p;
}

} // namespace

QPalette ThemePalettes::light()
{
    const QColor window(0xf3, 0xf3, 0xf3), text(0x1a, 0x1a, 0x1a);
    return makePalette({.window = window,
                        .windowText = text,
                        .base = Qt::white,
                        .alternateBase = QColor(0xe9, 0xe9, 0xe9),
                        .text = text,
                        .button = window,
                        .buttonText = text,
                        .toolTipBase = QColor(0xff, 0xff, 0xdc),
                        .toolTipText = text,
                        .placeholderText = QColor(0x70, 0x70, 0x70),
                        .highlight = QColor(0x30, 0x8c, 0xc6),
                        .highlightedText = Qt::white,
                        .link = QColor(0x1f, 0x5f, 0xbf)});
}

QPalette ThemePalettes::dark()
{
    const QColor window(0x2b, 0x2d, 0x30), base(0x1e, 0x1f, 0x22), text(0xe8, 0xe8, 0xe8);
    return makePalette({.window = window,
                        .windowText = text,
                        .base = base,
                        .alternateBase = window,
                        .text = text,
                        .button = window,
                        .buttonText = text,
                        .toolTipBase = base,
                        .toolTipText = text,
                        .placeholderText = QColor(0x90, 0x90, 0x90),
                        .highlight = QColor(0x3d, 0x8e, 0xe0),
                        .highlightedText = Qt::white,
                        .link = QColor(0x6c, 0xb4, 0xff)},
                       QColor(), QColor(0x80, 0x80, 0x80));
}

QPalette ThemePalettes::highContrast()
{
    // Pure black on pure white: the most legible under a washed-out projector.
    const QColor black(Qt::black), white(Qt::white), accent(0x00, 0x00, 0xb0);
    return makePalette({.window = white,
                        .windowText = black,
                        .base = white,
                        .alternateBase = QColor(0xe0, 0xe0, 0xe0),
                        .text = black,
                        .button = white,
                        .buttonText = black,
                        .toolTipBase = white,
                        .toolTipText = black,
                        .placeholderText = QColor(0x40, 0x40, 0x40),
                        .highlight = accent,
                        .highlightedText = white,
                        .link = accent},
                       black, QColor(0x50, 0x50, 0x50));
}

QPalette ThemePalettes::palette(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return light();
    case Theme::Dark:
        return dark();
    case Theme::HighContrast:
        return highContrast();
    case Theme::System:
        break;
    }
    return QApplication::style() ? QApplication::style()->standardPalette() : QPalette();
}

bool ThemePalettes::fromName(const QString &name, Theme *theme)
{
    for (Theme t : {Theme::System, Theme::Light, Theme::Dark, Theme::HighContrast}) {
        if (name == ThemePalettes::name(t)) {
            *theme = t;
            return true;
        }
    }
    return false;
}

QString ThemePalettes::name(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    case Theme::HighContrast:
        return QStringLiteral("high-contrast");
    case Theme::System:
        break;
    }
    return QStringLiteral("system");
}

} // namespace attn
