#include "tokenizers/chartokenizer.h"

#include "core/error.h"
#include "text/utf8.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace attn {

CharTokenizer CharTokenizer::build(std::string_view text, int maxVocab, int minCount)
{
    std::unordered_map<char32_t, std::size_t> counts;
    utf8::forEach(text, [&](char32_t c) { ++counts[c]; });
    std::vector<std::pair<char32_t, std::size_t>> items;
    for (const auto &[c, n] : counts)
        if (n >= static_cast<std::size_t>(std::max(minCount, 1)))
            items.emplace_back(c, n);
    if (maxVocab > 0) {
        const auto keep = static_cast<std::size_t>(std::max(maxVocab - SpecialCount, 0));
        if (items.size() > keep) {
            // Most frequent first; ties by code point, so the choice is deterministic.
            std::sort(items.begin(), items.end(), [](const auto &a, const auto &b) {
                return a.second != b.second ? a.second > b.second : a.first < b.first;
            });
            items.resize(keep);
        }
    }
    std::vector<char32_t> chars;
    chars.reserve(items.size());
    for (const auto &it : items)
        chars.push_back(it.first);
    std::sort(chars.begin(), chars.end());
    return CharTokenizer(std::move(chars));
}

CharTokenizer::CharTokenizer(std::vector<char32_t> chars) : m_chars(std::move(chars))
{
    for (std::size_t i = 0; i < m_chars.size(); ++i) {
        const char32_t c = m_chars[i];
        if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "char tokenizer: %1 is not a Unicode scalar value"),
                std::to_string(static_cast<unsigned long>(c)));
        if (!m_ids.emplace(c, static_cast<TokenId>(SpecialCount + i)).second)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn",
                                  "char tokenizer: character U+%1 appears twice in the vocabulary"),
                std::to_string(static_cast<unsigned long>(c)));
    }
}

std::vector<TokenId> CharTokenizer::encode(std::string_view text) const
{
    std::vector<TokenId> ids;
    ids.reserve(text.size());
    utf8::forEach(text, [&](char32_t c) {
        const auto it = m_ids.find(c);
        ids.push_back(it == m_ids.end() ? Unk : it->second);
    });
    return ids;
}

std::string CharTokenizer::decode(const std::vector<TokenId> &ids) const
{
    std::string out;
    for (TokenId id : ids) {
        checkId(id);
        if (id >= SpecialCount)
            utf8::append(out, m_chars[static_cast<std::size_t>(id - SpecialCount)]);
        else if (id == Unk)
            utf8::append(out, 0xFFFD);
    }
    return out;
}

std::string CharTokenizer::tokenText(TokenId id) const
{
    checkId(id);
    if (id < SpecialCount)
        return specialText(id);
    return utf8::encode(m_chars[static_cast<std::size_t>(id - SpecialCount)]);
}

nlohmann::json CharTokenizer::toJson() const
{
    nlohmann::json chars = nlohmann::json::array();
    for (char32_t c : m_chars)
        chars.push_back(static_cast<std::uint32_t>(c));
    return {{"kind", "char"}, {"version", 1}, {"chars", chars}};
}

std::unique_ptr<CharTokenizer> CharTokenizer::fromJsonObject(const nlohmann::json &j)
{
    const auto it = j.find("chars");
    if (it == j.end() || !it->is_array())
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "char tokenizer: missing \"chars\" array of code points"));
    std::vector<char32_t> chars;
    chars.reserve(it->size());
    for (const auto &v : *it) {
        if (!v.is_number_unsigned() || v.get<std::uint64_t>() > 0x10FFFF)
            throw Error::fmt(QT_TRANSLATE_NOOP(
                "attn", "char tokenizer: \"chars\" must hold code points 0..0x10FFFF"));
        chars.push_back(static_cast<char32_t>(v.get<std::uint64_t>()));
    }
    return std::make_unique<CharTokenizer>(std::move(chars));
}

} // namespace attn
