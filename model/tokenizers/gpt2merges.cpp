// Gpt2Tokenizer's encoding: each piece of the pre-tokenizer's split, as byte tokens, merged
// by rank (the reference's repeated passes, or a heap for long pieces), with a cache.

#include "tokenizers/gpt2tokenizer.h"

#include <functional>
#include <limits>
#include <queue>

namespace attn {

namespace {

constexpr std::size_t CacheLimit = 65536;
// Pieces longer than this (bytes) are merged with a heap (O(n log n)) instead of the
// reference's repeated passes (O(n^2)), so that a megabyte without a space cannot hang.
constexpr std::size_t LongPiece = 256;

} // namespace

std::vector<TokenId> Gpt2Tokenizer::encode(std::string_view text) const
{
    std::vector<TokenId> out;
    for (const std::string_view piece : pretokenize(text))
        encodePiece(piece, out);
    return out;
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

} // namespace attn
