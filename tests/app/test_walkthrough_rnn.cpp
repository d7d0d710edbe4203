// The walkthrough of the RNN encoder-decoder's cross attention with real model numbers:
// the trained Bahdanau demo (dates-bahdanau.safetensors, additive attention) and a seeded
// Seq2SeqRNN with Luong's general attention (s^T W h). Every number every step displays
// must equal the value worked out from the model's AttentionTrace by
// test_walkthrough_check.h (W h_j from the extra W and the encoder states, products,
// sums, softmax, context), for several decoding steps and keys, with padded sources.
#include "../widgets/test_walkthrough_check.h"
#include "walkthrough/walkthroughview.h"

#include "io/modelfile.h"
#include "models/seq2seqrnn.h"
#include "tokenizers/tokenizer.h"

#include <QSet>
#include <QtTest>

#include <filesystem>

using namespace attn;

namespace {

// Walks every step for the queries and keys given; returns the numbers checked.
int checkEveryNumber(const AttentionTrace &t, const std::vector<int> &queries,
                     const std::vector<int> &keys, QSet<QString> *sources = nullptr)
{
    WalkthroughView v;
    v.setTrace(t);
    int cells = 0;
    for (int q : queries)
        for (int k : keys) {
            v.setQuery(q);
            v.setKey(k);
            if (v.query() != q || v.key() != k) {
                qWarning() << "selection" << q << k << "became" << v.query() << v.key();
                return -1;
            }
            const wtcheck::Resolver res(t, {"cross", 0, q, k});
            for (int precision : {2, 4, 6}) {
                v.setPrecision(precision);
                for (int s = 0; s < v.stepCount(); ++s) {
                    const WtPage page = v.page(s);
                    const wtcheck::Result r = wtcheck::checkPage(page, res, precision);
                    if (!r.failures.isEmpty() || r.checked == 0) {
                        qWarning() << page.title << r.failures.mid(0, 5);
                        return -1;
                    }
                    cells += r.checked;
                    if (sources)
                        for (const WtCell &c : page.cells())
                            *sources << c.source.section(QLatin1Char(':'), 0, 0);
                }
            }
        }
    return cells;
}

} // namespace

class TestWalkthroughRnn : public QObject {
    Q_OBJECT
private slots:
    void trainedBahdanauDemo()
    {
        const std::string path = (std::filesystem::path(ATTNLAB_SOURCE_DIR) / "resources" /
                                  "models" / "dates-bahdanau.safetensors")
                                     .string();
        const LoadedModel m = loadModelFile(path);
        QVERIFY(m.tokenizer);
        const std::vector<TokenId> src = m.tokenizer->encode("march 5, 2021");
        const std::vector<TokenId> tgt = m.tokenizer->encode("2021-03-05");
        QVERIFY(src.size() >= 8 && tgt.size() >= 8);
        Batch one;
        one.batch = 1;
        one.inputs = {1}; // <bos> target
        one.inputs.insert(one.inputs.end(), tgt.begin(), tgt.end());
        one.length = static_cast<int>(one.inputs.size());
        one.source = src;
        one.source.insert(one.source.end(), 3, 0); // three padding keys
        one.sourceLength = static_cast<int>(one.source.size());
        one.sourceLengths = {static_cast<int>(src.size())};
        const AttentionTrace t = m.model->trace(one, {});
        const AttentionBlockTrace *b = t.find("cross");
        QVERIFY(b);
        QCOMPARE(b->kind, ScoreKind::Additive);
        const int T = one.length, S = static_cast<int>(src.size());
        const int cells = checkEveryNumber(t, {0, T / 2, T - 1}, {0, S / 2, S - 1});
        QVERIFY(cells > 0);
        qInfo("dates-bahdanau: %d numbers checked", cells);
    }

    void luongGeneralAttention()
    {
        Seq2SeqRNNConfig c;
        c.vocab = 20;
        c.embedding = 8;
        c.hidden = 5;
        c.attention = RnnAttentionKind::General;
        const Seq2SeqRNN model(c, 11);
        Batch one;
        one.batch = 1;
        one.length = 5;
        one.inputs = {1, 7, 9, 4, 12};
        one.sourceLength = 7;
        one.source = {5, 6, 11, 12, 3, 0, 0};
        one.sourceLengths = {5};
        const AttentionTrace t = model.trace(one);
        const AttentionBlockTrace *b = t.find("cross");
        QVERIFY(b);
        QCOMPARE(b->kind, ScoreKind::General);
        QVERIFY(b->heads[0].extras.count("W") && b->heads[0].extras.count("Wh"));
        QSet<QString> sources;
        const int cells = checkEveryNumber(t, {0, 2, 4}, {0, 3, 4}, &sources);
        QVERIFY(cells > 0);
        for (const char *want : {"W", "k", "wh", "Wh", "q", "terms", "termSum", "scores",
                                 "maskedScaled", "softmax.exps", "weights", "contrib", "z", "out"})
            QVERIFY2(sources.contains(QLatin1String(want)), want);
        // The engine's own cross-checks: W h_j from W equals the traced W h_j, and the
        // sums of the products equal the traced scores.
        for (int q : {0, 4}) {
            const Walkthrough w = buildWalkthrough(t, {"cross", 0, q, 2});
            QCOMPARE(w.steps.size(), size_t(6));
            QCOMPARE(w.maskedCount, 2);
            QCOMPARE(int(w.terms.size()), 2 * c.hidden);
            QVERIFY(w.whError < 1e-5);
            QVERIFY(w.maxScoreError < 1e-4);
            QVERIFY(w.maxWeightError < 1e-5);
            QVERIFY(w.maxOutError < 1e-5);
        }
        qInfo("seq2seq-rnn general: %d numbers checked", cells);
    }
};

QTEST_MAIN(TestWalkthroughRnn)
#include "test_walkthrough_rnn.moc"
