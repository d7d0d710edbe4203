#include "tokenizers/gpt2tokenizer.h"

#include "core/error.h"
#include "text/textfile.h"
#include "text/utf8.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>

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

// bytes_to_unicode(): printable bytes stand for themselves, the other 68 are mapped to
// U+0100.. in byte order.
struct ByteTable {
    char32_t toCp[256] = {};
    int fromCp[324]; // code points below 0x144 -> byte, or -1
    ByteTable()
    {
        std::fill(std::begin(fromCp), std::end(fromCp), -1);
        auto printable = [](int b) {
            return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        };
        int n = 0;
        for (int b = 0; b < 256; ++b) {
            toCp[b] = printable(b) ? char32_t(b) : char32_t(256 + n++);
            fromCp[toCp[b]] = b;
        }
    }
};
const ByteTable &byteTable()
{
    static const ByteTable t;
    return t;
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

// How a code point is shown in a token label.
void appendReadable(std::string &out, char32_t cp)
{
    switch (cp) {
    case ' ':
        out += "\u2423"; // ␣
        return;
    case '\n':
        out += "\u23CE"; // ⏎
        return;
    case '\t':
        out += "\u21E5"; // ⇥
        return;
    case '\r':
        out += "\u240D"; // ␍
        return;
    default:
        break;
    }
    if (cp < 0x20)
        utf8::append(out, 0x2400 + cp); // Control Pictures
    else if (cp == 0x7F)
        out += "\u2421";
    else
        utf8::append(out, cp);
}

std::string hexByte(unsigned char b)
{
    static const char *digits = "0123456789ABCDEF";
    return {digits[b >> 4], digits[b & 15]};
}

// "<0xNN>" for a byte that is not part of valid UTF-8.
void appendInvalidByte(std::string &out, char b)
{
    out += utf8::byteStandIn(static_cast<unsigned char>(b));
}

// Renders bytes readably; a valid character whole, an invalid byte as "<0xNN>".
std::string readableBytes(std::string_view bytes)
{
    std::string out;
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        char32_t cp = 0;
        const std::size_t len = utf8::decodeOne(bytes, pos, cp);
        if (len == 0) {
            appendInvalidByte(out, bytes[pos]);
            ++pos;
        } else {
            appendReadable(out, cp);
            pos += len;
        }
    }
    return out;
}

std::string readFile(const std::string &path)
{
    return readTextFile(path).text;
}

constexpr std::size_t CacheLimit = 65536;
// Pieces longer than this (bytes) are merged with a heap (O(n log n)) instead of the
// reference's repeated passes (O(n^2)), so that a megabyte without a space cannot hang.
constexpr std::size_t LongPiece = 256;

} // namespace

char32_t Gpt2Tokenizer::byteToUnicode(std::uint8_t b)
{
    return byteTable().toCp[b];
}

int Gpt2Tokenizer::unicodeToByte(char32_t cp)
{
    return cp < 324 ? byteTable().fromCp[cp] : -1;
}

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

