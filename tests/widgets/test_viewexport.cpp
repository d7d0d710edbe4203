#include "attention/allheadsgrid.h"
#include "attention/attentionlinesview.h"
#include "attention/heatmapview.h"
#include "loss/lossplotview.h"
#include "tracefixtures.h"
#include "viewexport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace attn;

namespace {
QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A small RFC 4180 reader, written for the test: fields split on commas outside quotes,
// "" inside quotes is one quote, records end at CRLF or LF outside quotes.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text[i + 1] == QLatin1Char('\n'))
                ++i;
            row << field;
            field.clear();
            rows << row;
            row.clear();
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !row.isEmpty())
        rows << (row << field);
    return rows;
}
} // namespace

class TestViewExport : public QObject {
    Q_OBJECT
private slots:
    void csvRoundTrip()
    {
        auto t = fixtures::causal3({"the", "a,b", "say \"hi\""});
        const AttentionMatrix m = AttentionMatrix::fromTrace(*t, 0, 1);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("m.csv"));
        QString error;
        QVERIFY2(ViewExport::saveMatrixCsv(m, path, &error), qPrintable(error));
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(readAll(path)));
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows[0], (QStringList{QStringLiteral("query\\key"), QStringLiteral("the"),
                                       QStringLiteral("a,b"), QStringLiteral("say\u2423\"hi\"")}));
        const attn::MatRM w = fixtures::head1();
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(rows[i + 1].size(), 4);
            QCOMPARE(rows[i + 1][0], rows[0][i + 1]); // same tokens on both axes
            for (int j = 0; j < 3; ++j) {
                bool ok = false;
                const float v = rows[i + 1][j + 1].toFloat(&ok);
                QVERIFY(ok);
                QCOMPARE(v, w(i, j)); // exact: the shortest decimal reads back
            }
        }
    }

    void jsonHasTokensWeightsMask()
    {
        auto t = fixtures::causal3({"我", "喜欢", "注意力"});
        const AttentionMatrix m = AttentionMatrix::fromTrace(*t, 0, -1);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("m.json"));
        QVERIFY(ViewExport::saveMatrixJson(m, path));
        QJsonParseError pe;
        const QJsonObject o = QJsonDocument::fromJson(readAll(path), &pe).object();
        QCOMPARE(pe.error, QJsonParseError::NoError);
        QCOMPARE(o.value(QStringLiteral("block")).toString(), QStringLiteral("layers.0.attn"));
        QVERIFY(o.value(QStringLiteral("head")).isNull()); // the mean
        QCOMPARE(o.value(QStringLiteral("queries")).toArray().at(2).toString(),
                 QStringLiteral("注意力"));
        QCOMPARE(o.value(QStringLiteral("keys")).toArray().size(), 3);
        const double mean[3][3] = {{1, 0, 0}, {0.5, 0.5, 0}, {0.3, 0.225, 0.475}};
        const int mask[3][3] = {{0, 1, 1}, {0, 0, 1}, {0, 0, 0}};
        const QJsonArray w = o.value(QStringLiteral("weights")).toArray();
        const QJsonArray mk = o.value(QStringLiteral("mask")).toArray();
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j) {
                QVERIFY(qAbs(w.at(i).toArray().at(j).toDouble() - mean[i][j]) < 1e-6);
                QCOMPARE(mk.at(i).toArray().at(j).toInt(), mask[i][j]);
            }
    }

    void imagesOfEveryView()
    {
        HeatmapView heat;
        heat.resize(500, 400);
        heat.setTrace(fixtures::causal3());
        heat.flush();
        AllHeadsGrid grid;
        grid.resize(500, 400);
        grid.setTrace(fixtures::causal(6, 2, 3));
        AttentionLinesView lines;
        lines.resize(500, 400);
        lines.setTrace(fixtures::causal3());
        LossPlotView loss;
        loss.resize(500, 400);
        for (int s = 0; s < 50; ++s) {
            LossPoint p;
            p.step = s;
            p.loss = 4.0 / (1 + s);
            p.lr = 1e-3;
            p.gradNorm = 1.0;
            loss.appendPoint(p);
        }
        QTemporaryDir dir;
        const QList<QPair<QString, QWidget *>> views = {{QStringLiteral("heat"), &heat},
                                                        {QStringLiteral("grid"), &grid},
                                                        {QStringLiteral("lines"), &lines},
                                                        {QStringLiteral("loss"), &loss}};
        for (const auto &[name, w] : views) {
            QString error;
            const QString png = dir.filePath(name + QStringLiteral(".png"));
            QVERIFY2(ViewExport::savePng(w, png, 2.0, &error), qPrintable(error));
            QImage img(png);
            QCOMPARE(img.size(), QSize(1000, 800)); // scale 2
            const QString svg = dir.filePath(name + QStringLiteral(".svg"));
            QVERIFY2(ViewExport::saveSvg(w, svg, &error), qPrintable(error));
            const QByteArray svgBytes = readAll(svg);
            QVERIFY(svgBytes.contains("<svg"));
            QVERIFY(svgBytes.size() > 1000);
            const QString pdf = dir.filePath(name + QStringLiteral(".pdf"));
            QVERIFY2(ViewExport::saveImage(w, pdf, &error), qPrintable(error));
            const QByteArray pdfBytes = readAll(pdf);
            QVERIFY(pdfBytes.startsWith("%PDF-"));
            QVERIFY(pdfBytes.size() > 1000);
        }
        // Plots are vector: the heatmap's axis labels are SVG text, not pixels.
        const QByteArray heatSvg = readAll(dir.filePath(QStringLiteral("heat.svg")));
        QVERIFY(heatSvg.contains("<text"));
        QVERIFY(heatSvg.contains("Attention weight"));
        QVERIFY(readAll(dir.filePath(QStringLiteral("lines.svg"))).contains("cat"));
    }

    void errorsNameTheFile()
    {
        HeatmapView heat;
        heat.resize(200, 200);
        QString error;
        QVERIFY(!ViewExport::saveImage(&heat, QStringLiteral("/tmp/x.bmpx"), &error));
        QVERIFY(error.contains(QStringLiteral("x.bmpx")));
        QVERIFY(!ViewExport::savePng(&heat, QStringLiteral("/nonexistent-dir/a.png"), 1.0, &error));
        QVERIFY(error.contains(QStringLiteral("/nonexistent-dir/a.png")));
        QVERIFY(
            !ViewExport::saveMatrixCsv(AttentionMatrix(), QStringLiteral("/tmp/e.csv"), &error));
    }
};

QTEST_MAIN(TestViewExport)
#include "test_viewexport.moc"
