#include "loss/losshistory.h"

#include <QtTest>

#include <cmath>

using attn::LossHistory;
using attn::LossPoint;

// The loss history's CSV and JSON: what a spreadsheet or a plotting script reads, and
// what `attentionlab-cli render --view loss --history` reads back.
class TestLossHistory : public QObject {
    Q_OBJECT
private:
    static QVector<LossPoint> sample()
    {
        LossPoint a;
        a.step = 1;
        a.loss = 2.5;
        a.lr = 0.001;
        a.gradNorm = 1.25;
        LossPoint b;
        b.step = 2;
        b.loss = 0.1;
        b.valLoss = 0.75;
        b.lr = 0.002;
        b.gradNorm = 0.5;
        b.accuracy = 0.875;
        return {a, b};
    }

private slots:
    void csvByHand()
    {
        QCOMPARE(LossHistory::toCsv(sample()),
                 QByteArray("step,loss,val_loss,lr,grad_norm,accuracy\r\n"
                            "1,2.5,,0.001,1.25,\r\n"
                            "2,0.1,0.75,0.002,0.5,0.875\r\n"));
        QCOMPARE(LossHistory::toCsv({}),
                 QByteArray("step,loss,val_loss,lr,grad_norm,accuracy\r\n"));
    }

    void jsonRoundTrip()
    {
        const QByteArray json = LossHistory::toJson(sample());
        QVERIFY(json.contains("\"val_loss\""));
        QVector<LossPoint> back;
        QString error;
        QVERIFY2(LossHistory::fromJson(json, &back, &error), qPrintable(error));
        QCOMPARE(back.size(), 2);
        QCOMPARE(back[0].step, 1);
        QCOMPARE(back[0].loss, 2.5);
        QVERIFY(std::isnan(back[0].valLoss));
        QVERIFY(std::isnan(back[0].accuracy));
        QCOMPARE(back[1].valLoss, 0.75);
        QCOMPARE(back[1].lr, 0.002);
        QCOMPARE(back[1].accuracy, 0.875);
    }

    void minimalJson()
    {
        QVector<LossPoint> back;
        QVERIFY(LossHistory::fromJson(R"({"step": [10, 20], "loss": [3, null]})", &back));
        QCOMPARE(back.size(), 2);
        QCOMPARE(back[1].step, 20);
        QCOMPARE(back[0].loss, 3.0);
        QVERIFY(std::isnan(back[1].loss));
    }

    void badJsonIsRefusedWithAReason_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not json") << QByteArray("{step") << QStringLiteral("not valid JSON");
        QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("not a JSON object");
        QTest::newRow("no loss") << QByteArray(R"({"step": [1]})") << QStringLiteral("\"loss\"");
        QTest::newRow("short column")
            << QByteArray(R"({"step": [1, 2], "loss": [1]})") << QStringLiteral("\"loss\"");
        QTest::newRow("string value")
            << QByteArray(R"({"step": [1], "loss": ["x"]})") << QStringLiteral("not a number");
        QTest::newRow("string step")
            << QByteArray(R"({"step": ["1"], "loss": [1]})") << QStringLiteral("step 0");
    }

    void badJsonIsRefusedWithAReason()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, reason);
        QVector<LossPoint> back = sample();
        QString error;
        QVERIFY(!LossHistory::fromJson(json, &back, &error));
        QVERIFY2(error.contains(reason), qPrintable(error));
        QCOMPARE(back.size(), 2); // untouched
    }

    void emptyHistoryIsNotWritten()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY(!LossHistory::saveCsv({}, dir.filePath(QStringLiteral("x.csv")), &error));
        QVERIFY(error.contains(QStringLiteral("x.csv")));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.csv"))));
        QVERIFY(LossHistory::saveJson(sample(), dir.filePath(QStringLiteral("x.json")), &error));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("x.json"))));
    }
};

QTEST_APPLESS_MAIN(TestLossHistory)
#include "test_losshistory.moc"
