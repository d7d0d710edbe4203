#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attn::utf8 {

// Where the first invalid UTF-8 sequence of a text starts.
struct InvalidAt {
    std::size_t offset = 0;     // byte offset in the text, 0-based
    std::size_t line = 1;       // 1-based line number ('\n' separates lines)
    std::size_t lineOffset = 1; // 1-based byte within that line
};

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
// Returns where the first invalid sequence starts, or nothing when the text is valid.
std::optional<InvalidAt> findInvalid(std::string_view s);
inline bool isValid(std::string_view s)
{
    return !findInvalid(s).has_value();
}

// Decodes one code point at s[pos]; returns its byte length (1..4) and sets cp, or
// returns 0 when the bytes at pos are not a valid sequence (cp is then unspecified).
std::size_t decodeOne(std::string_view s, std::size_t pos, char32_t &cp);

// All code points of a valid text; invalid bytes become U+FFFD, one per byte, so that
// this never throws and never loops on hostile input.
std::vector<char32_t> decode(std::string_view s);

// Calls f(cp) for each code point of s, invalid bytes as U+FFFD one per byte, without
// making a copy of the text.
template <typename F> void forEach(std::string_view s, F &&f)
{
    std::size_t pos = 0;
    while (pos < s.size()) {
        char32_t cp = 0;
        const std::size_t len = decodeOne(s, pos, cp);
        if (len == 0) {
            f(char32_t(0xFFFD));
            ++pos;
        } else {
            f(cp);
            pos += len;
        }
    }
}

// Appends the UTF-8 encoding of cp (U+FFFD for surrogates and values above U+10FFFF).
void append(std::string &out, char32_t cp);
std::string encode(char32_t cp);
std::string encode(const std::vector<char32_t> &cps);

// Character classes the tokenizers split on. No ICU: ranges from the Unicode charts.
bool isSpace(char32_t c);        // ASCII whitespace, NBSP, U+2000..200A, U+2028/2029, U+3000 ...
bool isCjkIdeograph(char32_t c); // CJK Unified Ideographs (+ extensions), compatibility ideographs
bool isKana(char32_t c);         // Hiragana and Katakana (each its own word token, like ideographs)
bool isJoiner(char32_t c);       // combining marks, ZWJ, variation selectors, emoji modifiers, tags
bool isPunctuation(
    char32_t c);          // ASCII punctuation, General Punctuation, CJK punctuation, fullwidth
bool isEmoji(char32_t c); // pictographic ranges (each emoji its own token)

// A byte that is not UTF-8 on its own, as tokens show it: "<0xE4>" (two upper-case hex
// digits). withByteStandIns undoes it: the text with every such stand-in turned back into
// its byte (anything else, "<0xZZ>" included, is kept as it is).
std::string byteStandIn(unsigned char b);
std::string withByteStandIns(std::string_view s);

// Makes whitespace and control characters visible for labels: ' ' -> "␣", '\n' -> "↵",
// '\t' -> "⇥", other controls -> "\xNN"-style escapes; invalid UTF-8 bytes -> "<0xNN>".
std::string displayText(std::string_view s);

} // namespace attn::utf8
