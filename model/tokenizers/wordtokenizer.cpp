#include "tokenizers/wordtokenizer.h"

#include "core/error.h"
#include "text/utf8.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace attn {

namespace {

enum class WordClass { Space, Word, Single, Joiner, Invalid };

WordClass classify(char32_t c)
{
    if (utf8::isSpace(c))
        return WordClass::Space;
    if (utf8::isJoiner(c))
        return WordClass::Joiner;
    if (utf8::isCjkIdeograph(c) || utf8::isKana(c) || utf8::isPunctuation(c) || utf8::isEmoji(c) ||
        c < 0x20 || c == 0x7F)
        return WordClass::Single;
    return WordClass::Word;
}

struct WordCursor {
    std::string_view s;
    // The class and byte length of the code point at pos (an invalid byte: length 1).
    WordClass at(std::size_t pos, std::size_t &len, char32_t &cp) const
    {
        len = utf8::decodeOne(s, pos, cp);
        if (len == 0) {
            len = 1;
            cp = 0xFFFD;
            return WordClass::Invalid;
        }
        return classify(cp);
    }
};

} // namespace

std::vector<std::string_view> splitWords(std::string_view text)
{
    std::vector<std::string_view> pieces;
    forEachWord(text, [&](std::string_view piece) { pieces.push_back(piece); });
    return pieces;
}

void forEachWord(std::string_view text, const std::function<void(std::string_view)> &emit)
{
    const WordCursor cur{text};
    const std::size_t n = text.size();
    std::size_t pos = 0;
    while (pos < n) {
        const std::size_t start = pos;
        std::size_t len = 0;
        char32_t cp = 0;
        WordClass cls = cur.at(pos, len, cp);

        if (cp == ' ' && pos + 1 < n) {
            // A single space attaches to the word, mark or symbol that follows it.
            std::size_t l2 = 0;
            char32_t c2 = 0;
            const WordClass next = cur.at(pos + 1, l2, c2);
            if (next != WordClass::Space) {
                pos += 1;
                cls = next;
                len = l2;
                cp = c2;
            }
        }
        if (cls == WordClass::Space) {
            // A whitespace run; its last space stays for the next piece when a word follows.
            std::size_t end = pos + len;
            std::size_t lastStart = pos;
            while (end < n) {
                std::size_t l = 0;
                char32_t c = 0;
                if (cur.at(end, l, c) != WordClass::Space)
                    break;
                lastStart = end;
                end += l;
            }
            if (end < n && lastStart > pos && text[lastStart] == ' ')
                end = lastStart;
            emit(text.substr(start, end - start));
            pos = end;
            continue;
        }
        pos += len;
        if (cls == WordClass::Invalid) {
            emit(text.substr(start, pos - start));
            continue;
        }
        if (cls == WordClass::Word || cls == WordClass::Joiner) {
            while (pos < n) {
                std::size_t l = 0;
                char32_t c = 0;
                const WordClass k = cur.at(pos, l, c);
                if (k != WordClass::Word && k != WordClass::Joiner)
                    break;
                pos += l;
            }
        } else { // Single: its joiners, and after a ZWJ the next code point too
            bool afterZwj = false;
            while (pos < n) {
                std::size_t l = 0;
                char32_t c = 0;
                const WordClass k = cur.at(pos, l, c);
                if (k == WordClass::Joiner ||
                    (afterZwj && k != WordClass::Space && k != WordClass::Invalid)) {
                    afterZwj = c == 0x200D;
                    pos += l;
                } else {
                    break;
                }
            }
        }
        emit(text.substr(start, pos - start));
    }
}

WordTokenizer WordTokenizer::build(std::string_view text, int maxVocab, int minCount)
{
    std::unordered_map<std::string_view, std::size_t> counts;
    forEachWord(text, [&](std::string_view piece) { ++counts[piece]; });
    std::vector<std::pair<std::string_view, std::size_t>> items;
    for (const auto &[w, n] : counts)
        if (n >= static_cast<std::size_t>(std::max(minCount, 1)) && utf8::isValid(w))
            items.emplace_back(w, n);
    std::sort(items.begin(), items.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (maxVocab > 0) {
        const auto keep = static_cast<std::size_t>(std::max(maxVocab - SpecialCount, 0));
        if (items.size() > keep)
            items.resize(keep);
    }
    std::vector<std::string> words;
    words.reserve(items.size());
    for (const auto &it : items)
        words.emplace_back(it.first);
    return WordTokenizer(std::move(words));
}

WordTokenizer::WordTokenizer(std::vector<std::string> words) : m_words(std::move(words))
{
    for (std::size_t i = 0; i < m_words.size(); ++i) {
        if (m_words[i].empty())
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "word tokenizer: the vocabulary holds an empty word"));
        if (!m_ids.emplace(m_words[i], static_cast<TokenId>(SpecialCount + i)).second)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "word tokenizer: \"%1\" appears twice in the vocabulary"),
                utf8::displayText(m_words[i]));
    }
}

std::vector<TokenId> WordTokenizer::encode(std::string_view text) const
{
    std::vector<TokenId> ids;
    forEachWord(text, [&](std::string_view piece) {
        const auto it = m_ids.find(std::string(piece));
        if (it != m_ids.end()) {
            ids.push_back(it->second);
            return;
        }
        // " word" unknown but "word" known (or the reverse split): keep what is known.
        if (piece.size() > 1 && piece[0] == ' ') {
            const auto sp = m_ids.find(" ");
            const auto rest = m_ids.find(std::string(piece.substr(1)));
            if (sp != m_ids.end() && rest != m_ids.end()) {
                ids.push_back(sp->second);
                ids.push_back(rest->second);
                return;
            }
        }
        ids.push_back(Unk);
    });
    return ids;
}

std::string WordTokenizer::decode(const std::vector<TokenId> &ids) const
{
    std::string out;
    for (TokenId id : ids) {
        checkId(id);
        if (id >= SpecialCount)
            out += m_words[static_cast<std::size_t>(id - SpecialCount)];
        else if (id == Unk)
            utf8::append(out, 0xFFFD);
    }
    return out;
}

std::string WordTokenizer::tokenText(TokenId id) const
{
    checkId(id);
    if (id < SpecialCount)
        return specialText(id);
    return m_words[static_cast<std::size_t>(id - SpecialCount)];
}

nlohmann::json WordTokenizer::toJson() const
{
    return {{"kind", "word"}, {"version", 1}, {"words", m_words}};
}

std::unique_ptr<WordTokenizer> WordTokenizer::fromJsonObject(const nlohmann::json &j)
{
    const auto it = j.find("words");
    if (it == j.end() || !it->is_array())
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "word tokenizer: missing \"words\" array of strings"));
    std::vector<std::string> words;
    words.reserve(it->size());
    for (const auto &v : *it) {
        if (!v.is_string())
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "word tokenizer: \"words\" must hold strings only"));
        words.push_back(v.get<std::string>());
    }
    return std::make_unique<WordTokenizer>(std::move(words));
}

} // namespace attn
