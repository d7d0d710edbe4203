#pragma once

// The CLI's messages in the user's language. attentionlab-cli has no
// QCoreApplication (render makes a QApplication of its own when it needs one),
// so it keeps its translator here: main() loads it from the locale; run() in a
// test process never does, so tests read English unless they load one.

#include <exception>
#include <string>
#include <vector>

namespace attn::cli {

// Loads :/cli_i18n/attentionlab_<lang>.qm for the locale named by LC_ALL,
// LC_MESSAGES or LANG (as QLocale::system() reads them); "C", "POSIX", English
// or an unknown language load nothing. Returns whether a translation loaded.
bool loadTranslation();
// The same for an explicit locale name ("zh_CN"); "" or "C" unloads it.
bool loadTranslation(const std::string &localeName);

// Installs the loaded translation, and Qt's own (qtbase) for its language, into the
// process's QCoreApplication, so tr() in the widgets render and walkthrough draw (axis
// titles, slide text, their errors) follows it too. Call once the application exists;
// installing again is harmless; with no translation loaded it does nothing.
void installInApplication();

// source in the loaded language (UTF-8). lupdate reads translate("attn::cli", "...")
// calls as written, so give it exactly two arguments and fill in %1.. with fill().
std::string translate(const char *context, const char *source);
// text with %1 ... replaced by args (one pass, as attn::substituteArgs).
std::string fill(const std::string &text, const std::vector<std::string> &args);

// An exception's message in the loaded language (attn::Error templates, context "attn").
std::string errorMessage(const std::exception &e);

} // namespace attn::cli
