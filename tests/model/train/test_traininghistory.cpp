// TrainingHistory: the loss curve a model file keeps. Every step until the bound, then an
// even sample that never grows past it, with every evaluation and the last step kept; the
// JSON columns the window's loss export reads; a saved curve restored and extended.
#include "train/traininghistory.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>

using namespace attn;

namespace {

TrainReport report(long long step, bool evaluated)
{
    TrainReport r;
    r.step = step;
    r.loss = 1.0 / double(step);
    r.accuracy = 0.5;
    r.lr = 0.001f;
    r.gradNorm = 2.0;
    if (evaluated) {
        r.valLoss = 2.0 / double(step);
        r.valAccuracy = 0.75;
    }
    return r;
}

} // namespace

class TestTrainingHistory : public QObject {
    Q_OBJECT
private slots:
    void keepsEveryStepUnderTheBound()
    {
        TrainingHistory h(100);
        for (long long s = 1; s <= 60; ++s)
            h.add(report(s, s % 10 == 0));
        const nlohmann::json j = h.toJson();
        QCOMPARE(j["step"].size(), std::size_t(60));
        for (const char *c : {"loss", "val_loss", "lr", "grad_norm", "accuracy"})
            QCOMPARE(j[c].size(), std::size_t(60));
        QCOMPARE(j["step"][0].get<long long>(), 1LL);
        QCOMPARE(j["loss"][3].get<double>(), 0.25);
        QVERIFY(j["val_loss"][0].is_null());            // not evaluated at step 1
        QCOMPARE(j["val_loss"][9].get<double>(), 0.2);  // step 10
        QCOMPARE(j["accuracy"][9].get<double>(), 0.75); // the validation accuracy there
        QCOMPARE(j["accuracy"][0].get<double>(), 0.5);  // the batch's elsewhere
    }

    void longRunsStayBoundedAndEven()
    {
        TrainingHistory h(100);
        const long long steps = 10'007;
        for (long long s = 1; s <= steps; ++s)
            h.add(report(s, s % 500 == 0));
        const nlohmann::json j = h.toJson();
        const auto &st = j["step"];
        QVERIFY2(st.size() <= 101, qPrintable(QString::number(st.size())));
        QVERIFY(st.size() >= 40);
        QCOMPARE(st.back().get<long long>(), steps); // the last step is kept
        int evaluations = 0;
        for (std::size_t i = 0; i < st.size(); ++i) {
            if (i > 0)
                QVERIFY(st[i].get<long long>() > st[i - 1].get<long long>());
            evaluations += !j["val_loss"][i].is_null();
        }
        QCOMPARE(evaluations, 20); // every evaluation
    }

    void restoredCurveGoesOn()
    {
        TrainingHistory a;
        for (long long s = 1; s <= 30; ++s)
            a.add(report(s, s == 30));
        TrainingHistory b;
        b.restore(a.toJson());
        QCOMPARE(b.toJson(), a.toJson());
        for (long long s = 31; s <= 40; ++s)
            b.add(report(s, false));
        QCOMPARE(b.toJson()["step"].size(), std::size_t(40));
        QCOMPARE(b.toJson()["val_loss"][29].get<double>(), 2.0 / 30.0);

        // Anything but the object leaves it empty; steps that go back are skipped.
        b.restore(nlohmann::json::array());
        QVERIFY(b.empty());
        b.restore({{"step", {1, 2, 2, 1, 5}}, {"loss", {1.0, 2.0, 3.0, 4.0, 5.0}}});
        QCOMPARE(b.toJson()["step"], nlohmann::json({1, 2, 5}));
    }
};

QTEST_APPLESS_MAIN(TestTrainingHistory)
#include "test_traininghistory.moc"
