// Gpt2Tokenizer on small hand-made vocabularies, every expected value worked out by hand
// from GPT-2's rules: the pre-tokenisation pattern, bytes_to_unicode(), rank-ordered
// merges, decoding, the display groups views draw, JSON round trips and hostile files.
// (Agreement with GPT-2's real vocabulary: test_gpt2tokenizer_conformance.)
#include "core/error.h"
#include "text/utf8.h"
#include "tokenizers/gpt2tokenizer.h"

#include <QtTest>

#include <nlohmann/json.hpp>

using namespace attn;

namespace {

using Pieces = std::vector<std::string>;

Pieces pieces(std::string_view text)
{
    Pieces out;
    for (const auto p : Gpt2Tokenizer::pretokenize(text))
        out.emplace_back(p);
    return out;
}

// The 256 byte stand-ins, id = byte, then the merges' results in order.
std::vector<std::string> byteVocab()
{
    std::vector<std::string> v;
    for (int b = 0; b < 256; ++b)
        v.push_back(utf8::encode(Gpt2Tokenizer::byteToUnicode(static_cast<std::uint8_t>(b))));
    return v;
}

// Merges (a b) rank 0 -> "ab" 256, (ab c) rank 1 -> "abc" 257, (b c) rank 2 -> "bc" 258.
Gpt2Tokenizer tiny()
{
    auto v = byteVocab();
    v.push_back("ab");
    v.push_back("abc");
    v.push_back("bc");
    return Gpt2Tokenizer(v, {{"a", "b"}, {"ab", "c"}, {"b", "c"}}, "tiny");
}

void expectError(const std::function<void()> &f, const QStringList &parts)
{
    try {
        f();
        QFAIL(qPrintable("no error (expected " + parts.join(", ") + ")"));
    } catch (const Error &e) {
        const QString msg = QString::fromStdString(e.what());
        for (const QString &p : parts)
            QVERIFY2(msg.contains(p), qPrintable("\"" + msg + "\" lacks \"" + p + "\""));
    }
}

} // namespace

class TestGpt2Tokenizer : public QObject {
    Q_OBJECT

private slots:
    void pretokenizeFollowsGpt2Pattern();
    void byteTable();
    void mergesApplyByRank();
    void displayGroupsSplitCharacters();
    void jsonRoundTrip();
    void hostileFiles();
};

void TestGpt2Tokenizer::pretokenizeFollowsGpt2Pattern()
{
    QCOMPARE(pieces("Hello world"), (Pieces{"Hello", " world"}));
    QCOMPARE(pieces("I'm here"), (Pieces{"I", "'m", " here"}));
    QCOMPARE(pieces("don't"), (Pieces{"don", "'t"}));
    QCOMPARE(pieces("we'll they're I've he'd it's"),
             (Pieces{"we", "'ll", " they", "'re", " I", "'ve", " he", "'d", " it", "'s"}));
    // Contractions are case-sensitive: "'S" is punctuation then a letter.
    QCOMPARE(pieces("IT'S"), (Pieces{"IT", "'", "S"}));
    QCOMPARE(pieces("'''s"), (Pieces{"'''", "s"}));
    QCOMPARE(pieces(" 's"), (Pieces{" '", "s"}));
    // A run of spaces gives its last space to the next word.
    QCOMPARE(pieces("a  b"), (Pieces{"a", " ", " b"}));
    QCOMPARE(pieces("a    b"), (Pieces{"a", "   ", " b"}));
    QCOMPARE(pieces("x   "), (Pieces{"x", "   "}));
    QCOMPARE(pieces("a\n\nb"), (Pieces{"a", "\n", "\n", "b"}));
    QCOMPARE(pieces("a\n\n\n b"), (Pieces{"a", "\n\n\n", " b"}));
    QCOMPARE(pieces("123abc 42 3.14"), (Pieces{"123", "abc", " 42", " 3", ".", "14"}));
    QCOMPARE(pieces("你好，世界"), (Pieces{"你好", "，", "世界"}));
    QCOMPARE(pieces(" !!! ?"), (Pieces{" !!!", " ?"}));
    // NBSP is a space (\s) but not the optional " " before a word.
    QCOMPARE(pieces("\u00a0x"), (Pieces{"\u00a0", "x"}));
    // Numbers: ² and Ⅻ are \p{N}; letters: é (one code point), ß.
    QCOMPARE(pieces("x² Ⅻ éß"), (Pieces{"x", "²", " Ⅻ", " éß"}));
    // Bytes that are not UTF-8 are one "other" run each; nothing is lost.
    QCOMPARE(pieces("a\xff\xfe b"), (Pieces{"a", "\xff\xfe", " b"}));
    QCOMPARE(pieces(""), Pieces{});
    std::string all;
    for (const auto &p : pieces("Any text, 123 of it;\n\n  你好 😀 ok"))
        all += p;
    QCOMPARE(all, std::string("Any text, 123 of it;\n\n  你好 😀 ok"));
}

