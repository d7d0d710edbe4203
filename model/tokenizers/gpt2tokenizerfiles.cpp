// Gpt2Tokenizer from files: vocab.json and merges.txt, a Hugging Face tokenizer.json, or
// the JSON object a model file stores (toJson()). Every defect is an attn::Error that names
// the file and the entry.

#include "tokenizers/gpt2tokenizer.h"

#include "core/error.h"
#include "text/textfile.h"

#include <nlohmann/json.hpp>

namespace attn {

namespace {

std::string readFile(const std::string &path)
{
    return readTextFile(path).text;
}

// {"token": id, ...} with ids exactly 0..n-1 -> tokens by id.
std::vector<std::string> vocabFromObject(const nlohmann::json &v, const std::string &name)
{
    if (!v.is_object())
        throw Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: the vocabulary must be a JSON object of \"token\": id"),
            name);
    std::vector<std::string> vocab(v.size());
    std::vector<char> taken(v.size(), 0);
    for (const auto &[token, id] : v.items()) {
        if (!id.is_number_integer())
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1: the id of token \"%2\" is not an integer"), name,
                token);
        const auto i = id.get<long long>();
        if (i < 0 || i >= static_cast<long long>(v.size()))
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn",
                    "%1: token \"%2\" has id %3; ids must be 0..%4 (one per token, no gaps)"),
                name, token, i, v.size() - 1);
        if (taken[static_cast<std::size_t>(i)])
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1: id %2 is given to \"%3\" and to \"%4\""), name, i,
                token, vocab[static_cast<std::size_t>(i)]);
        taken[static_cast<std::size_t>(i)] = 1;
        vocab[static_cast<std::size_t>(i)] = token;
    }
    return vocab;
}

nlohmann::json parseJson(std::string_view text, const std::string &name)
{
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception &e) {
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: not valid JSON (%2)"), name, e.what());
    }
}

} // namespace

std::unique_ptr<Gpt2Tokenizer> Gpt2Tokenizer::fromJsonObject(const nlohmann::json &j)
{
    const auto vocabIt = j.find("vocab");
    const auto mergesIt = j.find("merges");
    if (vocabIt == j.end() || !vocabIt->is_array())
        throw Error::fmt(QT_TRANSLATE_NOOP(
            "attn", "gpt2 tokenizer: \"vocab\" must be an array of token strings"));
    if (mergesIt == j.end() || !mergesIt->is_array())
        throw Error::fmt(QT_TRANSLATE_NOOP(
            "attn", "gpt2 tokenizer: \"merges\" must be an array of [first, second] pairs"));
    std::vector<std::string> vocab;
    vocab.reserve(vocabIt->size());
    for (const auto &t : *vocabIt) {
        if (!t.is_string())
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "gpt2 tokenizer: vocab entry %1 is not a string"),
                vocab.size());
        vocab.push_back(t.get<std::string>());
    }
    std::vector<std::pair<std::string, std::string>> merges;
    merges.reserve(mergesIt->size());
    for (const auto &m : *mergesIt) {
        if (!m.is_array() || m.size() != 2 || !m[0].is_string() || !m[1].is_string())
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn", "gpt2 tokenizer: merge %1 is not a [first, second] pair of strings"),
                merges.size() + 1);
        merges.emplace_back(m[0].get<std::string>(), m[1].get<std::string>());
    }
    return std::make_unique<Gpt2Tokenizer>(std::move(vocab), std::move(merges), "gpt2 tokenizer");
}

std::unique_ptr<Gpt2Tokenizer> Gpt2Tokenizer::fromText(std::string_view vocabJson,
                                                       std::string_view merges,
                                                       const std::string &vocabName,
                                                       const std::string &mergesName)
{
    std::vector<std::string> vocab = vocabFromObject(parseJson(vocabJson, vocabName), vocabName);
    std::vector<std::pair<std::string, std::string>> pairs;
    std::size_t line = 0, pos = 0;
    while (pos < merges.size()) {
        std::size_t eol = merges.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = merges.size();
        std::string_view l = merges.substr(pos, eol - pos);
        pos = eol + 1;
        ++line;
        if (!l.empty() && l.back() == '\r')
            l.remove_suffix(1);
        if (l.empty() || (line == 1 && l.substr(0, 8) == "#version"))
            continue;
        std::vector<std::string_view> parts;
        std::size_t k = 0;
        while (k < l.size()) {
            while (k < l.size() && (l[k] == ' ' || l[k] == '\t'))
                ++k;
            const std::size_t start = k;
            while (k < l.size() && l[k] != ' ' && l[k] != '\t')
                ++k;
            if (k > start)
                parts.push_back(l.substr(start, k - start));
        }
        if (parts.size() != 2)
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn",
                                  "%1: line %2 is not two tokens separated by a space (\"%3\")"),
                mergesName, line, l.substr(0, 80));
        pairs.emplace_back(std::string(parts[0]), std::string(parts[1]));
    }
    try {
        return std::make_unique<Gpt2Tokenizer>(std::move(vocab), std::move(pairs), mergesName);
    } catch (const Error &e) {
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1 (vocabulary: %2)"), e, vocabName);
    }
}

