// Text file reading: every hostile input is refused with a message naming the problem,
// and the encodings we accept are converted to plain UTF-8 with LF line ends.
#include "core/error.h"
#include "text/textfile.h"
#include "text/utf8.h"

#include <QtTest>

#include <fstream>

using namespace attn;

namespace {

std::string bytes(const QByteArray &b)
{
    return std::string(b.constData(), size_t(b.size()));
}

std::string writeFile(const QTemporaryDir &dir, const std::string &name, const std::string &data)
{
    const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
    std::ofstream f(path, std::ios::binary);
    f.write(data.data(), std::streamsize(data.size()));
    return path;
}

// Enough ordinary text that a single bad byte is not "mostly binary".
const std::string kFiller = "The quick brown fox jumps over the lazy dog again and again.\n";

} // namespace

class TestTextFile : public QObject {
    Q_OBJECT
private slots:
    void utf8Validation()
    {
        using utf8::findInvalid;
        QVERIFY(!findInvalid("plain ascii\n"));
        QVERIFY(
            !findInvalid("h\xC3\xA9llo \xE4\xBD\xA0\xE5\xA5\xBD \xF0\x9F\x98\x80")); // héllo 你好 😀
        // Byte offsets and lines worked out by hand.
        auto bad = findInvalid("ab\ncd\xFF");
        QVERIFY(bad);
        QCOMPARE(bad->offset, size_t(5));
        QCOMPARE(bad->line, size_t(2));
        QCOMPARE(bad->lineOffset, size_t(3));
        QCOMPARE(findInvalid("\xC0\xAF")->offset, size_t(0));         // overlong '/'
        QCOMPARE(findInvalid("x\xED\xA0\x80")->offset, size_t(1));    // UTF-16 surrogate D800
        QCOMPARE(findInvalid("\xF4\x90\x80\x80")->offset, size_t(0)); // above U+10FFFF
        QCOMPARE(findInvalid("abc\xE4\xB8")->offset, size_t(3));      // cut short at the end
        QCOMPARE(findInvalid("\x80")->offset, size_t(0));             // lone continuation byte
        QVERIFY(!findInvalid("\xF4\x8F\xBF\xBF"));                    // U+10FFFF itself is valid
    }

    void decodeAndEncode()
    {
        const std::string s = "a\xC3\xA9\xE4\xBD\xA0\xF0\x9F\x98\x80"; // a é 你 😀
        const auto cps = utf8::decode(s);
        QCOMPARE(cps.size(), size_t(4));
        QCOMPARE(uint32_t(cps[0]), 0x61u);
        QCOMPARE(uint32_t(cps[1]), 0xE9u);
        QCOMPARE(uint32_t(cps[2]), 0x4F60u);
        QCOMPARE(uint32_t(cps[3]), 0x1F600u);
        QCOMPARE(utf8::encode(cps), s);
        // Invalid bytes become U+FFFD one per byte, never a throw.
        const auto lossy = utf8::decode("a\xFF\xFE");
        QCOMPARE(lossy.size(), size_t(3));
        QCOMPARE(uint32_t(lossy[1]), 0xFFFDu);
        QCOMPARE(utf8::displayText("a b\n"), std::string("a\u2423b\u21B5"));
    }

    void byteStandInsRoundTrip()
    {
        // What tokens show for bytes that are no character on their own, and back.
        QCOMPARE(utf8::byteStandIn(0xE4), std::string("<0xE4>"));
        QCOMPARE(utf8::byteStandIn(0x0A), std::string("<0x0A>"));
        QCOMPARE(utf8::displayText("a\xE4"), std::string("a<0xE4>"));
        QCOMPARE(utf8::withByteStandIns("a<0xE4><0xbd>\xA0!"), std::string("a\xE4\xBD\xA0!"));
        // Not stand-ins: kept as they are.
        QCOMPARE(utf8::withByteStandIns("<0xZZ> <0x4> <0x41"), std::string("<0xZZ> <0x4> <0x41"));
        for (int b = 0; b < 256; ++b)
            QCOMPARE(utf8::withByteStandIns(utf8::byteStandIn(static_cast<unsigned char>(b))),
                     std::string(1, static_cast<char>(b)));
    }

