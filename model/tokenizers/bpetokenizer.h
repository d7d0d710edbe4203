#pragma once

#include "tokenizers/tokenizer.h"

#include <cstdint>
#include <unordered_map>
#include <utility>

namespace attn {

// Byte-level BPE with byte fallback: ids 4..259 are the 256 bytes, ids 260.. are merges in
// the order they were learned. Any byte string round-trips exactly. Pre-tokenized with
// splitWords(), so merges never cross a word boundary.
class BpeTokenizer : public Tokenizer {
public:
    static constexpr TokenId ByteBase = SpecialCount;    // byte b -> id 4 + b
    static constexpr int BaseVocab = SpecialCount + 256; // 260

    // Learns merges on `text` until the vocabulary has vocabSize tokens or no pair occurs
    // twice. Training looks at most at the first maxTrainBytes of the text.
    static BpeTokenizer train(std::string_view text, int vocabSize,
                              std::size_t maxTrainBytes = std::size_t(16) << 20);
    explicit BpeTokenizer(std::vector<std::pair<TokenId, TokenId>> merges);

    std::string kind() const override { return "bpe"; }
    std::vector<TokenId> encode(std::string_view text) const override;
    std::string decode(const std::vector<TokenId> &ids) const override;
    int vocabSize() const override { return BaseVocab + static_cast<int>(m_merges.size()); }
    std::string tokenText(TokenId id) const override;
    nlohmann::json toJson() const override;
    static std::unique_ptr<BpeTokenizer> fromJsonObject(const nlohmann::json &j);

    const std::vector<std::pair<TokenId, TokenId>> &merges() const { return m_merges; }
    // The bytes of a token (empty for specials).
    const std::string &tokenBytes(TokenId id) const;

private:
    void encodePiece(std::string_view piece, std::vector<TokenId> &out) const;
    static std::uint64_t key(TokenId a, TokenId b)
    {
        return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)) << 32) |
               static_cast<std::uint32_t>(b);
    }

    std::vector<std::pair<TokenId, TokenId>> m_merges;
    std::unordered_map<std::uint64_t, int> m_rank; // (a, b) -> merge index
    std::vector<std::string> m_bytes;              // bytes of every token id
};

} // namespace attn
