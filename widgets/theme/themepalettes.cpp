#include "theme/themepalettes.h"

#include <QApplication>
#include <QStyle>

namespace attn {

QPalette ThemePalettes::light()
{
    QPalette p;
    const QColor window(0xf3, 0xf3, 0xf3), base(Qt::white), text(0x1a, 0x1a, 0x1a);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0xe9, 0xe9, 0xe9));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xdc));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x70, 0x70, 0x70));
    p.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x1f, 0x5f, 0xbf));
    return p;
}

QPalette ThemePalettes::dark()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1e, 0x1f, 0x22), text(0xe8, 0xe8, 0xe8);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
    return p;
}

QPalette ThemePalettes::highContrast()
{
    // Pure black on pure white: the most legible under a washed-out projector.
    QPalette p;
    const QColor black(Qt::black), white(Qt::white);
    p.setColor(QPalette::Window, white);
    p.setColor(QPalette::WindowText, black);
    p.setColor(QPalette::Base, white);
    p.setColor(QPalette::AlternateBase, QColor(0xe0, 0xe0, 0xe0));
    p.setColor(QPalette::Text, black);
    p.setColor(QPalette::Button, white);
    p.setColor(QPalette::ButtonText, black);
    p.setColor(QPalette::Light, black);
    p.setColor(QPalette::Mid, black);
    p.setColor(QPalette::Dark, black);
    p.setColor(QPalette::Shadow, black);
    p.setColor(QPalette::ToolTipBase, white);
    p.setColor(QPalette::ToolTipText, black);
    p.setColor(QPalette::PlaceholderText, QColor(0x40, 0x40, 0x40));
    p.setColor(QPalette::Highlight, QColor(0x00, 0x00, 0xb0));
    p.setColor(QPalette::HighlightedText, white);
    p.setColor(QPalette::Link, QColor(0x00, 0x00, 0xb0));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x50, 0x50, 0x50));
    return p;
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
