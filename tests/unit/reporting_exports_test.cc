// The export renderers: CSV that Excel opens correctly (BOM, CRLF, RFC 4180 quoting, no formulas
// from typed text) and an XLSX workbook.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "reporting/exports/csv_export.h"
#include "reporting/exports/xlsx_export.h"

namespace jindu::reporting {
namespace {

TableDocument Sample() {
  return {.title = "宣讲及报道情况",
          .headers = {"讲师团", "宣讲场次", "覆盖人数"},
          .rows = {{std::string("芙蓉区讲师团"), int64_t{12}, 3.5},
                   {std::string("含,逗号与\"引号\""), int64_t{0}, 0.0},
                   {std::string("=HYPERLINK(\"http://x\")"), int64_t{-1}, 1.0}}};
}

TEST(CsvExport, ExcelReadableUtf8WithCrlfAndQuoting) {
  const std::string csv = RenderCsv(Sample());
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(csv.substr(3),
            "讲师团,宣讲场次,覆盖人数\r\n"
            "芙蓉区讲师团,12,3.50\r\n"
            "\"含,逗号与\"\"引号\"\"\",0,0.00\r\n"
            "\"'=HYPERLINK(\"\"http://x\"\")\",-1,1.00\r\n");
}

TEST(CsvExport, TextThatLooksLikeAFormulaIsNeverOne) {
  for (const char* text : {"=1+1", "+86", "-2", "@SUM(A1)", "\tx"}) {
    TableDocument document{.title = "t", .headers = {"h"}, .rows = {{std::string(text)}}};
    const std::string csv = RenderCsv(document);
    const std::string line = csv.substr(csv.find("\r\n") + 2);
    EXPECT_TRUE(line.starts_with("'") || line.starts_with("\"'")) << text << " -> " << line;
  }
}

TEST(XlsxExport, WritesAWorkbook) {
  const std::string bytes = RenderXlsx(Sample());
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_EQ(bytes.substr(0, 4), std::string("PK\x03\x04", 4));  // a zip container
  // Office Open XML parts are named in the zip directory (stored uncompressed).
  EXPECT_NE(bytes.find("xl/worksheets/sheet1.xml"), std::string::npos);
  EXPECT_NE(bytes.find("xl/sharedStrings.xml"), std::string::npos);

  // A real zip reader finds the Chinese headers and the numbers as numbers.
  const std::string path = ::testing::TempDir() + "/reporting_export_test.xlsx";
  {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
  }
  const std::string check =
      "python3 -c \"import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
      "s = z.read('xl/sharedStrings.xml').decode(); w = "
      "z.read('xl/worksheets/sheet1.xml').decode(); "
      "sys.exit(0 if '讲师团' in s and '芙蓉区讲师团' in s and '<v>12</v>' in w else 1)\" " +
      path;
  EXPECT_EQ(std::system(check.c_str()), 0);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace jindu::reporting
