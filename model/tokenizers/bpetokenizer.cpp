#include "tokenizers/bpetokenizer.h"

#include "core/error.h"
#include "text/utf8.h"
#include "tokenizers/wordtokenizer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <limits>

namespace attn {

namespace {

// Pieces longer than this are encoded in chunks (cut at code point starts), which keeps
// encoding linear on hostile input (one 100 MB "word") and bounds the token length.
constexpr std::size_t MaxChunk = 128;
// No token may be longer than this (a hostile merge list could double lengths each step).
constexpr std::size_t MaxTokenBytes = 1024;
constexpr std::size_t MaxMerges = 1 << 20;

template <typename F> void forEachChunk(std::string_view piece, F &&f)
{
    while (piece.size() > MaxChunk) {
        std::size_t cut = MaxChunk;
        while (cut > 1 && (static_cast<unsigned char>(piece[cut]) & 0xC0u) == 0x80u)
            --cut;
        f(piece.substr(0, cut));
        piece.remove_prefix(cut);
    }
    if (!piece.empty())
        f(piece);
}

} // namespace

BpeTokenizer::BpeTokenizer(std::vector<std::pair<TokenId, TokenId>> merges)
    : m_merges(std::move(merges))
{
    if (m_merges.size() > MaxMerges)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "BPE tokenizer: %1 merges; at most %2 are allowed"),
            std::to_string(m_merges.size()), std::to_string(MaxMerges));
    m_bytes.resize(static_cast<std::size_t>(BaseVocab) + m_merges.size());
    for (int b = 0; b < 256; ++b)
        m_bytes[static_cast<std::size_t>(ByteBase + b)] = std::string(1, static_cast<char>(b));
    m_rank.reserve(m_merges.size());
    for (std::size_t i = 0; i < m_merges.size(); ++i) {
        const auto [a, b] = m_merges[i];
        const auto id = static_cast<TokenId>(BaseVocab + static_cast<int>(i));
        if (a < ByteBase || b < ByteBase || a >= id || b >= id)
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "BPE tokenizer: merge %1 (%2, %3) refers to "
                                                       "a token that is not defined before it"),
                             std::to_string(i), std::to_string(a), std::to_string(b));
        if (!m_rank.emplace(key(a, b), static_cast<int>(i)).second)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "BPE tokenizer: merge %1 (%2, %3) appears twice"),
                std::to_string(i), std::to_string(a), std::to_string(b));
        const auto &sa = m_bytes[static_cast<std::size_t>(a)];
        const auto &sb = m_bytes[static_cast<std::size_t>(b)];
        if (sa.size() + sb.size() > MaxTokenBytes)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn",
                                  "BPE tokenizer: merge %1 makes a token longer than %2 bytes"),
                std::to_string(i), std::to_string(MaxTokenBytes));
        m_bytes[static_cast<std::size_t>(id)] = sa + sb;
    }
}

