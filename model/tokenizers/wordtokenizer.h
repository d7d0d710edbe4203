#pragma once

#include "tokenizers/tokenizer.h"

#include <functional>
#include <unordered_map>

namespace attn {

// Splits text into pieces that concatenate back to the text exactly:
//  - a run of letters/digits (anything not listed below), with its combining marks;
//  - each CJK ideograph, each kana, each punctuation mark, each emoji (with its
//    modifiers, variation selectors and ZWJ sequences) on its own;
//  - one space directly before any of those is attached to it (" the", " 猫");
//  - any other whitespace run is a piece of its own ("\n", "  ").
// Used by the word tokenizer and as the BPE pre-tokenizer.
std::vector<std::string_view> splitWords(std::string_view text);
// The same pieces, one call each, without a vector of them (for large texts).
void forEachWord(std::string_view text, const std::function<void(std::string_view)> &emit);

// One token per piece of splitWords(). Round-trips exactly on text whose pieces are all in
// the vocabulary; other pieces become <unk>.
class WordTokenizer : public Tokenizer {
public:
    // Pieces seen at least minCount times, at most maxVocab - 4 (0 = all) keeping the most
    // frequent (ties: byte order); ids in frequency order.
    static WordTokenizer build(std::string_view text, int maxVocab = 0, int minCount = 1);
    explicit WordTokenizer(std::vector<std::string> words); // ids 4.. in the given order

    std::string kind() const override { return "word"; }
    std::vector<TokenId> encode(std::string_view text) const override;
    std::string decode(const std::vector<TokenId> &ids) const override;
    int vocabSize() const override { return SpecialCount + static_cast<int>(m_words.size()); }
    std::string tokenText(TokenId id) const override;
    nlohmann::json toJson() const override;
    static std::unique_ptr<WordTokenizer> fromJsonObject(const nlohmann::json &j);

private:
    std::vector<std::string> m_words;
    std::unordered_map<std::string, TokenId> m_ids;
};

} // namespace attn
