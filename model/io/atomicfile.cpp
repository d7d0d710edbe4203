#include "io/atomicfile.h"

#include "core/error.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#if defined(_WIN32)
#include <cstdio>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace attn {

namespace fs = std::filesystem;

#if defined(_WIN32)

void writeFileAtomic(const std::string &path, std::string_view data,
                     const AtomicWriteOptions &options)
{
    const std::string tmp = path + ".tmp";
    std::FILE *f = std::fopen(tmp.c_str(), "wb");
    if (!f)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: cannot create the temporary file %2"), path,
                         tmp);
    try {
        std::uint64_t written = 0;
        while (written < data.size()) {
            if (options.beforeChunk)
                options.beforeChunk(written);
            const std::size_t n = std::min<std::size_t>(options.chunkBytes, data.size() - written);
            if (std::fwrite(data.data() + written, 1, n, f) != n)
                throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: write failed"), path);
            written += n;
        }
        if (std::fflush(f) != 0)
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: write failed"), path);
        std::fclose(f);
        f = nullptr;
        std::error_code ec;
        fs::rename(tmp, path, ec);
        if (ec)
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: cannot replace the file (%2)"), path,
                             ec.message());
    } catch (...) {
        if (f)
            std::fclose(f);
        std::error_code ec;
        fs::remove(tmp, ec);
        throw;
    }
}

#else

namespace {

std::string errnoText()
{
    return std::strerror(errno);
}

} // namespace

void writeFileAtomic(const std::string &path, std::string_view data,
                     const AtomicWriteOptions &options)
{
    const fs::path target(path);
    fs::path dir = target.parent_path();
    if (dir.empty())
        dir = ".";
    std::string base = ".";
    base.append(target.filename().string());
    base.append(".tmp-XXXXXX");
    std::string tmpl = (dir / base).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: cannot create a temporary file in %2 (%3)"),
                         path, dir.string(), errnoText());
    const std::string tmp = tmpl;
    bool open = true;
    try {
        // mkstemp makes the file 0600; a saved model is an ordinary file.
        const mode_t mask = ::umask(0);
        ::umask(mask);
        ::fchmod(fd, static_cast<mode_t>(0666 & ~mask));
        std::uint64_t written = 0;
        const std::size_t chunk = options.chunkBytes > 0 ? options.chunkBytes : 1;
        while (written < data.size()) {
            if (options.beforeChunk)
                options.beforeChunk(written);
            const std::size_t n = std::min<std::size_t>(chunk, data.size() - written);
            const ssize_t w = ::write(fd, data.data() + written, n);
            if (w < 0) {
                if (errno == EINTR)
                    continue;
                throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: write failed after %2 bytes (%3)"),
                                 path, std::to_string(written), errnoText());
            }
            written += static_cast<std::uint64_t>(w);
        }
        if (::fsync(fd) != 0)
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: cannot flush the file to disk (%2)"),
                             path, errnoText());
        open = false;
        if (::close(fd) != 0)
            throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: cannot close the file (%2)"), path,
                             errnoText());
    } catch (...) {
        if (open)
            ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const std::string why = errnoText();
        ::unlink(tmp.c_str());
        throw Error::fmt(QT_TRANSLATE_NOOP("attn", "%1: cannot replace the file (%2)"), path, why);
    }
    // Make the rename itself durable.
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

#endif

} // namespace attn
