// The bulk-import CSV reader: RFC 4180 records, quoting, line endings and line numbers, strict
// UTF-8, limits, and errors that say where and what without repeating field content.

#include "runtime/csv/csv_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace jindu::runtime {
namespace {

using Fields = std::vector<std::string>;

CsvDocument ParseOk(std::string_view text, const CsvOptions& options = {}) {
  std::variant<CsvDocument, CsvError> result = ParseCsv(text, options);
  if (const CsvError* error = std::get_if<CsvError>(&result)) {
    ADD_FAILURE() << "unexpected error: " << error->message;
    return {};
  }
  return std::get<CsvDocument>(std::move(result));
}

CsvError ParseFails(std::string_view text, const CsvOptions& options = {}) {
  std::variant<CsvDocument, CsvError> result = ParseCsv(text, options);
  if (std::holds_alternative<CsvDocument>(result)) {
    ADD_FAILURE() << "parsed, but an error was expected";
    return {};
  }
  return std::get<CsvError>(std::move(result));
}

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

TEST(CsvReader, ChineseTextRoundTripsByteForByte) {
  // A synthetic record; the last column holds a character outside the BMP (U+20000, 4 bytes).
  const CsvDocument document = ParseOk(
      "姓名,公民身份号码,地址,备注\n"
      "测试甲,430102199003071234,湖南省长沙市芙蓉区，某街道,\"含有,逗号\"\n"
      "测试乙,43010219850611107X,\"多行\n地址\",\xF0\xA0\x80\x80\n");
  EXPECT_EQ(document.header, (Fields{"姓名", "公民身份号码", "地址", "备注"}));
  ASSERT_EQ(document.rows.size(), 2u);
  EXPECT_EQ(document.rows[0].fields,
            (Fields{"测试甲", "430102199003071234", "湖南省长沙市芙蓉区，某街道", "含有,逗号"}));
  EXPECT_EQ(document.rows[1].fields,
            (Fields{"测试乙", "43010219850611107X", "多行\n地址", "\xF0\xA0\x80\x80"}));
  EXPECT_EQ(document.rows[0].fields[2],
            "\xE6\xB9\x96\xE5\x8D\x97\xE7\x9C\x81\xE9\x95\xBF\xE6\xB2"
            "\x99\xE5\xB8\x82\xE8\x8A\x99\xE8\x93\x89\xE5\x8C\xBA\xEF"
            "\xBC\x8C\xE6\x9F\x90\xE8\xA1\x97\xE9\x81\x93");
}

TEST(CsvReader, SkipsAByteOrderMarkAtTheStartOnly) {
  const CsvDocument document = ParseOk("\xEF\xBB\xBF姓名,b\n\xEF\xBB\xBFx,y\n");
  EXPECT_EQ(document.header, (Fields{"姓名", "b"}));
  ASSERT_EQ(document.rows.size(), 1u);
  // Elsewhere U+FEFF is an ordinary (if odd) character and is kept.
  EXPECT_EQ(document.rows[0].fields, (Fields{"\xEF\xBB\xBFx", "y"}));
  EXPECT_EQ(document.rows[0].line, 2);
}

TEST(CsvReader, CrlfAndLfGiveTheSameDocument) {
  const CsvDocument lf = ParseOk("a,b\n1,2\n3,4\n");
  const CsvDocument crlf = ParseOk("a,b\r\n1,2\r\n3,4\r\n");
  const CsvDocument mixed = ParseOk("a,b\r\n1,2\n3,4");
  for (const CsvDocument* document : {&lf, &crlf, &mixed}) {
    EXPECT_EQ(document->header, (Fields{"a", "b"}));
    ASSERT_EQ(document->rows.size(), 2u);
    EXPECT_EQ(document->rows[0].fields, (Fields{"1", "2"}));
    EXPECT_EQ(document->rows[0].line, 2);
    EXPECT_EQ(document->rows[1].fields, (Fields{"3", "4"}));
    EXPECT_EQ(document->rows[1].line, 3);
  }
}

TEST(CsvReader, FinalLineEndingIsOptional) {
  EXPECT_EQ(ParseOk("a,b\n1,2").rows.size(), 1u);
  EXPECT_EQ(ParseOk("a,b\n1,2\n").rows.size(), 1u);
  EXPECT_EQ(ParseOk("a,b\n1,2\r\n").rows.size(), 1u);
  EXPECT_EQ(ParseOk("a,b\n1,2").rows[0].fields, (Fields{"1", "2"}));
}

TEST(CsvReader, IgnoresEmptyLinesAtTheEnd) {
  const CsvDocument document = ParseOk("a,b\n1,2\n\n\r\n\n");
  ASSERT_EQ(document.rows.size(), 1u);
  EXPECT_EQ(document.rows[0].fields, (Fields{"1", "2"}));
  EXPECT_EQ(ParseOk("a,b\n\n\n").rows.size(), 0u);
}

TEST(CsvReader, RefusesAnEmptyLineInTheMiddle) {
  const CsvError error = ParseFails("a,b\n1,2\n\n3,4\n");
  EXPECT_EQ(error.line, 3);
  EXPECT_TRUE(error.message.starts_with("line 3: empty line")) << error.message;
  EXPECT_EQ(ParseFails("a,b\r\n1,2\r\n\r\n3,4\r\n").line, 3);
  EXPECT_EQ(ParseFails("\na,b\n1,2\n").line, 1);
  EXPECT_EQ(ParseFails("a,b\n\n1,2").line, 2);
  // Empty lines at the end followed by anything are in the middle after all.
  EXPECT_EQ(ParseFails("a,b\n1,2\n\n\n\n ").line, 3);
}

TEST(CsvReader, QuotedFieldsHoldCommasLineBreaksAndQuotes) {
  const CsvDocument document = ParseOk(
      "\"name\",note\n"
      "\"a,b\",\"say \"\"hi\"\"\"\n"
      "\"line1\nline2\",\"crlf\r\nkept\"\n"
      "\"\",\"\"\"\"\n"
      "\"\"\"quoted\"\" start\",\",\"\n");
  EXPECT_EQ(document.header, (Fields{"name", "note"}));
  ASSERT_EQ(document.rows.size(), 4u);
  EXPECT_EQ(document.rows[0].fields, (Fields{"a,b", "say \"hi\""}));
  EXPECT_EQ(document.rows[1].fields, (Fields{"line1\nline2", "crlf\r\nkept"}));
  EXPECT_EQ(document.rows[2].fields, (Fields{"", "\""}));
  EXPECT_EQ(document.rows[3].fields, (Fields{"\"quoted\" start", ","}));
}

TEST(CsvReader, EmptyFieldsAndSpacesAreKept) {
  const CsvDocument document = ParseOk("a,b,c\n,,\n x , y ,\"  \"\n1,2,\n");
  ASSERT_EQ(document.rows.size(), 3u);
  EXPECT_EQ(document.rows[0].fields, (Fields{"", "", ""}));
  EXPECT_EQ(document.rows[1].fields, (Fields{" x ", " y ", "  "}));
  EXPECT_EQ(document.rows[2].fields, (Fields{"1", "2", ""}));
  // A trailing separator at the very end of the document still ends an empty field.
  EXPECT_EQ(ParseOk("a,b\n1,").rows[0].fields, (Fields{"1", ""}));
}

TEST(CsvReader, OneColumnDocumentWritesAnEmptyValueQuoted) {
  const CsvDocument document = ParseOk("only\nx\n\"\"\ny\n");
  ASSERT_EQ(document.rows.size(), 3u);
  EXPECT_EQ(document.rows[1].fields, (Fields{""}));
  EXPECT_EQ(document.rows[2].line, 4);
}

TEST(CsvReader, LineNumbersCountPhysicalLinesInsideQuotedFields) {
  const CsvDocument document = ParseOk(
      "a,b\n"              // line 1
      "1,\"x\ny\r\nz\"\n"  // lines 2-4
      "2,3\n"              // line 5
      "\"p\n\nq\",4\n"     // lines 6-8: an empty line inside quotes is content
      "5,6\n");            // line 9
  ASSERT_EQ(document.rows.size(), 4u);
  EXPECT_EQ(document.rows[0].line, 2);
  EXPECT_EQ(document.rows[0].fields, (Fields{"1", "x\ny\r\nz"}));
  EXPECT_EQ(document.rows[1].line, 5);
  EXPECT_EQ(document.rows[2].line, 6);
  EXPECT_EQ(document.rows[2].fields, (Fields{"p\n\nq", "4"}));
  EXPECT_EQ(document.rows[3].line, 9);
  // And errors after such a field name the right line.
  EXPECT_EQ(ParseFails("a,b\n1,\"x\ny\"\n2\n").line, 4);
}

TEST(CsvReader, UnterminatedQuoteNamesTheLineWhereItOpened) {
  const CsvError error = ParseFails("a,b\n1,2\n3,\"never\nclosed\n\n");
  EXPECT_EQ(error.line, 3);
  EXPECT_TRUE(error.message.starts_with("line 3: quoted field 2 is never closed")) << error.message;
  EXPECT_EQ(ParseFails("\"a").line, 1);
  EXPECT_EQ(ParseFails("a\n\"x\"\"").line, 2);         // the doubled quote is content, not a close
  EXPECT_EQ(ParseFails("a\n\"x\n\"\"\ny\n").line, 2);  // still the opening line, lines later
}

TEST(CsvReader, RefusesAQuoteInsideAnUnquotedField) {
  const CsvError error = ParseFails("a,b\n1,x\"y\n");
  EXPECT_EQ(error.line, 2);
  EXPECT_TRUE(Contains(error.message, "quote inside unquoted field 2")) << error.message;
  EXPECT_EQ(ParseFails("a,b\n1,x\"\n").line, 2);
  EXPECT_EQ(ParseFails("a\"b\n").line, 1);
}

TEST(CsvReader, RefusesTextAfterAClosingQuote) {
  for (const char* bad :
       {"a,b\n\"x\"y,2\n", "a,b\n\"x\" ,2\n", "a,b\n1,\"x\"\"\"z\n", "a,b\n1,\"x\"\"y\"z\n"}) {
    const CsvError error = ParseFails(bad);
    EXPECT_EQ(error.line, 2) << bad;
    EXPECT_TRUE(Contains(error.message, "after the closing quote")) << error.message;
  }
}

TEST(CsvReader, RefusesACarriageReturnWithoutLineFeed) {
  EXPECT_EQ(ParseFails("a,b\r1,2\r").line, 1);
  EXPECT_EQ(ParseFails("a,b\n1,2\r").line, 2);
  EXPECT_EQ(ParseFails("a,b\n1,\"2\"\r3,4\n").line, 2);
  EXPECT_TRUE(Contains(ParseFails("a,b\n1\r,2\n").message, "carriage return"));
  // Inside quotes it is content.
  EXPECT_EQ(ParseOk("a\n\"x\ry\"\n").rows[0].fields, (Fields{"x\ry"}));
}

TEST(CsvReader, RaggedRowsNameTheLineAndBothCounts) {
  const CsvError fewer = ParseFails("a,b,c\n1,2,3\n4,5\n");
  EXPECT_EQ(fewer.line, 3);
  EXPECT_EQ(fewer.message, "line 3: record has 2 fields, the header has 3");
  const CsvError more = ParseFails("a,b\n1,2\n\"x\ny\",2,3\n");
  EXPECT_EQ(more.line, 3);
  EXPECT_EQ(more.message, "line 3: record has 3 fields, the header has 2");
  EXPECT_EQ(ParseFails("a,b\n1,2,\n").line, 2);  // a trailing separator is one more field
}

TEST(CsvReader, AcceptsEveryKindOfWellFormedUtf8) {
  for (const char* good : {
           "\xC2\x80",          // U+0080, smallest 2-byte
           "\xDF\xBF",          // U+07FF
           "\xE0\xA0\x80",      // U+0800, smallest 3-byte
           "\xED\x9F\xBF",      // U+D7FF, just below the surrogates
           "\xEE\x80\x80",      // U+E000, just above them
           "\xEF\xBF\xBF",      // U+FFFF
           "\xF0\x90\x80\x80",  // U+10000, smallest 4-byte
           "\xF4\x8F\xBF\xBF",  // U+10FFFF, the last code point
           "\x7F",
       }) {
    const CsvDocument document = ParseOk(std::string("h\n") + good + "\n");
    ASSERT_EQ(document.rows.size(), 1u);
    EXPECT_EQ(document.rows[0].fields[0], good);
  }
}

TEST(CsvReader, RefusesIllFormedUtf8) {
  for (const char* bad : {
           "\xC0\xAF",          // overlong '/'
           "\xC1\xBF",          // overlong
           "\xE0\x80\xAF",      // overlong 3-byte
           "\xE0\x9F\xBF",      // overlong 3-byte, top of the range
           "\xF0\x80\x80\xAF",  // overlong 4-byte
           "\xF0\x8F\xBF\xBF",  // overlong 4-byte, top of the range
           "\xED\xA0\x80",      // U+D800, a surrogate
           "\xED\xBF\xBF",      // U+DFFF, a surrogate
           "\xF4\x90\x80\x80",  // U+110000
           "\xF5\x80\x80\x80",  // would be beyond U+10FFFF
           "\xF8\x88\x80\x80\x80",
           "\xFF",
           "\xFE",
           "\x80",  // a lone continuation byte
           "\xBF",
           "a\x80z",
           "\xE4\xB8",      // cut short (中 is E4 B8 AD)
           "\xE4\xB8,x",    // cut short by a separator
           "\xE4\x41\xAD",  // an ASCII byte in place of a continuation
           "\xF0\x9F\x98",  // a 4-byte sequence cut short
       }) {
    const CsvError error = ParseFails(std::string("h1,h2\nok,ok\n") + bad + ",x\n");
    EXPECT_EQ(error.line, 3) << error.message;
    EXPECT_EQ(error.message, "line 3: invalid UTF-8");
  }
  // At the very end, with nothing after it.
  EXPECT_EQ(ParseFails("h\n\xE4\xB8").line, 2);
  // In the header, and in the middle of a quoted field spanning lines.
  EXPECT_EQ(ParseFails("\xC0\xAF\n").line, 1);
  EXPECT_EQ(ParseFails("a\n\"x\ny\xED\xA0\x80\"\n").line, 3);
}

TEST(CsvReader, ReadsOnlyTheBytesItIsGiven) {
  // The view ends inside a character whose remaining bytes follow in memory: still cut short.
  const std::string buffer = "h\n\xE4\xB8\xAD\n";
  EXPECT_EQ(ParseOk(std::string_view(buffer)).rows[0].fields, (Fields{"中"}));
  EXPECT_EQ(ParseFails(std::string_view(buffer).substr(0, 4)).message, "line 2: invalid UTF-8");
  // And a quote after the end of the view does not close a field.
  const std::string quoted = "h\n\"x\"";
  EXPECT_EQ(ParseFails(std::string_view(quoted).substr(0, 4)).line, 2);
}

TEST(CsvReader, RefusesNulBytes) {
  const CsvError error = ParseFails(std::string("a,b\n1,x\0y\n", 10));
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.message, "line 2: NUL byte");
  EXPECT_EQ(ParseFails(std::string("a\n\"\0\"\n", 6)).line, 2);
  EXPECT_EQ(ParseFails(std::string("\0", 1)).line, 1);
}

