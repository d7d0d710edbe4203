// CSV/TSV reading: RFC 4180 quoting, embedded newlines, header and delimiter detection,
// column choice, and every malformed row reported with its line.
#include "core/error.h"
#include "text/csv.h"

#include <QtTest>

#include <fstream>

using namespace attn;

using Rows = std::vector<std::vector<std::string>>;

class TestCsv : public QObject {
    Q_OBJECT
private slots:
    void rfc4180Quoting()
    {
        const std::string text = "text,label\n"
                                 "\"Hello, \"\"world\"\"\",pos\n"
                                 "\"two\nlines\",neg\n"
                                 "plain,\"\"\n"
                                 "last,pos";
        const CsvTable t = parseCsv(text, "t.csv");
        QCOMPARE(t.delimiter, ',');
        QVERIFY(t.hasHeader);
        QCOMPARE(t.columns, (std::vector<std::string>{"text", "label"}));
        QCOMPARE(t.rows, (Rows{{"Hello, \"world\"", "pos"},
                               {"two\nlines", "neg"},
                               {"plain", ""},
                               {"last", "pos"}}));
        // Rows start on lines 2, 3, 5 (the quoted newline takes line 4), 6.
        QCOMPARE(t.rowLines, (std::vector<size_t>{2, 3, 5, 6}));
    }

    void crlfAndBlankLines()
    {
        const CsvTable t = parseCsv("a\tb\r\n1\t\"x\r\ny\"\r\n\r\n2\t3\r\n", "t.tsv");
        QCOMPARE(t.delimiter, '\t');
        QCOMPARE(t.rows.size(), size_t(2));
        QCOMPARE(t.rows[0][1], std::string("x\r\ny")); // inside quotes kept as written
        QCOMPARE(t.rows[1], (std::vector<std::string>{"2", "3"}));
        QCOMPARE(t.rowLines[1], size_t(5));
    }

    void delimiterDetection()
    {
        // Commas inside a TSV's text do not fool the detection: only tab splits every line
        // into the same number of fields.
        QCOMPARE(detectDelimiter("Hello, world\tpos\nBye, now, then\tneg\n"), '\t');
        QCOMPARE(detectDelimiter("a;b;c\n1;2;3\n"), ';');
        QCOMPARE(detectDelimiter("a|b\n1|2\n"), '|');
        QCOMPARE(detectDelimiter("a,b\n\"x;y\",2\n"), ',');
        QCOMPARE(detectDelimiter("one column\nonly\n", '\t'), '\t'); // nothing fits: the hint
        QCOMPARE(detectDelimiter("one column\nonly\n"), ',');
    }

    void headerDetection()
    {
        // Known names: a header.
        QVERIFY(parseCsv("source\ttarget\nhello\tbonjour\n", "p").hasHeader);
        // A label value that repeats in its column: data, not a header.
        const CsvTable noHeader = parseCsv("great movie,pos\nbad movie,neg\nfine,pos\n", "c");
        QVERIFY(!noHeader.hasHeader);
        QCOMPARE(noHeader.columns, (std::vector<std::string>{"1", "2"}));
        QCOMPARE(noHeader.rows.size(), size_t(3));
        // A numeric column under a word: a header.
        QVERIFY(parseCsv("review,stars\ngood,5\nbad,1\n", "c").hasHeader);
        // Forced either way.
        CsvOptions o;
        o.header = CsvOptions::Header::No;
        QCOMPARE(parseCsv("text,label\na,b\n", "c", o).rows.size(), size_t(2));
        o.header = CsvOptions::Header::Yes;
        QCOMPARE(parseCsv("x,y\na,b\n", "c", o).columns, (std::vector<std::string>{"x", "y"}));
    }

    void columnChoice()
    {
        const CsvTable t = parseCsv("id,Text,label\n1,a,x\n2,b,y\n", "t.csv");
        QCOMPARE(t.column("label"), size_t(2));
        QCOMPARE(t.column("text"), size_t(1)); // case-insensitive after an exact miss
        QCOMPARE(t.column("1"), size_t(0));    // 1-based numbers
        QCOMPARE(t.column("3"), size_t(2));
        try {
            t.column("4");
            QFAIL("column 4 of 3");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains(
                         "no column \"4\" (columns: 1 \"id\", 2 \"Text\", 3 \"label\")"),
                     e.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, t.column("sentiment"));
        QVERIFY_THROWS_EXCEPTION(Error, t.column("0"));
    }

    void malformed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing column")
            << "text\tlabel\nfirst\tpos\nsecond\n"
            << "t.tsv: line 3 has 1 field; expected 2 (text, label) (a missing column)";
        QTest::newRow("missing column after a quoted newline")
            << "text,label\n\"a\nb\",pos\nc\n"
            << "t.tsv: line 4 has 1 field; expected 2";
        QTest::newRow("extra column")
            << "text,label\na,b\nc,d,e\n"
            << "line 3 has 3 fields; expected 2 (text, label) (an extra column)";
        QTest::newRow("quote never closes") << "text,label\n\"oops,pos\nmore,neg\n"
                                            << "t.tsv: line 2: quoted field never closes";
        QTest::newRow("text after closing quote")
            << "text,label\n\"a\"b,pos\n"
            << "line 2: unexpected character after a closing quote";
        QTest::newRow("header only") << "text,label\n"
                                     << "has a header but no data rows";
        QTest::newRow("nothing") << "\n\n"
                                 << "no rows";
    }

    void malformed()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        CsvOptions o;
        o.header = CsvOptions::Header::Auto;
        try {
            parseCsv(text.toStdString(), "t.tsv", o);
            QFAIL("accepted a malformed table");
        } catch (const Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
        }
    }

    void readsFilesWithExtensionHint()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("d.tsv").toStdString();
        {
            std::ofstream f(path, std::ios::binary);
            f << "\xEF\xBB\xBFtext\tlabel\r\nnot, a, comma file\tpos\r\n";
        }
        const CsvTable t = readCsvFile(path);
        QCOMPARE(t.delimiter, '\t');
        QCOMPARE(t.columns[0], std::string("text")); // the BOM is gone
        QCOMPARE(t.rows[0][0], std::string("not, a, comma file"));
        QCOMPARE(t.name, path);
    }
};

QTEST_APPLESS_MAIN(TestCsv)
#include "test_csv.moc"
