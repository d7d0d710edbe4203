// Tokenizers: exact round trips on mixed English / Chinese / emoji text, the splitting rules
// worked out by hand, BPE merges checked against a hand-run of the algorithm, and hostile
// tokenizer JSON refused.
#include "core/error.h"
#include "text/utf8.h"
#include "tokenizers/bpetokenizer.h"
#include "tokenizers/chartokenizer.h"
#include "tokenizers/wordtokenizer.h"

#include <nlohmann/json.hpp>

#include <QtTest>

using namespace attn;

namespace {

// English, Chinese with full-width punctuation, emoji with a skin tone and a ZWJ family,
// a combining accent, a Japanese phrase, runs of spaces, a tab and blank lines.
const std::string kMixed = "Hello, world! \u4F60\u597D\uFF0C\u4E16\u754C\u3002 Emoji: "
                           "\U0001F600\U0001F44D\U0001F3FD and caf\u00E9 (cafe\u0301) "
                           "\U0001F468\u200D\U0001F469\u200D\U0001F467 end.\n\n"
                           "Second line   with  spaces\t tab. \u65E5\u672C\u8A9E\u306E"
                           "\u30C6\u30AD\u30B9\u30C8\n";

std::vector<std::string> toStrings(const std::vector<std::string_view> &v)
{
    return {v.begin(), v.end()};
}

// Code points counted independently of our decoder, through Qt.
qsizetype codePoints(const std::string &s)
{
    return QString::fromStdString(s).toUcs4().size();
}

} // namespace

class TestTokenizers : public QObject {
    Q_OBJECT
private slots:
    void charTokenizerRoundTrips()
    {
        const CharTokenizer tok = CharTokenizer::build(kMixed);
        const auto ids = tok.encode(kMixed);
        QCOMPARE(qsizetype(ids.size()), codePoints(kMixed)); // one token per code point
        QCOMPARE(tok.decode(ids), kMixed);
        for (auto id : ids)
            QVERIFY(id >= Tokenizer::SpecialCount && id < tok.vocabSize());
        // Each CJK ideograph, each emoji and each combining mark is one token.
        const auto ni = tok.encode("\u4F60");
        QCOMPARE(ni.size(), size_t(1));
        QCOMPARE(tok.tokenText(ni[0]), std::string("\u4F60"));
        QCOMPARE(tok.encode("\U0001F44D\U0001F3FD").size(), size_t(2));
        QCOMPARE(tok.encode("e\u0301").size(), size_t(2));
        // Ids follow code point order after the four specials: '\t' < '\n' < ' ' ...
        QCOMPARE(tok.encode("\t")[0], TokenId(4));
        QCOMPARE(tok.encode("\n")[0], TokenId(5));
        QCOMPARE(tok.encode(" ")[0], TokenId(6));
        // Unknown characters: <unk>, decoded as U+FFFD.
        const auto unk = tok.encode("Z\u732B");
        QCOMPARE(unk, (std::vector<TokenId>{Tokenizer::Unk, Tokenizer::Unk}));
        QCOMPARE(tok.decode(unk), std::string("\uFFFD\uFFFD"));
        QCOMPARE(tok.tokenText(Tokenizer::Pad), std::string("<pad>"));
        QCOMPARE(tok.decode({Tokenizer::Bos, ni[0], Tokenizer::Eos, Tokenizer::Pad}),
                 std::string("\u4F60"));
        QVERIFY_THROWS_EXCEPTION(Error, tok.decode({tok.vocabSize()}));
        QVERIFY_THROWS_EXCEPTION(Error, tok.tokenText(-1));
    }

    void charTokenizerLimits()
    {
        // "aaab" with room for one character: 'a' (the most frequent) stays.
        const CharTokenizer tok = CharTokenizer::build("aaab", 5);
        QCOMPARE(tok.vocabSize(), 5);
        QCOMPARE(tok.encode("ab"), (std::vector<TokenId>{4, Tokenizer::Unk}));
        const CharTokenizer minc = CharTokenizer::build("aaab", 0, 2);
        QCOMPARE(minc.vocabSize(), 5);
    }