TEST(CsvReader, EmptyDocumentHasNoHeader) {
  for (std::string_view empty : {"", "\xEF\xBB\xBF", "\n", "\r\n\r\n", "\xEF\xBB\xBF\n\n"}) {
    const CsvError error = ParseFails(empty);
    EXPECT_EQ(error.line, 1);
    EXPECT_TRUE(Contains(error.message, "no header")) << error.message;
  }
}

TEST(CsvReader, HeaderAloneIsADocumentWithoutRows) {
  for (std::string_view header_only : {"a,b", "a,b\n", "a,b\r\n", "a,b\n\n"}) {
    const CsvDocument document = ParseOk(header_only);
    EXPECT_EQ(document.header, (Fields{"a", "b"}));
    EXPECT_TRUE(document.rows.empty());
  }
}

TEST(CsvReader, HeaderNamesAreTrimmedOfSpacesOnly) {
  const CsvDocument document = ParseOk("  姓名 ,\" id\",plain,\"\t tab\",,   \n1,2,3,4,5,6\n");
  EXPECT_EQ(document.header, (Fields{"姓名", "id", "plain", "\t tab", "", ""}));
  // Data fields are not trimmed.
  EXPECT_EQ(ParseOk("a\n  x  \n").rows[0].fields, (Fields{"  x  "}));
}