Gpt2Tokenizer::Gpt2Tokenizer(std::vector<std::string> vocab,
                             std::vector<std::pair<std::string, std::string>> merges,
                             const std::string &name)
    : m_vocab(std::move(vocab)), m_merges(std::move(merges))
{
    if (m_vocab.empty())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: the vocabulary is empty"), name);
    if (m_vocab.size() > static_cast<std::size_t>(std::numeric_limits<TokenId>::max()))
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: the vocabulary is too large"), name);
    m_ids.reserve(m_vocab.size());
    m_bytes.resize(m_vocab.size());
    for (std::size_t i = 0; i < m_vocab.size(); ++i) {
        const std::string &t = m_vocab[i];
        if (t.empty())
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: token %2 is empty"), name, i);
        if (!utf8::isValid(t))
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: token %2 is not valid UTF-8"), name, i);
        if (!m_ids.emplace(t, static_cast<TokenId>(i)).second)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1: token \"%2\" appears twice (ids %3 and %4)"), name,
                t, m_ids[t], i);
        std::string &bytes = m_bytes[i];
        utf8::forEach(t, [&](char32_t cp) {
            const int b = unicodeToByte(cp);
            if (b >= 0)
                bytes += static_cast<char>(b);
            else // not a byte stand-in (an added special token): its own UTF-8
                utf8::append(bytes, cp);
        });
    }
    for (int b = 0; b < 256; ++b) {
        const auto it = m_ids.find(utf8::encode(byteToUnicode(static_cast<std::uint8_t>(b))));
        if (it == m_ids.end())
            throw Error::fmt(QT_TRANSLATE_NOOP("attn",
                                               "%1: the vocabulary has no token for byte 0x%2 (a "
                                               "byte-level BPE needs all 256 bytes)"),
                             name, hexByte(static_cast<unsigned char>(b)));
        m_byteId[b] = it->second;
    }
    // gpt-3-encoder looks a pair up by the text "first,second" (a JavaScript array used as
    // an object key): the rank of a text is its last merge's.
    std::unordered_map<std::string, int> keyRank;
    keyRank.reserve(m_merges.size());
    for (std::size_t i = 0; i < m_merges.size(); ++i)
        keyRank[m_merges[i].first + "," + m_merges[i].second] = static_cast<int>(i);
    m_pairs.reserve(m_merges.size() * 2);
    for (std::size_t i = 0; i < m_merges.size(); ++i) {
        const auto &[a, b] = m_merges[i];
        const TokenId ia = find(a), ib = find(b), ir = find(a + b);
        if (ia < 0)
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn",
                    "%1: merge %2 (\"%3 %4\") refers to \"%5\", which is not in the vocabulary"),
                name, i + 1, a, b, a);
        if (ib < 0)
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn",
                    "%1: merge %2 (\"%3 %4\") refers to \"%5\", which is not in the vocabulary"),
                name, i + 1, a, b, b);
        if (ir < 0)
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn",
                    "%1: merge %2 (\"%3 %4\") makes \"%5\", which is not in the vocabulary"),
                name, i + 1, a, b, a + b);
        m_pairs[key(ia, ib)] = Merge{keyRank[a + "," + b], ir};
    }
    // The pairs whose "first,second" text is also another merge's: ("\",", "\"") finds the
    // rank of ("\"", ",\"") in gpt-3-encoder.
    for (const auto &[text, rank] : keyRank) {
        for (std::size_t j = 1; j + 1 < text.size(); ++j) {
            if (text[j] != ',')
                continue;
            const std::string x = text.substr(0, j), y = text.substr(j + 1);
            const TokenId ix = find(x), iy = find(y), ir = find(x + y);
            if (ix >= 0 && iy >= 0 && ir >= 0)
                m_pairs.emplace(key(ix, iy), Merge{rank, ir});
        }
    }
    m_endOfText = find("<|endoftext|>");
}

TokenId Gpt2Tokenizer::find(std::string_view token) const
{
    const auto it = m_ids.find(std::string(token));
    return it == m_ids.end() ? -1 : it->second;
}

const std::string &Gpt2Tokenizer::tokenString(TokenId id) const
{
    checkId(id);
    return m_vocab[static_cast<std::size_t>(id)];
}

const std::string &Gpt2Tokenizer::tokenBytes(TokenId id) const
{
    checkId(id);
    return m_bytes[static_cast<std::size_t>(id)];
}

