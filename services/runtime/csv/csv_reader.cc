#include "runtime/csv/csv_reader.h"

#include <algorithm>
#include <limits>
#include <unordered_map>
#include <utility>

namespace jindu::runtime {
namespace {

constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

CsvError LineError(int line, std::string_view what) {
  return CsvError{.line = line,
                  .message = "line " + std::to_string(line) + ": " + std::string(what)};
}

// The length of the well-formed UTF-8 sequence starting at text[pos] (Unicode's table of
// well-formed byte sequences), or 0 when it is ill-formed: a stray continuation byte, an overlong
// form (C0, C1, E0 80-9F, F0 80-8F), a surrogate (ED A0-BF), beyond U+10FFFF (F4 90-BF, F5-FF) or
// cut short.
std::size_t WellFormedUtf8Length(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  const unsigned lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned second_min = 0x80;
  unsigned second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead == 0xE0) {
    length = 3;
    second_min = 0xA0;
  } else if (lead == 0xED) {
    length = 3;
    second_max = 0x9F;
  } else if (lead >= 0xE1 && lead <= 0xEF) {
    length = 3;
  } else if (lead == 0xF0) {
    length = 4;
    second_min = 0x90;
  } else if (lead == 0xF4) {
    length = 4;
    second_max = 0x8F;
  } else if (lead >= 0xF1 && lead <= 0xF3) {
    length = 4;
  } else {
    return 0;
  }
  if (text.size() - pos < length) return 0;
  if (byte(1) < second_min || byte(1) > second_max) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  }
  return length;
}

// Checks the encoding of the whole document in one pass. Separators, quotes and line endings are
// ASCII and never occur inside a multi-byte sequence, so this is the same as checking every field.
std::optional<CsvError> FindEncodingError(std::string_view text) {
  int line = 1;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    if (c == '\0') return LineError(line, "NUL byte");
    if (c == '\n') ++line;
    const std::size_t length = WellFormedUtf8Length(text, pos);
    if (length == 0) return LineError(line, "invalid UTF-8");
    pos += length;
  }
  return std::nullopt;
}

std::string TrimAsciiSpaces(std::string_view text) {
  const std::size_t first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(' ');
  return std::string(text.substr(first, last - first + 1));
}

// One pass over the document, front to back; every byte is looked at a bounded number of times.
class CsvParser {
 public:
  CsvParser(std::string_view text, const CsvOptions& options) : text_(text), options_(options) {}

  std::variant<CsvDocument, CsvError> Parse() {
    if (text_.size() > options_.max_bytes ||
        text_.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
      return CsvError{.line = 0,
                      .message = "document: larger than the limit of " +
                                 std::to_string(options_.max_bytes) + " bytes"};
    }
    if (text_.starts_with(kUtf8ByteOrderMark)) text_.remove_prefix(kUtf8ByteOrderMark.size());
    if (std::optional<CsvError> error = FindEncodingError(text_)) return *std::move(error);

    CsvDocument document;
    bool have_header = false;
    while (!AtEnd()) {
      const int record_line = line_;
      if (LineEndingLength() > 0) {
        if (OnlyEmptyLinesRemain()) break;
        return LineError(record_line,
                         "empty line (every line must hold a record; write \"\" for a single "
                         "empty field)");
      }
      if (have_header && document.rows.size() >= options_.max_rows) {
        return LineError(record_line, "more than the limit of " +
                                          std::to_string(options_.max_rows) + " data rows");
      }
      std::vector<std::string> fields;
      if (std::optional<CsvError> error = ReadRecord(fields)) return *std::move(error);
      if (!have_header) {
        if (std::optional<CsvError> error = SetHeader(document, fields, record_line)) {
          return *std::move(error);
        }
        have_header = true;
        continue;
      }
      if (fields.size() != document.header.size()) {
        return LineError(record_line, "record has " + std::to_string(fields.size()) +
                                          " fields, the header has " +
                                          std::to_string(document.header.size()));
      }
      document.rows.push_back(CsvRow{.line = record_line, .fields = std::move(fields)});
    }
    if (!have_header) return LineError(1, "no header record (the document is empty)");
    return document;
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }

  // 2 for CRLF at the current position, 1 for LF, 0 for anything else.
  std::size_t LineEndingLength() const {
    if (AtEnd()) return 0;
    if (text_[pos_] == '\n') return 1;
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') return 2;
    return 0;
  }

  bool OnlyEmptyLinesRemain() const {
    for (std::size_t pos = pos_; pos < text_.size(); ++pos) {
      if (text_[pos] == '\n') continue;
      if (text_[pos] == '\r' && pos + 1 < text_.size() && text_[pos + 1] == '\n') continue;
      return false;
    }
    return true;
  }

