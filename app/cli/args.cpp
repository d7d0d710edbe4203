#include "cli/args.h"

#include "core/error.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace attn::cli {

Args::Args(const std::vector<std::string> &argv, const std::vector<std::string> &flags)
{
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string &a = argv[i];
        if (a.size() > 2 && a.rfind("--", 0) == 0) {
            std::string name = a.substr(2);
            std::string val;
            if (auto eq = name.find('='); eq != std::string::npos) {
                val = name.substr(eq + 1);
                name = name.substr(0, eq);
            } else if (std::find(flags.begin(), flags.end(), name) == flags.end()) {
                if (i + 1 >= argv.size())
                    throw Error::fmt(QT_TRANSLATE_NOOP("attn", "option --%1 needs a value"), name);
                val = argv[++i];
            }
            m_options[name] = val;
        } else {
            m_positional.push_back(a);
        }
    }
}

bool Args::has(const std::string &name) const
{
    m_read[name] = true;
    return m_options.count(name) != 0;
}

std::optional<std::string> Args::value(const std::string &name) const
{
    m_read[name] = true;
    auto it = m_options.find(name);
    if (it == m_options.end())
        return std::nullopt;
    return it->second;
}

std::string Args::value(const std::string &name, const std::string &fallback) const
{
    return value(name).value_or(fallback);
}

std::string Args::required(const std::string &name) const
{
    auto v = value(name);
    if (!v || v->empty())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "missing required option --%1"), name);
    return *v;
}

long long Args::integer(const std::string &name, long long fallback, long long min,
                        long long max) const
{
    auto v = value(name);
    if (!v)
        return fallback;
    long long out = 0;
    const char *first = v->data();
    const char *last = v->data() + v->size();
    auto [ptr, ec] = std::from_chars(first, last, out);
    if (ec != std::errc() || ptr != last)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "--%1 expects a whole number, got '%2'"), name,
                         *v);
    if (out < min || out > max)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "--%1 must be between %2 and %3, got %4"), name,
                         std::to_string(min), std::to_string(max), *v);
    return out;
}

double Args::real(const std::string &name, double fallback, double min, double max) const
{
    auto v = value(name);
    if (!v)
        return fallback;
    char *end = nullptr;
    const double out = std::strtod(v->c_str(), &end);
    if (v->empty() || end != v->c_str() + v->size() || !std::isfinite(out))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "--%1 expects a number, got '%2'"), name, *v);
    if (out < min || out > max)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "--%1 must be between %2 and %3, got %4"), name,
                         std::to_string(min), std::to_string(max), *v);
    return out;
}

std::vector<std::string> Args::unused() const
{
    std::vector<std::string> out;
    for (const auto &[name, val] : m_options)
        if (!m_read.count(name))
            out.push_back(name);
    return out;
}

void Args::rejectUnused() const
{
    auto u = unused();
    if (!u.empty())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "unknown option --%1"), u.front());
}

} // namespace attn::cli
