#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace attn {

struct AtomicWriteOptions {
    std::size_t chunkBytes = std::size_t(1) << 20; // bytes per write() call
    // Called before each chunk with the bytes written so far. A test makes it throw to
    // simulate a failure in the middle of the write (disk full, I/O error).
    std::function<void(std::uint64_t written)> beforeChunk;
};

// Writes data to path atomically: a temporary file in the same directory is written,
// flushed to disk (fsync) and renamed over path. On any failure the temporary file is
// removed, path is left as it was, and attn::Error names the file and the cause.
void writeFileAtomic(const std::string &path, std::string_view data,
                     const AtomicWriteOptions &options = {});

} // namespace attn