BpeTokenizer BpeTokenizer::train(std::string_view text, int vocabSize, std::size_t maxTrainBytes)
{
    if (vocabSize < BaseVocab)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "BPE tokenizer: the vocabulary size must be at least %1 (got %2)"),
            std::to_string(BaseVocab), std::to_string(vocabSize));
    if (text.size() > maxTrainBytes) {
        std::size_t cut = maxTrainBytes;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0u) == 0x80u)
            --cut;
        text = text.substr(0, cut);
    }
    // Unique chunks with their counts; each a sequence of symbols.
    std::unordered_map<std::string_view, std::int64_t> counts;
    forEachWord(text, [&](std::string_view piece) {
        forEachChunk(piece, [&](std::string_view c) { ++counts[c]; });
    });
    std::vector<std::string_view> order;
    order.reserve(counts.size());
    for (const auto &kv : counts)
        order.push_back(kv.first);
    std::sort(order.begin(), order.end()); // deterministic whatever the hash order
    std::vector<std::vector<TokenId>> words;
    std::vector<std::int64_t> freq;
    words.reserve(order.size());
    for (auto w : order) {
        std::vector<TokenId> syms;
        syms.reserve(w.size());
        for (char c : w)
            syms.push_back(ByteBase + static_cast<unsigned char>(c));
        words.push_back(std::move(syms));
        freq.push_back(counts[w]);
    }

    std::unordered_map<std::uint64_t, std::int64_t> pairs;
    // pair -> the words it may occur in (entries can be stale; checked on use).
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> where;
    auto addPairs = [&](std::size_t wi, std::int64_t f) {
        const auto &w = words[wi];
        for (std::size_t i = 0; i + 1 < w.size(); ++i) {
            if (f > 0)
                where[key(w[i], w[i + 1])].push_back(static_cast<std::uint32_t>(wi));
            auto &c = pairs[key(w[i], w[i + 1])];
            c += f;
            if (c == 0)
                pairs.erase(key(w[i], w[i + 1]));
        }
    };
    for (std::size_t i = 0; i < words.size(); ++i)
        addPairs(i, freq[i]);

    std::vector<std::pair<TokenId, TokenId>> merges;
    while (BaseVocab + static_cast<int>(merges.size()) < vocabSize) {
        std::uint64_t best = 0;
        std::int64_t bestCount = 1;
        for (const auto &[k, c] : pairs)
            if (c > bestCount || (c == bestCount && c > 1 && k < best)) {
                best = k;
                bestCount = c;
            }
        if (bestCount < 2)
            break;
        const auto a = static_cast<TokenId>(best >> 32);
        const auto b = static_cast<TokenId>(best & 0xffffffffu);
        const auto id = static_cast<TokenId>(BaseVocab + static_cast<int>(merges.size()));
        merges.emplace_back(a, b);
        std::vector<std::uint32_t> candidates = std::move(where[best]);
        where.erase(best);
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        for (const std::uint32_t wi : candidates) {
            auto &w = words[wi];
            bool has = false;
            for (std::size_t i = 0; i + 1 < w.size(); ++i)
                if (w[i] == a && w[i + 1] == b) {
                    has = true;
                    break;
                }
            if (!has)
                continue;
            addPairs(wi, -freq[wi]);
            std::vector<TokenId> merged;
            merged.reserve(w.size());
            for (std::size_t i = 0; i < w.size(); ++i) {
                if (i + 1 < w.size() && w[i] == a && w[i + 1] == b) {
                    merged.push_back(id);
                    ++i;
                } else {
                    merged.push_back(w[i]);
                }
            }
            w = std::move(merged);
            addPairs(wi, freq[wi]);
        }
    }
    return BpeTokenizer(std::move(merges));
}

void BpeTokenizer::encodePiece(std::string_view piece, std::vector<TokenId> &out) const
{
    std::vector<TokenId> syms;
    syms.reserve(piece.size());
    for (char c : piece)
        syms.push_back(ByteBase + static_cast<unsigned char>(c));
    while (syms.size() > 1) {
        int bestRank = std::numeric_limits<int>::max();
        for (std::size_t i = 0; i + 1 < syms.size(); ++i) {
            const auto it = m_rank.find(key(syms[i], syms[i + 1]));
            if (it != m_rank.end() && it->second < bestRank)
                bestRank = it->second;
        }
        if (bestRank == std::numeric_limits<int>::max())
            break;
        const auto [a, b] = m_merges[static_cast<std::size_t>(bestRank)];
        const auto id = static_cast<TokenId>(BaseVocab + bestRank);
        std::size_t o = 0;
        for (std::size_t i = 0; i < syms.size(); ++i) {
            if (i + 1 < syms.size() && syms[i] == a && syms[i + 1] == b) {
                syms[o++] = id;
                ++i;
            } else {
                syms[o++] = syms[i];
            }
        }
        syms.resize(o);
    }
    out.insert(out.end(), syms.begin(), syms.end());
}