void Gpt2Tokenizer::encodePiece(std::string_view piece, std::vector<TokenId> &out) const
{
    {
        std::lock_guard lock(m_cacheMutex);
        const auto it = m_cache.find(std::string(piece));
        if (it != m_cache.end()) {
            out.insert(out.end(), it->second.begin(), it->second.end());
            return;
        }
    }
    std::vector<TokenId> word(piece.size()); // (n) symbols, one per byte to begin with
    for (std::size_t i = 0; i < piece.size(); ++i)
        word[i] = m_byteId[static_cast<unsigned char>(piece[i])];
    if (word.size() > LongPiece) {
        mergeLong(word);
        out.insert(out.end(), word.begin(), word.end());
        return; // not cached: long pieces rarely repeat
    }
    std::vector<TokenId> next;
    next.reserve(word.size());
    while (word.size() > 1) {
        // The pair of lowest rank; among equal ranks the last (gpt-3-encoder keeps the last
        // pair it sees for a rank).
        int best = std::numeric_limits<int>::max();
        TokenId first = -1, second = -1, merged = -1;
        for (std::size_t i = 0; i + 1 < word.size(); ++i) {
            const auto it = m_pairs.find(key(word[i], word[i + 1]));
            if (it != m_pairs.end() && it->second.rank <= best) {
                best = it->second.rank;
                first = word[i];
                second = word[i + 1];
                merged = it->second.result;
            }
        }
        if (merged < 0)
            break;
        // Every occurrence of (first, second), left to right, not overlapping.
        next.clear();
        for (std::size_t i = 0; i < word.size();) {
            if (word[i] == first && i + 1 < word.size() && word[i + 1] == second) {
                next.push_back(merged);
                i += 2;
            } else {
                next.push_back(word[i]);
                ++i;
            }
        }
        word.swap(next);
    }
    out.insert(out.end(), word.begin(), word.end());
    std::lock_guard lock(m_cacheMutex);
    if (m_cache.size() >= CacheLimit)
        m_cache.clear();
    m_cache.emplace(std::string(piece), std::move(word));
}

