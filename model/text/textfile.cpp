#include "text/textfile.h"

#include "core/error.h"
#include "text/utf8.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

namespace attn {

namespace fs = std::filesystem;

const char *encodingName(TextFile::Encoding e)
{
    switch (e) {
    case TextFile::Encoding::Utf8:
        return "UTF-8";
    case TextFile::Encoding::Utf8Bom:
        return "UTF-8 with BOM";
    case TextFile::Encoding::Utf16LE:
        return "UTF-16LE";
    case TextFile::Encoding::Utf16BE:
        return "UTF-16BE";
    }
    return "?";
}

std::string formatBytes(std::uint64_t bytes)
{
    char buf[64];
    if (bytes < 1024)
        std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(bytes));
    else if (bytes < (std::uint64_t(1) << 20))
        std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
    else if (bytes < (std::uint64_t(1) << 30))
        std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / 1048576.0);
    else
        std::snprintf(buf, sizeof buf, "%.1f GiB", static_cast<double>(bytes) / 1073741824.0);
    return buf;
}

namespace {

// Throws "<name>: <message>", the message translatable on its own.
template <class... A>
[[noreturn]] void fail(const std::string &name, const char *templ, const A &...args)
{
    throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: %2"), name, Error::fmt(templ, args...));
}

// UTF-16 (without its BOM) to UTF-8; surrogates must pair.
std::string utf16ToUtf8(std::string_view b, bool littleEndian, const std::string &name)
{
    if (b.size() % 2 != 0)
        fail(name, QT_TRANSLATE_NOOP("attn", "invalid UTF-16 (odd number of bytes: %1)"),
             std::to_string(b.size() + 2));
    std::string out;
    out.reserve(b.size());
    auto unit = [&](std::size_t i) -> char32_t {
        const auto lo = static_cast<unsigned char>(b[i + (littleEndian ? 0 : 1)]);
        const auto hi = static_cast<unsigned char>(b[i + (littleEndian ? 1 : 0)]);
        return static_cast<char32_t>(hi) << 8 | lo;
    };
    for (std::size_t i = 0; i < b.size(); i += 2) {
        char32_t u = unit(i);
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (i + 2 >= b.size() || unit(i + 2) < 0xDC00 || unit(i + 2) > 0xDFFF)
                fail(name,
                     QT_TRANSLATE_NOOP("attn", "invalid UTF-16 (unpaired surrogate at byte %1)"),
                     std::to_string(i + 2));
            const char32_t lo = unit(i + 2);
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            i += 2;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            fail(name, QT_TRANSLATE_NOOP("attn", "invalid UTF-16 (unpaired surrogate at byte %1)"),
                 std::to_string(i + 2));
        }
        utf8::append(out, u);
    }
    return out;
}

bool isTextControl(unsigned char c)
{
    return c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x1B;
}

} // namespace

