// Datasets: language-model windows shifted by one, classification and pair batches with
// padding, seeded splits, epoch sampling and statistics, all checked against hand-made
// expectations.
#include "core/error.h"
#include "data/dataset.h"
#include "text/csv.h"
#include "tokenizers/chartokenizer.h"
#include "tokenizers/wordtokenizer.h"

#include <QtTest>

#include <set>

using namespace attn;

using Ids = std::vector<TokenId>;

class TestDataset : public QObject {
    Q_OBJECT
private slots:
    void languageModelWindows()
    {
        // Characters a..h get ids 4..11 (code point order after the specials).
        const CharTokenizer tok = CharTokenizer::build("abcdefgh");
        const Dataset d = makeLanguageModelDataset("abcdefgh", tok, 3, "abc.txt");
        QCOMPARE(d.kind, TaskKind::LanguageModel);
        // Windows of T+1 = 4 tokens every 3: abcd, defg, gh.
        QCOMPARE(d.examples.size(), size_t(3));
        QCOMPARE(d.examples[0].target, (Ids{4, 5, 6, 7}));
        QCOMPARE(d.examples[1].target, (Ids{7, 8, 9, 10}));
        QCOMPARE(d.examples[2].target, (Ids{10, 11}));
        // Inputs are the window without its last token, targets without its first.
        const Batch b = makeBatch(d, {0, 2});
        QCOMPARE(b.batch, 2);
        QCOMPARE(b.length, 3);
        QCOMPARE(b.inputs, (Ids{4, 5, 6, /**/ 10, Tokenizer::Pad, Tokenizer::Pad}));
        QCOMPARE(b.targets, (Ids{5, 6, 7, /**/ 11, -1, -1}));
        QVERIFY(b.source.empty());
        // Every token but the first is a target exactly once (stride = T).
        std::size_t targets = 0;
        const Batch all = makeBatch(d, {0, 1, 2});
        for (auto t : all.targets)
            targets += t >= 0;
        QCOMPARE(targets, size_t(7));
        // A stride of 1: a full window at every start 0..4; the one starting at 4 reaches
        // the end, so no shorter suffix windows follow.
        const Dataset s1 = makeLanguageModelDataset("abcdefgh", tok, 3, "x", 1);
        QCOMPARE(s1.examples.size(), size_t(5));
        QCOMPARE(s1.examples[4].target, (Ids{8, 9, 10, 11}));
        QVERIFY_THROWS_EXCEPTION(Error, makeLanguageModelDataset("a", tok, 3, "x"));
        QVERIFY_THROWS_EXCEPTION(Error, makeLanguageModelDataset("abc", tok, 0, "x"));
    }

    void classification()
    {
        const CsvTable t = parseCsv("text\tlabel\nb a\tpos\na\tneg\nb b b\tpos\n", "c.tsv");
        const WordTokenizer tok({"a", "b", " a", " b"}); // ids 4, 5, 6, 7
        const Dataset d = makeClassificationDataset(t, "text", "label", tok, 2);
        QCOMPARE(d.labelNames, (std::vector<std::string>{"neg", "pos"}));
        QCOMPARE(d.examples[0].source, (Ids{5, 6}));
        QCOMPARE(d.examples[0].label, 1);
        QCOMPARE(d.examples[1].label, 0);
        QCOMPARE(d.examples[2].source, (Ids{5, 7})); // cut to 2 tokens
        QCOMPARE(d.examples[1].line, size_t(3));
        const Batch b = makeBatch(d, {1, 0});
        QCOMPARE(b.sourceLength, 2);
        QCOMPARE(b.source, (Ids{4, Tokenizer::Pad, /**/ 5, 6}));
        QCOMPARE(b.sourceLengths, (std::vector<int>{1, 2}));
        QCOMPARE(b.labels, (std::vector<int>{0, 1}));
        QVERIFY(b.inputs.empty());

        const DatasetStats s = computeStats(d, tok);
        QCOMPARE(s.examples, size_t(3));
        QCOMPARE(s.tokens, size_t(5));
        QCOMPARE(s.minLength, 1);
        QCOMPARE(s.maxLength, 2);
        QCOMPARE(s.meanLength, 5.0 / 3.0);
        QCOMPARE(s.labelCounts,
                 (std::vector<std::pair<std::string, size_t>>{{"neg", 1}, {"pos", 2}}));
        QCOMPARE(s.lengthHistogram, (std::vector<size_t>{0, 1, 2}));
        QCOMPARE(s.vocabSize, 8);
    }