void Gpt2Tokenizer::mergeLong(std::vector<TokenId> &word) const
{
    // The same merges in O(n log n): a heap of adjacent pairs by (rank, position), symbols
    // in a linked list. Popping the lowest rank, leftmost first, merges every occurrence of
    // a pair left to right as the pass above does (merges only make pairs of higher rank).
    const std::size_t n = word.size();
    std::vector<std::size_t> prev(n), next(n);
    std::vector<char> alive(n, 1);
    for (std::size_t i = 0; i < n; ++i) {
        prev[i] = i - 1; // wraps to SIZE_MAX for the first: "none"
        next[i] = i + 1; // n for the last: "none"
    }
    struct Cand {
        int rank;
        std::size_t pos;
        TokenId left, right;
        bool operator>(const Cand &o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
    };
    std::priority_queue<Cand, std::vector<Cand>, std::greater<Cand>> heap;
    auto push = [&](std::size_t i) {
        if (i >= n || next[i] >= n)
            return;
        const auto it = m_pairs.find(key(word[i], word[next[i]]));
        if (it != m_pairs.end())
            heap.push(Cand{it->second.rank, i, word[i], word[next[i]]});
    };
    for (std::size_t i = 0; i + 1 < n; ++i)
        push(i);
    while (!heap.empty()) {
        const Cand c = heap.top();
        heap.pop();
        const std::size_t i = c.pos;
        if (!alive[i] || next[i] >= n || word[i] != c.left || word[next[i]] != c.right)
            continue; // stale: a neighbour has been merged since
        const std::size_t j = next[i];
        word[i] = m_pairs.find(key(c.left, c.right))->second.result;
        alive[j] = 0;
        next[i] = next[j];
        if (next[j] < n)
            prev[next[j]] = i;
        if (prev[i] < n)
            push(prev[i]);
        push(i);
    }
    std::vector<TokenId> out;
    for (std::size_t i = 0; i < n; i = next[i])
        out.push_back(word[i]);
    word.swap(out);
}

std::vector<TokenId> Gpt2Tokenizer::encode(std::string_view text) const
{
    std::vector<TokenId> out;
    for (const std::string_view piece : pretokenize(text))
        encodePiece(piece, out);
    return out;
}

std::string Gpt2Tokenizer::decode(const std::vector<TokenId> &ids) const
{
    std::string out;
    for (const TokenId id : ids)
        out += tokenBytes(id);
    return out;
}

std::string Gpt2Tokenizer::tokenText(TokenId id) const
{
    const std::string &b = tokenBytes(id);
    std::string out;
    std::size_t pos = 0;
    while (pos < b.size()) {
        char32_t cp = 0;
        const std::size_t len = utf8::decodeOne(b, pos, cp);
        if (len == 0) {
            appendInvalidByte(out, b[pos]);
            ++pos;
        } else {
            out.append(b, pos, len);
            pos += len;
        }
    }
    return out;
}

std::vector<TokenDisplay> Gpt2Tokenizer::display(const std::vector<TokenId> &ids) const
{
    const std::size_t n = ids.size();
    std::vector<TokenDisplay> out(n);
    std::string all;         // every token's bytes
    std::vector<int> owner;  // (all.size()) the token each byte belongs to
    std::vector<char> joins; // (n) token i shares a character with token i + 1
    joins.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::string &b = tokenBytes(ids[i]);
        all += b;
        owner.insert(owner.end(), b.size(), static_cast<int>(i));
        std::string hex;
        for (const char ch : b) {
            if (!hex.empty())
                hex += ' ';
            hex += hexByte(static_cast<unsigned char>(ch));
        }
        out[i].bytesHex = std::move(hex);
    }
    std::size_t pos = 0;
    while (pos < all.size()) {
        char32_t cp = 0;
        const std::size_t len = utf8::decodeOne(all, pos, cp);
        const auto first = static_cast<std::size_t>(owner[pos]);
        if (len == 0) {
            appendInvalidByte(out[first].text, all[pos]);
            ++pos;
            continue;
        }
        const auto last = static_cast<std::size_t>(owner[pos + len - 1]);
        if (first == last) {
            appendReadable(out[first].text, cp);
        } else {
            for (std::size_t k = pos; k < pos + len; ++k) {
                std::string &t = out[static_cast<std::size_t>(owner[k])].text;
                t += '<';
                t += hexByte(static_cast<unsigned char>(all[k]));
                t += '>';
            }
            for (std::size_t t = first; t < last; ++t)
                joins[t] = 1;
        }
        pos += len;
    }
    int group = 0;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        std::string bytes = tokenBytes(ids[i]);
        while (j + 1 < n && joins[j]) {
            ++j;
            bytes += tokenBytes(ids[j]);
        }
        const std::string text = j == i ? out[i].text : readableBytes(bytes);
        for (std::size_t t = i; t <= j; ++t) {
            out[t].group = group;
            out[t].groupText = text;
        }
        ++group;
        i = j + 1;
    }
    return out;
}

nlohmann::json Gpt2Tokenizer::toJson() const
{
    nlohmann::json j;
    j["kind"] = "gpt2";
    j["version"] = 1;
    j["vocab"] = m_vocab;
    auto merges = nlohmann::json::array();
    for (const auto &[a, b] : m_merges)
        merges.push_back({a, b});
    j["merges"] = std::move(merges);
    return j;
}

