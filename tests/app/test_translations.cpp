// The Simplified Chinese translation is complete and usable:
//  - every string lupdate finds in app/gui, app/cli, widgets/ and the engine's error
//    templates (model/, QT_TRANSLATE_NOOP("attn", ...)) is in the committed .ts,
//  - no message is unfinished or empty, and every plural has its form,
//  - no translation drops or adds a %1/%n placeholder or loses its accelerator,
//  - no source string uses a \u escape that lupdate misreads,
//  - the compiled .qm is in the app's resources and turns known strings into Chinese.

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

const QString kCommittedTs =
    QStringLiteral(ATTNLAB_SOURCE_DIR "/translations/attentionlab_zh_CN.ts");

// The directories lupdate scans, relative to the source tree (as app/CMakeLists.txt).
const QStringList kSourceDirs = {QStringLiteral("app/gui"), QStringLiteral("widgets"),
                                 QStringLiteral("app/cli"), QStringLiteral("model")};

struct Message {
    QString context;
    QString source;
    QString comment; // disambiguation: part of the message's identity
    bool numerus = false;
    bool hasTranslation = false;
    QString translationType;  // "", "unfinished", "vanished", "obsolete"
    QStringList translations; // one entry, or one per <numerusform>

    QString key() const
    {
        return context + QStringLiteral(" | ") + source +
               (comment.isEmpty() ? QString() : QStringLiteral(" [") + comment + QLatin1Char(']'));
    }
};

// Reads a Qt Linguist .ts file; returns false and sets error on malformed XML.
bool readTs(const QString &path, QList<Message> &out, QString &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = path + QStringLiteral(": ") + file.errorString();
        return false;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message msg;
    bool inMessage = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("context")) {
                context.clear();
            } else if (name == QLatin1String("name") && !inMessage) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                inMessage = true;
                msg = Message{};
                msg.context = context;
                msg.numerus =
                    xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            } else if (inMessage && name == QLatin1String("source")) {
                msg.source = xml.readElementText();
            } else if (inMessage && name == QLatin1String("comment")) {
                msg.comment = xml.readElementText();
            } else if (inMessage && name == QLatin1String("translation")) {
                msg.hasTranslation = true;
                msg.translationType = xml.attributes().value(QLatin1String("type")).toString();
                if (!msg.numerus)
                    msg.translations << xml.readElementText();
            } else if (inMessage && name == QLatin1String("numerusform")) {
                msg.translations << xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            out << msg;
            inMessage = false;
        }
    }
    if (xml.hasError()) {
        error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
        return false;
    }
    return true;
}

QString findLupdate()
{
    QStringList candidates;
    for (const auto loc : {QLibraryInfo::BinariesPath, QLibraryInfo::LibraryExecutablesPath})
        candidates << QLibraryInfo::path(loc) + QStringLiteral("/lupdate");
    candidates << QStringLiteral("/usr/lib/qt6/bin/lupdate");
    for (const QString &c : candidates) {
        const QFileInfo info(c);
        if (info.isFile() && info.isExecutable())
            return info.absoluteFilePath();
    }
    // A plain `lupdate` on PATH may be Qt 5's; Qt 6 names its wrapper lupdate6 on some systems.
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("lupdate6"));
    return onPath;
}

// The distinct %1..%99, %L1 and %n markers of a string: translations must keep the same set.
QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%L?(?:[1-9][0-9]?|n)"));
    QSet<QString> found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured());
    return found;
}

// True when the string marks a keyboard accelerator ("&File"); "&&" is a literal ampersand.
bool hasAccelerator(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("(?<!&)&(?!&)[^\\s&]"));
    return re.match(QString(text).remove(QStringLiteral("&&"))).hasMatch();
}

bool hasCjk(const QString &text)
{
    for (const QChar c : text)
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF)
            return true;
    return false;
}

