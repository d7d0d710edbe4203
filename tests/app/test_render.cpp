#include "cli/cli.h"

#include "loss/losshistory.h"

#include "io/modelfile.h"

#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QTemporaryDir>
#include <QtTest>

#include <sstream>

// `attentionlab-cli render`: each view of a model to PNG, SVG and PDF, offscreen, and
// every wrong option refused with a message that names it.
class TestRender : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
    static std::string demo()
    {
        return ATTNLAB_SOURCE_DIR "/resources/models/chinese-char-lm.safetensors";
    }
    struct Result {
        int code = 0;
        std::string out, err;
    };
    static Result render(std::vector<std::string> options)
    {
        std::vector<std::string> argv = {"attentionlab-cli", "render"};
        argv.insert(argv.end(), options.begin(), options.end());
        std::ostringstream out, err;
        Result r;
        r.code = attn::cli::run(argv, out, err);
        r.out = out.str();
        r.err = err.str();
        return r;
    }
    static QByteArray readAll(const QString &file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    // Distinct colours on a coarse grid: a drawn figure has many, a blank page one.
    static int colours(const QImage &image)
    {
        QSet<QRgb> set;
        for (int y = 0; y < image.height(); y += 5)
            for (int x = 0; x < image.width(); x += 5)
                set.insert(image.pixel(x, y));
        return int(set.size());
    }

private slots:
    void eachViewToEachFormat_data()
    {
        QTest::addColumn<QString>("view");
        QTest::addColumn<QString>("theme");
        for (const char *view : {"heatmap", "grid", "lines"})
            for (const char *theme : {"light", "dark"})
                QTest::addRow("%s-%s", view, theme)
                    << QString::fromLatin1(view) << QString::fromLatin1(theme);
    }

    void eachViewToEachFormat()
    {
        QFETCH(QString, view);
        QFETCH(QString, theme);
        for (const char *suffix : {"png", "svg", "pdf"}) {
            const QString file = path(QStringLiteral("%1-%2.%3").arg(view, theme, suffix));
            const Result r = render({"--model", demo(), "--text", "注意力是一种机制", "--view",
                                     view.toStdString(), "--layer", "1", "--head", "0", "--out",
                                     file.toStdString(), "--width", "640", "--height", "480",
                                     "--theme", theme.toStdString()});
            QVERIFY2(r.code == 0, r.err.c_str());
            QVERIFY2(r.out.find("wrote ") == 0, r.out.c_str());
            const QByteArray bytes = readAll(file);
            if (QLatin1String(suffix) == QLatin1String("png")) {
                QImageReader reader(file);
                QCOMPARE(reader.size(), QSize(1280, 960)); // --scale 2 by default
                const QImage image = reader.read();
                QVERIFY(colours(image) > 20);
                // The theme reaches the background: a light figure's corner is light.
                const bool light = QColor(image.pixel(2, 2)).lightnessF() > 0.5;
                QCOMPARE(light, theme == QLatin1String("light"));
            } else if (QLatin1String(suffix) == QLatin1String("svg")) {
                QVERIFY(bytes.startsWith("<?xml") || bytes.contains("<svg"));
                QVERIFY(bytes.trimmed().endsWith("</svg>"));
                QVERIFY2(bytes.size() > 5000, qPrintable(file));
            } else {
                QVERIFY(bytes.startsWith("%PDF-"));
                QVERIFY(bytes.contains("%%EOF"));
                QVERIFY2(bytes.size() > 3000, qPrintable(file));
            }
        }
    }

    void vectorHeatmapCarriesTheTokens()
    {
        // In the SVG the token labels are text, so the figure stays sharp and searchable.
        const QString file = path(QStringLiteral("tokens.svg"));
        const Result r = render({"--model", demo(), "--text", "注意力", "--view", "heatmap",
                                 "--out", file.toStdString()});
        QVERIFY2(r.code == 0, r.err.c_str());
        const QString svg = QString::fromUtf8(readAll(file));
        QVERIFY(svg.contains(QStringLiteral("注")));
        QVERIFY(svg.contains(QStringLiteral("力")));
    }

    // A model `attentionlab-cli train` wrote keeps its loss history (every step, with the
    // validation losses), so its curve is drawn without the app.
    void trainedModelDrawsItsLossCurve()
    {
        const std::string model = path(QStringLiteral("trained.safetensors")).toStdString();
        std::ostringstream out, err;
        QCOMPARE(attn::cli::run({"attentionlab-cli", "train", "--task", "reverse", "--steps", "30",
                                 "--eval-every", "10", "--layers", "1", "--d-model", "32",
                                 "--threads", "1", "--out", model},
                                out, err),
                 0);
        const attn::LoadedModel m = attn::loadModelFile(model);
        QVERIFY(m.training.history.is_object());
        QVector<attn::LossPoint> points;
        QString error;
        QVERIFY2(attn::LossHistory::fromJson(QByteArray::fromStdString(m.training.history.dump()),
                                             &points, &error),
                 qPrintable(error));
        QCOMPARE(points.size(), 30);
        int evaluated = 0;
        for (int i = 0; i < points.size(); ++i) {
            QCOMPARE(points[i].step, i + 1);
            QVERIFY(std::isfinite(points[i].loss) && std::isfinite(points[i].lr));
            evaluated += std::isfinite(points[i].valLoss);
        }
        QCOMPARE(evaluated, 3); // steps 10, 20, 30
        const QString png = path(QStringLiteral("trained-loss.png"));
        const Result r = render({"--model", model, "--view", "loss", "--out", png.toStdString()});
        QVERIFY2(r.code == 0, r.err.c_str());
        QVERIFY(colours(QImage(png)) > 20);
    }

    void lossNeedsAHistory()
    {
        // A training summary with only the final loss: say so, write nothing.
        attn::LoadedModel old = attn::loadModelFile(demo());
        old.training.history = nullptr;
        const std::string bare = path(QStringLiteral("bare.safetensors")).toStdString();
        attn::saveModelFile(bare, *old.model, old.tokenizer.get(), old.training);
        const QString file = path(QStringLiteral("loss.png"));
        Result r = render({"--model", bare, "--view", "loss", "--out", file.toStdString()});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.find("no loss history") != std::string::npos, r.err.c_str());
        QVERIFY(!QFile::exists(file));

        // A history exported from the app is drawn.
        QVector<attn::LossPoint> points;
        for (int s = 1; s <= 200; ++s) {
            attn::LossPoint p;
            p.step = s;
            p.loss = 3.0 * std::exp(-s / 50.0) + 0.2 + 0.05 * std::sin(s);
            p.lr = 0.003;
            p.gradNorm = 1.0 / s;
            if (s % 50 == 0)
                p.valLoss = p.loss + 0.1;
            points << p;
        }
        QVERIFY(attn::LossHistory::saveJson(points, path(QStringLiteral("h.json"))));
        for (const char *suffix : {"png", "svg", "pdf"}) {
            const QString out = path(QStringLiteral("loss.%1").arg(QLatin1String(suffix)));
            r = render({"--history", path(QStringLiteral("h.json")).toStdString(), "--view", "loss",
                        "--out", out.toStdString(), "--theme", "dark"});
            QVERIFY2(r.code == 0, r.err.c_str());
            QVERIFY(readAll(out).size() > 3000);
        }
        QVERIFY(colours(QImage(path(QStringLiteral("loss.png")))) > 20);
    }

    void wrongOptionsAreRefused_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("message");
        const QString m = QString::fromStdString(demo());
        const QString out = QStringLiteral("--out=") + path(QStringLiteral("x.png"));
        QTest::newRow("view") << QStringList{"--model", m, "--text", "a", "--view", "bars", out}
                              << "--view 'bars'";
        QTest::newRow("suffix") << QStringList{"--model", m, "--text", "a", "--out=x.gif"}
                                << "x.gif";
        QTest::newRow("layer") << QStringList{"--model", m, "--text", "a", "--layer", "9", out}
                               << "--layer 9";
        QTest::newRow("head") << QStringList{"--model", m, "--text", "a", "--head", "7", out}
                              << "--head 7";
        QTest::newRow("head word")
            << QStringList{"--model", m, "--text", "a", "--head", "x", out} << "--head 'x'";
        QTest::newRow("theme") << QStringList{"--model", m, "--text", "a", "--theme", "blue", out}
                               << "--theme 'blue'";
        QTest::newRow("no text") << QStringList{"--model", m, out} << "--text";
        QTest::newRow("no model") << QStringList{"--text", "a", out} << "--model";
        QTest::newRow("bad history")
            << QStringList{"--history", m, "--view", "loss", out} << "not valid JSON";
        QTest::newRow("no such model")
            << QStringList{"--model", "/nonexistent/m.safetensors", "--text", "a", out}
            << "/nonexistent/m.safetensors";
    }

    void wrongOptionsAreRefused()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, message);
        std::vector<std::string> o;
        for (const QString &s : options)
            o.push_back(s.toStdString());
        const Result r = render(o);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.find(message.toStdString()) != std::string::npos, r.err.c_str());
        QVERIFY(!QFile::exists(path(QStringLiteral("x.png"))));
    }
};

QTEST_MAIN(TestRender)
#include "test_render.moc"