TEST(CsvReader, RefusesDuplicateHeaderNames) {
  const CsvError error = ParseFails("id,name, id\n1,2,3\n");
  EXPECT_EQ(error.line, 1);
  EXPECT_EQ(error.message, "line 1: header columns 1 and 3 have the same name");
  // Names differing in case are different; several unnamed columns are allowed.
  EXPECT_EQ(ParseOk("id,ID,,\n1,2,3,4\n").header.size(), 4u);
}

TEST(CsvReader, FindsColumnsByExactName) {
  const CsvDocument document = ParseOk(" 姓名 ,公民身份号码,Phone,\n");
  EXPECT_EQ(FindColumn(document, "姓名"), 0u);
  EXPECT_EQ(FindColumn(document, "公民身份号码"), 1u);
  EXPECT_EQ(FindColumn(document, "Phone"), 2u);
  EXPECT_EQ(FindColumn(document, "phone"), std::nullopt);
  EXPECT_EQ(FindColumn(document, " 姓名 "), std::nullopt);
  EXPECT_EQ(FindColumn(document, "地址"), std::nullopt);
  EXPECT_EQ(FindColumn(document, ""), std::nullopt);
  EXPECT_EQ(FindColumn(CsvDocument{}, "姓名"), std::nullopt);
}

TEST(CsvReader, LimitsTheDocumentSize) {
  const std::string text = "a,b\n1,2\n";  // 8 bytes
  EXPECT_EQ(ParseOk(text, {.max_bytes = 8}).rows.size(), 1u);
  const CsvError error = ParseFails(text, {.max_bytes = 7});
  EXPECT_EQ(error.line, 0);
  EXPECT_EQ(error.message, "document: larger than the limit of 7 bytes");
  // The byte order mark counts.
  EXPECT_EQ(ParseFails("\xEF\xBB\xBF" + text, {.max_bytes = 10}).line, 0);
  EXPECT_EQ(ParseOk("\xEF\xBB\xBF" + text, {.max_bytes = 11}).rows.size(), 1u);
}