  // Reads one record and its line ending (if any) into `fields`.
  std::optional<CsvError> ReadRecord(std::vector<std::string>& fields) {
    while (true) {
      if (fields.size() >= options_.max_fields_per_row) {
        return LineError(line_, "more than the limit of " +
                                    std::to_string(options_.max_fields_per_row) +
                                    " fields in one record");
      }
      std::string& field = fields.emplace_back();
      const std::size_t field_number = fields.size();
      const bool quoted = !AtEnd() && text_[pos_] == '"';  // AtEnd after a final ','
      std::optional<CsvError> error =
          quoted ? ReadQuotedField(field, field_number) : ReadUnquotedField(field, field_number);
      if (error) return error;

      if (AtEnd()) return std::nullopt;
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (const std::size_t ending = LineEndingLength(); ending > 0) {
        pos_ += ending;
        ++line_;
        return std::nullopt;
      }
      if (text_[pos_] == '\r') {
        return LineError(line_, "carriage return not followed by a line feed after field " +
                                    std::to_string(field_number));
      }
      // An unquoted field stops only at a separator, a line ending or a quote (an error there), so
      // this is text right after a closing quote.
      return LineError(line_,
                       "text after the closing quote of field " + std::to_string(field_number));
    }
  }

  // The current position is at the opening quote; leaves it just past the closing quote.
  std::optional<CsvError> ReadQuotedField(std::string& field, std::size_t field_number) {
    const int opening_line = line_;
    ++pos_;
    while (true) {
      const std::size_t quote = text_.find('"', pos_);
      if (quote == std::string_view::npos) {
        return LineError(opening_line,
                         "quoted field " + std::to_string(field_number) + " is never closed");
      }
      const std::string_view chunk = text_.substr(pos_, quote - pos_);
      line_ += static_cast<int>(std::count(chunk.begin(), chunk.end(), '\n'));
      if (std::optional<CsvError> error = Append(field, chunk, field_number)) return error;
      pos_ = quote + 1;
      if (pos_ < text_.size() && text_[pos_] == '"') {  // a doubled quote stands for one
        if (std::optional<CsvError> error = Append(field, "\"", field_number)) return error;
        ++pos_;
        continue;
      }
      return std::nullopt;
    }
  }

  // Leaves the current position at the separator or line ending after the field, or at the end.
  std::optional<CsvError> ReadUnquotedField(std::string& field, std::size_t field_number) {
    std::size_t stop = text_.find_first_of(",\r\n\"", pos_);
    if (stop == std::string_view::npos) stop = text_.size();
    if (std::optional<CsvError> error =
            Append(field, text_.substr(pos_, stop - pos_), field_number)) {
      return error;
    }
    pos_ = stop;
    if (!AtEnd() && text_[pos_] == '"') {
      return LineError(line_, "quote inside unquoted field " + std::to_string(field_number) +
                                  " (quote the whole field and write inner quotes twice)");
    }
    return std::nullopt;
  }

  std::optional<CsvError> Append(std::string& field, std::string_view bytes,
                                 std::size_t field_number) const {
    if (bytes.size() > options_.max_field_bytes - field.size()) {
      return LineError(line_, "field " + std::to_string(field_number) +
                                  " is longer than the limit of " +
                                  std::to_string(options_.max_field_bytes) + " bytes");
    }
    field.append(bytes);
    return std::nullopt;
  }

  static std::optional<CsvError> SetHeader(CsvDocument& document,
                                           const std::vector<std::string>& fields, int line) {
    document.header.reserve(fields.size());
    for (const std::string& field : fields) document.header.push_back(TrimAsciiSpaces(field));
    std::unordered_map<std::string_view, std::size_t> first_column_by_name;
    for (std::size_t column = 0; column < document.header.size(); ++column) {
      const std::string& name = document.header[column];
      if (name.empty()) continue;
      const auto [it, inserted] = first_column_by_name.emplace(name, column);
      if (!inserted) {
        return LineError(line, "header columns " + std::to_string(it->second + 1) + " and " +
                                   std::to_string(column + 1) + " have the same name");
      }
    }
    return std::nullopt;
  }

  std::string_view text_;
  const CsvOptions& options_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace

std::variant<CsvDocument, CsvError> ParseCsv(std::string_view text, const CsvOptions& options) {
  return CsvParser(text, options).Parse();
}

std::optional<std::size_t> FindColumn(const CsvDocument& document, std::string_view name) {
  if (name.empty()) return std::nullopt;
  for (std::size_t column = 0; column < document.header.size(); ++column) {
    if (document.header[column] == name) return column;
  }
  return std::nullopt;
}

}  // namespace jindu::runtime
