#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

// Marks a message template for Qt's lupdate without the engine including Qt:
// QT_TRANSLATE_NOOP("attn", "...") is the string itself. The definition is
// token for token Qt's own (qglobal.h), so a file that includes both compiles.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(scope, x) x
#endif

namespace attn {

// Replaces %1 ... %99 in templ by args[0] ... in one pass (an argument's own
// text is never scanned again). A % not followed by the number of an argument
// stays as it is. The same rule renders translated templates (app's errortext).
std::string substituteArgs(std::string_view templ, const std::vector<std::string> &args);

// The engine's one exception type. The message is meant for a person: it names
// the file, the value or the setting that is wrong and what was expected.
//
// A message a user meets is built from an English template marked for
// translation, with numbered placeholders, and its arguments:
//
//     throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: line %2 has %3 fields"), name, line, n);
//
// what() is the English text (CLI, logs, tests); the GUI renders the same
// error in the user's language from templ() and args() (app/common/errortext.h).
// An argument may itself be an Error (a cause wrapped with more context): it
// is rendered in the user's language too. Error(std::string) remains for
// messages that are not translated.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;

    struct Arg {
        std::string text;                   // the argument as English text
        std::shared_ptr<const Error> cause; // set when the argument is an Error
    };

    template <class... A> static Error fmt(const char *templ, const A &...args)
    {
        std::vector<Arg> list;
        list.reserve(sizeof...(A));
        (list.push_back(toArg(args)), ...);
        return Error(templ, std::move(list));
    }

    // The English template with %1..%n, or nullptr for an untranslated message.
    const char *templ() const noexcept { return m_templ; }
    const std::vector<Arg> &args() const noexcept { return m_args; }

private:
    Error(const char *templ, std::vector<Arg> args);

    static Arg toArg(const Error &e) { return Arg{e.what(), std::make_shared<const Error>(e)}; }
    static Arg toArg(const std::string &s) { return Arg{s, nullptr}; }
    static Arg toArg(std::string_view s) { return Arg{std::string(s), nullptr}; }
    static Arg toArg(const char *s) { return Arg{s ? std::string(s) : std::string(), nullptr}; }
    static Arg toArg(char c) { return Arg{std::string(1, c), nullptr}; }
    // Would convert to char: not allowed (format numbers to text first).
    static Arg toArg(bool) = delete;
    static Arg toArg(float) = delete;
    static Arg toArg(double) = delete;
    static Arg toArg(long double) = delete;
    static Arg toArg(const std::filesystem::path &p) { return Arg{p.string(), nullptr}; }
    // Integers (not bool, not char) as decimal text. Floating-point arguments are
    // formatted by the caller (precision is a choice).
    template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> &&
                                            !std::is_same_v<T, char>,
                                        int> = 0>
    static Arg toArg(T v)
    {
        return Arg{std::to_string(v), nullptr};
    }

    const char *m_templ = nullptr;
    std::vector<Arg> m_args;
};

inline std::string substituteArgs(std::string_view templ, const std::vector<std::string> &args)
{
    std::string out;
    out.reserve(templ.size() + 16 * args.size());
    for (std::size_t i = 0; i < templ.size(); ++i) {
        const char c = templ[i];
        if (c == '%' && i + 1 < templ.size() && templ[i + 1] >= '1' && templ[i + 1] <= '9') {
            std::size_t n = static_cast<std::size_t>(templ[i + 1] - '0');
            std::size_t len = 2;
            if (i + 2 < templ.size() && templ[i + 2] >= '0' && templ[i + 2] <= '9' &&
                n * 10 + static_cast<std::size_t>(templ[i + 2] - '0') <= args.size()) {
                n = n * 10 + static_cast<std::size_t>(templ[i + 2] - '0');
                len = 3;
            }
            if (n <= args.size()) {
                out += args[n - 1];
                i += len - 1;
                continue;
            }
        }
        out += c;
    }
    return out;
}

namespace detail {
inline std::vector<std::string> argTexts(const std::vector<Error::Arg> &args)
{
    std::vector<std::string> texts;
    texts.reserve(args.size());
    for (const auto &a : args)
        texts.push_back(a.text);
    return texts;
}
} // namespace detail

inline Error::Error(const char *templ, std::vector<Arg> args)
    : std::runtime_error(substituteArgs(templ ? templ : "", detail::argTexts(args))),
      m_templ(templ), m_args(std::move(args))
{
}

} // namespace attn
