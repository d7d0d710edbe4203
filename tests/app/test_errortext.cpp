// Engine errors reach the user in their language: attn::Error's English
// template is looked up in the zh_CN translation (context "attn") and its
// arguments are filled into the Chinese text, causes translated as well.
// Every template the engine marks is in the committed .ts, translated, with
// the same placeholders.

#include "common/errortext.h"
#include "core/error.h"
#include "io/hfmodel.h"
#include "io/modelfile.h"
#include "io/safetensors.h"
#include "models/transformerlm.h"
#include "text/csv.h"
#include "text/textfile.h"
#include "train/trainer.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

#include <stdexcept>

namespace {

// The message of the attn::Error that f throws (fails the test when none).
template <class F> attn::Error caught(F f)
{
    try {
        f();
    } catch (const attn::Error &e) {
        return e;
    }
    return attn::Error(std::string("<no error thrown>"));
}

QSet<QString> placeholders(const QString &s)
{
    QSet<QString> out;
    static const QRegularExpression re(QStringLiteral("%\\d+"));
    for (auto it = re.globalMatch(s); it.hasNext();)
        out.insert(it.next().captured());
    return out;
}

// Undoes the C escapes a string literal may hold (\" \\ \n \t).
QString unescapeC(const QString &s)
{
    QString out;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i] == QLatin1Char('\\') && i + 1 < s.size()) {
            const QChar c = s[++i];
            out += c == QLatin1Char('n') ? QChar(u'\n') : c == QLatin1Char('t') ? QChar(u'\t') : c;
        } else {
            out += s[i];
        }
    }
    return out;
}

} // namespace

class TestErrorText : public QObject {
    Q_OBJECT

    QTranslator m_zh;

private slots:
    void initTestCase()
    {
        QVERIFY2(m_zh.load(QStringLiteral(":/i18n/attentionlab_zh_CN.qm")),
                 "the zh_CN translation is not in the app's resources");
    }

    void englishWithoutATranslator()
    {
        const auto e = caught([] { attn::readTextFile("/nonexistent-dir/notes.txt"); });
        QCOMPARE(attn::errorText(e), QStringLiteral("/nonexistent-dir/notes.txt: not found"));
        QCOMPARE(attn::errorText(e), QString::fromUtf8(e.what()));
        const std::runtime_error other("plain std error");
        QCOMPARE(attn::errorText(other), QStringLiteral("plain std error"));
    }

    void textFileErrorInChinese()
    {
        QCoreApplication::installTranslator(&m_zh);
        const auto e = caught([] { attn::readTextFile("/nonexistent-dir/notes.txt"); });
        const QString zh = attn::errorText(e);
        QCoreApplication::removeTranslator(&m_zh);
        // "%1: %2" -> "%1：%2" around the cause "not found" -> "未找到".
        QCOMPARE(zh, QStringLiteral("/nonexistent-dir/notes.txt：未找到"));
    }

    void csvErrorInChineseWithNumbers()
    {
        const auto e = caught([] { attn::parseCsv("text,label\na,b\nc,d,e\n", "t.csv"); });
        QCOMPARE(QString::fromUtf8(e.what()),
                 QStringLiteral("t.csv: line 3 has 3 fields; expected 2 (text, label) (an extra "
                                "column)"));
        // Passed explicitly, as the CLI does (it has no QCoreApplication).
        QCOMPARE(attn::errorText(e, &m_zh),
                 QStringLiteral("t.csv：第 3 行有 3 个字段；应为 2 个 (text, label)（多出一列）"));
    }

    void tamperedModelFileInChinese()
    {
        const auto e = caught([] { attn::SafetensorsFile::fromBytes("abc", "m.safetensors"); });
        QCOMPARE(
            attn::errorText(e, &m_zh),
            QStringLiteral("m.safetensors：对 safetensors 文件来说太短（3 字节；仅 8 字节的头部"
                           "长度就需要 8 字节）"));
    }

    void trainerSettingInChinese()
    {
        attn::TrainerConfig c;
        c.steps = 0;
        const auto e = caught([&] { c.validate(); });
        QCOMPARE(QString::fromUtf8(e.what()),
                 QStringLiteral("training steps 0 is out of range: expected at least 1"));
        QCOMPARE(attn::errorText(e, &m_zh), QStringLiteral("训练步数 0 超出范围：至少应为 1"));
    }

