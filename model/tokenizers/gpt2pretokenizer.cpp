// Gpt2Tokenizer's pre-tokenizer: GPT-2's split pattern, by hand over code points, and the
// character classes it reads (\p{L} and \p{N} from the generated gpt2unicode.inc,
// JavaScript's \s).

#include "tokenizers/gpt2tokenizer.h"

#include "text/utf8.h"

#include <algorithm>
#include <iterator>

namespace attn {

namespace {

struct CodeRange {
    char32_t first, last;
};
#include "tokenizers/gpt2unicode.inc"

template <std::size_t N> bool inRanges(const CodeRange (&ranges)[N], char32_t cp)
{
    const auto it = std::upper_bound(std::begin(ranges), std::end(ranges), cp,
                                     [](char32_t c, const CodeRange &r) { return c < r.first; });
    return it != std::begin(ranges) && cp <= std::prev(it)->last;
}

// Character classes of the pattern; invalid UTF-8 bytes are Other.
enum class Cls { Letter, Number, Space, Other };

struct Cursor {
    std::string_view s;
    // The code point at pos (U+FFFD-like Other for an invalid byte) and its length.
    std::size_t at(std::size_t pos, char32_t &cp, Cls &cls) const
    {
        const std::size_t len = utf8::decodeOne(s, pos, cp);
        if (len == 0) {
            cls = Cls::Other;
            cp = 0xFFFFFFFF;
            return 1;
        }
        cls = Gpt2Tokenizer::isSpace(cp)    ? Cls::Space
              : Gpt2Tokenizer::isLetter(cp) ? Cls::Letter
              : Gpt2Tokenizer::isNumber(cp) ? Cls::Number
                                            : Cls::Other;
        return len;
    }
    // End of the run of characters of class c starting at pos.
    std::size_t run(std::size_t pos, Cls c) const
    {
        while (pos < s.size()) {
            char32_t cp;
            Cls k;
            const std::size_t len = at(pos, cp, k);
            if (k != c)
                break;
            pos += len;
        }
        return pos;
    }
};

} // namespace

bool Gpt2Tokenizer::isLetter(char32_t cp)
{
    return inRanges(kLetterRanges, cp);
}

bool Gpt2Tokenizer::isNumber(char32_t cp)
{
    return inRanges(kNumberRanges, cp);
}

bool Gpt2Tokenizer::isSpace(char32_t cp)
{
    // ECMAScript \s: WhiteSpace (TAB VT FF SP NBSP ZWNBSP and category Zs) + LineTerminator.
    switch (cp) {
    case 0x09:
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x20:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF:
        return true;
    default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
}

std::vector<std::string_view> Gpt2Tokenizer::pretokenize(std::string_view text)
{
    std::vector<std::string_view> out;
    const Cursor c{text};
    std::size_t p = 0;
    while (p < text.size()) {
        std::size_t end = 0;
        // 's|'t|'re|'ve|'m|'ll|'d
        if (text[p] == '\'') {
            for (const std::string_view suffix : {"s", "t", "re", "ve", "m", "ll", "d"})
                if (text.substr(p + 1, suffix.size()) == suffix) {
                    end = p + 1 + suffix.size();
                    break;
                }
        }
        char32_t cp = 0;
        Cls cls;
        const std::size_t len = c.at(p, cp, cls);
        if (end == 0) {
            // ` ?\p{L}+`, ` ?\p{N}+`, ` ?[^\s\p{L}\p{N}]+`: an optional space, then a run.
            std::size_t q = p;
            Cls k = cls;
            if (cp == ' ' && p + 1 < text.size()) {
                char32_t next;
                c.at(p + 1, next, k);
                q = p + 1;
            }
            if (k != Cls::Space)
                end = c.run(q, k);
        }
        if (end == 0) {
            // `\s+(?!\S)|\s+`: a run of spaces; when a non-space follows a run of two or
            // more, the last space is left to start the next piece.
            std::size_t last = p, q = p;
            while (q < text.size()) {
                char32_t s;
                Cls k;
                const std::size_t l = c.at(q, s, k);
                if (k != Cls::Space)
                    break;
                last = q;
                q += l;
            }
            end = (q < text.size() && last > p) ? last : q;
        }
        if (end <= p) // cannot happen (every character has a class); never loop
            end = p + len;
        out.push_back(text.substr(p, end - p));
        p = end;
    }
    return out;
}

} // namespace attn
