#include "common/errortext.h"

#include "core/error.h"

#include <QCoreApplication>
#include <QTranslator>

#include <string>
#include <vector>

namespace attn {

namespace {

QString translateTemplate(const char *templ, const QTranslator *translator)
{
    if (translator) {
        const QString t = translator->translate("attn", templ);
        if (!t.isEmpty())
            return t;
    }
    return QCoreApplication::translate("attn", templ);
}

} // namespace

QString errorText(const std::exception &e, const QTranslator *translator)
{
    const auto *err = dynamic_cast<const Error *>(&e);
    if (!err || !err->templ())
        return QString::fromUtf8(e.what());
    std::vector<std::string> args;
    args.reserve(err->args().size());
    for (const auto &a : err->args())
        args.push_back(a.cause ? errorText(*a.cause, translator).toStdString() : a.text);
    const std::string templ = translateTemplate(err->templ(), translator).toStdString();
    return QString::fromStdString(substituteArgs(templ, args));
}

} // namespace attn
