// safetensors: the layout written is what the format says (checked by decoding it by hand),
// F16/BF16 convert exactly, every defect in a hostile file is refused with a message naming
// it, truncation at any offset is an error, and writes are atomic.
#include "core/error.h"
#include "io/atomicfile.h"
#include "io/safetensors.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

using namespace attn;

namespace {

std::string le64(std::uint64_t v)
{
    std::string s;
    for (int i = 0; i < 8; ++i)
        s.push_back(char((v >> (8 * i)) & 0xFF));
    return s;
}

// A file from a header text and a data buffer, built by hand.
std::string file(const std::string &header, const std::string &data)
{
    return le64(header.size()) + header + data;
}

std::string slurp(const std::string &path)
{
    std::ifstream f(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

void spit(const std::string &path, const std::string &data)
{
    std::ofstream f(path, std::ios::binary);
    f.write(data.data(), std::streamsize(data.size()));
}

} // namespace

class TestSafetensors : public QObject {
    Q_OBJECT
private slots:
    void writesTheFormat()
    {
        const float a[6] = {1, 2, 3, 4, 5, -0.5f};
        const float b[2] = {7, 8};
        const std::string bytes =
            encodeSafetensors({{"w", {2, 3}, a}, {"b", {2}, b}}, {{"note", "h\u00E9llo"}});
        // Decode by hand: length, JSON, then the raw little-endian floats.
        std::uint64_t n = 0;
        for (int i = 7; i >= 0; --i)
            n = (n << 8) | static_cast<unsigned char>(bytes[size_t(i)]);
        QCOMPARE(n % 8, std::uint64_t(0)); // padded to 8 bytes
        const auto header = nlohmann::json::parse(bytes.substr(8, n));
        QCOMPARE(header["w"]["dtype"].get<std::string>(), std::string("F32"));
        QCOMPARE(header["w"]["shape"], nlohmann::json({2, 3}));
        QCOMPARE(header["w"]["data_offsets"], nlohmann::json({0, 24}));
        QCOMPARE(header["b"]["data_offsets"], nlohmann::json({24, 32}));
        QCOMPARE(header["__metadata__"]["note"].get<std::string>(), std::string("h\u00E9llo"));
        QCOMPARE(bytes.size(), size_t(8 + n + 32));
        float back[8];
        std::memcpy(back, bytes.data() + 8 + n, 32);
        QCOMPARE(back[5], -0.5f);
        QCOMPARE(back[7], 8.0f);

        const SafetensorsFile f = SafetensorsFile::fromBytes(bytes, "mem");
        QCOMPARE(f.tensors().size(), size_t(2));
        QCOMPARE(f.metadata().at("note"), std::string("h\u00E9llo"));
        const TensorInfo *w = f.find("w");
        QVERIFY(w);
        QCOMPARE(w->shape, (std::vector<std::int64_t>{2, 3}));
        QCOMPARE(f.toFloat(*w), (std::vector<float>{1, 2, 3, 4, 5, -0.5f}));
        QCOMPARE(f.toFloat(*f.find("b")), (std::vector<float>{7, 8}));
        QVERIFY(!f.find("nope"));

        // Zero-sized tensors and scalars are allowed.
        const float s = 3.0f;
        const auto g = SafetensorsFile::fromBytes(
            encodeSafetensors({{"empty", {0, 4}, nullptr}, {"scalar", {}, &s}}, {}), "mem");
        QCOMPARE(g.toFloat(*g.find("scalar")), (std::vector<float>{3.0f}));
        QCOMPARE(g.find("empty")->numel(), std::uint64_t(0));

        QVERIFY_THROWS_EXCEPTION(Error, encodeSafetensors({{"x", {1}, a}, {"x", {1}, a}}, {}));
        QVERIFY_THROWS_EXCEPTION(Error, encodeSafetensors({{"__metadata__", {1}, a}}, {}));
        QVERIFY_THROWS_EXCEPTION(Error, encodeSafetensors({}, {{"bad", "\xFF"}}));
    }

    void halfPrecisionConverts()
    {
        // F16: 1.0, -2.0, smallest subnormal 2^-24, 65504 (max), +inf, 1/3 rounded
        // (0x3555 = 1 + 341/1024 over 4), and a NaN.
        const std::uint16_t h[] = {0x3C00, 0xC000, 0x0001, 0x7BFF, 0x7C00, 0x3555, 0x7E00, 0x8000};
        // BF16: 1.0, -5.0, 2^-126 (0x0080).
        const std::uint16_t bf[] = {0x3F80, 0xC0A0, 0x0080};
        std::string data(reinterpret_cast<const char *>(h), sizeof h);
        data += std::string(reinterpret_cast<const char *>(bf), sizeof bf);
        const std::string header = R"({"h":{"dtype":"F16","shape":[8],"data_offsets":[0,16]},)"
                                   R"("bf":{"dtype":"BF16","shape":[3],"data_offsets":[16,22]}})";
        const auto f = SafetensorsFile::fromBytes(file(header, data), "half");
        const auto v = f.toFloat(*f.find("h"));
        QCOMPARE(v[0], 1.0f);
        QCOMPARE(v[1], -2.0f);
        QCOMPARE(v[2], std::ldexp(1.0f, -24));
        QCOMPARE(v[3], 65504.0f);
        QVERIFY(std::isinf(v[4]) && v[4] > 0);
        QCOMPARE(v[5], 0.25f * (1.0f + 341.0f / 1024.0f));
        QVERIFY(std::isnan(v[6]));
        QVERIFY(v[7] == 0.0f && std::signbit(v[7]));
        const auto w = f.toFloat(*f.find("bf"));
        QCOMPARE(w, (std::vector<float>{1.0f, -5.0f, std::ldexp(1.0f, -126)}));
        // All 65536 halves against a second, independent conversion: value = m * 2^(e-25).
        for (std::uint32_t x = 0; x < 65536; ++x) {
            const int e = int((x >> 10) & 0x1F), m = int(x & 0x3FF);
            const float sign = (x & 0x8000) ? -1.0f : 1.0f;
            const float got = halfToFloat(std::uint16_t(x));
            if (e == 31) {
                QVERIFY(m ? std::isnan(got) : std::isinf(got));
                continue;
            }
            const float want = e == 0 ? sign * std::ldexp(float(m), -24)
                                      : sign * std::ldexp(float(m + 1024), e - 25);
            if (got != want)
                QFAIL(qPrintable(QString("half 0x%1: %2 != %3").arg(x, 4, 16).arg(got).arg(want)));
        }
    }

    void hostileFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        auto row = [](const char *name, const std::string &b, const char *expected) {
            QTest::newRow(name) << QByteArray::fromStdString(b) << QString(expected);
        };
        const std::string ok = R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
        const std::string eight(8, 'x');
        row("empty", "", "too short for a safetensors file (0 bytes");
        row("7 bytes", "1234567", "too short");
        row("absurd header length", le64(std::uint64_t(1) << 60) + "{}",
            "header length 1152921504606846976 is over the limit");
        row("all ones length", le64(~std::uint64_t(0)) + "{}", "is over the limit");
        row("header past end", le64(100) + "{}",
            "header length 100 runs past the end of the file (10 bytes)");
        row("header length 0", le64(0), "too small");
        row("not JSON", file("{nope}", ""), "not valid JSON");
        row("not starting with brace", file("[1, 2]  ", ""), "does not start with '{'");
        row("trailing garbage", file(R"({} x)", ""), "not valid JSON");
        row("second object", file(R"({}{})", ""), "not valid JSON");
        row("comment", file(R"({/*c*/})", ""), "not valid JSON");
        row("duplicate key",
            file(
                R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                eight),
            "the header has the key \"a\" twice");
        row("deep nesting", file(R"({"__metadata__":{"a":[[[[[[[[[[[[1]]]]]]]]]]]}})", ""),
            "nests deeper than 8");
        row("metadata not strings", file(R"({"__metadata__":{"a":1}})", ""),
            "__metadata__[\"a\"] is not a string");
        row("metadata not object", file(R"({"__metadata__":[]})", ""),
            "__metadata__ is not an object");
        row("entry not object", file(R"({"a":5})", ""), "tensor \"a\": entry is not an object");
        row("missing field", file(R"({"a":{"dtype":"F32","shape":[2]}})", eight),
            "needs dtype, shape and data_offsets");
        row("extra field",
            file(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"x":1}})", eight),
            "unexpected field \"x\"");
        row("unknown dtype",
            file(R"({"a":{"dtype":"F33","shape":[2],"data_offsets":[0,8]}})", eight),
            "unknown dtype \"F33\"");
        row("negative dim",
            file(R"({"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", eight),
            "must hold non-negative integers");
        row("fractional dim",
            file(R"({"a":{"dtype":"F32","shape":[2.0],"data_offsets":[0,8]}})", eight),
            "must hold non-negative integers");
        row("rank 9",
            file(R"({"a":{"dtype":"F32","shape":[1,1,1,1,1,1,1,1,1],"data_offsets":[0,4]}})",
                 "1234"),
            "rank 9 is over the limit");
        row("numel overflow",
            file(R"({"a":{"dtype":"F32","shape":[4294967296,4294967296,16],"data_offsets":[0,8]}})",
                 eight),
            "too many elements");
        row("bytes overflow",
            file(R"({"a":{"dtype":"F64","shape":[4611686018427387904],"data_offsets":[0,8]}})",
                 eight),
            "too many elements");
        row("offsets reversed",
            file(R"({"a":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}})", eight),
            "begin after they end");
        row("offsets past data",
            file(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})", eight),
            "data_offsets end at 16 beyond the data (8 bytes)");
        row("offsets wrong size",
            file(R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", eight),
            "hold 8 bytes; shape [3] of F32 needs 12");
        row("offsets negative",
            file(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}})", eight),
            "data_offsets must be [begin, end]");
        row("offsets three",
            file(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8,8]}})", eight),
            "data_offsets must be [begin, end]");
        row("overlap",
            file(
                R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                eight),
            "overlaps the tensor before it");
        row("gap", file(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", eight),
            "bytes 0..4 of the data belong to no tensor");
        row("trailing bytes", file(ok, eight + "xx"),
            "the data has 10 bytes but the tensors cover 8");
        row("not an object", file(R"({"a":1} )", ""), "entry is not an object");
    }

    void hostileFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        try {
            SafetensorsFile::fromBytes(bytes.toStdString(), "evil.safetensors");
            QFAIL("accepted a hostile file");
        } catch (const Error &e) {
            const QString msg = QString::fromUtf8(e.what());
            QVERIFY2(msg.startsWith("evil.safetensors: "), qPrintable(msg));
            QVERIFY2(msg.contains(expected), qPrintable(msg));
        }
    }

    void unsupportedDtypeValidatesButDoesNotConvert()
    {
        const auto f = SafetensorsFile::fromBytes(
            file(R"({"i":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}})", std::string(8, '\0')),
            "ints");
        QCOMPARE(f.find("i")->dtype, DType::I64);
        try {
            f.toFloat(*f.find("i"));
            QFAIL("converted I64");
        } catch (const Error &e) {
            QVERIFY(QString(e.what()).contains("has dtype I64; only F32, F16 and BF16"));
        }
    }

    void truncatedAtEveryOffset()
    {
        std::vector<float> a(37), b(5);
        for (size_t i = 0; i < a.size(); ++i)
            a[i] = float(i) * 0.25f;
        const std::string whole = encodeSafetensors(
            {{"layer.weight", {37}, a.data()}, {"layer.bias", {5}, b.data()}}, {{"k", "v"}});
        QVERIFY(SafetensorsFile::fromBytes(whole, "ok").tensors().size() == 2);
        for (size_t cut = 0; cut < whole.size(); ++cut)
            QVERIFY_THROWS_EXCEPTION(Error,
                                     SafetensorsFile::fromBytes(whole.substr(0, cut), "cut"));
        // Every single-byte change in the length field or the header either fails cleanly or
        // still describes a valid file; it never crashes.
        const std::uint64_t hlen = whole.size() - 4 * 42 - 8;
        for (size_t i = 0; i < 8 + hlen; ++i) {
            std::string t = whole;
            t[i] = char(t[i] ^ 0x5A);
            try {
                SafetensorsFile::fromBytes(t, "flip");
            } catch (const Error &) {
            }
        }
    }

    void readsFromDisk()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("m.safetensors").toStdString();
        const float a[3] = {1, 2, 3};
        writeSafetensors(path, {{"a", {3}, a}}, {});
        QCOMPARE(SafetensorsFile::read(path).toFloat(*SafetensorsFile::read(path).find("a")),
                 (std::vector<float>{1, 2, 3}));
        SafetensorsLimits small;
        small.maxFileBytes = 16;
        try {
            SafetensorsFile::read(path, small);
            QFAIL("over the file cap");
        } catch (const Error &e) {
            QVERIFY(QString(e.what()).contains("the limit for model files is 16 bytes"));
        }
        QVERIFY_THROWS_EXCEPTION(Error, SafetensorsFile::read(dir.filePath("none").toStdString()));
        QVERIFY_THROWS_EXCEPTION(Error, SafetensorsFile::read(dir.path().toStdString()));
    }

    void atomicWriteKeepsTheOldFileOnFailure()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("model.safetensors").toStdString();
        spit(path, "the old contents");
        const std::string big(10000, 'n');
        AtomicWriteOptions o;
        o.chunkBytes = 1000;
        int calls = 0;
        o.beforeChunk = [&](std::uint64_t written) {
            ++calls;
            if (written >= 5000)
                throw Error("simulated disk full");
        };
        try {
            writeFileAtomic(path, big, o);
            QFAIL("the simulated failure did not stop the write");
        } catch (const Error &e) {
            QCOMPARE(QString(e.what()), QString("simulated disk full"));
        }
        QCOMPARE(calls, 6); // chunks at 0, 1000, ..., 5000
        QCOMPARE(slurp(path), std::string("the old contents"));
        // No temporary file is left behind.
        int files = 0;
        for (const auto &entry : std::filesystem::directory_iterator(dir.path().toStdString())) {
            (void)entry;
            ++files;
        }
        QCOMPARE(files, 1);
        // Without the failure the new contents replace the old.
        o.beforeChunk = nullptr;
        writeFileAtomic(path, big, o);
        QCOMPARE(slurp(path), big);
        // A directory that does not exist: an error naming the file.
        const std::string nowhere = dir.filePath("no/such/dir/m.safetensors").toStdString();
        try {
            writeFileAtomic(nowhere, "x");
            QFAIL("wrote into a missing directory");
        } catch (const Error &e) {
            QVERIFY(QString(e.what()).startsWith(QString::fromStdString(nowhere)));
        }
    }
};

QTEST_APPLESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
