// Experiment: the data side of a training run in each format (lm, pairs, classify), from a
// built-in task or a file, and the refusals of formats that do not fit the data.
#include "core/error.h"
#include "core/rng.h"
#include "data/synthetic.h"
#include "tokenizers/tokenizer.h"
#include "train/experiment.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <set>
#include <string>

using namespace attn;

namespace {

std::string writeFile(const QTemporaryDir &dir, const char *name, const std::string &text)
{
    const std::string path = dir.filePath(name).toStdString();
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

std::string sample(const char *name)
{
    return std::string(ATTNLAB_SOURCE_DIR) + "/resources/samples/" + name;
}

} // namespace

class TestExperiment : public QObject {
    Q_OBJECT

private slots:
    void taskAsPairsGivesEncoderDecoderBatches()
    {
        DataSpec spec;
        spec.task = "reverse";
        spec.format = "pairs";
        const auto exp = Experiment::create(spec);
        QCOMPARE(int(exp->kind()), int(TaskKind::Pairs));
        QVERIFY(exp->task() != nullptr);
        const SyntheticTask &task = *exp->task();
        QCOMPARE(exp->sourceLength(), task.maxSourceLength());
        QCOMPARE(exp->sequenceLength(), task.maxTargetLength() + 1);

        Rng rng(7);
        const Batch b = exp->trainBatch(rng, 3);
        QCOMPARE(b.batch, 3);
        QCOMPARE(b.sourceLength, exp->sourceLength());
        QCOMPARE(b.length, exp->sequenceLength());
        QCOMPARE(int(b.sourceLengths.size()), 3);
        for (int r = 0; r < 3; ++r) {
            const int n = b.sourceLengths[size_t(r)];
            // Decoder input starts with <bos>; the target of a reverse example is its source
            // backwards, then <eos>.
            QCOMPARE(b.inputs[size_t(r * b.length)], SyntheticTask::Bos);
            for (int t = 0; t < n; ++t)
                QCOMPARE(b.targets[size_t(r * b.length + t)],
                         b.source[size_t(r * b.sourceLength + (n - 1 - t))]);
            QCOMPARE(b.targets[size_t(r * b.length + n)], SyntheticTask::Eos);
        }
        const Batch p = exp->probe();
        QCOMPARE(p.batch, 1);
        QVERIFY(!p.source.empty());
    }

    void heldOutTaskExamplesAreNeverTrainedOn()
    {
        DataSpec spec;
        spec.task = "dates";
        spec.format = "pairs";
        spec.seed = 11;
        const auto exp = Experiment::create(spec);
        spec.seed = 12;
        const auto other = Experiment::create(spec);
        const SyntheticTask &task = *exp->task();
        // A source row back to text (ids after the specials are the task's characters).
        const auto sourceText = [&](const Batch &b, int r) {
            std::vector<TokenId> ids(b.source.begin() + r * b.sourceLength,
                                     b.source.begin() + r * b.sourceLength +
                                         b.sourceLengths[size_t(r)]);
            return task.decode(ids);
        };
        std::set<std::string> heldOut;
        const std::vector<Batch> set = exp->validationSet(64, 300);
        const std::vector<Batch> set2 = other->validationSet(64, 300);
        QCOMPARE(int(set.size()), 5); // 64 + 64 + 64 + 64 + 44
        int total = 0;
        for (std::size_t i = 0; i < set.size(); ++i) {
            QCOMPARE(set[i].source, set2[i].source); // independent of DataSpec::seed
            for (int r = 0; r < set[i].batch; ++r)
                heldOut.insert(sourceText(set[i], r));
            total += set[i].batch;
        }
        QCOMPARE(total, 300);
        QVERIFY(heldOut.size() > 250); // distinct dates, not one repeated
        Rng rng(3);
        for (int step = 0; step < 40; ++step) {
            const Batch b = exp->trainBatch(rng, 32);
            for (int r = 0; r < b.batch; ++r)
                QVERIFY2(!heldOut.count(sourceText(b, r)), sourceText(b, r).c_str());
        }
        // Validation batches come from the held-out examples.
        const Batch v = exp->validationBatch(rng, 16);
        int fromHeldOut = 0;
        for (int r = 0; r < v.batch; ++r)
            fromHeldOut += heldOut.count(sourceText(v, r)) ? 1 : 0;
        QVERIFY(fromHeldOut > 0);
    }

