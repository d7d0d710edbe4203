#include "tokenizers/tokenizer.h"

#include "core/error.h"
#include "tokenizers/bpetokenizer.h"
#include "tokenizers/chartokenizer.h"
#include "tokenizers/gpt2tokenizer.h"
#include "tokenizers/wordtokenizer.h"

#include <nlohmann/json.hpp>

namespace attn {

std::string Tokenizer::specialText(TokenId id) const
{
    switch (id) {
    case Pad:
        return "<pad>";
    case Bos:
        return "<bos>";
    case Eos:
        return "<eos>";
    case Unk:
        return "<unk>";
    default:
        return {};
    }
}

void Tokenizer::checkId(TokenId id) const
{
    if (id < 0 || id >= vocabSize())
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn",
                              "token id %1 is outside the %2 tokenizer's vocabulary (0..%3)"),
            std::to_string(id), kind(), std::to_string(vocabSize() - 1));
}

std::unique_ptr<Tokenizer> Tokenizer::fromJson(const nlohmann::json &j)
{
    if (!j.is_object())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "tokenizer: expected a JSON object"));
    const auto kindIt = j.find("kind");
    if (kindIt == j.end() || !kindIt->is_string())
        throw Error::fmt(QT_TRANSLATE_NOOP(
            "attn", "tokenizer: missing \"kind\" (expected \"char\", \"word\" or \"bpe\")"));
    const auto versionIt = j.find("version");
    if (versionIt == j.end() || !versionIt->is_number_integer() || versionIt->get<long long>() != 1)
        throw Error::fmt(QT_TRANSLATE_NOOP(
            "attn", "tokenizer: unknown or missing \"version\" (this build reads version 1)"));
    const auto kind = kindIt->get<std::string>();
    if (kind == "char")
        return CharTokenizer::fromJsonObject(j);
    if (kind == "word")
        return WordTokenizer::fromJsonObject(j);
    if (kind == "bpe")
        return BpeTokenizer::fromJsonObject(j);
    if (kind == "gpt2")
        return Gpt2Tokenizer::fromJsonObject(j);
    throw Error::fmt(
        QT_TRANSLATE_NOOP(
            "attn", "tokenizer: unknown kind \"%1\" (expected \"char\", \"word\" or \"bpe\")"),
        kind);
}

std::unique_ptr<Tokenizer> buildTokenizer(const std::string &kind, std::string_view text,
                                          int vocabSize, int minCount)
{
    if (vocabSize < 0)
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "tokenizer: vocabulary size must not be negative (got %1)"),
            std::to_string(vocabSize));
    if (kind == "char")
        return std::make_unique<CharTokenizer>(CharTokenizer::build(text, vocabSize, minCount));
    if (kind == "word")
        return std::make_unique<WordTokenizer>(WordTokenizer::build(text, vocabSize, minCount));
    if (kind == "bpe") {
        if (vocabSize < BpeTokenizer::BaseVocab)
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "tokenizer: a BPE vocabulary needs at least "
                                                       "%1 tokens (4 special + 256 bytes); got %2"),
                             std::to_string(BpeTokenizer::BaseVocab), std::to_string(vocabSize));
        return std::make_unique<BpeTokenizer>(BpeTokenizer::train(text, vocabSize));
    }
    throw Error::fmt(
        QT_TRANSLATE_NOOP(
            "attn", "tokenizer: unknown kind \"%1\" (expected \"char\", \"word\" or \"bpe\")"),
        kind);
}

} // namespace attn
