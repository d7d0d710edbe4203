#pragma once

// What the classifier learning tests share: the bundled bilingual sentiment set
// (resources/samples/sentiment.tsv: columns text, label), a fixed train/held-out
// split, a word tokenizer built on the training sentences, a Trainer run, held-out
// metrics and the tokens the pooling weighs most.
#include "core/threads.h"
#include "models/attentionclassifier.h"
#include "text/csv.h"
#include "tokenizers/wordtokenizer.h"
#include "train/metrics.h"
#include "train/trainer.h"

#include <QtTest>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <set>
#include <string>
#include <vector>

namespace sentiment {

using namespace attn;

struct Example {
    std::string text;
    std::vector<TokenId> ids;
    int label = 0; // 0 negative, 1 positive
};

struct Data {
    std::vector<Example> train, heldOut;
    std::unique_ptr<WordTokenizer> tokenizer;
    int maxLength = 0;
};

// ASCII lower case and a leading space, so that "Great" at the start of a
// sentence and " great" inside one are the same word piece.
inline std::string normalise(const std::string &s)
{
    std::string out = " " + s;
    for (char &c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Every fifth sentence (rows 4, 9, 14, ...) is held out; the tokenizer sees only
// the training sentences and keeps pieces seen twice: rarer words are <unk> in
// training too, so the model learns that <unk> says nothing.
inline Data load()
{
    const CsvTable t =
        readCsvFile(std::string(ATTNLAB_SOURCE_DIR) + "/resources/samples/sentiment.tsv");
    const size_t textCol = t.column("text"), labelCol = t.column("label");
    Data d;
    std::string corpus;
    for (size_t r = 0; r < t.rows.size(); ++r) {
        Example e;
        e.text = normalise(t.rows[r][textCol]);
        e.label = t.rows[r][labelCol] == "positive" ? 1 : 0;
        (r % 5 == 4 ? d.heldOut : d.train).push_back(e);
        if (r % 5 != 4)
            corpus += e.text;
    }
    d.tokenizer = std::make_unique<WordTokenizer>(WordTokenizer::build(corpus, 0, 2));
    for (auto *set : {&d.train, &d.heldOut})
        for (Example &e : *set) {
            e.ids = d.tokenizer->encode(e.text);
            d.maxLength = std::max(d.maxLength, static_cast<int>(e.ids.size()));
        }
    return d;
}

inline Batch batchOf(const std::vector<const Example *> &rows)
{
    Batch b;
    b.batch = static_cast<int>(rows.size());
    for (const Example *e : rows)
        b.sourceLength = std::max(b.sourceLength, static_cast<int>(e->ids.size()));
    for (const Example *e : rows) {
        b.source.insert(b.source.end(), e->ids.begin(), e->ids.end());
        b.source.insert(b.source.end(), b.sourceLength - e->ids.size(), 0);
        b.sourceLengths.push_back(static_cast<int>(e->ids.size()));
        b.labels.push_back(e->label);
    }
    return b;
}

inline AttentionClassifierConfig modelFor(const Data &d, ClassifierEncoder encoder)
{
    AttentionClassifierConfig c;
    c.vocab = d.tokenizer->vocabSize();
    c.classes = 2;
    c.max_length = d.maxLength;
    c.d_model = 32;
    c.encoder = encoder;
    c.n_heads = 2;
    c.n_layers = 1;
    c.hidden = 24;
    c.attention_dim = 16;
    c.dropout = 0.1f;
    return c;
}

// Trains on random batches of the training sentences; returns seconds.
inline double train(AttentionClassifier &model, const Data &d, long long steps, int batch,
                    std::uint64_t seed)
{
    TrainerConfig tc;
    tc.steps = steps;
    tc.learningRate = 3e-3f;
    tc.schedule = LrSchedule::warmupCosine(std::min<long long>(20, steps / 5), steps, 0.1f);
    tc.optimizer.weightDecay = 0.01f;
    tc.evalEvery = 0;
    tc.seed = seed;
    BatchSource data;
    data.train = [&](Rng &rng) {
        std::vector<const Example *> rows;
        for (int i = 0; i < batch; ++i)
            rows.push_back(&d.train[rng.below(d.train.size())]);
        return batchOf(rows);
    };
    Trainer trainer(model, data, tc);
    const auto t0 = std::chrono::steady_clock::now();
    const TrainResult r = trainer.run();
    [&] { QCOMPARE(r.status, TrainStatus::Finished); }();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

inline ClassificationMetrics evaluate(const AttentionClassifier &model,
                                      const std::vector<Example> &set)
{
    std::vector<int> truth, predicted;
    for (const Example &e : set) {
        const auto p = model.predict(e.ids);
        truth.push_back(e.label);
        predicted.push_back(p[1] > p[0] ? 1 : 0);
    }
    return classificationMetrics(truth, predicted, 2);
}

// The token with the highest pooling weight.
inline std::string topToken(const AttentionClassifier &model, const Data &d, const Example &e)
{
    Batch one = batchOf({&e});
    const AttentionTrace tr = model.trace(one);
    const MatRM &w = tr.find("pool")->heads[0].weights;
    Index arg = 0;
    w.row(0).maxCoeff(&arg);
    return d.tokenizer->tokenText(e.ids[static_cast<size_t>(arg)]);
}

// Words (as word pieces) that carry sentiment in the bundled set.
inline const std::set<std::string> &sentimentWords()
{
    static const std::set<std::string> words = {" love",
                                                " great",
                                                " excellent",
                                                " wonderful",
                                                " superb",
                                                " lovely",
                                                " good",
                                                " happy",
                                                " beautiful",
                                                " charming",
                                                " recommend",
                                                " terrible",
                                                " boring",
                                                " bad",
                                                " awful",
                                                " annoying",
                                                " disappointing",
                                                " hate",
                                                " ugly",
                                                " silly",
                                                " lazy",
                                                " unhappy",
                                                " weak",
                                                " forgettable",
                                                " sharp",
                                                " bright",
                                                " moving",
                                                " comfortable",
                                                " perfect",
                                                " broken",
                                                " broke",
                                                " waste",
                                                " poor",
                                                " worst",
                                                " best",
                                                " nice",
                                                " fun",
                                                " dull",
                                                " slow",
                                                " cheap",
                                                " noisy",
                                                " dirty",
                                                " fresh",
                                                " delicious",
                                                " easy",
                                                " helpful",
                                                "好",
                                                "棒",
                                                "差",
                                                "喜",
                                                "欢",
                                                "爱",
                                                "失",
                                                "望",
                                                "糟",
                                                "糕",
                                                "坏",
                                                "无",
                                                "聊",
                                                "满",
                                                "意",
                                                "推",
                                                "荐",
                                                "美",
                                                "漂",
                                                "亮",
                                                "精",
                                                "彩",
                                                "舒",
                                                "服",
                                                "烦",
                                                "后",
                                                "悔",
                                                "讨",
                                                "厌",
                                                "丑",
                                                "慢",
                                                "脏",
                                                "破",
                                                "快",
                                                "值",
                                                "开",
                                                "心",
                                                "感",
                                                "动",
                                                "结",
                                                "实"};
    return words;
}

} // namespace sentiment