std::unique_ptr<Gpt2Tokenizer> Gpt2Tokenizer::fromJsonObject(const nlohmann::json &j)
{
    const auto vocabIt = j.find("vocab");
    const auto mergesIt = j.find("merges");
    if (vocabIt == j.end() || !vocabIt->is_array())
        throw Error::fmt(QT_TRANSLATE_NOOP(
            "attn", "gpt2 tokenizer: \"vocab\" must be an array of token strings"));
    if (mergesIt == j.end() || !mergesIt->is_array())
        throw Error::fmt(QT_TRANSLATE_NOOP(
            "attn", "gpt2 tokenizer: \"merges\" must be an array of [first, second] pairs"));
    std::vector<std::string> vocab;
    vocab.reserve(vocabIt->size());
    for (const auto &t : *vocabIt) {
        if (!t.is_string())
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "gpt2 tokenizer: vocab entry %1 is not a string"),
                vocab.size());
        vocab.push_back(t.get<std::string>());
    }
    std::vector<std::pair<std::string, std::string>> merges;
    merges.reserve(mergesIt->size());
    for (const auto &m : *mergesIt) {
        if (!m.is_array() || m.size() != 2 || !m[0].is_string() || !m[1].is_string())
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn", "gpt2 tokenizer: merge %1 is not a [first, second] pair of strings"),
                merges.size() + 1);
        merges.emplace_back(m[0].get<std::string>(), m[1].get<std::string>());
    }
    return std::make_unique<Gpt2Tokenizer>(std::move(vocab), std::move(merges), "gpt2 tokenizer");
}

namespace {

// {"token": id, ...} with ids exactly 0..n-1 -> tokens by id.
std::vector<std::string> vocabFromObject(const nlohmann::json &v, const std::string &name)
{
    if (!v.is_object())
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: the vocabulary must be a JSON object of \"token\": id"),
            name);
    std::vector<std::string> vocab(v.size());
    std::vector<char> taken(v.size(), 0);
    for (const auto &[token, id] : v.items()) {
        if (!id.is_number_integer())
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1: the id of token \"%2\" is not an integer"), name,
                token);
        const auto i = id.get<long long>();
        if (i < 0 || i >= static_cast<long long>(v.size()))
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn",
                    "%1: token \"%2\" has id %3; ids must be 0..%4 (one per token, no gaps)"),
                name, token, i, v.size() - 1);
        if (taken[static_cast<std::size_t>(i)])
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1: id %2 is given to \"%3\" and to \"%4\""), name, i,
                token, vocab[static_cast<std::size_t>(i)]);
        taken[static_cast<std::size_t>(i)] = 1;
        vocab[static_cast<std::size_t>(i)] = token;
    }
    return vocab;
}

nlohmann::json parseJson(std::string_view text, const std::string &name)
{
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception &e) {
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: not valid JSON (%2)"), name, e.what());
    }
}

} // namespace

std::unique_ptr<Gpt2Tokenizer> Gpt2Tokenizer::fromText(std::string_view vocabJson,
                                                       std::string_view merges,
                                                       const std::string &vocabName,
                                                       const std::string &mergesName)
{
    std::vector<std::string> vocab = vocabFromObject(parseJson(vocabJson, vocabName), vocabName);
    std::vector<std::pair<std::string, std::string>> pairs;
    std::size_t line = 0, pos = 0;
    while (pos < merges.size()) {
        std::size_t eol = merges.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = merges.size();
        std::string_view l = merges.substr(pos, eol - pos);
        pos = eol + 1;
        ++line;
        if (!l.empty() && l.back() == '\r')
            l.remove_suffix(1);
        if (l.empty() || (line == 1 && l.substr(0, 8) == "#version"))
            continue;
        std::vector<std::string_view> parts;
        std::size_t k = 0;
        while (k < l.size()) {
            while (k < l.size() && (l[k] == ' ' || l[k] == '\t'))
                ++k;
            const std::size_t start = k;
            while (k < l.size() && l[k] != ' ' && l[k] != '\t')
                ++k;
            if (k > start)
                parts.push_back(l.substr(start, k - start));
        }
        if (parts.size() != 2)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn",
                                  "%1: line %2 is not two tokens separated by a space (\"%3\")"),
                mergesName, line, l.substr(0, 80));
        pairs.emplace_back(std::string(parts[0]), std::string(parts[1]));
    }
    try {
        return std::make_unique<Gpt2Tokenizer>(std::move(vocab), std::move(pairs), mergesName);
    } catch (const Error &e) {
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 (vocabulary: %2)"), e, vocabName);
    }
}

