#pragma once

#include "tokenizers/tokenizer.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace attn {

// One token of a sequence as a view shows it (Gpt2Tokenizer::display()).
struct TokenDisplay {
    // Readable text of the token: the characters it holds whole, with ' ' shown as "␣",
    // '\n' as "⏎", '\t' as "⇥", '\r' as "␍"; the bytes of a character that is split over
    // several tokens as "<E4>" each; bytes that are not UTF-8 at all as "<0xNN>".
    std::string text;
    // Tokens that share a character (a Chinese character or an emoji split over byte
    // tokens) share a group; every other token is a group of its own. Groups are numbered
    // 0, 1, 2, ... in order, so a view draws a bracket over the tokens of one group.
    int group = 0;
    // What the whole group spells, readable as text above (e.g. "你" for the two or three
    // tokens of 你); equal to text for a group of one token.
    std::string groupText;
    // The token's raw bytes in hex: "E4 BD".
    std::string bytesHex;
};

// GPT-2's byte-level BPE (OpenAI's encoder.py; Hugging Face's GPT2Tokenizer), matching
// the npm package gpt-3-encoder 1.1.4 token for token:
//  - text is split by the pattern
//      's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
//    implemented by hand over code points; \p{L}, \p{N} from generated tables
//    (gpt2unicode.inc), \s as in JavaScript (ECMAScript WhiteSpace and LineTerminator);
//    bytes that are not valid UTF-8 count as one character each, neither letter, number
//    nor space (so any byte string encodes, and decode(encode(s)) == s);
//  - each piece's UTF-8 bytes are mapped to the 256 printable stand-ins of
//    bytes_to_unicode() and merged by rank from the merges file; results are cached;
//  - a pair's rank is looked up as gpt-3-encoder does, by the text "first,second": where
//    that text is ambiguous (e.g. ("\",", "\"") and ("\"", ",\"")) the JavaScript
//    reference's choice is kept (GPT-2's Python may differ there).
// "<|endoftext|>" in the input text is not special (as in gpt-3-encoder): it is encoded
// as its characters. Ids are those of vocab.json; ids 0..3 are ordinary tokens here
// ("!", "\"", "#", "$"), not <pad> <bos> <eos> <unk>; eosId() is <|endoftext|>.
// The pattern is in gpt2pretokenizer.cpp, the merges in gpt2merges.cpp, the file readers in
// gpt2tokenizerfiles.cpp, the rest in gpt2tokenizer.cpp.
class Gpt2Tokenizer : public Tokenizer {
public:
    // vocab.json (token -> id) and merges.txt ("#version" line, then "a b" per line).
    static std::unique_ptr<Gpt2Tokenizer> fromFiles(const std::string &vocabJsonPath,
                                                    const std::string &mergesPath);
    // A Hugging Face fast-tokenizer file: model.type "BPE", model.vocab, model.merges
    // ("a b" strings or ["a", "b"] pairs), added_tokens.
    static std::unique_ptr<Gpt2Tokenizer> fromTokenizerJson(const std::string &path);
    // The same from text in memory; the names are used in messages.
    static std::unique_ptr<Gpt2Tokenizer> fromText(std::string_view vocabJson,
                                                   std::string_view merges,
                                                   const std::string &vocabName,
                                                   const std::string &mergesName);
    static std::unique_ptr<Gpt2Tokenizer> fromTokenizerJsonText(std::string_view text,
                                                                const std::string &name);
    // vocab: token strings (in the bytes_to_unicode alphabet) by id; merges in rank order.
    // Throws attn::Error (prefixed with `name`) on duplicates, merges naming unknown
    // tokens, merge results missing from the vocabulary, or a byte without a token.
    Gpt2Tokenizer(std::vector<std::string> vocab,
                  std::vector<std::pair<std::string, std::string>> merges,
                  const std::string &name = "GPT-2 tokenizer");

    std::string kind() const override { return "gpt2"; }
    std::vector<TokenId> encode(std::string_view text) const override;
    // Every token's bytes concatenated; ids outside the vocabulary -> attn::Error. Bytes
    // that do not form valid UTF-8 are kept as they are (decode returns bytes).
    std::string decode(const std::vector<TokenId> &ids) const override;
    int vocabSize() const override { return static_cast<int>(m_vocab.size()); }
    // The token's bytes; bytes not valid UTF-8 on their own as "<0xE4>".
    std::string tokenText(TokenId id) const override;
    TokenId eosId() const override { return m_endOfText; }
    nlohmann::json toJson() const override;
    static std::unique_ptr<Gpt2Tokenizer> fromJsonObject(const nlohmann::json &j);

    // The vocabulary entry as stored in vocab.json ("Ġthe").
    const std::string &tokenString(TokenId id) const;
    // The token's raw bytes (" the").
    const std::string &tokenBytes(TokenId id) const;
    // The id of a vocabulary entry (as in vocab.json), or -1.
    TokenId find(std::string_view token) const;
    // The pre-tokenisation pieces of a text (the regex's matches, as byte ranges' text).
    static std::vector<std::string_view> pretokenize(std::string_view text);
    // Per-token display text and character groups, for views (see TokenDisplay).
    std::vector<TokenDisplay> display(const std::vector<TokenId> &ids) const;
    const std::vector<std::pair<std::string, std::string>> &merges() const { return m_merges; }

    // bytes_to_unicode(): the stand-in code point of a byte, and back (-1: not a stand-in).
    static char32_t byteToUnicode(std::uint8_t b);
    static int unicodeToByte(char32_t cp);
    // \p{L}, \p{N} and JavaScript's \s.
    static bool isLetter(char32_t cp);
    static bool isNumber(char32_t cp);
    static bool isSpace(char32_t cp);

private:
    void encodePiece(std::string_view piece, std::vector<TokenId> &out) const;
    // The merges of a long piece (symbols in, merged symbols out), in O(n log n).
    void mergeLong(std::vector<TokenId> &word) const;

    struct Merge {
        int rank = 0;
        TokenId result = 0;
    };
    static std::uint64_t key(TokenId a, TokenId b)
    {
        return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)) << 32) |
               static_cast<std::uint32_t>(b);
    }

    std::vector<std::string> m_vocab; // token strings by id
    std::vector<std::string> m_bytes; // raw bytes by id
    std::unordered_map<std::string, TokenId> m_ids;
    std::vector<std::pair<std::string, std::string>> m_merges;
    std::unordered_map<std::uint64_t, Merge> m_pairs; // (a, b) -> rank and merged id
    TokenId m_byteId[256] = {};
    TokenId m_endOfText = -1;
    // The cache of encoded pieces (bounded; cleared when full).
    mutable std::mutex m_cacheMutex;
    mutable std::unordered_map<std::string, std::vector<TokenId>> m_cache;
};

} // namespace attn
