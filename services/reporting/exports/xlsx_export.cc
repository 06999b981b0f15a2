#include "reporting/exports/xlsx_export.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace jindu::reporting {
namespace {

// libxlsxwriter writes to a file: a private one, removed whatever happens.
class TemporaryFile {
 public:
  TemporaryFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "jindu-export-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) throw std::runtime_error("cannot create a temporary file for an export");
    close(fd);
    path_ = pattern;
  }
  ~TemporaryFile() { std::filesystem::remove(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Sheet names: at most 31 characters, none of []:*?/\ (Excel's rules).
std::string SheetName(const std::string& title) {
  std::string name;
  for (char c : title) {
    if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) name += c;
  }
  return name.empty() ? "Sheet1" : name;
}

void Check(lxw_error error, const char* what) {
  if (error != LXW_NO_ERROR) {
    throw std::runtime_error(std::string("xlsx export: ") + what + ": " + lxw_strerror(error));
  }
}

}  // namespace

std::string RenderXlsx(const TableDocument& document) {
  TemporaryFile file;
  lxw_workbook* workbook = workbook_new(file.path().c_str());
  if (workbook == nullptr) throw std::runtime_error("xlsx export: cannot open a workbook");
  std::string sheet_name = SheetName(document.title);
  // libxlsxwriter counts bytes, Excel characters: 3 bytes per Chinese character keeps it under 31.
  if (sheet_name.size() > 30) sheet_name = "Sheet1";
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheet_name.c_str());
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  for (size_t column = 0; column < document.headers.size(); ++column) {
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(column),
                           document.headers[column].c_str(), bold);
    // A Chinese character is about two Latin widths; 3 UTF-8 bytes each.
    const double width = std::max(10.0, document.headers[column].size() / 3.0 * 2.2 + 2);
    worksheet_set_column(sheet, static_cast<lxw_col_t>(column), static_cast<lxw_col_t>(column),
                         width, nullptr);
  }
  for (size_t row = 0; row < document.rows.size(); ++row) {
    const auto& cells = document.rows[row];
    for (size_t column = 0; column < cells.size(); ++column) {
      const auto r = static_cast<lxw_row_t>(row + 1);
      const auto c = static_cast<lxw_col_t>(column);
      if (const auto* text = std::get_if<std::string>(&cells[column])) {
        worksheet_write_string(sheet, r, c, text->c_str(), nullptr);
      } else if (const auto* number = std::get_if<int64_t>(&cells[column])) {
        worksheet_write_number(sheet, r, c, static_cast<double>(*number), nullptr);
      } else {
        worksheet_write_number(sheet, r, c, std::get<double>(cells[column]), nullptr);
      }
    }
  }
  Check(workbook_close(workbook), "closing the workbook");
  std::ifstream in(file.path(), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace jindu::reporting