TEST(CsvReader, LimitsFieldsPerRecord) {
  EXPECT_EQ(ParseOk("a,b,c\n1,2,3\n", {.max_fields_per_row = 3}).header.size(), 3u);
  const CsvError header = ParseFails("a,b,c,d\n1,2,3,4\n", {.max_fields_per_row = 3});
  EXPECT_EQ(header.line, 1);
  EXPECT_EQ(header.message, "line 1: more than the limit of 3 fields in one record");
  // A data row over the limit is refused for the limit, before its count is compared.
  const CsvError row =
      ParseFails("a,b\n1,2\n" + std::string(10000, ','), {.max_fields_per_row = 3});
  EXPECT_EQ(row.line, 3);
  EXPECT_TRUE(Contains(row.message, "limit of 3 fields")) << row.message;
}

TEST(CsvReader, LimitsFieldLengthAfterUnquoting) {
  const CsvOptions options{.max_field_bytes = 4};
  EXPECT_EQ(ParseOk("abcd\nwxyz\n", options).rows[0].fields, (Fields{"wxyz"}));
  // "" inside quotes is one byte of content; the enclosing quotes are not content.
  EXPECT_EQ(ParseOk("h\n\"a\"\"bc\"\n", options).rows[0].fields, (Fields{"a\"bc"}));
  // Multi-byte characters count in bytes: 中 is 3.
  EXPECT_EQ(ParseOk("h\n中a\n", options).rows[0].fields, (Fields{"中a"}));

  const CsvError unquoted = ParseFails("h,i\n1,wxyz5\n", options);
  EXPECT_EQ(unquoted.line, 2);
  EXPECT_EQ(unquoted.message, "line 2: field 2 is longer than the limit of 4 bytes");
  EXPECT_EQ(ParseFails("abcde\n", options).line, 1);
  EXPECT_EQ(ParseFails("h\n\"a\"\"bcd\"\n", options).line, 2);
  EXPECT_EQ(ParseFails("h\n中中\n", options).line, 2);
  EXPECT_EQ(ParseFails("h\n\"ab\ncd\"\n", options).line, 3);  // 5 bytes with the line feed
}

