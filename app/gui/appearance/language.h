#pragma once

#include <QObject>
#include <QString>
#include <QTranslator>

namespace attn::gui {

// Installs the interface language at run time: the app's own catalogue (built
// into the resources under :/i18n) and Qt's (qtbase: standard dialogs and
// buttons). Installing or removing a translator sends QEvent::LanguageChange to
// every widget, which retranslates itself.
class Language : public QObject {
    Q_OBJECT
public:
    explicit Language(QObject *parent = nullptr);

    // "en", "zh_CN": the languages the app ships.
    static QStringList available();
    // A language's name in that language ("English", "简体中文").
    static QString nativeName(const QString &code);
    // The shipped language closest to the system locale.
    static QString systemDefault();

    // code: one of available(), or empty for the system's. Returns the code in force.
    QString apply(const QString &code);
    QString current() const { return m_current; }

private:
    QTranslator m_app;
    QTranslator m_qt;
    QString m_current;
};

} // namespace attn::gui
