#pragma once

#include <QObject>
#include <QPalette>
#include <QString>

class QAction;
class QActionGroup;
class QMenu;
class QWidget;

namespace attn::gui {

class Config;
class Language;

// How the window looks, remembered in the settings: the colours (theme), the interface
// language (switched at run time) and the text size (Ctrl+= / Ctrl+- / Ctrl+0).
class Appearance : public QObject {
    Q_OBJECT
public:
    // Applies the remembered language at once; window: whose fonts the text size scales.
    Appearance(Config *config, QWidget *window, QObject *parent = nullptr);

    // View ▸ Language and View ▸ Theme (applies the remembered theme).
    void addLanguageAndThemeMenus(QMenu *menu);
    // Larger, smaller and normal text.
    void addTextSizeActions(QMenu *menu);
    void retranslateUi();

    // Colours of the whole app: "system" (as the desktop is set), "light", "dark" or
    // "high-contrast" (for projectors); remembered. False for an unknown name.
    bool setTheme(const QString &name);
    QString theme() const;
    // Fonts of the whole window and its views times scale; remembered.
    void setFontScale(double scale);
    // Switches the interface language at run time ("en", "zh_CN"; empty: the system's).
    void setLanguage(const QString &code);

signals:
    // The text changed size or language: the window may no longer fit the screen.
    void textReflowed();

private:
    Config *m_config;
    QWidget *m_window;
    Language *m_language;
    QPalette m_systemPalette;
    double m_baseFontPointSize = 0.0;
    QMenu *m_languageMenu = nullptr;
    QActionGroup *m_languageGroup = nullptr;
    QMenu *m_themeMenu = nullptr;
    QActionGroup *m_themeGroup = nullptr;
    QAction *m_zoomInAct = nullptr;
    QAction *m_zoomOutAct = nullptr;
    QAction *m_zoomResetAct = nullptr;
};

} // namespace attn::gui