TEST(CsvReader, LimitsDataRows) {
  const std::string text = "h\n1\n2\n3\n\n\n";
  const CsvDocument document = ParseOk(text, {.max_rows = 3});
  EXPECT_EQ(document.rows.size(), 3u);
  const CsvError error = ParseFails(text, {.max_rows = 2});
  EXPECT_EQ(error.line, 4);
  EXPECT_EQ(error.message, "line 4: more than the limit of 2 data rows");
  EXPECT_EQ(ParseOk("h\n", {.max_rows = 0}).rows.size(), 0u);
  EXPECT_EQ(ParseFails("h\n1", {.max_rows = 0}).line, 2);
}

TEST(CsvReader, DefaultLimits) {
  const CsvOptions options;
  EXPECT_EQ(options.max_bytes, 16u * 1024 * 1024);
  EXPECT_EQ(options.max_fields_per_row, 64u);
  EXPECT_EQ(options.max_field_bytes, 4096u);
  EXPECT_EQ(options.max_rows, 250000u);
}

TEST(CsvReader, ErrorMessagesNeverRepeatFieldContent) {
  const std::string secret = "430102199003071234";
  for (const std::string& text : {
           "a,b\n" + secret + "\n",                      // ragged
           "a,b\n1," + secret + "\"\n",                  // stray quote
           "a,b\n\"" + secret + "\"x,2\n",               // text after closing quote
           "a,b\n1,\"" + secret + "\n",                  // unterminated
           "a,b\n1," + secret + "\xC0\xAF\n",            // bad UTF-8
           "a,b\n1," + secret + "\r2\n",                 // bare carriage return
           "a,b\n1," + secret + secret + secret + "\n",  // too long (limit below)
           secret + "," + secret + "\n1,2\n",            // duplicate header names
           "a,b\n1,2\n\n" + secret + ",2\n",             // empty line
       }) {
    const CsvError error = ParseFails(text, {.max_field_bytes = 40});
    EXPECT_FALSE(Contains(error.message, "4301")) << error.message;
    EXPECT_FALSE(Contains(error.message, "1234")) << error.message;
    EXPECT_TRUE(error.message.starts_with("line " + std::to_string(error.line) + ": "))
        << error.message;
  }
}

TEST(CsvReader, LargeDocumentsParseInOnePass) {
  // 200,000 rows at the default limits, and a field made only of doubled quotes.
  std::string text = "id,姓名,note\n";
  for (int i = 0; i < 200000; ++i) text += std::to_string(i) + ",测试,\"a,\"\"b\"\"\"\n";
  const CsvDocument document = ParseOk(text);
  ASSERT_EQ(document.rows.size(), 200000u);
  EXPECT_EQ(document.rows.back().line, 200001);
  EXPECT_EQ(document.rows.back().fields, (Fields{"199999", "测试", "a,\"b\""}));

  const std::string quotes = "h\n\"" + std::string(2 * 4096, '"') + "\"\n";
  EXPECT_EQ(ParseOk(quotes).rows[0].fields[0], std::string(4096, '"'));
  // Many records with many separators, nothing deeper than a loop.
  std::string wide = std::string(63, ',') + "\n";
  for (int i = 0; i < 10000; ++i) wide += std::string(63, ',') + "\n";
  EXPECT_EQ(ParseOk(wide).rows.size(), 10000u);
}

}  // namespace
}  // namespace jindu::runtime
