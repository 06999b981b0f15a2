#pragma once
// A table as officials open it: a title, Chinese column headers and rows of text or numbers. Every
// export format renders this one shape, so a table is described once.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace jindu::reporting {

using TableCell = std::variant<std::string, int64_t, double>;

struct TableDocument {
  std::string title;  // e.g. "宣讲及报道情况"; the sheet name and the start of the file name
  std::vector<std::string> headers;
  std::vector<std::vector<TableCell>> rows;
};

}  // namespace jindu::reporting
