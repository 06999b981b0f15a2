#include "reporting/exports/csv_export.h"

#include <cstdio>
#include <string_view>

namespace jindu::reporting {
namespace {

std::string TextCell(const std::string& text) {
  const bool formula_like =
      !text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos;
  std::string value;
  if (formula_like) value += '\'';
  value += text;
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string Cell(const TableCell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return TextCell(*text);
  if (const auto* number = std::get_if<int64_t>(&cell)) return std::to_string(*number);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f", std::get<double>(cell));
  return buffer;
}

void AppendLine(const std::vector<std::string>& cells, std::string* out) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) *out += ',';
    *out += cells[i];
  }
  *out += "\r\n";
}

}  // namespace

std::string RenderCsv(const TableDocument& document) {
  std::string out = "\xEF\xBB\xBF";
  std::vector<std::string> header;
  for (const std::string& text : document.headers) header.push_back(TextCell(text));
  AppendLine(header, &out);
  for (const auto& row : document.rows) {
    std::vector<std::string> cells;
    for (const TableCell& cell : row) cells.push_back(Cell(cell));
    AppendLine(cells, &out);
  }
  return out;
}

}  // namespace jindu::reporting
