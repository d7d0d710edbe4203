#pragma once

#include "core/batch.h"

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace attn {

// Text <-> token ids. Every tokenizer reserves the same four special ids; the rest of the
// vocabulary follows them. A tokenizer is stored as JSON in a model file's metadata.
class Tokenizer {
public:
    static constexpr TokenId Pad = PadId;
    static constexpr TokenId Bos = BosId;
    static constexpr TokenId Eos = EosId;
    static constexpr TokenId Unk = UnkId;
    static constexpr int SpecialCount = SpecialIdCount;

    virtual ~Tokenizer() = default;

    // "char", "word", "bpe" or "gpt2" (a pretrained GPT-2 vocabulary: its ids are GPT-2's,
    // so 0..3 are ordinary tokens there, not the specials below).
    virtual std::string kind() const = 0;
    // Text (UTF-8) to ids; never emits <pad>/<bos>/<eos>; what is not in the vocabulary
    // becomes <unk> (the BPE tokenizer has none: every byte has a token).
    virtual std::vector<TokenId> encode(std::string_view text) const = 0;
    // Ids to text. <pad>, <bos>, <eos> decode to nothing, <unk> to U+FFFD.
    // decode(encode(t)) == t for any text within the vocabulary (for BPE: any text).
    // Throws attn::Error for an id outside [0, vocabSize()).
    virtual std::string decode(const std::vector<TokenId> &ids) const = 0;
    virtual int vocabSize() const = 0;
    // The text of one token ("<pad>" etc. for specials; raw bytes of a BPE piece, with bytes
    // that are not valid UTF-8 on their own shown as "<0xE4>"). Use utf8::displayText() to
    // make whitespace visible in labels.
    virtual std::string tokenText(TokenId id) const = 0;
    // {"kind": ..., "version": 1, ...}; fromJson() reverses it.
    virtual nlohmann::json toJson() const = 0;
    // The token that ends a text (generation stops after it): <eos> here; a pretrained
    // vocabulary with ids of its own (GPT-2: <|endoftext|>, 50256) overrides it; -1: none.
    virtual TokenId eosId() const { return Eos; }

    // Builds a tokenizer from toJson() output; the JSON is treated as hostile (it comes from
    // a file): wrong types, duplicate tokens, out-of-range ids -> attn::Error.
    static std::unique_ptr<Tokenizer> fromJson(const nlohmann::json &j);

    std::string specialText(TokenId id) const; // "<pad>" "<bos>" "<eos>" "<unk>"

protected:
    void checkId(TokenId id) const;
};

// Builds a tokenizer of `kind` ("char", "word", "bpe") from a training text.
// vocabSize: the BPE target size (>= 260); for char/word a maximum (0 = no limit, keep the
// most frequent tokens). minCount: char/word tokens seen fewer times become <unk>.
std::unique_ptr<Tokenizer> buildTokenizer(const std::string &kind, std::string_view text,
                                          int vocabSize = 0, int minCount = 1);

} // namespace attn
