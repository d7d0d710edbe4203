#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace attn {

// A text file as the engine uses it: valid UTF-8, no byte-order mark, '\n' line ends.
struct TextFile {
    enum class Encoding { Utf8, Utf8Bom, Utf16LE, Utf16BE };

    std::string path; // as given (used in messages)
    std::string text; // UTF-8, BOM stripped, CRLF and lone CR turned into LF
    Encoding encoding = Encoding::Utf8;
    bool hadCrlf = false;        // the original used CRLF (or CR) line ends
    std::uint64_t fileBytes = 0; // size on disk
};

const char *encodingName(TextFile::Encoding e); // "UTF-8", "UTF-8 with BOM", "UTF-16LE", ...

struct TextReadOptions {
    // Larger files are refused with the limit stated; nothing beyond it is read.
    std::uint64_t maxBytes = std::uint64_t(256) << 20; // 256 MiB
};

// Reads and checks a text file. Throws attn::Error naming the file and the defect:
//   "FILE: not found", "FILE: is a directory", "FILE: is not a regular file",
//   "FILE: is 300.0 MiB; the limit for text files is 256.0 MiB",
//   "FILE: looks like a binary file (NUL byte at byte 10), not text",
//   "FILE: invalid UTF-8 at line 3, byte 5 of the line (byte 17 of the file)",
//   "FILE: invalid UTF-16 (unpaired surrogate at byte 8)",
//   "FILE: is empty", "FILE: contains only whitespace".
TextFile readTextFile(const std::string &path, const TextReadOptions &options = {});

// The same checks and conversions on bytes already in memory; `name` is used in messages.
TextFile decodeTextBytes(std::string_view bytes, const std::string &name,
                         const TextReadOptions &options = {});

// A size in bytes for messages: "512 bytes", "3.2 KiB", "256.0 MiB", "1.5 GiB".
std::string formatBytes(std::uint64_t bytes);

} // namespace attn
