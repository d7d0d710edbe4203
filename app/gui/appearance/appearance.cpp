#include "gui/appearance/appearance.h"

#include "gui/appearance/language.h"
#include "gui/config.h"
#include "gui/shortcuts.h"

#include "theme/themepalettes.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QMenu>

#include <algorithm>

namespace attn::gui {

Appearance::Appearance(Config *config, QWidget *window, QObject *parent)
    : QObject(parent), m_config(config), m_window(window), m_language(new Language(this)),
      m_systemPalette(QApplication::palette()),
      m_baseFontPointSize(QApplication::font().pointSizeF())
{
    m_language->apply(m_config->get(Config::Key::Language).toString());

    m_zoomInAct = new QAction(this);
    // Ctrl+= first (the key without Shift, as the README says), Ctrl++ too.
    m_zoomInAct->setShortcuts(
        shortcuts({QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence::ZoomIn}));
    connect(m_zoomInAct, &QAction::triggered, this,
            [this] { setFontScale(m_config->get(Config::Key::FontScale).toDouble() * 1.15); });
    m_zoomOutAct = new QAction(this);
    m_zoomOutAct->setShortcut(QKeySequence::ZoomOut);
    connect(m_zoomOutAct, &QAction::triggered, this,
            [this] { setFontScale(m_config->get(Config::Key::FontScale).toDouble() / 1.15); });
    m_zoomResetAct = new QAction(this);
    m_zoomResetAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(m_zoomResetAct, &QAction::triggered, this, [this] { setFontScale(1.0); });
}

void Appearance::addLanguageAndThemeMenus(QMenu *menu)
{
    m_languageMenu = menu->addMenu(QString());
    m_languageGroup = new QActionGroup(this);
    for (const QString &code : Language::available()) {
        QAction *a = m_languageMenu->addAction(Language::nativeName(code));
        a->setCheckable(true);
        a->setData(code);
        a->setChecked(code == m_language->current());
        m_languageGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, code] { setLanguage(code); });
    }
    m_themeMenu = menu->addMenu(QString());
    m_themeGroup = new QActionGroup(this);
    for (auto t : {attn::ThemePalettes::Theme::System, attn::ThemePalettes::Theme::Light,
                   attn::ThemePalettes::Theme::Dark, attn::ThemePalettes::Theme::HighContrast}) {
        QAction *a = m_themeMenu->addAction(QString());
        const QString name = attn::ThemePalettes::name(t);
        a->setCheckable(true);
        a->setData(name);
        m_themeGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, name] { setTheme(name); });
    }
    setTheme(m_config->get(Config::Key::Theme).toString());
}

void Appearance::addTextSizeActions(QMenu *menu)
{
    menu->addAction(m_zoomInAct);
    menu->addAction(m_zoomOutAct);
    menu->addAction(m_zoomResetAct);
}

void Appearance::retranslateUi()
{
    m_languageMenu->setTitle(tr("&Language"));
    m_themeMenu->setTitle(tr("&Theme"));
    for (QAction *a : m_themeGroup->actions()) {
        const QString name = a->data().toString();
        if (name == QLatin1String("system"))
            a->setText(tr("&System"));
        else if (name == QLatin1String("light"))
            a->setText(tr("&Light"));
        else if (name == QLatin1String("dark"))
            a->setText(tr("&Dark"));
        else
            a->setText(tr("&High Contrast (for projectors)"));
    }
    m_zoomInAct->setText(tr("&Larger Text"));
    m_zoomOutAct->setText(tr("&Smaller Text"));
    m_zoomResetAct->setText(tr("&Normal Text Size"));
}

bool Appearance::setTheme(const QString &name)
{
    attn::ThemePalettes::Theme t{};
    if (!attn::ThemePalettes::fromName(name, &t))
        return false;
    m_config->set(Config::Key::Theme, name);
    // The palette reaches every widget and plot (they restyle on PaletteChange).
    QApplication::setPalette(t == attn::ThemePalettes::Theme::System
                                 ? m_systemPalette
                                 : attn::ThemePalettes::palette(t));
    for (QAction *a : m_themeGroup->actions())
        a->setChecked(a->data().toString() == name);
    return true;
}

QString Appearance::theme() const
{
    return m_config->get(Config::Key::Theme).toString();
}

void Appearance::setLanguage(const QString &code)
{
    m_config->set(Config::Key::Language, code);
    const QString current = m_language->apply(code);
    for (QAction *a : m_languageGroup->actions())
        a->setChecked(a->data().toString() == current);
    emit textReflowed(); // longer labels stay on screen
}

void Appearance::setFontScale(double scale)
{
    scale = std::clamp(scale, 0.6, 3.0);
    m_config->set(Config::Key::FontScale, scale);
    QFont f = QApplication::font();
    if (m_baseFontPointSize > 0)
        f.setPointSizeF(m_baseFontPointSize * scale);
    m_window->setFont(f);
    // Larger text must not push the window past the screen's edge.
    emit textReflowed();
}

} // namespace attn::gui