void TestGpt2Tokenizer::byteTable()
{
    QCOMPARE(Gpt2Tokenizer::byteToUnicode('A'), char32_t('A'));
    QCOMPARE(Gpt2Tokenizer::byteToUnicode('!'), char32_t('!'));
    QCOMPARE(Gpt2Tokenizer::byteToUnicode(0x00), char32_t(0x100));
    QCOMPARE(Gpt2Tokenizer::byteToUnicode(0x0A), char32_t(0x10A)); // Ċ
    QCOMPARE(Gpt2Tokenizer::byteToUnicode(0x20), char32_t(0x120)); // Ġ
    QCOMPARE(Gpt2Tokenizer::byteToUnicode(0x7F), char32_t(0x121));
    QCOMPARE(Gpt2Tokenizer::byteToUnicode(0xA0), char32_t(0x142));
    QCOMPARE(Gpt2Tokenizer::byteToUnicode(0xAD), char32_t(0x143));
    QCOMPARE(Gpt2Tokenizer::byteToUnicode(0xFF), char32_t(0xFF));
    for (int b = 0; b < 256; ++b)
        QCOMPARE(Gpt2Tokenizer::unicodeToByte(
                     Gpt2Tokenizer::byteToUnicode(static_cast<std::uint8_t>(b))),
                 b);
    QCOMPARE(Gpt2Tokenizer::unicodeToByte(0x144), -1);
}

void TestGpt2Tokenizer::mergesApplyByRank()
{
    const Gpt2Tokenizer t = tiny();
    QCOMPARE(t.vocabSize(), 259);
    QCOMPARE(t.eosId(), -1);
    // "abc": (a,b) rank 0 first -> [ab, c]; then (ab,c) rank 1 -> [abc].
    QCOMPARE(t.encode("abc"), (std::vector<TokenId>{257}));
    // "bcab": (a,b) rank 0 -> [b, c, ab]; (b,c) rank 2 -> [bc, ab].
    QCOMPARE(t.encode("bcab"), (std::vector<TokenId>{258, 256}));
    // Merges stay inside a piece: " abc" is one piece: [Ġ, a, b, c] -> [Ġ, ab, c] -> [Ġ, abc].
    QCOMPARE(t.encode("x abc"), (std::vector<TokenId>{'x', 0x20, 257}));
    QCOMPARE(t.encode("abab"), (std::vector<TokenId>{256, 256}));
    QCOMPARE(t.decode({257, 258, 0x20, 0xE4}), std::string("abcbc \xE4"));
    QCOMPARE(t.tokenText(0xE4), std::string("<0xE4>"));
    QCOMPARE(t.tokenString(0x20), std::string("\u0120"));
    QCOMPARE(t.tokenBytes(0x20), std::string(" "));
    QCOMPARE(t.find("ab"), 256);
    QCOMPARE(t.find("zz"), -1);
    expectError([&] { t.decode({259}); }, {"259"});
    expectError([&] { t.decode({-1}); }, {"-1"});
    // Cached pieces give the same ids (" abc" is [Ġ, abc] as above).
    QCOMPARE(t.encode("abc abc abc"), (std::vector<TokenId>{257, 0x20, 257, 0x20, 257}));
}

void TestGpt2Tokenizer::displayGroupsSplitCharacters()
{
    const Gpt2Tokenizer t = tiny();
    // "a 你\n": a, then " 你" as the bytes 20 E4 BD A0, then "\n".
    const auto ids = t.encode("a 你\n");
    QCOMPARE(ids, (std::vector<TokenId>{'a', 0x20, 0xE4, 0xBD, 0xA0, 0x0A}));
    const auto d = t.display(ids);
    QCOMPARE(d.size(), std::size_t(6));
    QCOMPARE(d[0].text, std::string("a"));
    QCOMPARE(d[1].text, std::string("\u2423")); // ␣
    QCOMPARE(d[2].text, std::string("<E4>"));
    QCOMPARE(d[3].text, std::string("<BD>"));
    QCOMPARE(d[4].text, std::string("<A0>"));
    QCOMPARE(d[5].text, std::string("\u23CE")); // ⏎
    QCOMPARE(d[0].group, 0);
    QCOMPARE(d[1].group, 1);
    QCOMPARE(d[2].group, 2);
    QCOMPARE(d[3].group, 2);
    QCOMPARE(d[4].group, 2);
    QCOMPARE(d[5].group, 3);
    QCOMPARE(d[3].groupText, std::string("你"));
    QCOMPARE(d[1].groupText, std::string("\u2423"));
    QCOMPARE(d[2].bytesHex, std::string("E4"));
    for (const auto &x : d)
        QVERIFY(x.text.find("\xEF\xBF\xBD") == std::string::npos); // never U+FFFD
    // A token holding a whole character and the start of the next: one group of two.
    auto v = byteVocab();
    std::string fused; // 你 (E4 BD A0) + the first byte of 好 (E5 A5 BD), as stand-ins
    for (const int b : {0xE4, 0xBD, 0xA0, 0xE5})
        fused += utf8::encode(Gpt2Tokenizer::byteToUnicode(static_cast<std::uint8_t>(b)));
    v.push_back(fused);
    const Gpt2Tokenizer u(v, {}, "u");
    const auto e = u.display({256, 0xA5, 0xBD, 'x'});
    QCOMPARE(e[0].text, std::string("你<E5>"));
    QCOMPARE(e[1].text, std::string("<A5>"));
    QCOMPARE(e[0].group, 0);
    QCOMPARE(e[1].group, 0);
    QCOMPARE(e[2].group, 0);
    QCOMPARE(e[3].group, 1);
    QCOMPARE(e[0].groupText, std::string("你好"));
    QCOMPARE(e[0].bytesHex, std::string("E4 BD A0 E5"));
    // A stray byte that is no character at all.
    const auto f = u.display({0xFF, 'a'});
    QCOMPARE(f[0].text, std::string("<0xFF>"));
    QCOMPARE(f[1].group, 1);
}