TextFile decodeTextBytes(std::string_view bytes, const std::string &name,
                         const TextReadOptions &options)
{
    TextFile f;
    f.path = name;
    f.fileBytes = bytes.size();
    if (bytes.size() > options.maxBytes)
        fail(name, QT_TRANSLATE_NOOP("attn", "is %1; the limit for text files is %2"),
             formatBytes(bytes.size()), formatBytes(options.maxBytes));
    if (bytes.empty())
        fail(name, QT_TRANSLATE_NOOP("attn", "is empty"));

    std::string converted;
    std::string_view body = bytes;
    std::size_t bomBytes = 0;
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        f.encoding = TextFile::Encoding::Utf8Bom;
        body = bytes.substr(3);
        bomBytes = 3;
    } else if (bytes.size() >= 2 &&
               (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")) {
        const bool le = bytes[0] == '\xFF';
        f.encoding = le ? TextFile::Encoding::Utf16LE : TextFile::Encoding::Utf16BE;
        converted = utf16ToUtf8(bytes.substr(2), le, name);
        body = converted;
    }

    // NUL bytes never occur in text (UTF-16 without a BOM is refused here as well).
    if (const auto nul = body.find('\0'); nul != std::string_view::npos)
        fail(name,
             QT_TRANSLATE_NOOP("attn", "looks like a binary file (NUL byte at byte %1), not text"),
             std::to_string(nul + bomBytes));

    // Mostly control characters or broken sequences in the first 64 KiB: binary.
    {
        const std::string_view head = body.substr(0, 65536);
        std::size_t bad = 0, pos = 0;
        while (pos < head.size()) {
            const auto c = static_cast<unsigned char>(head[pos]);
            if (c < 0x80) {
                if ((c < 0x20 && !isTextControl(c)) || c == 0x7F)
                    ++bad;
                ++pos;
                continue;
            }
            char32_t cp = 0;
            const std::size_t len = utf8::decodeOne(head, pos, cp);
            if (len == 0) {
                ++bad;
                ++pos;
            } else {
                pos += len;
            }
        }
        if (head.size() >= 16 && bad * 10 > head.size())
            fail(name,
                 QT_TRANSLATE_NOOP("attn", "looks like a binary file (%1 of the first %2 bytes are "
                                           "control bytes or invalid UTF-8), not text"),
                 std::to_string(bad), std::to_string(head.size()));
    }

    if (const auto bad = utf8::findInvalid(body))
        fail(name,
             QT_TRANSLATE_NOOP(
                 "attn", "invalid UTF-8 at line %1, byte %2 of the line (byte %3 of the file)"),
             std::to_string(bad->line), std::to_string(bad->lineOffset),
             std::to_string(bad->offset + bomBytes));

    // CRLF and lone CR become LF.
    f.text.reserve(body.size());
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c == '\r') {
            f.hadCrlf = true;
            f.text.push_back('\n');
            if (i + 1 < body.size() && body[i + 1] == '\n')
                ++i;
        } else {
            f.text.push_back(c);
        }
    }

    // Stops at the first visible character (no copy of the text).
    bool allSpace = true;
    for (std::size_t pos = 0; pos < f.text.size();) {
        char32_t c = 0;
        const std::size_t len = utf8::decodeOne(f.text, pos, c);
        if (len == 0 || (!utf8::isSpace(c) && c != 0xFEFF)) {
            allSpace = false;
            break;
        }
        pos += len;
    }
    if (f.text.empty())
        fail(name, QT_TRANSLATE_NOOP("attn", "is empty"));
    if (allSpace)
        fail(name, QT_TRANSLATE_NOOP("attn", "contains only whitespace"));
    return f;
}

TextFile readTextFile(const std::string &path, const TextReadOptions &options)
{
    std::error_code ec;
    const auto st = fs::status(path, ec);
    if (ec || !fs::exists(st))
        fail(path, QT_TRANSLATE_NOOP("attn", "not found"));
    if (fs::is_directory(st))
        fail(path, QT_TRANSLATE_NOOP("attn", "is a directory, not a text file"));
    if (!fs::is_regular_file(st))
        fail(path, QT_TRANSLATE_NOOP("attn", "is not a regular file"));
    const std::uint64_t size = fs::file_size(path, ec);
    if (ec)
        fail(path, QT_TRANSLATE_NOOP("attn", "cannot read its size (%1)"), ec.message());
    if (size > options.maxBytes)
        fail(path, QT_TRANSLATE_NOOP("attn", "is %1; the limit for text files is %2"),
             formatBytes(size), formatBytes(options.maxBytes));

    std::unique_ptr<std::FILE, int (*)(std::FILE *)> file(std::fopen(path.c_str(), "rb"),
                                                          &std::fclose);
    if (!file)
        fail(path, QT_TRANSLATE_NOOP("attn", "cannot be opened for reading"));
    // Bounded read: never more than the cap plus one byte, even if the file grows.
    std::string bytes;
    bytes.resize(static_cast<std::size_t>(size));
    std::size_t got = std::fread(bytes.data(), 1, bytes.size(), file.get());
    if (got != bytes.size())
        fail(path, QT_TRANSLATE_NOOP("attn", "could not be read completely (%1 of %2 bytes)"),
             std::to_string(got), std::to_string(size));
    char extra = 0;
    if (std::fread(&extra, 1, 1, file.get()) == 1)
        fail(path, QT_TRANSLATE_NOOP("attn", "changed size while being read"));
    TextFile f = decodeTextBytes(bytes, path, options);
    f.fileBytes = size;
    return f;
}

} // namespace attn
