// Classification metrics against values worked out by hand.
#include "core/error.h"
#include "train/metrics.h"

#include <QtTest>

#include <cmath>

using namespace attn;

class TestMetrics : public QObject {
    Q_OBJECT
private slots:
    void threeClassesByHand()
    {
        // truth:     0 0 0 0 1 1 1 2 2 2
        // predicted: 0 0 1 2 1 1 0 2 2 1
        // confusion (rows true, columns predicted):
        //   0: 2 1 1     1: 1 2 0     2: 0 1 2
        // class 0: tp 2, predicted 3, actual 4 -> P 2/3, R 1/2, F1 2·(1/3)/(7/6) = 4/7
        // class 1: tp 2, predicted 4, actual 3 -> P 1/2, R 2/3, F1 4/7
        // class 2: tp 2, predicted 3, actual 3 -> P 2/3, R 2/3, F1 2/3
        // accuracy 6/10; macro F1 (4/7 + 4/7 + 2/3) / 3 = 38/63; majority 4/10
        const std::vector<int> t = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
        const std::vector<int> p = {0, 0, 1, 2, 1, 1, 0, 2, 2, 1};
        const auto m = classificationMetrics(t, p, 3);
        const long long expected[3][3] = {{2, 1, 1}, {1, 2, 0}, {0, 1, 2}};
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j)
                QCOMPARE(m.confusion(i, j), expected[i][j]);
        auto near = [](double a, double b) { return std::abs(a - b) < 1e-12; };
        QVERIFY(near(m.accuracy, 0.6));
        QVERIFY(near(m.precision[0], 2.0 / 3) && near(m.recall[0], 0.5));
        QVERIFY(near(m.precision[1], 0.5) && near(m.recall[1], 2.0 / 3));
        QVERIFY(near(m.precision[2], 2.0 / 3) && near(m.recall[2], 2.0 / 3));
        QVERIFY(near(m.f1[0], 4.0 / 7) && near(m.f1[1], 4.0 / 7) && near(m.f1[2], 2.0 / 3));
        QVERIFY(near(m.macroF1, 38.0 / 63));
        QVERIFY(near(m.majorityBaseline, 0.4));
        QCOMPARE(m.support, (std::vector<long long>{4, 3, 3}));
        QVERIFY(m.report({"neg", "neu", "pos"}).find("neu") != std::string::npos);
    }

    void classNeverPredictedScoresZero()
    {
        // always "1": class 0 has no predictions -> precision 0, F1 0; class 1 P 3/5, R 1
        const auto m = classificationMetrics({0, 0, 1, 1, 1}, {1, 1, 1, 1, 1}, 2);
        QCOMPARE(m.precision[0], 0.0);
        QCOMPARE(m.recall[0], 0.0);
        QCOMPARE(m.f1[0], 0.0);
        QVERIFY(std::abs(m.precision[1] - 0.6) < 1e-12);
        QCOMPARE(m.recall[1], 1.0);
        QVERIFY(std::abs(m.f1[1] - 0.75) < 1e-12);
        QVERIFY(std::abs(m.accuracy - 0.6) < 1e-12);
        QVERIFY(std::abs(m.accuracy - m.majorityBaseline) < 1e-12);
    }

    void badInputIsAnError()
    {
        QVERIFY_THROWS_EXCEPTION(Error, classificationMetrics({0, 1}, {0}, 2));
        QVERIFY_THROWS_EXCEPTION(Error, classificationMetrics({}, {}, 2));
        QVERIFY_THROWS_EXCEPTION(Error, classificationMetrics({0, 2}, {0, 1}, 2));
        QVERIFY_THROWS_EXCEPTION(Error, classificationMetrics({0}, {-1}, 2));
    }
};

QTEST_APPLESS_MAIN(TestMetrics)
#include "test_metrics.moc"
