#include "clitr.h"

#include "core/error.h"
#include "errortext.h"

#include <QCoreApplication>
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

bool loadFor(const QLocale &locale)
{
    current().reset();
    if (locale.language() == QLocale::C || locale.language() == QLocale::English)
        return false;
    auto t = std::make_unique<QTranslator>();
    if (!t->load(locale, QStringLiteral("attentionlab"), QStringLiteral("_"),
                 QStringLiteral(":/cli_i18n")))
        return false;
    current() = std::move(t);
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
        return false;
    }
    return loadFor(QLocale(QString::fromStdString(localeName)));
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
