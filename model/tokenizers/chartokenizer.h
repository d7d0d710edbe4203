#pragma once

#include "tokenizers/tokenizer.h"

#include <unordered_map>

namespace attn {

// One token per Unicode code point (CJK ideographs, emoji, combining marks: each code
// point its own token). Built from a text; characters not seen become <unk>.
class CharTokenizer : public Tokenizer {
public:
    // The code points of `text` (valid UTF-8), those seen at least minCount times, at most
    // maxVocab - 4 of them (0 = all) keeping the most frequent; ids in code point order.
    static CharTokenizer build(std::string_view text, int maxVocab = 0, int minCount = 1);
    explicit CharTokenizer(std::vector<char32_t> chars); // ids 4.. in the given order

    std::string kind() const override { return "char"; }
    std::vector<TokenId> encode(std::string_view text) const override;
    std::string decode(const std::vector<TokenId> &ids) const override;
    int vocabSize() const override { return SpecialCount + static_cast<int>(m_chars.size()); }
    std::string tokenText(TokenId id) const override;
    nlohmann::json toJson() const override;
    static std::unique_ptr<CharTokenizer> fromJsonObject(const nlohmann::json &j);

    const std::vector<char32_t> &chars() const { return m_chars; }

private:
    std::vector<char32_t> m_chars;
    std::unordered_map<char32_t, TokenId> m_ids;
};

} // namespace attn