QString joinList(const QStringList &items)
{
    return QStringLiteral("\n  ") + items.join(QStringLiteral("\n  "));
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT

private:
    QList<Message> m_committed;

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(QFileInfo::exists(kCommittedTs), qPrintable(kCommittedTs + " is missing"));
        QVERIFY2(readTs(kCommittedTs, m_committed, error), qPrintable(error));
        QVERIFY2(m_committed.size() > 50, qPrintable(QStringLiteral("only %1 messages in %2")
                                                         .arg(m_committed.size())
                                                         .arg(kCommittedTs)));
    }

    // (a) Every string in the sources has an entry in the committed .ts.
    void everySourceStringIsInTheTsFile()
    {
        const QString lupdate = findLupdate();
        QVERIFY2(!lupdate.isEmpty(),
                 "Qt 6 lupdate not found (looked in QLibraryInfo's binaries and libexec paths and "
                 "/usr/lib/qt6/bin): install the Debian package qt6-l10n-tools "
                 "(qt6-tools-dev-tools on older releases)");

        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString fresh = tmp.filePath(QStringLiteral("fresh_zh_CN.ts"));
        QStringList args = {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
                            QStringLiteral("none"),         QStringLiteral("-source-language"),
                            QStringLiteral("en"),           QStringLiteral("-target-language"),
                            QStringLiteral("zh_CN"),        QStringLiteral("-silent")};
        // app/ is the include root of "gui/mainwindow.h": lupdate reads a class's
        // namespace (attn::gui, the translation context) from its header.
        args << QStringLiteral("-I") << QStringLiteral(ATTNLAB_SOURCE_DIR "/app");
        for (const QString &d : kSourceDirs)
            args << QStringLiteral(ATTNLAB_SOURCE_DIR "/") + d;
        args << QStringLiteral("-ts") << fresh;

        QProcess proc;
        proc.setProcessChannelMode(QProcess::MergedChannels);
        proc.start(lupdate, args);
        QVERIFY2(proc.waitForStarted(10000), qPrintable(lupdate + ": " + proc.errorString()));
        QVERIFY2(proc.waitForFinished(120000), qPrintable(lupdate + " did not finish in 120 s"));
        const QString output = QString::fromUtf8(proc.readAll());
        QVERIFY2(proc.exitStatus() == QProcess::NormalExit && proc.exitCode() == 0,
                 qPrintable(lupdate + " failed: " + output));

        QList<Message> extracted;
        QString error;
        QVERIFY2(readTs(fresh, extracted, error), qPrintable(error));
        // The app has strings in all three of main window, views and dialogs.
        QVERIFY2(extracted.size() > 50,
                 qPrintable(QStringLiteral("lupdate found only %1 strings: %2")
                                .arg(extracted.size())
                                .arg(output)));

        QSet<QString> have;
        for (const Message &m : std::as_const(m_committed))
            have.insert(m.key());
        QStringList missing;
        for (const Message &m : std::as_const(extracted))
            if (!have.contains(m.key()))
                missing << m.key();
        QVERIFY2(
            missing.isEmpty(),
            qPrintable(QStringLiteral("%1 source string(s) missing from %2 (run lupdate "
                                      "-no-obsolete -locations none -I app app/gui widgets app/cli "
                                      "-ts translations/attentionlab_zh_CN.ts, then translate):")
                           .arg(missing.size())
                           .arg(kCommittedTs) +
                       joinList(missing)));
    }

    // (b) No message is unfinished, empty, or a plural without its form.
    void everyMessageIsTranslated()
    {
        QStringList bad;
        for (const Message &m : std::as_const(m_committed)) {
            QString why;
            if (!m.hasTranslation)
                why = QStringLiteral("no <translation>");
            else if (!m.translationType.isEmpty())
                why = QStringLiteral("type=\"%1\"").arg(m.translationType);
            else if (m.translations.isEmpty())
                why = m.numerus ? QStringLiteral("no <numerusform>")
                                : QStringLiteral("no translation");
            else
                for (const QString &t : m.translations)
                    if (t.trimmed().isEmpty())
                        why = QStringLiteral("empty translation");
            if (!why.isEmpty())
                bad << m.key() + QStringLiteral(": ") + why;
        }
        QVERIFY2(bad.isEmpty(),
                 qPrintable(QStringLiteral("%1 untranslated message(s):").arg(bad.size()) +
                            joinList(bad)));
    }

    // (c) Translations keep exactly the placeholders of their source, and the accelerator.
    void placeholdersAndAcceleratorsAreKept()
    {
        QStringList bad;
        for (const Message &m : std::as_const(m_committed)) {
            const QSet<QString> want = placeholders(m.source);
            for (const QString &t : m.translations) {
                const QSet<QString> got = placeholders(t);
                if (got != want) {
                    QStringList w(want.begin(), want.end()), g(got.begin(), got.end());
                    w.sort();
                    g.sort();
                    bad << QStringLiteral("%1: source has {%2}, translation \"%3\" has {%4}")
                               .arg(m.key(), w.join(QLatin1Char(',')), t, g.join(QLatin1Char(',')));
                }
                if (hasAccelerator(m.source) && !hasAccelerator(t))
                    bad << QStringLiteral("%1: translation \"%2\" lost the & accelerator")
                               .arg(m.key(), t);
            }
        }
        QVERIFY2(bad.isEmpty(),
                 qPrintable(QStringLiteral("%1 translation(s) change placeholders or accelerators:")
                                .arg(bad.size()) +
                            joinList(bad)));
    }

    // The checker itself: these must be told apart, or the check above cannot fail.
    void placeholderCheckerWorks()
    {
        QCOMPARE(placeholders(QStringLiteral("Step %1 of %2")),
                 (QSet<QString>{QStringLiteral("%1"), QStringLiteral("%2")}));
        QCOMPARE(placeholders(QStringLiteral("%n token(s), 100%")),
                 QSet<QString>{QStringLiteral("%n")});
        QVERIFY(placeholders(QStringLiteral("第 %1 步")) !=
                placeholders(QStringLiteral("Step %1 of %2")));
        QVERIFY(hasAccelerator(QStringLiteral("文件(&F)")));
        QVERIFY(!hasAccelerator(QStringLiteral("A && B")));
        QVERIFY(!hasAccelerator(QStringLiteral("文件")));
    }

    // lupdate reads "\u20131" as one 5-digit escape (U+0131), so a string written as
    // tr("Scale 0\u20131") gets a different key from the one the compiler builds and is
    // never translated. Such strings must spell the character out or split the literal.
    void noEscapeThatLupdateMisreads()
    {
        static const QRegularExpression re(QStringLiteral("\\\\u[0-9A-Fa-f]{5}"));
        QStringList bad;
        for (const QString &d : kSourceDirs) {
            QDirIterator it(QStringLiteral(ATTNLAB_SOURCE_DIR "/") + d,
                            {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files);
            while (it.hasNext()) {
                const QString path = it.next();
                QFile f(path);
                QVERIFY2(f.open(QIODevice::ReadOnly | QIODevice::Text), qPrintable(path));
                int line = 0;
                while (!f.atEnd()) {
                    const QString text = QString::fromUtf8(f.readLine());
                    ++line;
                    if (re.match(text).hasMatch())
                        bad << QStringLiteral("%1:%2: %3").arg(path).arg(line).arg(text.trimmed());
                }
            }
        }
        QVERIFY2(bad.isEmpty(),
                 qPrintable(QStringLiteral("\\u escape followed by a hex digit (lupdate reads more "
                                           "than 4 digits; the string will not be translated). "
                                           "Write the character itself, or split the literal "
                                           "(\"0\\u2013\" \"1\"):") +
                            joinList(bad)));
    }

    // (d) The compiled catalogue is in the app's resources and translates known strings.
    void compiledCatalogueTranslates()
    {
        const QDir dir(QStringLiteral(":/i18n"));
        const QStringList entries = dir.entryList(QDir::Files);
        QVERIFY2(entries.contains(QStringLiteral("attentionlab_zh_CN.qm")),
                 qPrintable(QStringLiteral(":/i18n holds {") + entries.join(QStringLiteral(", ")) +
                            QStringLiteral("}, expected attentionlab_zh_CN.qm")));

        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/attentionlab_zh_CN.qm")));
        QVERIFY(QCoreApplication::installTranslator(&translator));

        // Menu title: Chinese, and the accelerator letter kept in the "(&F)" style.
        const QString file = QCoreApplication::translate("attn::gui::MainWindow", "&File");
        QVERIFY2(hasCjk(file) && file.contains(QStringLiteral("&F")), qPrintable(file));
        // A view's axis label (from widgets/).
        const QString weight = QCoreApplication::translate("attn::HeatmapView", "Attention weight");
        QVERIFY2(weight.contains(QStringLiteral("注意力")), qPrintable(weight));
        const QString lr = QCoreApplication::translate("attn::LossPlotView", "Learning rate");
        QVERIFY2(lr.contains(QStringLiteral("学习率")), qPrintable(lr));
        // A plural: the single Chinese form, with the number filled in.
        const QString params = QCoreApplication::translate(
            "attn::gui::TrainingWiring", "New model: %n parameter(s)", nullptr, 1234);
        QVERIFY2(hasCjk(params) && params.contains(QStringLiteral("1234")) &&
                     !params.contains(QStringLiteral("%n")),
                 qPrintable(params));
        // Placeholder arguments still land where they belong.
        const QString step =
            QCoreApplication::translate("attn::gui::TrainingPanel", "Step %1 of %2")
                .arg(7)
                .arg(300);
        QVERIFY2(hasCjk(step) && step.contains(QStringLiteral("7")) &&
                     step.contains(QStringLiteral("300")),
                 qPrintable(step));
        // A string with a non-ASCII character next to digits, as the compiler builds it.
        const QString range = QCoreApplication::translate("attn::AttentionSelector", "Scale 0\u2013"
                                                                                     "1");
        QVERIFY2(hasCjk(range), qPrintable(range));
        // An unknown string passes through unchanged.
        QCOMPARE(QCoreApplication::translate("attn::gui::MainWindow", "no such string here"),
                 QStringLiteral("no such string here"));

        QCoreApplication::removeTranslator(&translator);
        QCOMPARE(QCoreApplication::translate("attn::gui::MainWindow", "&File"),
                 QStringLiteral("&File"));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "test_translations.moc"