    void classificationRefusals()
    {
        const WordTokenizer tok({"a"});
        try {
            makeClassificationDataset(parseCsv("text,label\na,pos\na,pos\n", "one.csv"), "text",
                                      "label", tok, 8);
            QFAIL("one class accepted");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains("one.csv: the label column \"label\" has only one "
                                                "class (\"pos\")"),
                     e.what());
        }
        try {
            makeClassificationDataset(parseCsv("text,label\na,pos\na,\n", "e.csv"), "text", "label",
                                      tok, 8);
            QFAIL("empty label accepted");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains("e.csv: line 3: empty label"), e.what());
        }
        try {
            makeClassificationDataset(parseCsv("text,label\na,pos\n,neg\n", "e.csv"), "text",
                                      "label", tok, 8);
            QFAIL("empty text accepted");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains("line 3: empty text"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(
            Error, makeClassificationDataset(parseCsv("text,label\na,pos\na,neg\n", "x"), "text",
                                             "nope", tok, 8));
    }

    void pairs()
    {
        const CsvTable t = parseCsv("source\ttarget\nab\tc\nb\tcab\n", "p.tsv");
        const CharTokenizer tok = CharTokenizer::build("abc"); // a=4 b=5 c=6
        const Dataset d = makePairsDataset(t, "source", "target", tok, 8, 3);
        QCOMPARE(d.examples[1].target, (Ids{6, 4})); // cut to T - 1 = 2 tokens
        const Batch b = makeBatch(d, {0, 1});
        QCOMPARE(b.sourceLength, 2);
        QCOMPARE(b.source, (Ids{4, 5, /**/ 5, Tokenizer::Pad}));
        QCOMPARE(b.sourceLengths, (std::vector<int>{2, 1}));
        QCOMPARE(b.length, 3);
        // Decoder input <bos> + target; targets target + <eos>; padding -1.
        QCOMPARE(b.inputs, (Ids{Tokenizer::Bos, 6, Tokenizer::Pad, /**/ Tokenizer::Bos, 6, 4}));
        QCOMPARE(b.targets, (Ids{6, Tokenizer::Eos, -1, /**/ 6, 4, Tokenizer::Eos}));
        QVERIFY_THROWS_EXCEPTION(Error, makePairsDataset(t, "source", "target", tok, 8, 1));
        QCOMPARE(columnText(t, {"source", "target"}), std::string("ab\nc\nb\ncab\n"));
    }

    void seededSplit()
    {
        const CharTokenizer tok = CharTokenizer::build("ab");
        std::string text;
        for (int i = 0; i < 101; ++i)
            text += "ab";
        const Dataset d = makeLanguageModelDataset(text, tok, 2, "x"); // 101 windows
        QCOMPARE(d.examples.size(), size_t(101));
        const Split s1 = splitDataset(d, 0.2, 42);
        const Split s2 = splitDataset(d, 0.2, 42);
        const Split s3 = splitDataset(d, 0.2, 43);
        QCOMPARE(s1.validation.size(), size_t(20)); // round(0.2 * 101)
        QCOMPARE(s1.train.size(), size_t(81));
        QCOMPARE(s1.train, s2.train);
        QVERIFY(s1.validation != s3.validation);
        std::set<size_t> all(s1.train.begin(), s1.train.end());
        all.insert(s1.validation.begin(), s1.validation.end());
        QCOMPARE(all.size(), size_t(101)); // disjoint and complete
        // Tiny datasets still get both parts.
        const Dataset two = makeLanguageModelDataset("abab", tok, 2, "x");
        QCOMPARE(two.examples.size(), size_t(2));
        QCOMPARE(splitDataset(two, 0.01, 1).validation.size(), size_t(1));
        QCOMPARE(splitDataset(two, 0.0, 1).validation.size(), size_t(0));
        QVERIFY_THROWS_EXCEPTION(Error, splitDataset(d, 1.0, 1));
        QVERIFY_THROWS_EXCEPTION(Error, splitDataset(d, -0.1, 1));
    }

    void samplerCoversEachEpoch()
    {
        const CharTokenizer tok = CharTokenizer::build("abcdefghij");
        const Dataset d = makeLanguageModelDataset("abcdefghij", tok, 1, "x"); // 9 windows
        std::vector<size_t> idx{0, 1, 2, 3, 4, 5, 6, 7, 8};
        BatchSampler sampler(d, idx, 4, 7);
        QCOMPARE(sampler.batchesPerEpoch(), size_t(3));
        for (int epoch = 0; epoch < 2; ++epoch) {
            std::multiset<TokenId> firstInputs;
            for (int k = 0; k < 3; ++k) {
                const Batch b = sampler.next();
                QCOMPARE(b.batch, k < 2 ? 4 : 1);
                for (int r = 0; r < b.batch; ++r)
                    firstInputs.insert(b.inputs[size_t(r)]);
            }
            QCOMPARE(sampler.epoch(), epoch + 1);
            // Window i starts with character i: ids 4..12, each once per epoch.
            QCOMPARE(firstInputs, (std::multiset<TokenId>{4, 5, 6, 7, 8, 9, 10, 11, 12}));
        }
        QVERIFY_THROWS_EXCEPTION(Error, BatchSampler(d, {}, 4, 1));
        QVERIFY_THROWS_EXCEPTION(Error, BatchSampler(d, idx, 0, 1));
        QVERIFY_THROWS_EXCEPTION(Error, makeBatch(d, {99}));
    }
};

QTEST_APPLESS_MAIN(TestDataset)
#include "test_dataset.moc"