std::unique_ptr<Gpt2Tokenizer> Gpt2Tokenizer::fromFiles(const std::string &vocabJsonPath,
                                                        const std::string &mergesPath)
{
    const std::string vocab = readFile(vocabJsonPath); // in this order: errors name the first
    const std::string merges = readFile(mergesPath);
    return fromText(vocab, merges, vocabJsonPath, mergesPath);
}

std::unique_ptr<Gpt2Tokenizer> Gpt2Tokenizer::fromTokenizerJsonText(std::string_view text,
                                                                    const std::string &name)
{
    const nlohmann::json j = parseJson(text, name);
    if (!j.is_object())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: expected a JSON object"), name);
    const auto model = j.find("model");
    if (model == j.end() || !model->is_object())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: no \"model\" object"), name);
    if (const auto type = model->find("type"); type != model->end()) {
        if (!type->is_string() || type->get<std::string>() != "BPE")
            throw Error::fmt(
                QT_TRANSLATE_NOOP(
                    "attn",
                    "%1: model.type is %2; only byte-level \"BPE\" (GPT-2) tokenizers can be read"),
                name, type->dump());
    }
    const auto vocabIt = model->find("vocab");
    if (vocabIt == model->end())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: no model.vocab"), name);
    std::vector<std::string> vocab = vocabFromObject(*vocabIt, name + " (model.vocab)");
    if (const auto added = j.find("added_tokens"); added != j.end() && added->is_array()) {
        for (const auto &t : *added) {
            if (!t.is_object() || !t.contains("id") || !t.contains("content") ||
                !t["id"].is_number_integer() || !t["content"].is_string())
                throw Error::fmt(
                    QT_TRANSLATE_NOOP("attn", "%1: an added_tokens entry lacks an integer \"id\" "
                                              "and a string \"content\""),
                    name);
            const auto id = t["id"].get<long long>();
            const auto content = t["content"].get<std::string>();
            if (id >= 0 && id < static_cast<long long>(vocab.size())) {
                if (vocab[static_cast<std::size_t>(id)] != content)
                    throw Error::fmt(
                        QT_TRANSLATE_NOOP(
                            "attn",
                            "%1: added token \"%2\" has id %3, which model.vocab gives to \"%4\""),
                        name, content, id, vocab[static_cast<std::size_t>(id)]);
            } else if (id == static_cast<long long>(vocab.size())) {
                vocab.push_back(content);
            } else {
                throw Error::fmt(
                    QT_TRANSLATE_NOOP("attn",
                                      "%1: added token \"%2\" has id %3; the next free id is %4"),
                    name, content, id, vocab.size());
            }
        }
    }
    const auto mergesIt = model->find("merges");
    if (mergesIt == model->end() || !mergesIt->is_array())
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: model.merges must be an array"), name);
    std::vector<std::pair<std::string, std::string>> merges;
    merges.reserve(mergesIt->size());
    for (const auto &m : *mergesIt) {
        if (m.is_string()) {
            const std::string s = m.get<std::string>();
            const auto space = s.find(' ');
            if (space == std::string::npos || space == 0 || space + 1 >= s.size() ||
                s.find(' ', space + 1) != std::string::npos)
                throw Error::fmt(
                    QT_TRANSLATE_NOOP("attn",
                                      "%1: model.merges entry %2 is not \"first second\" (\"%3\")"),
                    name, merges.size() + 1, s.substr(0, 80));
            merges.emplace_back(s.substr(0, space), s.substr(space + 1));
        } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
            merges.emplace_back(m[0].get<std::string>(), m[1].get<std::string>());
        } else {
            throw Error::fmt(
                QT_TRANSLATE_NOOP("attn", "%1: model.merges entry %2 is neither \"first second\" "
                                          "nor [\"first\", \"second\"]"),
                name, merges.size() + 1);
        }
    }
    return std::make_unique<Gpt2Tokenizer>(std::move(vocab), std::move(merges), name);
}

std::unique_ptr<Gpt2Tokenizer> Gpt2Tokenizer::fromTokenizerJson(const std::string &path)
{
    return fromTokenizerJsonText(readFile(path), path);
}

} // namespace attn
