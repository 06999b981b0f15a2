#pragma once

// Reading CSV documents for bulk imports (RFC 4180, as spreadsheet programs export it): a header
// record naming the columns, then one record per data row, all with the header's field count.
//
// The reader is strict, because an import that guesses wrong corrupts registrations silently:
//   - UTF-8 only, every byte checked (overlong forms, surrogates, code points above U+10FFFF and
//   NUL
//     are refused); a UTF-8 byte order mark at the start is skipped.
//   - Records end with CRLF or LF; the last line ending is optional; empty lines at the very end
//     are ignored, an empty line anywhere else is an error. A carriage return outside quotes must
//     be followed by a line feed.
//   - Fields are separated by ','. A field may be enclosed in '"', and then holds commas, line
//     breaks (kept byte for byte, CRLF stays CRLF) and quotes written twice (""). A quote inside an
//     unquoted field, or anything but a separator or line ending after a closing quote, is an
//     error.
//   - Size limits (CsvOptions) bound the work and memory one upload can cost.
//
// Bad input never throws: the result is the document or one error. Error messages name the line
// and what is wrong but never repeat field content, since imports carry personal data and errors
// end up in logs and responses. Time is linear in the input size.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace jindu::runtime {

struct CsvOptions {
  std::size_t max_bytes = 16 * 1024 * 1024;  // the whole document, byte order mark included
  std::size_t max_fields_per_row = 64;       // in any record, the header included
  std::size_t max_field_bytes = 4096;        // one field's content, after removing quotes
  std::size_t max_rows = 250000;             // data rows, the header not counted
};

struct CsvRow {
  int line = 0;  // 1-based physical line where the record starts
  std::vector<std::string> fields;
};

struct CsvError {
  int line = 0;  // 1-based physical line of the problem; 0 when it is the document as a whole
  std::string message;  // starts with "line N: " (or "document: "); never contains field content
};

struct CsvDocument {
  // The first record's fields with surrounding ASCII spaces removed. Non-empty names are unique.
  std::vector<std::string> header;
  // The data records in order, each with exactly header.size() fields, byte for byte as written.
  std::vector<CsvRow> rows;
};

// Parses a whole document held in memory. A document without a header record (empty, only a byte
// order mark, only empty lines) is an error; a header alone is a document with zero rows.
std::variant<CsvDocument, CsvError> ParseCsv(std::string_view text, const CsvOptions& options = {});

// The index of the header column named exactly `name` (case-sensitive, after the header's
// trimming), or nothing when there is none or `name` is empty.
std::optional<std::size_t> FindColumn(const CsvDocument& document, std::string_view name);

}  // namespace jindu::runtime
