#include "text/utf8.h"

#include <cstdio>

namespace attn::utf8 {

std::size_t decodeOne(std::string_view s, std::size_t pos, char32_t &cp)
{
    const std::size_t n = s.size();
    if (pos >= n)
        return 0;
    const auto b0 = static_cast<unsigned char>(s[pos]);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t len = 0;
    char32_t min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
        cp = b0 & 0x1Fu;
        min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        cp = b0 & 0x0Fu;
        min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        cp = b0 & 0x07u;
        min = 0x10000;
    } else {
        return 0; // continuation byte, 0xC0/0xC1 (always overlong) or 0xF5..0xFF
    }
    if (n - pos < len)
        return 0;
    for (std::size_t i = 1; i < len; ++i) {
        const auto b = static_cast<unsigned char>(s[pos + i]);
        if ((b & 0xC0u) != 0x80u)
            return 0;
        cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

std::optional<InvalidAt> findInvalid(std::string_view s)
{
    std::size_t line = 1, lineStart = 0;
    std::size_t pos = 0;
    while (pos < s.size()) {
        const auto b = static_cast<unsigned char>(s[pos]);
        if (b < 0x80) {
            if (b == '\n') {
                ++line;
                lineStart = pos + 1;
            }
            ++pos;
            continue;
        }
        char32_t cp = 0;
        const std::size_t len = decodeOne(s, pos, cp);
        if (len == 0)
            return InvalidAt{pos, line, pos - lineStart + 1};
        pos += len;
    }
    return std::nullopt;
}

std::vector<char32_t> decode(std::string_view s)
{
    std::vector<char32_t> out;
    out.reserve(s.size());
    std::size_t pos = 0;
    while (pos < s.size()) {
        char32_t cp = 0;
        const std::size_t len = decodeOne(s, pos, cp);
        if (len == 0) {
            out.push_back(0xFFFD);
            ++pos;
        } else {
            out.push_back(cp);
            pos += len;
        }
    }
    return out;
}

void append(std::string &out, char32_t cp)
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::string encode(char32_t cp)
{
    std::string s;
    append(s, cp);
    return s;
}

std::string encode(const std::vector<char32_t> &cps)
{
    std::string s;
    s.reserve(cps.size());
    for (char32_t c : cps)
        append(s, c);
    return s;
}

bool isSpace(char32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x85 ||
           c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

bool isCjkIdeograph(char32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) ||   // CJK Unified Ideographs
           (c >= 0x3400 && c <= 0x4DBF) ||   // Extension A
           (c >= 0x20000 && c <= 0x2FA1F) || // Extensions B..F, compatibility supplement
           (c >= 0x30000 && c <= 0x323AF) || // Extensions G, H
           (c >= 0xF900 && c <= 0xFAFF) ||   // Compatibility Ideographs
           c == 0x3007;                      // 〇
}

bool isKana(char32_t c)
{
    return (c >= 0x3041 && c <= 0x309F) || (c >= 0x30A0 && c <= 0x30FF) ||
           (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9F);
}

bool isJoiner(char32_t c)
{
    return (c >= 0x0300 && c <= 0x036F) ||   // Combining Diacritical Marks
           (c >= 0x0483 && c <= 0x0489) ||   // Cyrillic combining
           (c >= 0x0591 && c <= 0x05BD) ||   // Hebrew points
           (c >= 0x064B && c <= 0x065F) ||   // Arabic harakat
           (c >= 0x0900 && c <= 0x0903) ||   // Devanagari signs
           (c >= 0x093A && c <= 0x094F) ||   // Devanagari vowel signs, virama
           (c >= 0x1AB0 && c <= 0x1AFF) ||   // Combining Diacritical Marks Extended
           (c >= 0x1DC0 && c <= 0x1DFF) ||   // Combining Diacritical Marks Supplement
           c == 0x200C || c == 0x200D ||     // ZWNJ, ZWJ
           (c >= 0x20D0 && c <= 0x20FF) ||   // Combining marks for symbols (keycap 20E3)
           (c >= 0x3099 && c <= 0x309A) ||   // Kana voiced marks
           (c >= 0xFE00 && c <= 0xFE0F) ||   // Variation selectors
           (c >= 0xFE20 && c <= 0xFE2F) ||   // Combining half marks
           (c >= 0x1F3FB && c <= 0x1F3FF) || // Emoji skin-tone modifiers
           (c >= 0xE0020 && c <= 0xE007F) || // Tags (flag sequences)
           (c >= 0xE0100 && c <= 0xE01EF);   // Variation selectors supplement
}

bool isPunctuation(char32_t c)
{
    if (c < 0x80)
        return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
               (c >= 0x7B && c <= 0x7E);
    return (c >= 0xA1 && c <= 0xBF && c != 0xAA && c != 0xB2 && c != 0xB3 && c != 0xB5 &&
            c != 0xB9 && c != 0xBA && c != 0xBC && c != 0xBD && c != 0xBE) ||
           c == 0xD7 || c == 0xF7 || (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) ||
           (c >= 0x2190 && c <= 0x21FF) || // arrows
           (c >= 0x2200 && c <= 0x22FF) || // math operators
           (c >= 0x3001 && c <= 0x3006) || (c >= 0x3008 && c <= 0x303F) ||
           (c >= 0xFE10 && c <= 0xFE1F) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
           (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65);
}

bool isEmoji(char32_t c)
{
    return (c >= 0x1F000 && c <= 0x1FAFF && !(c >= 0x1F3FB && c <= 0x1F3FF)) ||
           (c >= 0x2600 && c <= 0x27BF) || (c >= 0x2300 && c <= 0x23FF) ||
           (c >= 0x2B00 && c <= 0x2BFF) || c == 0x00A9 || c == 0x00AE || c == 0x203C ||
           c == 0x2049 || c == 0x2122 || c == 0x2139;
}

std::string byteStandIn(unsigned char b)
{
    static constexpr char digits[] = "0123456789ABCDEF";
    return {'<', '0', 'x', digits[b >> 4], digits[b & 15], '>'};
}

std::string withByteStandIns(std::string_view s)
{
    const auto hex = [](char c) {
        return c >= '0' && c <= '9'   ? c - '0'
               : c >= 'A' && c <= 'F' ? c - 'A' + 10
               : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                      : -1;
    };
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        if (i + 6 <= s.size() && s.compare(i, 3, "<0x") == 0 && s[i + 5] == '>' &&
            hex(s[i + 3]) >= 0 && hex(s[i + 4]) >= 0) {
            out += static_cast<char>(hex(s[i + 3]) * 16 + hex(s[i + 4]));
            i += 6;
        } else {
            out += s[i++];
        }
    }
    return out;
}

std::string displayText(std::string_view s)
{
    std::string out;
    std::size_t pos = 0;
    char buf[16];
    while (pos < s.size()) {
        char32_t cp = 0;
        const std::size_t len = decodeOne(s, pos, cp);
        if (len == 0) {
            out += byteStandIn(static_cast<unsigned char>(s[pos]));
            ++pos;
            continue;
        }
        pos += len;
        if (cp == ' ')
            out += "\u2423";
        else if (cp == '\n')
            out += "\u21B5";
        else if (cp == '\t')
            out += "\u21E5";
        else if (cp < 0x20 || cp == 0x7F) {
            std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(cp));
            out += buf;
        } else
            append(out, cp);
    }
    return out;
}

} // namespace attn::utf8