    void wordSplitting()
    {
        QCOMPARE(toStrings(splitWords("Hello, world! \u4F60\u597D")),
                 (std::vector<std::string>{"Hello", ",", " world", "!", " \u4F60", "\u597D"}));
        QCOMPARE(toStrings(splitWords("a  b\n\nc \n")),
                 (std::vector<std::string>{"a", " ", " b", "\n\n", "c", " \n"}));
        QCOMPARE(toStrings(splitWords("  lead")), (std::vector<std::string>{" ", " lead"}));
        // A skin-toned emoji and a ZWJ family are one piece each; a combining accent stays
        // with its letter.
        QCOMPARE(
            toStrings(splitWords("\U0001F44D\U0001F3FD\U0001F468\u200D\U0001F469 cafe\u0301!")),
            (std::vector<std::string>{"\U0001F44D\U0001F3FD", "\U0001F468\u200D\U0001F469",
                                      " cafe\u0301", "!"}));
        QCOMPARE(toStrings(splitWords("x2 = 3.5")),
                 (std::vector<std::string>{"x2", " =", " 3", ".", "5"}));
        QVERIFY(splitWords("").empty());
        // Pieces always concatenate back to the text, also on invalid UTF-8.
        for (const std::string &s : {kMixed, std::string("\xFF\xFE a\xE4\xB8"), std::string(" ")}) {
            std::string joined;
            for (auto p : splitWords(s))
                joined += p;
            QCOMPARE(joined, s);
        }
    }

    void wordTokenizerRoundTrips()
    {
        const WordTokenizer tok = WordTokenizer::build(kMixed);
        const auto ids = tok.encode(kMixed);
        QCOMPARE(ids.size(), splitWords(kMixed).size());
        QCOMPARE(tok.decode(ids), kMixed);
        for (auto id : ids)
            QVERIFY(id != Tokenizer::Unk);
        // Every CJK ideograph is its own token.
        const auto cjk = tok.encode("\u4F60\u597D");
        QCOMPARE(cjk.size(), size_t(2));
        QCOMPARE(tok.tokenText(cjk[1]), std::string("\u597D"));
        // Ids in frequency order: in "b a a a c c" the pieces " a" (3), " c" (2), "b", ...
        const WordTokenizer freq = WordTokenizer::build("b a a a c c");
        QCOMPARE(freq.tokenText(4), std::string(" a"));
        QCOMPARE(freq.tokenText(5), std::string(" c"));
        QCOMPARE(freq.tokenText(6), std::string("b"));
        // An unknown word is <unk>; a known word after an unknown leading space splits.
        QCOMPARE(freq.encode("b zebra"), (std::vector<TokenId>{6, Tokenizer::Unk}));
        const WordTokenizer withSpace = WordTokenizer::build("a  b");
        QCOMPARE(withSpace.decode(withSpace.encode(" b b")), std::string(" b b"));
    }

    void bpeMergesByHand()
    {
        // "ab ab ab" -> pieces "ab", " ab", " ab". Pair counts: (a,b) 3, (' ',a) 2.
        // Merge 0: (a,b) -> 260. Then " ab" is (' ', 260) twice: merge 1 -> 261. No pair left.
        const BpeTokenizer tok = BpeTokenizer::train("ab ab ab", 1000);
        const TokenId a = 4 + 'a', b = 4 + 'b', sp = 4 + ' ';
        QCOMPARE(tok.merges().size(), size_t(2));
        QCOMPARE(tok.merges()[0], (std::pair<TokenId, TokenId>(a, b)));
        QCOMPARE(tok.merges()[1], (std::pair<TokenId, TokenId>(sp, 260)));
        QCOMPARE(tok.vocabSize(), 262);
        QCOMPARE(tok.encode("ab ab"), (std::vector<TokenId>{260, 261}));
        QCOMPARE(tok.encode("ba"), (std::vector<TokenId>{b, a}));
        QCOMPARE(tok.tokenText(261), std::string(" ab"));
        // The vocabulary size is respected.
        QCOMPARE(BpeTokenizer::train("ab ab ab", 261).vocabSize(), 261);
        // A byte alone that is not UTF-8 is shown as <0xNN>.
        QCOMPARE(tok.tokenText(4 + 0xE4), std::string("<0xE4>"));
    }

    void bpeRoundTripsAnything()
    {
        const BpeTokenizer tok = BpeTokenizer::train(kMixed + kMixed + kMixed, 320);
        QVERIFY(tok.vocabSize() > BpeTokenizer::BaseVocab);
        QVERIFY(tok.vocabSize() <= 320);
        const auto ids = tok.encode(kMixed);
        QVERIFY(ids.size() < kMixed.size()); // merges shorten the text
        QCOMPARE(tok.decode(ids), kMixed);
        // Repeated words (served from the per-call cache) encode as the first time did.
        std::vector<TokenId> twice = ids;
        twice.insert(twice.end(), ids.begin(), ids.end());
        QCOMPARE(tok.encode(kMixed + kMixed), twice);
        // Never seen text, other scripts, invalid UTF-8 and every byte value: exact.
        std::string all;
        for (int i = 0; i < 256; ++i)
            all.push_back(char(i));
        for (const std::string &s :
             {std::string("\u0416\u0438\u0437\u043D\u044C \U0001F680 zebra!"),
              std::string("\xFF\xFE\x00 x", 5), all}) {
            const auto enc = tok.encode(s);
            for (auto id : enc)
                QVERIFY(id >= Tokenizer::SpecialCount && id < tok.vocabSize());
            QCOMPARE(tok.decode(enc), s);
        }
        // A very long word is encoded in chunks, in linear time, and still round-trips.
        const std::string longWord(200000, 'a');
        QCOMPARE(tok.decode(tok.encode(longWord)), longWord);
    }

