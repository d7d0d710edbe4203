#include "cli/clitr.h"

#include "common/errortext.h"
#include "core/error.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace attn::cli {

namespace {

std::unique_ptr<QTranslator> &current()
{
    static std::unique_ptr<QTranslator> t;
    return t;
}

// Qt's own strings (qtbase) in the same language; only installed into an application.
std::unique_ptr<QTranslator> &qtBase()
{
    static std::unique_ptr<QTranslator> t;
    return t;
}

bool loadFor(const QLocale &locale)
{
    // A QTranslator removes itself from the application when it is destroyed.
    current().reset();
    qtBase().reset();
    if (locale.language() == QLocale::C || locale.language() == QLocale::English)
        return false;
    auto t = std::make_unique<QTranslator>();
    if (!t->load(locale, QStringLiteral("attentionlab"), QStringLiteral("_"),
                 QStringLiteral(":/cli_i18n")))
        return false;
    current() = std::move(t);
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        qtBase() = std::move(qt);
    return true;
}

} // namespace

bool loadTranslation()
{
    return loadFor(QLocale::system());
}

bool loadTranslation(const std::string &localeName)
{
    if (localeName.empty()) {
        current().reset();
        qtBase().reset();
        return false;
    }
    return loadFor(QLocale(QString::fromStdString(localeName)));
}

void installInApplication()
{
    if (!QCoreApplication::instance())
        return;
    for (QTranslator *t : {qtBase().get(), current().get()})
        if (t) {
            QCoreApplication::removeTranslator(t); // installing twice would list it twice
            QCoreApplication::installTranslator(t);
        }
}

std::string translate(const char *context, const char *source)
{
    QString t;
    if (current())
        t = current()->translate(context, source);
    if (t.isEmpty())
        t = QCoreApplication::translate(context, source);
    return t.toStdString();
}

std::string fill(const std::string &text, const std::vector<std::string> &args)
{
    return substituteArgs(text, args);
}

std::string errorMessage(const std::exception &e)
{
    return errorText(e, current().get()).toStdString();
}

} // namespace attn::cli