std::unique_ptr<Gpt2Tokenizer> Gpt2Tokenizer::fromFiles(const std::string &vocabJsonPath,
                                                        const std::string &mergesPath)
{
    const std::string vocab = readFile(vocabJsonPath); // in this order: errors name the first
    const std::string merges = readFile(mergesPath);
    return fromText(vocab, merges, vocabJsonPath, mergesPath);
}

std::unique_ptr<Gpt2Tokenizer> Gpt2Tokenizer::fromTokenizerJsonText(std::string_view text,
                                                                    const std::string &name)
{
    const nlohmann::json j = parseJson(text, name);
    if (!j.is_object())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: expected a JSON object"), name);
    const auto model = j.find("model");
    if (model == j.end() || !model->is_object())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: no \"model\" object"), name);
    if (const auto type = model->find("type"); type != model->end()) {
        if (!type->is_string() || type->get<std::string>() != "BPE")
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn",
                    "%1: model.type is %2; only byte-level \"BPE\" (GPT-2) tokenizers can be read"),
                name, type->dump());
    }
    const auto vocabIt = model->find("vocab");
    if (vocabIt == model->end())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: no model.vocab"), name);
    std::vector<std::string> vocab = vocabFromObject(*vocabIt, name + " (model.vocab)");
    if (const auto added = j.find("added_tokens"); added != j.end() && added->is_array()) {
        for (const auto &t : *added) {
            if (!t.is_object() || !t.contains("id") || !t.contains("content") ||
                !t["id"].is_number_integer() || !t["content"].is_string())
                throw Error::fmt(
                    QT_TRANSLATE_NOOP("attn", "%1: an added_tokens entry lacks an integer \"id\" "
                                              "and a string \"content\""),
                    name);
            const auto id = t["id"].get<long long>();
            const auto content = t["content"].get<std::string>();
            if (id >= 0 && id < static_cast<long long>(vocab.size())) {
                if (vocab[static_cast<std::size_t>(id)] != content)
                    throw Error::fmt(
                        QT_TRANSLATE_NOOP(
                            "attn",
                            "%1: added token \"%2\" has id %3, which model.vocab gives to \"%4\""),
                        name, content, id, vocab[static_cast<std::size_t>(id)]);
            } else if (id == static_cast<long long>(vocab.size())) {
                vocab.push_back(content);
            } else {
                throw Error::fmt(
                    QT_TRANSLATE_NOOP("attn",
                                      "%1: added token \"%2\" has id %3; the next free id is %4"),
                    name, content, id, vocab.size());
            }
        }
    }
    const auto mergesIt = model->find("merges");
    if (mergesIt == model->end() || !mergesIt->is_array())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: model.merges must be an array"), name);
    std::vector<std::pair<std::string, std::string>> merges;
    merges.reserve(mergesIt->size());
    for (const auto &m : *mergesIt) {
        if (m.is_string()) {
            const std::string s = m.get<std::string>();
            const auto space = s.find(' ');
            if (space == std::string::npos || space == 0 || space + 1 >= s.size() ||
                s.find(' ', space + 1) != std::string::npos)
                throw Error::fmt(
                    QT_TRANSLATE_NOOP("attn",
                                      "%1: model.merges entry %2 is not \"first second\" (\"%3\")"),
                    name, merges.size() + 1, s.substr(0, 80));
            merges.emplace_back(s.substr(0, space), s.substr(space + 1));
        } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
            merges.emplace_back(m[0].get<std::string>(), m[1].get<std::string>());
        } else {
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1: model.merges entry %2 is neither \"first second\" "
                                          "nor [\"first\", \"second\"]"),
                name, merges.size() + 1);
        }
    }
    return std::make_unique<Gpt2Tokenizer>(std::move(vocab), std::move(merges), name);
}

std::unique_ptr<Gpt2Tokenizer> Gpt2Tokenizer::fromTokenizerJson(const std::string &path)
{
    return fromTokenizerJsonText(readFile(path), path);
}

} // namespace attn