    void jsonRoundTrips()
    {
        const std::vector<std::shared_ptr<Tokenizer>> toks = {
            std::make_shared<CharTokenizer>(CharTokenizer::build(kMixed)),
            std::make_shared<WordTokenizer>(WordTokenizer::build(kMixed)),
            std::make_shared<BpeTokenizer>(BpeTokenizer::train(kMixed, 300))};
        for (const auto &t : toks) {
            const std::string text = t->toJson().dump();
            const auto back = Tokenizer::fromJson(nlohmann::json::parse(text));
            QCOMPARE(back->kind(), t->kind());
            QCOMPARE(back->vocabSize(), t->vocabSize());
            QCOMPARE(back->encode(kMixed), t->encode(kMixed));
            QCOMPARE(back->decode(back->encode(kMixed)), kMixed);
        }
        QCOMPARE(buildTokenizer("bpe", kMixed, 270)->vocabSize(), 270);
        QCOMPARE(buildTokenizer("char", "abc")->vocabSize(), 7);
        QVERIFY_THROWS_EXCEPTION(Error, buildTokenizer("bpe", kMixed, 100));
        QVERIFY_THROWS_EXCEPTION(Error, buildTokenizer("sentencepiece", kMixed));
    }

    void hostileJson_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not an object") << "[1,2]"
                                       << "expected a JSON object";
        QTest::newRow("no kind") << R"({"version":1})"
                                 << "missing \"kind\"";
        QTest::newRow("unknown kind") << R"({"kind":"x","version":1})"
                                      << "unknown kind \"x\"";
        QTest::newRow("no version") << R"({"kind":"char","chars":[97]})"
                                    << "version";
        QTest::newRow("version 2") << R"({"kind":"char","version":2,"chars":[97]})"
                                   << "version";
        QTest::newRow("chars not array") << R"({"kind":"char","version":1,"chars":"abc"})"
                                         << "\"chars\"";
        QTest::newRow("char surrogate") << R"({"kind":"char","version":1,"chars":[55296]})"
                                        << "not a Unicode scalar";
        QTest::newRow("char too big") << R"({"kind":"char","version":1,"chars":[1114112]})"
                                      << "code points";
        QTest::newRow("char negative") << R"({"kind":"char","version":1,"chars":[-1]})"
                                       << "code points";
        QTest::newRow("char twice") << R"({"kind":"char","version":1,"chars":[97,97]})"
                                    << "appears twice";
        QTest::newRow("word twice") << R"({"kind":"word","version":1,"words":["a","a"]})"
                                    << "appears twice";
        QTest::newRow("word empty") << R"({"kind":"word","version":1,"words":[""]})"
                                    << "empty word";
        QTest::newRow("word not string") << R"({"kind":"word","version":1,"words":[1]})"
                                         << "strings only";
        QTest::newRow("merge forward ref") << R"({"kind":"bpe","version":1,"merges":[[4,260]]})"
                                           << "not defined before it";
        QTest::newRow("merge special") << R"({"kind":"bpe","version":1,"merges":[[0,5]]})"
                                       << "not defined before it";
        QTest::newRow("merge twice") << R"({"kind":"bpe","version":1,"merges":[[4,5],[4,5]]})"
                                     << "appears twice";
        QTest::newRow("merge shape") << R"({"kind":"bpe","version":1,"merges":[[4]]})"
                                     << "pair of integer ids";
        QTest::newRow("merge negative") << R"({"kind":"bpe","version":1,"merges":[[-4,5]]})"
                                        << "out of range";
        // Each merge doubles the previous token: 2^11 bytes after 11 merges.
        QString doubling = R"({"kind":"bpe","version":1,"merges":[[4,4])";
        for (int i = 0; i < 11; ++i)
            doubling += QString(",[%1,%1]").arg(260 + i);
        doubling += "]}";
        QTest::newRow("doubling merges") << doubling << "longer than 1024 bytes";
    }

    void hostileJson()
    {
        QFETCH(QString, json);
        QFETCH(QString, expected);
        try {
            Tokenizer::fromJson(nlohmann::json::parse(json.toStdString()));
            QFAIL("accepted hostile tokenizer JSON");
        } catch (const Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestTokenizers)
#include "test_tokenizers.moc"