    void tableValidationSetIsTheValidationSplit()
    {
        DataSpec spec;
        spec.path = sample("sentiment.tsv");
        spec.format = "classify";
        const auto exp = Experiment::create(spec);
        int total = 0;
        for (const Batch &b : exp->validationSet(7))
            total += b.batch;
        QCOMPARE(std::size_t(total), exp->validationExamples());
    }

    void taskAsLmIsUnchanged()
    {
        DataSpec spec;
        spec.task = "reverse";
        const auto exp = Experiment::create(spec);
        QCOMPARE(int(exp->kind()), int(TaskKind::LanguageModel));
        QCOMPARE(exp->sourceLength(), 0);
        QCOMPARE(exp->sequenceLength(), exp->task()->lmLength());
        Rng rng(7);
        const Batch b = exp->trainBatch(rng, 2);
        QVERIFY(b.source.empty());
        QCOMPARE(b.length, exp->task()->lmLength());
    }

    void classifyOnATaskIsRefused()
    {
        DataSpec spec;
        spec.task = "dates";
        spec.format = "classify";
        try {
            Experiment::create(spec);
            QFAIL("a task cannot be classified");
        } catch (const Error &e) {
            QVERIFY2(std::string(e.what()).find("label") != std::string::npos, e.what());
        }
        spec.format = "poetry";
        QVERIFY_THROWS_EXCEPTION(Error, Experiment::create(spec));
    }

    void sentimentSampleClassifies()
    {
        DataSpec spec;
        spec.path = sample("sentiment.tsv");
        spec.format = "classify";
        const auto exp = Experiment::create(spec);
        QCOMPARE(int(exp->kind()), int(TaskKind::Classification));
        // The sample's label column holds "negative" and "positive" (sorted).
        QCOMPARE(exp->labelNames(), (std::vector<std::string>{"negative", "positive"}));
        QVERIFY(exp->trainExamples() > exp->validationExamples());
        QVERIFY(exp->validationExamples() > 0);
        Rng rng(3);
        const Batch b = exp->trainBatch(rng, 4);
        QCOMPARE(int(b.labels.size()), 4);
        for (int l : b.labels)
            QVERIFY(l == 0 || l == 1);
        QVERIFY(b.sourceLength > 0 && b.sourceLength <= exp->sourceLength());
        QCOMPARE(exp->sequenceLength(), exp->sourceLength());
    }

    void tableColumnsByNameAndDefaults()
    {
        QTemporaryDir dir;
        // No "text"/"label" header: the first and the last column are used.
        const std::string path =
            writeFile(dir, "reviews.csv", "id,review,stars\n1,good,5\n2,bad,1\n3,fine,5\n");
        DataSpec spec;
        spec.path = path;
        spec.format = "classify";
        spec.textColumn = "review";
        spec.labelColumn = "stars";
        const auto exp = Experiment::create(spec);
        QCOMPARE(exp->labelNames(), (std::vector<std::string>{"1", "5"}));
        // A column that is not there is named in the message with the ones that are.
        spec.labelColumn = "rating";
        try {
            Experiment::create(spec);
            QFAIL("unknown column accepted");
        } catch (const Error &e) {
            const std::string m = e.what();
            QVERIFY2(m.find("rating") != std::string::npos, e.what());
            QVERIFY2(m.find("stars") != std::string::npos, e.what());
        }
    }

    void parallelSamplePairsShareOneVocabulary()
    {
        DataSpec spec;
        spec.path = sample("parallel.tsv");
        spec.format = "pairs";
        const auto exp = Experiment::create(spec);
        QCOMPARE(int(exp->kind()), int(TaskKind::Pairs));
        Rng rng(5);
        const Batch b = exp->validationBatch(rng, 2);
        QCOMPARE(b.batch, 2);
        QCOMPARE(b.inputs[0], Tokenizer::Bos);
        // Both columns were tokenized with the one tokenizer: the Chinese target decodes.
        const Batch p = exp->probe();
        std::vector<TokenId> target;
        for (int t = 0; t < p.length && p.targets[size_t(t)] != Tokenizer::Eos; ++t)
            target.push_back(p.targets[size_t(t)]);
        const std::string text = exp->tokenizer().decode(target);
        QVERIFY2(text.find("\xEF\xBF\xBD") == std::string::npos, text.c_str()); // no U+FFFD
        QVERIFY(!text.empty());
        // A one-column file is not a set of pairs.
        QTemporaryDir dir;
        spec.path = writeFile(dir, "one.tsv", "source\nhello\nworld\n");
        QVERIFY_THROWS_EXCEPTION(Error, Experiment::create(spec));
    }
};

QTEST_APPLESS_MAIN(TestExperiment)
#include "test_experiment.moc"
