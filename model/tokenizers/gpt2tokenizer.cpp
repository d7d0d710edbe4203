// Gpt2Tokenizer: the vocabulary with its bytes (bytes_to_unicode()), the merge table,
// decoding and the views' display text. The split pattern is in gpt2pretokenizer.cpp, the
// merges of encode() in gpt2merges.cpp, the readers of vocab.json, merges.txt and
// tokenizer.json in gpt2tokenizerfiles.cpp.

#include "tokenizers/gpt2tokenizer.h"

#include "core/error.h"
#include "text/utf8.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>

namespace attn {

namespace {

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

} // namespace

char32_t Gpt2Tokenizer::byteToUnicode(std::uint8_t b)
{
    return byteTable().toCp[b];
}

int Gpt2Tokenizer::unicodeToByte(char32_t cp)
{
    return cp < 324 ? byteTable().fromCp[cp] : -1;
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
        if (ia < 0 || ib < 0)
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn",
                    "%1: merge %2 (\"%3 %4\") refers to \"%5\", which is not in the vocabulary"),
                name, i + 1, a, b, ia < 0 ? a : b);
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

} // namespace attn