    void badInputs_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("expected");
        const QByteArray filler = QByteArray::fromStdString(kFiller);
        // "line one\n" (9 bytes) + "line two\n" (9) + "ab" => the bad byte is file byte 20,
        // line 3, byte 3 of that line.
        QTest::newRow("invalid UTF-8")
            << QByteArray("line one\nline two\nab\xC3(cd\n") + filler
            << "invalid UTF-8 at line 3, byte 3 of the line (byte 20 of the file)";
        QTest::newRow("overlong")
            << filler + QByteArray("\xC0\xAF")
            << QString("invalid UTF-8 at line 2, byte 1 of the line (byte %1").arg(filler.size());
        QTest::newRow("surrogate") << QByteArray("x\xED\xA0\x80") + filler
                                   << "invalid UTF-8 at line 1, byte 2 of the line (byte 1";
        QTest::newRow("cut at end") << filler + QByteArray("\xE4\xB8") << "invalid UTF-8 at line 2";
        QTest::newRow("NUL byte") << QByteArray("PK\x03\x04\x00\x00rest", 10)
                                  << "binary file (NUL byte at byte 4)";
        QTest::newRow("UTF-16 without BOM")
            << QByteArray("h\0i\0", 4) << "binary file (NUL byte at byte 1)";
        QTest::newRow("control bytes")
            << QByteArray(
                   "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17")
            << "looks like a binary file";
        QTest::newRow("random high bytes")
            << QByteArray("\x89PNG\r\n\x1a\n\xfe\xff\xfa\x91\xa0\xb0\xc1\xd2\xe3\xf4\x85\x96")
            << "looks like a binary file";
        QTest::newRow("empty") << QByteArray() << "is empty";
        QTest::newRow("whitespace only")
            << QByteArray(" \n\t  \r\n\n") << "contains only whitespace";
        QTest::newRow("BOM only") << QByteArray("\xEF\xBB\xBF") << "is empty";
        QTest::newRow("ideographic spaces only")
            << QByteArray("\xE3\x80\x80 \xE3\x80\x80\n") << "contains only whitespace";
        QTest::newRow("UTF-16 odd length")
            << QByteArray("\xFF\xFEh\0i", 5) << "invalid UTF-16 (odd number of bytes: 5)";
        QTest::newRow("UTF-16 unpaired surrogate")
            << QByteArray("\xFF\xFEh\0\x3D\xD8i\0", 8)
            << "invalid UTF-16 (unpaired surrogate at byte 4)";
        QTest::newRow("UTF-16 lone low surrogate")
            << QByteArray("\xFE\xFF\xDC\x00", 4) << "invalid UTF-16 (unpaired surrogate at byte 2)";
    }

    void badInputs()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string path = writeFile(dir, "bad.txt", bytes(data));
        try {
            readTextFile(path);
            QFAIL("accepted a bad file");
        } catch (const Error &e) {
            const QString msg = QString::fromUtf8(e.what());
            QVERIFY2(msg.startsWith(QString::fromStdString(path) + ": "), qPrintable(msg));
            QVERIFY2(msg.contains(expected), qPrintable(msg));
        }
    }

    void fileSystemProblems()
    {
        QTemporaryDir dir;
        const std::string missing = dir.filePath("nope.txt").toStdString();
        QVERIFY_THROWS_EXCEPTION(Error, readTextFile(missing));
        try {
            readTextFile(dir.path().toStdString());
            QFAIL("read a directory");
        } catch (const Error &e) {
            QVERIFY(QString(e.what()).contains("is a directory"));
        }
        try {
            readTextFile("/dev/null");
            QFAIL("read a device");
        } catch (const Error &e) {
            QVERIFY(QString(e.what()).contains("not a regular file"));
        }
    }

    void overCapFiles()
    {
        QTemporaryDir dir;
        // A lowered cap: 11 bytes against a limit of 10.
        const std::string small = writeFile(dir, "small.txt", "hello world");
        TextReadOptions o;
        o.maxBytes = 10;
        try {
            readTextFile(small, o);
            QFAIL("over the cap");
        } catch (const Error &e) {
            QVERIFY2(
                QString(e.what()).contains("is 11 bytes; the limit for text files is 10 bytes"),
                e.what());
        }
        o.maxBytes = 11;
        QCOMPARE(readTextFile(small, o).text, std::string("hello world"));
        // A sparse 300 MiB file against the default 256 MiB cap: refused before reading.
        const QString big = dir.filePath("big.txt");
        QFile f(big);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(qint64(300) << 20));
        f.close();
        try {
            readTextFile(big.toStdString());
            QFAIL("over the default cap");
        } catch (const Error &e) {
            QVERIFY2(
                QString(e.what()).contains("is 300.0 MiB; the limit for text files is 256.0 MiB"),
                e.what());
        }
    }

    void acceptedEncodings()
    {
        QTemporaryDir dir;
        // UTF-8 with BOM: stripped.
        TextFile f = readTextFile(writeFile(dir, "bom.txt", "\xEF\xBB\xBFhello \xE4\xBD\xA0"));
        QCOMPARE(f.text, std::string("hello \xE4\xBD\xA0"));
        QCOMPARE(f.encoding, TextFile::Encoding::Utf8Bom);
        // UTF-16LE: "hi你😀\n" = 0068 0069 4F60 D83D DE00 000A, bytes low first.
        const std::string le("\xFF\xFEh\0i\0\x60\x4F\x3D\xD8\x00\xDE\n\0", 14);
        f = readTextFile(writeFile(dir, "le.txt", le));
        QCOMPARE(f.text, std::string("hi\xE4\xBD\xA0\xF0\x9F\x98\x80\n"));
        QCOMPARE(f.encoding, TextFile::Encoding::Utf16LE);
        // UTF-16BE with CRLF: the same characters, high byte first.
        const std::string be("\xFE\xFF\0h\0i\x4F\x60\xD8\x3D\xDE\x00\0\r\0\n", 16);
        f = readTextFile(writeFile(dir, "be.txt", be));
        QCOMPARE(f.text, std::string("hi\xE4\xBD\xA0\xF0\x9F\x98\x80\n"));
        QCOMPARE(f.encoding, TextFile::Encoding::Utf16BE);
        QVERIFY(f.hadCrlf);
        // CRLF and a lone CR become LF.
        f = readTextFile(writeFile(dir, "crlf.txt", "one\r\ntwo\r\nthree\rfour"));
        QCOMPARE(f.text, std::string("one\ntwo\nthree\nfour"));
        QVERIFY(f.hadCrlf);
        QCOMPARE(f.fileBytes, uint64_t(20));
        f = readTextFile(writeFile(dir, "lf.txt", "plain\n"));
        QVERIFY(!f.hadCrlf);
        QCOMPARE(f.encoding, TextFile::Encoding::Utf8);
    }
};

QTEST_APPLESS_MAIN(TestTextFile)
#include "test_textfile.moc"
