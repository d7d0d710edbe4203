// The Data dock: statistics from the engine's Experiment, the probe's tokens as chips,
// bad files shown inline with the previous data kept, drops and pasted text.

#include "gui/panels/datapanel.h"
#include "tokenchips.h"

#include "text/textfile.h"
#include "train/experiment.h"

#include <QLabel>
#include <QMimeData>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using attn::gui::DataPanel;

namespace {

QString sample(const char *name)
{
    return QStringLiteral(ATTNLAB_SOURCE_DIR "/resources/samples/") + QLatin1String(name);
}

bool waitStats(DataPanel &panel)
{
    return QTest::qWaitFor([&] { return !panel.statsPending(); }, 20000);
}

QLabel *errorLabel(DataPanel &panel)
{
    // The error label is the one styled red.
    for (QLabel *l : panel.findChildren<QLabel *>())
        if (l->styleSheet().contains(QLatin1String("#c62828")))
            return l;
    return nullptr;
}

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

// Chip labels back to text: the engine shows ' ' as ␣, '\n' as ↵ and '\t' as ⇥.
QString unlabel(const QStringList &chips)
{
    QString s = chips.join(QString());
    s.replace(QStringLiteral("␣"), QStringLiteral(" "));
    s.replace(QStringLiteral("↵"), QStringLiteral("\n"));
    s.replace(QStringLiteral("⇥"), QStringLiteral("\t"));
    return s;
}

} // namespace

class TestDataPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void taskStatsAndChips()
    {
        DataPanel panel;
        QVERIFY(waitStats(panel));
        QVERIFY(panel.stats().valid);
        const auto e = attn::Experiment::create(panel.spec());
        QCOMPARE(panel.stats().vocabSize, e->vocabSize());
        QCOMPARE(panel.stats().sequenceLength, e->sequenceLength());
        QCOMPARE(panel.stats().tokens, qint64(-1)); // generated: no fixed token count
        // The chips are the probe's input ids without padding.
        const attn::Batch probe = e->probe();
        QStringList expected;
        for (int i = 0; i < probe.length; ++i)
            if (probe.inputs[size_t(i)] != 0)
                expected << QString::fromStdString(e->tokenLabel(probe.inputs[size_t(i)]));
        QVERIFY(expected.size() > 3);
        QCOMPARE(panel.chips()->labels(), expected);
        QCOMPARE(panel.chips()->chipCount(), int(expected.size()));
        // The reverse task's probe reads "<bos> source = reversed source".
        const QString joined = panel.chips()->labels().mid(1).join(QString());
        const qsizetype eq = joined.indexOf(QLatin1Char('='));
        QVERIFY(eq > 0);
        QString reversed = joined.left(eq);
        std::reverse(reversed.begin(), reversed.end());
        QVERIFY2(joined.mid(eq + 1).startsWith(reversed), qPrintable(joined));
    }

    void sampleStatsEqualTheEngine_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("english") << sample("english.txt");
        QTest::newRow("chinese") << sample("chinese.txt");
    }

    void sampleStatsEqualTheEngine()
    {
        QFETCH(QString, file);
        DataPanel panel;
        QVERIFY(waitStats(panel));
        QSignalSpy ready(&panel, &DataPanel::statsReady);
        QVERIFY(panel.loadFile(file));
        QVERIFY(panel.statsPending());
        QVERIFY(ready.wait(20000));
        const DataPanel::Stats &s = panel.stats();
        QVERIFY2(s.valid, qPrintable(s.error));
        const auto e = attn::Experiment::create(panel.spec());
        QCOMPARE(s.vocabSize, e->vocabSize());
        QCOMPARE(s.trainExamples, qint64(e->trainExamples()));
        QCOMPARE(s.validationExamples, qint64(e->validationExamples()));
        QCOMPARE(s.sequenceLength, e->sequenceLength());
        QVERIFY(s.trainExamples > 0 && s.validationExamples > 0);
        // Counted a second way: characters are tokens, and the vocabulary is the distinct
        // characters plus <pad>, <bos>, <eos>, <unk>.
        const QString text =
            QString::fromStdString(attn::readTextFile(QFile::encodeName(file).toStdString()).text);
        const QList<uint> codes = text.toUcs4();
        QCOMPARE(s.tokens, qint64(codes.size()));
        QCOMPARE(s.vocabSize, int(QSet<uint>(codes.begin(), codes.end()).size()) + 4);
        // The probe's chips are a piece of the text.
        QVERIFY(panel.chips()->chipCount() > 10);
        QVERIFY2(text.contains(unlabel(panel.chips()->labels())),
                 qPrintable(panel.chips()->labels().join(QLatin1Char('|'))));
    }

    void badFileShowsErrorAndKeepsData_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("binary") << QByteArray("PK\x03\x04\x00\x00\x01\x02 binary", 16)
                                << QStringLiteral("binary");
        QTest::newRow("invalid utf-8")
            << QByteArray("good line\nbad \xff\xfe byte\n") << QStringLiteral("invalid UTF-8");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
    }

    void badFileShowsErrorAndKeepsData()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.txt"));
        writeBytes(bad, bytes);
        DataPanel panel;
        panel.show();
        QVERIFY(panel.loadFile(sample("english.txt")));
        QVERIFY(waitStats(panel));
        const DataPanel::Stats before = panel.stats();
        const attn::DataSpec spec = panel.spec();
        QSignalSpy changed(&panel, &DataPanel::specChanged);
        QString error;
        QVERIFY(!panel.loadFile(bad, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(error.contains(QLatin1String("bad.txt")));
        QLabel *label = errorLabel(panel);
        QVERIFY(label);
        QVERIFY(label->isVisible());
        QCOMPARE(label->text(), error);
        // The previous data stays.
        QCOMPARE(changed.count(), 0);
        QCOMPARE(panel.spec().path, spec.path);
        QCOMPARE(panel.fileName(), sample("english.txt"));
        QVERIFY(!panel.statsPending());
        QCOMPARE(panel.stats().vocabSize, before.vocabSize);
        QCOMPARE(panel.chips()->labels(), before.probeTokens);
    }

    void dropOpensFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("dropped.txt"));
        writeBytes(
            path,
            QByteArray("attention is all you need. attention is all you need.\n").repeated(20));
        DataPanel panel;
        panel.resize(400, 600);
        panel.show();
        QSignalSpy opened(&panel, &DataPanel::fileOpened);
        QSignalSpy changed(&panel, &DataPanel::specChanged);

        QMimeData image;
        image.setUrls({QUrl::fromLocalFile(dir.filePath(QStringLiteral("cat.png")))});
        QDragEnterEvent refuse(QPoint(50, 50), Qt::CopyAction, &image, Qt::LeftButton,
                               Qt::NoModifier);
        QCoreApplication::sendEvent(&panel, &refuse);
        QVERIFY(!refuse.isAccepted());

        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        QCoreApplication::sendEvent(&panel, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&panel, &drop);
        QVERIFY(drop.isAccepted());
        QCOMPARE(panel.fileName(), path);
        QCOMPARE(QString::fromStdString(panel.spec().path), path);
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.at(0).at(0).toString(), path);
        QVERIFY(changed.count() >= 1);
        QVERIFY(waitStats(panel));
        QVERIFY(panel.stats().valid);
        // Distinct characters of the sentence: a t e n i o s l y u d, the full stop, the space
        // and the line end: 14, plus <pad>, <bos>, <eos>, <unk>.
        QCOMPARE(panel.stats().vocabSize, 14 + 4);
    }

    void pastedTextBecomesTheData()
    {
        DataPanel panel;
        QSignalSpy opened(&panel, &DataPanel::fileOpened);
        const QString text =
            QStringLiteral("注意力机制让模型回头看前面的字。Attention looks back.\n").repeated(30);
        QVERIFY(panel.loadText(text));
        QCOMPARE(opened.count(), 1);
        const QString path = opened.at(0).at(0).toString();
        QVERIFY(path.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
        QVERIFY(path.endsWith(QLatin1String(".txt")));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(f.readAll()), text);
        QCOMPARE(panel.text(), text);
        QVERIFY(waitStats(panel));
        QVERIFY(panel.stats().valid);
        QVERIFY(panel.chips()->labels().contains(QStringLiteral("注")));
        // Whitespace only is refused and nothing changes.
        QString error;
        QVERIFY(!panel.loadText(QStringLiteral("  \n\t \n"), &error));
        QVERIFY2(error.contains(QLatin1String("whitespace")), qPrintable(error));
        QCOMPARE(panel.fileName(), path);
        QCOMPARE(opened.count(), 1);
        QFile::remove(path);
    }
};

QTEST_MAIN(TestDataPanel)
#include "test_datapanel.moc"