void TestGpt2Tokenizer::jsonRoundTrip()
{
    const Gpt2Tokenizer t = tiny();
    const auto back = Tokenizer::fromJson(t.toJson());
    QCOMPARE(back->kind(), std::string("gpt2"));
    QCOMPARE(back->vocabSize(), 259);
    QCOMPARE(back->encode("bcab abc"), t.encode("bcab abc"));
}

void TestGpt2Tokenizer::hostileFiles()
{
    nlohmann::json vocab = nlohmann::json::object();
    const auto v = byteVocab();
    for (std::size_t i = 0; i < v.size(); ++i)
        vocab[v[i]] = i;
    vocab["ab"] = 256;
    const std::string good = vocab.dump();
    // The good pair first, so the failures below are the files' defects.
    QCOMPARE(Gpt2Tokenizer::fromText(good, "#version: 0.2\na b\n", "v.json", "m.txt")->vocabSize(),
             257);
    expectError([&] { Gpt2Tokenizer::fromText("{\"a\": 0,", "", "v.json", "m.txt"); },
                {"v.json", "not valid JSON"});
    expectError([&] { Gpt2Tokenizer::fromText("[1, 2]", "", "v.json", "m.txt"); },
                {"v.json", "object"});
    expectError([&] { Gpt2Tokenizer::fromText(good, "#version: 0.2\na qqq\n", "v.json", "m.txt"); },
                {"m.txt", "\"qqq\"", "not in the vocabulary"});
    expectError([&] { Gpt2Tokenizer::fromText(good, "#version: 0.2\nb a\n", "v.json", "m.txt"); },
                {"m.txt", "\"ba\"", "not in the vocabulary"});
    expectError([&] { Gpt2Tokenizer::fromText(good, "a b c\n", "v.json", "m.txt"); },
                {"m.txt", "line 1", "two tokens"});
    auto gap = vocab;
    gap["ab"] = 300;
    expectError([&] { Gpt2Tokenizer::fromText(gap.dump(), "", "v.json", "m.txt"); },
                {"v.json", "\"ab\"", "300"});
    auto dup = vocab;
    dup["ab"] = 5;
    expectError([&] { Gpt2Tokenizer::fromText(dup.dump(), "", "v.json", "m.txt"); },
                {"v.json", "id 5"});
    auto noByte = vocab;
    noByte.erase(v['A']);
    noByte["ab"] = 'A';
    expectError([&] { Gpt2Tokenizer::fromText(noByte.dump(), "", "v.json", "m.txt"); },
                {"byte 0x41"});
    auto strId = vocab;
    strId["ab"] = "256";
    expectError([&] { Gpt2Tokenizer::fromText(strId.dump(), "", "v.json", "m.txt"); },
                {"v.json", "not an integer"});
    expectError(
        [&] {
            Gpt2Tokenizer::fromTokenizerJsonText(R"({"model": {"type": "WordPiece", "vocab": {}}})",
                                                 "tokenizer.json");
        },
        {"tokenizer.json", "WordPiece"});
    expectError([&] { Gpt2Tokenizer::fromTokenizerJsonText("{}", "tokenizer.json"); },
                {"tokenizer.json", "model"});
    expectError([&] { Gpt2Tokenizer::fromFiles("/nonexistent/vocab.json", "/x/merges.txt"); },
                {"/nonexistent/vocab.json", "not found"});
}

QTEST_APPLESS_MAIN(TestGpt2Tokenizer)
#include "test_gpt2tokenizer.moc"
