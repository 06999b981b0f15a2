#include "jinductl/output.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <iostream>

#include "jinductl/display_width.h"
#include "jinductl/errors.h"

namespace jindu::jinductl {

OutputFormat ParseOutputFormat(const std::string& text) {
  if (text.empty() || text == "table") return OutputFormat::kTable;
  if (text == "json") return OutputFormat::kJson;
  throw UsageError("--output " + text + ": expected table or json");
}

Table::Table(std::vector<std::string> headers, std::vector<Align> alignment)
    : headers_(std::move(headers)), alignment_(std::move(alignment)) {
  alignment_.resize(headers_.size(), Align::kLeft);
}

void Table::AddRow(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

void Table::Print(std::ostream& out) const {
  std::vector<size_t> widths(headers_.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  };
  measure(headers_);
  for (const auto& row : rows_) measure(row);
  auto print = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      const std::string padding(widths[i] - DisplayWidth(row[i]), ' ');
      if (i > 0) line += "  ";
      if (alignment_[i] == Align::kRight) {
        line += padding + row[i];
      } else {
        line += row[i];
        if (i + 1 < row.size()) line += padding;
      }
    }
    out << line << "\n";
  };
  print(headers_);
  for (const auto& row : rows_) print(row);
}

std::string ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    throw CommandFailure(1, "cannot print the answer as JSON: " + std::string(status.message()));
  }
  if (json.empty() || json.back() != '\n') json += '\n';
  return json;
}

void PrintJson(const google::protobuf::Message& message) { std::cout << ToJson(message); }

}  // namespace jindu::jinductl
