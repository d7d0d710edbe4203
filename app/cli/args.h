#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace attn::cli {

// Parses "--name value", "--name=value" and bare "--flag" options plus
// positional arguments. Options a command does not read are reported by
// unused() so typos ("--step 10") are refused instead of ignored.
class Args {
public:
    // flags: option names that take no value.
    Args(const std::vector<std::string> &argv, const std::vector<std::string> &flags);

    bool has(const std::string &name) const;
    bool flag(const std::string &name) const { return has(name); }
    std::optional<std::string> value(const std::string &name) const;
    std::string value(const std::string &name, const std::string &fallback) const;
    // Parsed numbers; a malformed or out-of-range value throws attn::Error naming the option.
    long long integer(const std::string &name, long long fallback, long long min,
                      long long max) const;
    double real(const std::string &name, double fallback, double min, double max) const;
    std::string required(const std::string &name) const;
    const std::vector<std::string> &positional() const { return m_positional; }
    // Options given but never read; call after a command has read all it knows.
    std::vector<std::string> unused() const;
    // Throws attn::Error for the first unused option.
    void rejectUnused() const;

private:
    std::map<std::string, std::string> m_options;
    std::vector<std::string> m_positional;
    mutable std::map<std::string, bool> m_read;
};

} // namespace attn::cli
