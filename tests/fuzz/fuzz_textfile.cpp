// Any bytes: the text-file checks accept them as UTF-8 text (then valid, LF-only, not blank)
// or refuse them with an attn::Error; accepted text then goes through the CSV/TSV reader.
#include "core/error.h"
#include "text/csv.h"
#include "text/textfile.h"
#include "text/utf8.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    attn::TextFile f;
    try {
        f = attn::decodeTextBytes(bytes, "fuzz");
    } catch (const attn::Error &) {
        return 0;
    }
    if (!attn::utf8::isValid(f.text) || f.text.find('\r') != std::string::npos ||
        f.text.find('\0') != std::string::npos || f.text.empty())
        std::abort();
    for (const auto header : {attn::CsvOptions::Header::Auto, attn::CsvOptions::Header::Yes}) {
        try {
            attn::CsvOptions o;
            o.header = header;
            const attn::CsvTable t = attn::parseCsv(f.text, "fuzz", o);
            if (t.rows.empty() || t.rows.size() != t.rowLines.size())
                std::abort();
            for (const auto &row : t.rows)
                if (row.size() != t.columns.size())
                    std::abort();
            (void)t.column("1");
            try {
                (void)t.column("label");
            } catch (const attn::Error &) {
            }
        } catch (const attn::Error &) {
        }
    }
    return 0;
}