std::vector<TokenId> BpeTokenizer::encode(std::string_view text) const
{
    std::vector<TokenId> ids;
    ids.reserve(text.size() / 3 + 1);
    // Words repeat: each distinct chunk is merged once per call (bounded cache).
    std::unordered_map<std::string_view, std::pair<std::size_t, std::size_t>> seen;
    forEachWord(text, [&](std::string_view piece) {
        forEachChunk(piece, [&](std::string_view c) {
            if (const auto it = seen.find(c); it != seen.end()) {
                const auto [from, count] = it->second;
                for (std::size_t i = 0; i < count; ++i) {
                    const TokenId id = ids[from + i]; // copied: push_back may reallocate
                    ids.push_back(id);
                }
                return;
            }
            const std::size_t from = ids.size();
            encodePiece(c, ids);
            if (seen.size() < (std::size_t(1) << 20))
                seen.emplace(c, std::make_pair(from, ids.size() - from));
        });
    });
    return ids;
}

std::string BpeTokenizer::decode(const std::vector<TokenId> &ids) const
{
    std::string out;
    for (TokenId id : ids) {
        checkId(id);
        if (id >= SpecialCount)
            out += m_bytes[static_cast<std::size_t>(id)];
        else if (id == Unk)
            utf8::append(out, 0xFFFD);
    }
    return out;
}

const std::string &BpeTokenizer::tokenBytes(TokenId id) const
{
    checkId(id);
    return m_bytes[static_cast<std::size_t>(id)];
}

std::string BpeTokenizer::tokenText(TokenId id) const
{
    checkId(id);
    if (id < SpecialCount)
        return specialText(id);
    const std::string &s = m_bytes[static_cast<std::size_t>(id)];
    std::string out;
    std::size_t pos = 0;
    char buf[8];
    while (pos < s.size()) {
        char32_t cp = 0;
        const std::size_t len = utf8::decodeOne(s, pos, cp);
        if (len == 0) {
            std::snprintf(buf, sizeof buf, "<0x%02X>", static_cast<unsigned char>(s[pos]));
            out += buf;
            ++pos;
        } else {
            out.append(s, pos, len);
            pos += len;
        }
    }
    return out;
}

nlohmann::json BpeTokenizer::toJson() const
{
    nlohmann::json merges = nlohmann::json::array();
    for (const auto &[a, b] : m_merges)
        merges.push_back({a, b});
    return {{"kind", "bpe"}, {"version", 1}, {"merges", merges}};
}

std::unique_ptr<BpeTokenizer> BpeTokenizer::fromJsonObject(const nlohmann::json &j)
{
    const auto it = j.find("merges");
    if (it == j.end() || !it->is_array())
        throw Error::fmt(QT_TRANSLATE_NOOP(
            "attn", "BPE tokenizer: missing \"merges\" array of [a, b] id pairs"));
    if (it->size() > MaxMerges)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "BPE tokenizer: %1 merges; at most %2 are allowed"),
            std::to_string(it->size()), std::to_string(MaxMerges));
    std::vector<std::pair<TokenId, TokenId>> merges;
    merges.reserve(it->size());
    for (const auto &m : *it) {
        if (!m.is_array() || m.size() != 2 || !m[0].is_number_integer() ||
            !m[1].is_number_integer())
            throw Error::fmt(QT_TRANSLATE_NOOP(
                "attn", "BPE tokenizer: each merge must be a pair of integer ids"));
        const auto a = m[0].get<long long>();
        const auto b = m[1].get<long long>();
        if (a < 0 || b < 0 || a > (1 << 30) || b > (1 << 30))
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "BPE tokenizer: merge ids out of range"));
        merges.emplace_back(static_cast<TokenId>(a), static_cast<TokenId>(b));
    }
    return std::make_unique<BpeTokenizer>(std::move(merges));
}

} // namespace attn