    void hfModelRefusalInChinese()
    {
        // A folder whose config.json names a BERT: the Hugging Face loader refuses it
        // before looking for weights, naming the file and the architecture.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile config(dir.filePath(QStringLiteral("config.json")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(R"({"architectures": ["BertModel"], "n_embd": 8})");
        config.close();
        const std::string folder = dir.path().toStdString();
        const auto e = caught([&] { attn::loadHfModel(folder); });
        const QString file = dir.filePath(QStringLiteral("config.json"));
        QCOMPARE(QString::fromUtf8(e.what()),
                 file + QStringLiteral(": architecture \"BertModel\" is not GPT-2 (expected "
                                       "GPT2LMHeadModel or GPT2Model)"));
        QCoreApplication::installTranslator(&m_zh);
        const QString zh = attn::errorText(e);
        QCoreApplication::removeTranslator(&m_zh);
        QCOMPARE(zh, file + QStringLiteral("：架构 \"BertModel\" 不是 GPT-2（应为 "
                                           "GPT2LMHeadModel 或 GPT2Model）"));
    }

    // Loading notices (here: no tokenizer in the file) render like errors, as the GUI's
    // worker would with the app's translator installed.
    void loaderNoticeInChinese()
    {
        attn::TransformerConfig c;
        c.vocab = 12;
        c.n_ctx = 6;
        c.d_model = 8;
        c.n_heads = 2;
        c.n_layers = 1;
        attn::TransformerLM lm(c, 3);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath(QStringLiteral("notok.safetensors")).toStdString();
        attn::saveModelFile(path, lm, nullptr, {});
        const attn::LoadedModel m = attn::loadModelFile(path);
        QCOMPARE(m.notices.size(), size_t(1));
        QCOMPARE(attn::errorText(m.notices[0]),
                 QStringLiteral("the file has no tokenizer; token ids are shown as numbers"));
        QCoreApplication::installTranslator(&m_zh);
        const QString zh = attn::errorText(m.notices[0]);
        QCoreApplication::removeTranslator(&m_zh);
        QCOMPARE(zh, QStringLiteral("文件中没有分词器；词元 ID 以数字显示"));
    }

    void argumentOrderMayChange()
    {
        // "(%2 of %3 bytes)" reads "（%3 字节中读取了 %2 字节）" in Chinese.
        const attn::Error e = attn::Error::fmt(
            QT_TRANSLATE_NOOP("attn", "%1: could not be read completely (%2 of %3 bytes)"),
            std::string("a.bin"), 10, 20);
        QCOMPARE(attn::errorText(e, &m_zh),
                 QStringLiteral("a.bin：未能完整读取（20 字节中读取了 10 字节）"));
    }

    void everyEngineTemplateIsTranslated()
    {
        // The templates as the engine's sources mark them (read here, not by lupdate).
        QSet<QString> templates;
        static const QRegularExpression mark(QStringLiteral(
            "QT_TRANSLATE_NOOP\\(\\s*\"attn\",((?:\\s*\"(?:[^\"\\\\]|\\\\.)*\")+)\\s*\\)"));
        static const QRegularExpression piece(QStringLiteral("\"((?:[^\"\\\\]|\\\\.)*)\""));
        QDirIterator it(QStringLiteral(ATTNLAB_SOURCE_DIR "/model"), {QStringLiteral("*.cpp")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString src = QString::fromUtf8(f.readAll());
            for (auto m = mark.globalMatch(src); m.hasNext();) {
                QString joined;
                const QString lits = m.next().captured(1);
                for (auto p = piece.globalMatch(lits); p.hasNext();)
                    joined += p.next().captured(1);
                templates.insert(unescapeC(joined));
            }
        }
        QVERIFY2(templates.size() > 150, qPrintable(QString::number(templates.size())));

        QStringList bad;
        for (const QString &t : std::as_const(templates)) {
            const QByteArray utf8 = t.toUtf8();
            const QString zh = m_zh.translate("attn", utf8.constData());
            if (zh.isEmpty())
                bad << QStringLiteral("untranslated: ") + t;
            else if (placeholders(zh) != placeholders(t))
                bad << QStringLiteral("placeholders differ: ") + t + QStringLiteral(" -> ") + zh;
            else if (zh == t)
                bad << QStringLiteral("same as English: ") + t;
        }
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestErrorText)
#include "test_errortext.moc"
