// attentionlab-cli speaks the user's language: with the zh_CN translation
// loaded (main() loads it from LANG/LC_ALL; here explicitly, and once through
// a real process with LANG=zh_CN.UTF-8) usage, summaries and errors, the
// engine's included, are Chinese; with none, or in the C locale, English.
#include "cli/cli.h"
#include "cli/clitr.h"
#include "clitest.h"
#include "io/modelfile.h"
#include "models/transformerlm.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QtTest>

#include <string>

using clitest::Run;
using clitest::runCli;

namespace {

bool contains(const std::string &s, const std::string &part)
{
    return s.find(part) != std::string::npos;
}

} // namespace

class TestCliI18n : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    std::string out() const { return (m_dir.path() + "/m.safetensors").toStdString(); }

private slots:
    void cleanup() { attn::cli::loadTranslation(std::string()); }

    void englishWhenNothingIsLoaded()
    {
        const Run r = runCli({"train", "--task", "copy", "--steps", "abc", "--out", out()});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err, std::string("attentionlab-cli train: --steps expects a whole number, got "
                                    "'abc'\n"));
    }

    void cLocaleLoadsNothing()
    {
        QVERIFY(!attn::cli::loadTranslation("C"));
        QVERIFY(!attn::cli::loadTranslation("en_US"));
        const Run r = runCli({"nosuchcommand"});
        QCOMPARE(r.err, std::string("attentionlab-cli: unknown command 'nosuchcommand' (run "
                                    "'attentionlab-cli --help' for the list)\n"));
    }

    void badOptionInChinese()
    {
        QVERIFY(attn::cli::loadTranslation("zh_CN"));
        const Run r = runCli({"train", "--task", "copy", "--steps", "abc", "--out", out()});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err,
                 std::string("attentionlab-cli train: --steps 需要一个整数，得到的是 'abc'\n"));
    }

    void engineErrorInChinese()
    {
        QVERIFY(attn::cli::loadTranslation("zh_CN"));
        const std::string missing = (m_dir.path() + "/none.txt").toStdString();
        const Run r = runCli({"train", "--data", missing, "--steps", "1", "--out", out()});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err, "attentionlab-cli train: " + missing + "：未找到\n");
    }

    // A loading notice (no tokenizer in the file) in the user's language, with a
    // translated "warning" prefix; English with no translation loaded.
    void loaderWarningInChinese()
    {
        attn::TransformerConfig c;
        c.vocab = 12;
        c.n_ctx = 6;
        c.d_model = 8;
        c.n_heads = 2;
        c.n_layers = 1;
        attn::TransformerLM lm(c, 3);
        const std::string file = (m_dir.path() + "/notok.safetensors").toStdString();
        attn::saveModelFile(file, lm, nullptr, {});
        const std::vector<std::string> args = {"trace",
                                               "--model",
                                               file,
                                               "--ids",
                                               "1,2,3",
                                               "--out",
                                               (m_dir.path() + "/t.safetensors").toStdString()};
        const Run en = runCli(args);
        QVERIFY2(contains(en.err, "warning: the file has no tokenizer; token ids are shown as "
                                  "numbers\n"),
                 en.err.c_str());
        QVERIFY(attn::cli::loadTranslation("zh_CN"));
        const Run zh = runCli(args);
        QVERIFY2(contains(zh.err, "警告：文件中没有分词器；词元 ID 以数字显示\n"), zh.err.c_str());
        QVERIFY2(!contains(zh.err, "warning"), zh.err.c_str());
    }

    void helpInChinese()
    {
        QVERIFY(attn::cli::loadTranslation("zh_CN"));
        const Run r = runCli({"--help"});
        QCOMPARE(r.code, 0);
        QVERIFY2(contains(r.out, "用法：attentionlab-cli 命令 [选项]"), r.out.c_str());
        QVERIFY2(contains(r.out,
                          "  train       在内置任务、文本文件或 CSV/TSV 表格上训练模型并保存。\n"),
                 r.out.c_str());
        const Run t = runCli({"train", "--help"});
        QVERIFY2(contains(t.out, "用法：attentionlab-cli train (--task copy|reverse"),
                 t.out.c_str());
        QVERIFY2(contains(t.out, "按 Ctrl-C 停止训练并保存模型。"), t.out.c_str());
    }

    void realProcessFollowsLang()
    {
        const QString exe = qEnvironmentVariable("ATTNLAB_BUILD_DIR") + "/app/attentionlab-cli";
        if (!QFileInfo::exists(exe))
            QSKIP("attentionlab-cli is not built");
        auto runWith = [&](const QString &lang) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            for (const char *v : {"LC_ALL", "LC_MESSAGES", "LANGUAGE"})
                env.remove(QString::fromLatin1(v));
            env.insert(QStringLiteral("LANG"), lang);
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(exe, {QStringLiteral("train"), QStringLiteral("--task"), QStringLiteral("copy"),
                          QStringLiteral("--steps"), QStringLiteral("abc"), QStringLiteral("--out"),
                          QString::fromStdString(out())});
            if (!p.waitForFinished(30000))
                return QString();
            return QString::fromUtf8(p.readAllStandardError());
        };
        QCOMPARE(runWith(QStringLiteral("zh_CN.UTF-8")),
                 QStringLiteral("attentionlab-cli train: --steps 需要一个整数，得到的是 'abc'\n"));
        QCOMPARE(
            runWith(QStringLiteral("C")),
            QStringLiteral("attentionlab-cli train: --steps expects a whole number, got 'abc'\n"));
    }

    // render draws with the widgets' tr(): the CLI installs its translation into the
    // QApplication it makes, so the figure's text and the export's errors follow LANG.
    void renderFollowsLang()
    {
        const QString exe = qEnvironmentVariable("ATTNLAB_BUILD_DIR") + "/app/attentionlab-cli";
        if (!QFileInfo::exists(exe))
            QSKIP("attentionlab-cli is not built");
        const QString model =
            QStringLiteral(ATTNLAB_SOURCE_DIR) + "/resources/models/english-char-lm.safetensors";
        struct Result {
            int code = -1;
            QString out;
            QString err;
        };
        auto render = [&](const QString &lang, const QString &outPath) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            for (const char *v : {"LC_ALL", "LC_MESSAGES", "LANGUAGE"})
                env.remove(QString::fromLatin1(v));
            env.insert(QStringLiteral("LANG"), lang);
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(exe, {QStringLiteral("render"), QStringLiteral("--model"), model,
                          QStringLiteral("--text"), QStringLiteral("the cat"),
                          QStringLiteral("--out"), outPath});
            Result r;
            if (!p.waitForFinished(60000))
                return r;
            r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
            r.out = QString::fromUtf8(p.readAllStandardOutput());
            r.err = QString::fromUtf8(p.readAllStandardError());
            return r;
        };
        const QString svg = m_dir.path() + "/h.svg";
        const Result zh = render(QStringLiteral("zh_CN.UTF-8"), svg);
        if (zh.err.contains(QLatin1String("without the GUI")))
            QSKIP("attentionlab-cli is built without the GUI");
        QCOMPARE(zh.code, 0); // also: no crash on exit
        // The summary: "wrote %1: %2, %3x%4 (%5 bytes)" with the view described in Chinese.
        QVERIFY2(zh.out.startsWith("已写入 " + svg +
                                   "：第 0 层的 heatmap，7 个词元，各注意力头的平均，"),
                 qPrintable(zh.out));
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY2(text.contains(QStringLiteral("<desc>由 AttentionLab 导出</desc>")),
                 qPrintable(text.left(400)));
        QVERIFY(!text.contains(QLatin1String("Exported from")));
        // The views' own error (the file cannot be created: /proc takes no new files).
        const QString bad = QStringLiteral("/proc/attentionlab-test.svg");
        const Result zhErr = render(QStringLiteral("zh_CN.UTF-8"), bad);
        QCOMPARE(zhErr.code, 1);
        QVERIFY2(zhErr.err.startsWith("attentionlab-cli render: 无法写入 " + bad + "："),
                 qPrintable(zhErr.err));
        const Result cErr = render(QStringLiteral("C"), bad);
        QCOMPARE(cErr.code, 1);
        QVERIFY2(cErr.err.startsWith("attentionlab-cli render: Cannot write " + bad + ": "),
                 qPrintable(cErr.err));
    }
};

QTEST_GUILESS_MAIN(TestCliI18n)
#include "test_cli_i18n.moc"
