#pragma once

// Engine errors in the user's language. The engine (no Qt) throws attn::Error
// with an English template marked QT_TRANSLATE_NOOP("attn", ...) and its
// arguments; this renders it through the translators, context "attn".

#include <QString>

#include <exception>

class QTranslator;

namespace attn {

// The message of e in the current language: an attn::Error with a template is
// translated (its Error arguments, the causes, too) and its arguments filled
// in; any other exception gives its what(). With a translator, that one is
// asked first (the CLI has no QCoreApplication); then the installed ones
// (QCoreApplication::translate); English when neither knows the template.
QString errorText(const std::exception &e, const QTranslator *translator = nullptr);

} // namespace attn
