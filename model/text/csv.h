#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attn {

// A table read from CSV or TSV text (RFC 4180: fields in double quotes may hold the
// delimiter, newlines and "" for a quote).
struct CsvTable {
    std::string name; // file name, for messages
    char delimiter = ',';
    bool hasHeader = false;
    std::vector<std::string> columns;           // header names, or "1", "2", ... without a header
    std::vector<std::vector<std::string>> rows; // data rows, each columns.size() fields
    std::vector<std::size_t> rowLines;          // the 1-based line where each data row starts

    // A column by header name (exact, then case-insensitive) or by 1-based number ("2").
    // Throws attn::Error listing the columns when there is no such column.
    std::size_t column(const std::string &nameOrNumber) const;
};

struct CsvOptions {
    enum class Header { Auto, Yes, No };
    char delimiter = 0;     // 0: detect among tab, comma, semicolon and '|'
    char delimiterHint = 0; // used when detection is ambiguous (e.g. from the file extension)
    Header header = Header::Auto;
    std::size_t maxRows = 10'000'000;
};

// Parses CSV/TSV text (UTF-8, '\n' or "\r\n" line ends). Throws attn::Error naming the file
// and line: a row with too few or too many fields ("FILE: line 7 has 1 field; expected 2
// (text, label)"), a quote that never closes ("FILE: line 3: quoted field never closes"),
// characters after a closing quote, no rows at all.
CsvTable parseCsv(std::string_view text, const std::string &name, const CsvOptions &options = {});

// readTextFile() + parseCsv(); a ".tsv"/".tab" name hints tab, ".csv" comma.
CsvTable readCsvFile(const std::string &path, const CsvOptions &options = {});

// Delimiter detection alone (tab, comma, semicolon, '|'); returns hint (or ',') when unsure.
char detectDelimiter(std::string_view text, char hint = 0);

} // namespace attn
