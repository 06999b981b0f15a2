#pragma once
// What commands print: aligned tables for people, protobuf JSON for scripts.
#include <google/protobuf/message.h>

#include <ostream>
#include <string>
#include <vector>

namespace jindu::jinductl {

enum class OutputFormat { kTable, kJson };

// Parses --output; throws UsageError.
OutputFormat ParseOutputFormat(const std::string& text);

// A table whose columns are padded by display width (display_width.h). Numbers are right-aligned,
// text left-aligned; columns are separated by two spaces; trailing padding is kept off the last
// column when it is left-aligned.
class Table {
 public:
  enum class Align { kLeft, kRight };
  explicit Table(std::vector<std::string> headers, std::vector<Align> alignment = {});
  void AddRow(std::vector<std::string> cells);
  void Print(std::ostream& out) const;
  bool empty() const { return rows_.empty(); }

 private:
  std::vector<std::string> headers_;
  std::vector<Align> alignment_;
  std::vector<std::vector<std::string>> rows_;
};

// The message as protobuf JSON with the proto field names and every primitive field printed
// (zeros included), so scripts find each key whatever its value. Note that the JSON mapping of
// proto3 prints 64-bit integers as strings.
std::string ToJson(const google::protobuf::Message& message);
void PrintJson(const google::protobuf::Message& message);

}  // namespace jindu::jinductl
