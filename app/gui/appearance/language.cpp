#include "gui/appearance/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace attn::gui {

Language::Language(QObject *parent) : QObject(parent) {}

QStringList Language::available()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString Language::nativeName(const QString &code)
{
    if (code == QLatin1String("zh_CN"))
        return QStringLiteral("简体中文");
    return QStringLiteral("English");
}

QString Language::systemDefault()
{
    for (const QString &ui : QLocale::system().uiLanguages())
        if (ui.startsWith(QLatin1String("zh"), Qt::CaseInsensitive))
            return QStringLiteral("zh_CN");
    return QStringLiteral("en");
}

QString Language::apply(const QString &code)
{
    const QString wanted = available().contains(code) ? code : systemDefault();
    if (wanted == m_current)
        return m_current;
    QCoreApplication::removeTranslator(&m_app);
    QCoreApplication::removeTranslator(&m_qt);
    m_current = wanted;
    if (wanted == QLatin1String("en")) {
        // The source strings are English; numbers as the system writes them when it is
        // English (en_GB, en_US, ...), else as in English.
        QLocale::setDefault(QLocale::system().language() == QLocale::English
                                ? QLocale::system()
                                : QLocale(QLocale::English));
        return m_current;
    }
    if (m_qt.load(QStringLiteral("qtbase_") + wanted,
                  QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&m_qt);
    if (m_app.load(QStringLiteral(":/i18n/attentionlab_") + wanted))
        QCoreApplication::installTranslator(&m_app);
    QLocale::setDefault(QLocale(wanted));
    return m_current;
}

} // namespace attn::gui
