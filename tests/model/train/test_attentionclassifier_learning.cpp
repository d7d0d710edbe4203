// Learning figure: the attention classifier on the bundled bilingual sentiment set
// beats the majority baseline on held-out sentences by a wide margin, and its
// pooling puts more weight on sentiment-bearing words than on the others.
#include "sentimentlearning.h"

using namespace sentiment;

Q_DECLARE_METATYPE(attn::ClassifierEncoder)

class TestAttentionClassifierLearning : public QObject {
    Q_OBJECT
private slots:
    void sentiment_data()
    {
        QTest::addColumn<ClassifierEncoder>("encoder");
        QTest::addColumn<double>("minAccuracy");
        QTest::addColumn<int>("minTopHits");
        QTest::newRow("transformer") << ClassifierEncoder::Transformer << 0.8 << 6;
        QTest::newRow("bigru") << ClassifierEncoder::BiGRU << 0.7 << 4;
    }
    void sentiment()
    {
        QFETCH(ClassifierEncoder, encoder);
        QFETCH(double, minAccuracy);
        QFETCH(int, minTopHits);
        setThreads(1);
        const Data d = load();
        QCOMPARE(d.train.size() + d.heldOut.size(), size_t(156));
        AttentionClassifier model(modelFor(d, encoder), 1);
        const double seconds = train(model, d, 300, 16, 1);
        model.setTraining(false);
        const ClassificationMetrics m = evaluate(model, d.heldOut);
        qInfo("%s: 300 steps of 16 in %.1f s (1 thread); held-out (%lld sentences):\n%s",
              classifierEncoderName(encoder), seconds, m.total,
              m.report({"negative", "positive"}).c_str());
        QVERIFY2(m.accuracy >= minAccuracy && m.accuracy >= m.majorityBaseline + 0.2,
                 qPrintable(QString("held-out accuracy %1, majority baseline %2")
                                .arg(m.accuracy)
                                .arg(m.majorityBaseline)));
        QVERIFY(m.macroF1 >= minAccuracy - 0.05);

        // Pooling on the held-out sentences: the weight on sentiment words against
        // their share of the tokens (what uniform pooling would give them), and how
        // often the single highest weight sits on one.
        double mass = 0.0, share = 0.0;
        int topHits = 0;
        for (const Example &e : d.heldOut) {
            const AttentionTrace tr = model.trace(batchOf({&e}));
            const MatRM &w = tr.find("pool")->heads[0].weights;
            int words = 0;
            for (size_t t = 0; t < e.ids.size(); ++t)
                if (sentimentWords().count(d.tokenizer->tokenText(e.ids[t]))) {
                    mass += w(0, Index(t));
                    ++words;
                }
            share += double(words) / double(e.ids.size());
            const std::string top = topToken(model, d, e);
            if (sentimentWords().count(top)) {
                ++topHits;
                if (topHits <= 4)
                    qInfo("  %s -> highest pooling weight on '%s'", e.text.c_str(), top.c_str());
            }
        }
        qInfo("pooling weight on sentiment words %.3f (uniform pooling: %.3f); highest weight "
              "on one in %d of %zu sentences",
              mass / double(d.heldOut.size()), share / double(d.heldOut.size()), topHits,
              d.heldOut.size());
        QVERIFY(mass > share);
        QVERIFY(topHits >= minTopHits);
    }
};

QTEST_APPLESS_MAIN(TestAttentionClassifierLearning)
#include "test_attentionclassifier_learning.moc"
