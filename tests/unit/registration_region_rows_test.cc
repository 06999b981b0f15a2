// Reading region and denominator CSV files row by row (registration/regions/region_rows.h,
// denominator_rows.h): every rule a single row must satisfy, with the exact violation paths and
// reasons a caller of ImportRegions / ImportRegionDenominators receives.

#include <gtest/gtest.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "registration/regions/denominator_rows.h"
#include "registration/regions/region_rows.h"
#include "runtime/api/api_error.h"
#include "runtime/regions/region_directory.h"

namespace jindu::registration {
namespace {

using common::v1::RegionLevel;
using runtime::CivilDate;
using runtime::FieldViolations;

constexpr const char* kHeader = "code,name,level,parent,valid_from,valid_to,members,successors";

// The header above and the given data rows, LF line endings.
std::string Csv(std::initializer_list<std::string> rows, const std::string& header = kHeader) {
  std::string csv = header + "\n";
  for (const std::string& row : rows) csv += row + "\n";
  return csv;
}

// "rows[3].parent REFERENCE_NOT_FOUND" for each violation, in the order reported.
std::vector<std::string> Summary(const FieldViolations& violations) {
  std::vector<std::string> lines;
  for (const auto& violation : violations.violations()) {
    lines.push_back(violation.field + " " +
                    common::v1::FieldViolationReason_Name(violation.reason));
  }
  return lines;
}

// `number` zero-padded to `width` digits.
std::string Padded(int number, size_t width) {
  std::string digits = std::to_string(number);
  return std::string(width > digits.size() ? width - digits.size() : 0, '0') + digits;
}

std::vector<std::string> Codes(const std::vector<RegionRow>& rows) {
  std::vector<std::string> codes;
  for (const RegionRow& row : rows) codes.push_back(row.entry.code);
  return codes;
}

std::string Repeat(const std::string& piece, int times) {
  std::string text;
  for (int i = 0; i < times; ++i) text += piece;
  return text;
}

// A Hunan slice: province, city, two districts, a township, a village and the Xiangjiang New Area.
const std::string kHunanCsv = Csv({
    "430000,湖南省,province,,1949-10-01,,,",
    "430100,长沙市,city,430000,1949-10-01,,,",
    "430102,芙蓉区,county,430100,1996-05-01,,,",
    "430104,岳麓区,county,430100,1996-05-01,,,",
    "430102001,文艺路街道,township,430102,2001-01-01,,,",
    "430102001001,八一路社区,village,430102001,2001-01-01,,,",
    "Z43010001,湘江新区,special_zone,430100,2015-04-08,,430104,",
});

// ---------------------------------------------------------------------------------------------
// ParseRegionLevel, RegionLevelWord, LevelFitsCode

TEST(RegionLevelWords, RoundTripEveryLevel) {
  const std::vector<std::pair<RegionLevel, std::string>> levels = {
      {common::v1::REGION_LEVEL_PROVINCE, "province"},
      {common::v1::REGION_LEVEL_CITY, "city"},
      {common::v1::REGION_LEVEL_COUNTY, "county"},
      {common::v1::REGION_LEVEL_TOWNSHIP, "township"},
      {common::v1::REGION_LEVEL_VILLAGE, "village"},
      {common::v1::REGION_LEVEL_SPECIAL_ZONE, "special_zone"},
  };
  for (const auto& [level, word] : levels) {
    EXPECT_EQ(RegionLevelWord(level), word);
    EXPECT_EQ(ParseRegionLevel(word), level) << word;
  }
  // Every defined enum value but UNSPECIFIED has a word.
  for (int value = common::v1::RegionLevel_MIN + 1; value <= common::v1::RegionLevel_MAX; ++value) {
    ASSERT_TRUE(common::v1::RegionLevel_IsValid(value));
    EXPECT_NE(RegionLevelWord(static_cast<RegionLevel>(value)), "unspecified") << value;
  }
}

TEST(RegionLevelWords, AnythingElseIsUnspecified) {
  EXPECT_EQ(RegionLevelWord(common::v1::REGION_LEVEL_UNSPECIFIED), "unspecified");
  EXPECT_EQ(RegionLevelWord(static_cast<RegionLevel>(99)), "unspecified");
  for (const char* text : {"", "unspecified", "Province", "CITY", " county", "county ", "district",
                           "special zone", "special-zone", "REGION_LEVEL_VILLAGE", "省"}) {
    EXPECT_EQ(ParseRegionLevel(text), common::v1::REGION_LEVEL_UNSPECIFIED) << text;
  }
}

TEST(LevelFitsCode, EachShapeAllowsExactlyOneLevel) {
  const std::vector<std::pair<std::string, RegionLevel>> fitting = {
      {"430000", common::v1::REGION_LEVEL_PROVINCE},
      {"430100", common::v1::REGION_LEVEL_CITY},
      {"430102", common::v1::REGION_LEVEL_COUNTY},
      {"430104", common::v1::REGION_LEVEL_COUNTY},
      {"429004", common::v1::REGION_LEVEL_COUNTY},  // 仙桃市, county-level city under 湖北省
      {"430102001", common::v1::REGION_LEVEL_TOWNSHIP},
      {"430102001001", common::v1::REGION_LEVEL_VILLAGE},
      {"Z43010001", common::v1::REGION_LEVEL_SPECIAL_ZONE},
  };
  for (const auto& [code, level] : fitting) {
    for (int value = common::v1::RegionLevel_MIN; value <= common::v1::RegionLevel_MAX; ++value) {
      const auto candidate = static_cast<RegionLevel>(value);
      EXPECT_EQ(LevelFitsCode(candidate, code), candidate == level)
          << code << " as " << RegionLevelWord(candidate);
    }
  }
}

TEST(LevelFitsCode, MalformedCodesFitNoLevel) {
  for (const char* code : {"", "43", "4301", "43010", "4301020", "43010a", "z43010001", "Z4301000",
                           "4301020010010", "430102 "}) {
    for (int value = common::v1::RegionLevel_MIN; value <= common::v1::RegionLevel_MAX; ++value) {
      EXPECT_FALSE(LevelFitsCode(static_cast<RegionLevel>(value), code))
          << "\"" << code << "\" as " << value;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// ReadRegionRows: the good case

TEST(ReadRegionRows, ReadsAHunanFileIntoEntries) {
  FieldViolations violations;
  std::vector<RegionRow> rows = ReadRegionRows(kHunanCsv, &violations);
  ASSERT_EQ(Summary(violations), std::vector<std::string>{});
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(Codes(rows), (std::vector<std::string>{"430000", "430100", "430102", "430104",
                                                   "430102001", "430102001001", "Z43010001"}));
  for (size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i].index, static_cast<int>(i));

  const runtime::RegionEntry& province = rows[0].entry;
  EXPECT_EQ(province.display_name, "湖南省");
  EXPECT_EQ(province.level, common::v1::REGION_LEVEL_PROVINCE);
  EXPECT_EQ(province.parent, "");
  EXPECT_EQ(province.valid_from, (CivilDate{1949, 10, 1}));
  EXPECT_EQ(province.valid_to, std::nullopt);
  EXPECT_TRUE(province.members.empty());
  EXPECT_TRUE(province.successors.empty());
  EXPECT_EQ(province.revision, 0);  // revisions are the plan's business

  const runtime::RegionEntry& village = rows[5].entry;
  EXPECT_EQ(village.display_name, "八一路社区");
  EXPECT_EQ(village.level, common::v1::REGION_LEVEL_VILLAGE);
  EXPECT_EQ(village.parent, "430102001");
  EXPECT_EQ(village.valid_from, (CivilDate{2001, 1, 1}));

  const runtime::RegionEntry& zone = rows[6].entry;
  EXPECT_EQ(zone.display_name, "湘江新区");
  EXPECT_EQ(zone.level, common::v1::REGION_LEVEL_SPECIAL_ZONE);
  EXPECT_EQ(zone.parent, "430100");
  EXPECT_EQ(zone.members, std::vector<std::string>{"430104"});
}

TEST(ReadRegionRows, ColumnsMayComeInAnyOrderAndTheOptionalOnesMayBeMissing) {
  FieldViolations violations;
  std::vector<RegionRow> rows = ReadRegionRows(
      "valid_to,parent,name,code,valid_from,level\n"
      "2021-01-01,430100,芙蓉区,430102,1996-05-01,county\n",
      &violations);
  ASSERT_EQ(Summary(violations), std::vector<std::string>{});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].entry.code, "430102");
  EXPECT_EQ(rows[0].entry.display_name, "芙蓉区");
  EXPECT_EQ(rows[0].entry.parent, "430100");
  EXPECT_EQ(rows[0].entry.valid_to, (CivilDate{2021, 1, 1}));
  EXPECT_TRUE(rows[0].entry.members.empty());
}

TEST(ReadRegionRows, AcceptsAByteOrderMarkCrlfAndQuotedFields) {
  FieldViolations violations;
  std::vector<RegionRow> rows = ReadRegionRows(
      "\xEF\xBB\xBF" + std::string(kHeader) +
          "\r\n"
          "\"Z43010001\",\"湘江新区\",special_zone,430100,2015-04-08,,\"430104;430102\",\r\n",
      &violations);
  ASSERT_EQ(Summary(violations), std::vector<std::string>{});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].entry.members, (std::vector<std::string>{"430104", "430102"}));
}

TEST(ReadRegionRows, AHeaderAloneIsAnEmptyFile) {
  FieldViolations violations;
  EXPECT_TRUE(ReadRegionRows(Csv({}), &violations).empty());
  EXPECT_TRUE(violations.empty());
}

TEST(ReadRegionRows, EmptyListEntriesAreSkipped) {
  FieldViolations violations;
  std::vector<RegionRow> rows =
      ReadRegionRows(Csv({"Z43010001,湘江新区,special_zone,430100,2015-04-08,,;430104;;430102;,",
                          "430103,天心区,county,430100,1996-05-01,2024-01-01,,;430102;"}),
                     &violations);
  ASSERT_EQ(Summary(violations), std::vector<std::string>{});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].entry.members, (std::vector<std::string>{"430104", "430102"}));
  EXPECT_EQ(rows[1].entry.successors, std::vector<std::string>{"430102"});
  EXPECT_EQ(rows[1].entry.valid_to, (CivilDate{2024, 1, 1}));
}

// ---------------------------------------------------------------------------------------------
// ReadRegionRows: the file as a whole

TEST(ReadRegionRows, NamesEveryMissingHeaderColumn) {
  FieldViolations violations;
  std::vector<RegionRow> rows =
      ReadRegionRows("code,name,parent,valid_from\n430000,湖南省,,1949-10-01\n", &violations);
  EXPECT_TRUE(rows.empty());
  ASSERT_EQ(Summary(violations),
            (std::vector<std::string>{"csv FIELD_REQUIRED", "csv FIELD_REQUIRED"}));
  EXPECT_EQ(violations.violations()[0].description,
            "header lacks the column \"level\" (expected "
            "code,name,level,parent,valid_from,valid_to[,members][,successors])");
  EXPECT_NE(violations.violations()[1].description.find("\"valid_to\""), std::string::npos)
      << violations.violations()[1].description;
}

TEST(ReadRegionRows, HeaderColumnsAreCaseSensitive) {
  FieldViolations violations;
  ReadRegionRows("Code,name,level,parent,valid_from,valid_to\n", &violations);
  ASSERT_EQ(Summary(violations), std::vector<std::string>{"csv FIELD_REQUIRED"});
}

TEST(ReadRegionRows, BrokenCsvIsOneMalformedViolationOnTheFile) {
  for (const std::string& csv : {
           std::string(""),                                   // no header
           Csv({"430000,湖南省,province,,1949-10-01"}),       // too few fields
           Csv({"430000,\"湖南省,province,,1949-10-01,,,"}),  // unterminated quote
           Csv({"430000,湖南省,province,,1949-10-01,,,", "",
                "430100,长沙市,city,430000,1949-10-01,,,"}),
           std::string(kHeader) + "\n430000,\xff\xfe,province,,1949-10-01,,,\n",  // not UTF-8
       }) {
    FieldViolations violations;
    EXPECT_TRUE(ReadRegionRows(csv, &violations).empty());
    ASSERT_EQ(Summary(violations), std::vector<std::string>{"csv FIELD_MALFORMED"}) << csv;
    // The reader's message names a line or the document, never a field's content.
    const std::string& description = violations.violations()[0].description;
    EXPECT_TRUE(description.starts_with("line ") || description.starts_with("document: "))
        << description;
    EXPECT_EQ(description.find("湖南"), std::string::npos) << description;
  }
}

// ---------------------------------------------------------------------------------------------
// ReadRegionRows: one column at a time

TEST(ReadRegionRows, CodesMustBeWellFormedAndUnique) {
  FieldViolations violations;
  std::vector<RegionRow> rows = ReadRegionRows(
      Csv({"430000,湖南省,province,,1949-10-01,,,",                       // 0 fine
           "4301,长沙市,city,430000,1949-10-01,,,",                       // 1 too short
           "43010a,芙蓉区,county,430100,1996-05-01,,,",                   // 2 not digits
           "z43010001,湘江新区,special_zone,430100,2015-04-08,,430104,",  // 3 lower-case z
           "430000,湖南,province,,1949-10-01,,,",                         // 4 duplicate of row 0
           ",无码,county,430100,1996-05-01,,,"}),                         // 5 empty
      &violations);
  ASSERT_EQ(Summary(violations), (std::vector<std::string>{
                                     "rows[1].code FIELD_MALFORMED",
                                     "rows[2].code FIELD_MALFORMED",
                                     "rows[3].code FIELD_MALFORMED",
                                     "rows[4].code DUPLICATE_IN_REQUEST",
                                     "rows[5].code FIELD_MALFORMED",
                                 }));
  EXPECT_EQ(violations.violations()[3].description,
            "code 430000 appears on an earlier row of the file");
  // The first of two equal codes is kept; the rows with violations are dropped.
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].entry.display_name, "湖南省");
  EXPECT_EQ(rows[0].index, 0);
}

TEST(ReadRegionRows, NamesAreRequiredAndAtMost64Characters) {
  FieldViolations violations;
  std::vector<RegionRow> rows = ReadRegionRows(
      Csv({"430102,,county,430100,1996-05-01,,,",
           "430103," + Repeat("湘", 64) + ",county,430100,1996-05-01,,,",  // 64 characters
           "430104," + Repeat("湘", 65) + ",county,430100,1996-05-01,,,",
           "430105," + Repeat("a", 65) + ",county,430100,1996-05-01,,,"}),
      &violations);
  ASSERT_EQ(Summary(violations),
            (std::vector<std::string>{"rows[0].name FIELD_REQUIRED", "rows[2].name FIELD_TOO_LONG",
                                      "rows[3].name FIELD_TOO_LONG"}));
  EXPECT_EQ(Codes(rows), std::vector<std::string>{"430103"});
}

TEST(ReadRegionRows, LevelsMustBeKnownAndFitTheCode) {
  FieldViolations violations;
  std::vector<RegionRow> rows = ReadRegionRows(
      Csv({"430102,芙蓉区,district,430100,1996-05-01,,,",
           "430102001,文艺路街道,village,430102,2001-01-01,,,",
           "430100,长沙市,county,430000,1949-10-01,,,", "430104,岳麓区,,430100,1996-05-01,,,",
           "4301xx,岳麓区,city,430000,1996-05-01,,,"}),  // malformed code: no level complaint
      &violations);
  ASSERT_EQ(Summary(violations), (std::vector<std::string>{
                                     "rows[0].level VALUE_NOT_ALLOWED",
                                     "rows[1].level VALUE_NOT_ALLOWED",
                                     "rows[2].level VALUE_NOT_ALLOWED",
                                     "rows[3].level VALUE_NOT_ALLOWED",
                                     "rows[4].code FIELD_MALFORMED",
                                 }));
  EXPECT_EQ(violations.violations()[0].description,
            "must be province, city, county, township, village or special_zone");
  EXPECT_EQ(violations.violations()[1].description, "village does not fit code 430102001");
  EXPECT_EQ(violations.violations()[2].description, "county does not fit code 430100");
  EXPECT_TRUE(rows.empty());
}

TEST(ReadRegionRows, ParentRules) {
  FieldViolations violations;
  std::vector<RegionRow> rows = ReadRegionRows(
      Csv({"430000,湖南省,province,420000,1949-10-01,,,",           // 0 province with a parent
           "430100,长沙市,city,,1949-10-01,,,",                     // 1 city without one
           "430102,芙蓉区,county,43010,1996-05-01,,,",              // 2 malformed parent
           "430104,岳麓区,county,430104,1996-05-01,,,",             // 3 its own parent
           "430102001,文艺路街道,township,430102,2001-01-01,,,",    // 4 fine
           "Z43010001,湘江新区,special_zone,,2015-04-08,,430104,",  // 5 zone without parent
           "430105,开福区,district,,1996-05-01,,,"}),  // 6 unknown level: still needs a parent
      &violations);
  ASSERT_EQ(Summary(violations), (std::vector<std::string>{
                                     "rows[0].parent VALUE_NOT_ALLOWED",
                                     "rows[1].parent FIELD_REQUIRED",
                                     "rows[2].parent FIELD_MALFORMED",
                                     "rows[3].parent VALUE_NOT_ALLOWED",
                                     "rows[5].parent FIELD_REQUIRED",
                                     "rows[6].level VALUE_NOT_ALLOWED",
                                     "rows[6].parent FIELD_REQUIRED",
                                 }));
  EXPECT_EQ(violations.violations()[0].description, "a province has no parent");
  EXPECT_EQ(violations.violations()[3].description, "a region cannot be its own parent");
  EXPECT_EQ(Codes(rows), std::vector<std::string>{"430102001"});
}

TEST(ReadRegionRows, DateRules) {
  FieldViolations violations;
  std::vector<RegionRow> rows = ReadRegionRows(
      Csv({"430102,芙蓉区,county,430100,,,,",                      // 0 no valid_from
           "430103,天心区,county,430100,1996/05/01,,,",            // 1 not ISO
           "430104,岳麓区,county,430100,2023-02-29,,,",            // 2 no such day
           "430105,开福区,county,430100,1996-05-01,2024-13-01,,",  // 3 valid_to malformed
           "430111,雨花区,county,430100,1996-05-01,1996-05-01,,",  // 4 ends when it starts
           "430112,望城区,county,430100,2011-06-01,2011-05-31,,",  // 5 ends before it starts
           "430121,长沙县,county,430100,1996-05-01,1996-05-02,,",  // 6 one day: fine
           "430181,浏阳市,county,430100,2024-02-29,,,",            // 7 leap day: fine
           "430182,宁乡市,county,430100, 2017-04-10,,,"}),         // 8 leading space
      &violations);
  ASSERT_EQ(Summary(violations), (std::vector<std::string>{
                                     "rows[0].valid_from FIELD_REQUIRED",
                                     "rows[1].valid_from FIELD_MALFORMED",
                                     "rows[2].valid_from FIELD_MALFORMED",
                                     "rows[3].valid_to FIELD_MALFORMED",
                                     "rows[4].valid_to END_BEFORE_START",
                                     "rows[5].valid_to END_BEFORE_START",
                                     "rows[8].valid_from FIELD_MALFORMED",
                                 }));
  ASSERT_EQ(Codes(rows), (std::vector<std::string>{"430121", "430181"}));
  EXPECT_EQ(rows[0].index, 6);
  EXPECT_EQ(rows[0].entry.valid_from, (CivilDate{1996, 5, 1}));
  EXPECT_EQ(rows[0].entry.valid_to, (CivilDate{1996, 5, 2}));
  EXPECT_EQ(rows[1].index, 7);
  EXPECT_EQ(rows[1].entry.valid_from, (CivilDate{2024, 2, 29}));
}

TEST(ReadRegionRows, ValidToWithABadValidFromIsStillChecked) {
  FieldViolations violations;
  ReadRegionRows(Csv({"430102,芙蓉区,county,430100,1996-5-1,2024-1-1,,"}), &violations);
  ASSERT_EQ(Summary(violations), (std::vector<std::string>{"rows[0].valid_from FIELD_MALFORMED",
                                                           "rows[0].valid_to FIELD_MALFORMED"}));
}

TEST(ReadRegionRows, OnlySpecialZonesListMembersAndTheyMust) {
  FieldViolations violations;
  std::vector<RegionRow> rows = ReadRegionRows(
      Csv({"430104,岳麓区,county,430100,1996-05-01,,430104001,",            // 0 county with members
           "Z43010001,湘江新区,special_zone,430100,2015-04-08,,,",          // 1 zone without
           "Z43010002,新区,special_zone,430100,2015-04-08,,;;,",            // 2 only separators
           "Z43010003,新区,special_zone,430100,2015-04-08,,430104;4301x,",  // 3 malformed member
           "Z43010004,新区,special_zone,430100,2015-04-08,,430104;430102;430104,",   // 4 twice
           "Z43010005,新区,special_zone,430100,2015-04-08,,430104;Z43010005,",       // 5 itself
           "Z43010006,新区,special_zone,430100,2015-04-08,,430104;430102001001,"}),  // 6 fine
      &violations);
  ASSERT_EQ(Summary(violations), (std::vector<std::string>{
                                     "rows[0].members VALUE_NOT_ALLOWED",
                                     "rows[1].members FIELD_REQUIRED",
                                     "rows[2].members FIELD_REQUIRED",
                                     "rows[3].members FIELD_MALFORMED",
                                     "rows[4].members DUPLICATE_IN_REQUEST",
                                     "rows[5].members DUPLICATE_IN_REQUEST",
                                 }));
  EXPECT_EQ(violations.violations()[0].description, "only a special zone lists members");
  EXPECT_EQ(violations.violations()[4].description,
            "lists 430104 twice or lists the region itself");
  EXPECT_EQ(violations.violations()[5].description,
            "lists Z43010005 twice or lists the region itself");
  ASSERT_EQ(Codes(rows), std::vector<std::string>{"Z43010006"});
  EXPECT_EQ(rows[0].entry.members, (std::vector<std::string>{"430104", "430102001001"}));
}

TEST(ReadRegionRows, OnlyExpiredRegionsHaveSuccessors) {
  FieldViolations violations;
  std::vector<RegionRow> rows = ReadRegionRows(
      Csv({"430122,望城县,county,430100,1996-05-01,,,430112",              // 0 still valid
           "430122,望城县,county,430100,1996-05-01,2011-06-01,,430112"}),  // 1 duplicate code
      &violations);
  ASSERT_EQ(Summary(violations), (std::vector<std::string>{"rows[0].successors VALUE_NOT_ALLOWED",
                                                           "rows[1].code DUPLICATE_IN_REQUEST"}));
  EXPECT_EQ(violations.violations()[0].description,
            "only a region that is no longer valid (valid_to set) has successors");
  EXPECT_TRUE(rows.empty());

  FieldViolations more;
  rows = ReadRegionRows(
      Csv({"430122,望城县,county,430100,1996-05-01,2011-06-01,,430112",       // 0 fine
           "430123,某县,county,430100,1996-05-01,2011-06-01,,430112;43011",   // 1 malformed
           "430124,某县,county,430100,1996-05-01,2011-06-01,,430112;430112",  // 2 twice
           "430125,某县,county,430100,1996-05-01,2011-06-01,,430125"}),       // 3 itself
      &more);
  ASSERT_EQ(Summary(more), (std::vector<std::string>{"rows[1].successors FIELD_MALFORMED",
                                                     "rows[2].successors DUPLICATE_IN_REQUEST",
                                                     "rows[3].successors DUPLICATE_IN_REQUEST"}));
  ASSERT_EQ(Codes(rows), std::vector<std::string>{"430122"});
  EXPECT_EQ(rows[0].entry.successors, std::vector<std::string>{"430112"});
  EXPECT_EQ(rows[0].entry.valid_to, (CivilDate{2011, 6, 1}));
}

TEST(ReadRegionRows, OverlongCodeListsAreRefusedByTheReaderFirst) {
  std::string members;
  for (int i = 0; i < 10001; ++i) {
    if (i > 0) members += ';';
    members += "430102" + Padded(i, 6);
  }
  FieldViolations violations;
  std::vector<RegionRow> rows = ReadRegionRows(
      "code,name,level,parent,valid_from,valid_to,members\n"
      "Z43010001,湘江新区,special_zone,430100,2015-04-08,,\"" +
          members + "\"\n",
      &violations);
  // The reader's per-field limit (4096 bytes) refuses such a list before the 10000-code rule can.
  ASSERT_EQ(violations.size(), 1u);
  ASSERT_EQ(Summary(violations), std::vector<std::string>{"csv FIELD_MALFORMED"})
      << violations.violations()[0].description;
  EXPECT_TRUE(rows.empty());
}

TEST(ReadRegionRows, ReportsEveryViolationOfARowAndKeepsTheGoodRows) {
  FieldViolations violations;
  std::vector<RegionRow> rows =
      ReadRegionRows(Csv({"430000,湖南省,province,,1949-10-01,,,",
                          "430100,,city,430100,1949/10/01,1949-10-01,430102,430102",
                          "430102,芙蓉区,county,430100,1996-05-01,,,"}),
                     &violations);
  ASSERT_EQ(Summary(violations), (std::vector<std::string>{
                                     "rows[1].name FIELD_REQUIRED",
                                     "rows[1].parent VALUE_NOT_ALLOWED",
                                     "rows[1].valid_from FIELD_MALFORMED",
                                     "rows[1].members VALUE_NOT_ALLOWED",
                                 }));
  ASSERT_EQ(Codes(rows), (std::vector<std::string>{"430000", "430102"}));
  EXPECT_EQ(rows[1].index, 2);  // the index of the data row, not of the result
}

TEST(ReadRegionRows, IndexesCountDataRowsNotPhysicalLines) {
  FieldViolations violations;
  std::vector<RegionRow> rows =
      ReadRegionRows(Csv({"430000,\"湖南\n省\",province,,1949-10-01,,,",  // spans two lines
                          "430100,长沙市,city,,1949-10-01,,,"}),
                     &violations);
  ASSERT_EQ(Summary(violations), std::vector<std::string>{"rows[1].parent FIELD_REQUIRED"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].entry.display_name, "湖南\n省");  // kept byte for byte
}

// A township row: "430102NNN" with the given name, parent and valid_from.
std::string TownshipRow(int n, const std::string& name, const std::string& parent,
                        const std::string& valid_from) {
  return "430102" + Padded(n, 3) + "," + name + ",township," + parent + "," + valid_from + ",,,";
}

TEST(ReadRegionRows, StopsReadingAtTheViolationLimit) {
  std::string csv = std::string(kHeader) + "\n";
  for (int i = 1; i <= 150; ++i) csv += TownshipRow(i, "", "430102", "2001-01-01") + "\n";
  FieldViolations violations;
  std::vector<RegionRow> rows = ReadRegionRows(csv, &violations);
  EXPECT_TRUE(rows.empty());
  ASSERT_EQ(violations.size(), kMaxReportedViolations);
  EXPECT_EQ(violations.violations().front().field, "rows[0].name");
  EXPECT_EQ(violations.violations().back().field, "rows[99].name");
}

TEST(ReadRegionRows, NeverReportsMoreThanTheViolationLimit) {
  // Regression (found by this test, fixed): kMaxReportedViolations promises "At most this many
  // violations are reported", but the limit is checked only before each row and a row adds all of
  // its violations: rows with three violations each (name, parent, valid_from) report 102 (99 after
  // 33 rows, then 3 more).
  std::string csv = std::string(kHeader) + "\n";
  for (int i = 1; i <= 40; ++i) csv += TownshipRow(i, "", "", "2001/01/01") + "\n";
  FieldViolations violations;
  ReadRegionRows(csv, &violations);
  EXPECT_LE(violations.size(), kMaxReportedViolations);
}

// ---------------------------------------------------------------------------------------------
// ReadDenominatorRows

runtime::RegionEntry Entry(std::string code, RegionLevel level, std::string parent,
                           std::optional<CivilDate> valid_to = std::nullopt) {
  runtime::RegionEntry entry;
  entry.code = std::move(code);
  entry.display_name = entry.code;
  entry.level = level;
  entry.parent = std::move(parent);
  entry.valid_from = {1996, 5, 1};
  entry.valid_to = valid_to;
  entry.revision = 1;
  return entry;
}

class ReadDenominatorRowsTest : public ::testing::Test {
 protected:
  ReadDenominatorRowsTest() {
    regions_.Upsert(Entry("430000", common::v1::REGION_LEVEL_PROVINCE, ""));
    regions_.Upsert(Entry("430100", common::v1::REGION_LEVEL_CITY, "430000"));
    regions_.Upsert(Entry("430102", common::v1::REGION_LEVEL_COUNTY, "430100"));
    regions_.Upsert(Entry("430104", common::v1::REGION_LEVEL_COUNTY, "430100"));
    regions_.Upsert(Entry("430102001", common::v1::REGION_LEVEL_TOWNSHIP, "430102"));
    regions_.Upsert(Entry("430102001001", common::v1::REGION_LEVEL_VILLAGE, "430102001"));
    // 望城县, expired in 2011 when it became 望城区: old figures may still be imported.
    regions_.Upsert(
        Entry("430122", common::v1::REGION_LEVEL_COUNTY, "430100", CivilDate{2011, 6, 1}));
  }

  std::vector<RegionYear> Read(const std::string& csv) {
    return ReadDenominatorRows(csv, regions_, &violations_);
  }

  runtime::RegionDirectory regions_;
  FieldViolations violations_;
};

TEST_F(ReadDenominatorRowsTest, ReadsKnownRegionsYearByYear) {
  std::vector<RegionYear> rows = Read(
      "code,year,population,students_enrolled\n"
      "430102,2023,591000,61000\n"
      "430102,2024,593500,\n"
      "430102001001,2024,3000,0\n"
      "430122,2010,523000,\n");
  ASSERT_EQ(Summary(violations_), std::vector<std::string>{});
  EXPECT_EQ(rows,
            (std::vector<RegionYear>{
                {.code = "430102", .year = 2023, .population = 591000, .students_enrolled = 61000},
                {.code = "430102", .year = 2024, .population = 593500},
                {.code = "430102001001", .year = 2024, .population = 3000, .students_enrolled = 0},
                {.code = "430122", .year = 2010, .population = 523000},
            }));
}

TEST_F(ReadDenominatorRowsTest, StudentsColumnIsOptionalAndColumnsMayComeInAnyOrder) {
  std::vector<RegionYear> rows = Read("population,code,year\n0,430104,2000\n");
  ASSERT_EQ(Summary(violations_), std::vector<std::string>{});
  EXPECT_EQ(rows, (std::vector<RegionYear>{{.code = "430104", .year = 2000, .population = 0}}));
}

TEST_F(ReadDenominatorRowsTest, HeaderNeedsCodeYearAndPopulation) {
  EXPECT_TRUE(Read("code,year,students_enrolled\n430102,2024,5\n").empty());
  ASSERT_EQ(Summary(violations_), std::vector<std::string>{"csv FIELD_REQUIRED"});
  EXPECT_EQ(violations_.violations()[0].description,
            "header must have the columns code,year,population[,students_enrolled]");
}

TEST_F(ReadDenominatorRowsTest, BrokenCsvIsOneMalformedViolation) {
  EXPECT_TRUE(Read("code,year,population\n430102,2024\n").empty());
  ASSERT_EQ(Summary(violations_), std::vector<std::string>{"csv FIELD_MALFORMED"});
}

TEST_F(ReadDenominatorRowsTest, CodesMustBeKnownRegions) {
  std::vector<RegionYear> rows = Read(
      "code,year,population\n"
      "430199,2024,100\n"      // 0 well formed, not in the tree
      ",2024,100\n"            // 1 empty
      "Z43010001,2024,100\n"   // 2 a zone nobody imported
      "430104,2024,1200000\n"  // 3 fine
  );
  ASSERT_EQ(Summary(violations_), (std::vector<std::string>{"rows[0].code REFERENCE_NOT_FOUND",
                                                            "rows[1].code REFERENCE_NOT_FOUND",
                                                            "rows[2].code REFERENCE_NOT_FOUND"}));
  EXPECT_EQ(violations_.violations()[0].description,
            "not a known region code; import the region first");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].code, "430104");
}

TEST_F(ReadDenominatorRowsTest, YearsFrom2000To9999) {
  std::vector<RegionYear> rows = Read(
      "code,year,population\n"
      "430102,1999,1\n"    // 0
      "430102,2000,1\n"    // 1 fine
      "430102,9999,1\n"    // 2 fine
      "430102,10000,1\n"   // 3
      "430102,20x4,1\n"    // 4
      "430102,,1\n"        // 5
      "430102,-2024,1\n"   // 6
      "430102,+2024,1\n"   // 7
      "430102,2024.0,1\n"  // 8
      "430102, 2024,1\n"   // 9
  );
  ASSERT_EQ(Summary(violations_), (std::vector<std::string>{
                                      "rows[0].year FIELD_OUT_OF_RANGE",
                                      "rows[3].year FIELD_OUT_OF_RANGE",
                                      "rows[4].year FIELD_OUT_OF_RANGE",
                                      "rows[5].year FIELD_OUT_OF_RANGE",
                                      "rows[6].year FIELD_OUT_OF_RANGE",
                                      "rows[7].year FIELD_OUT_OF_RANGE",
                                      "rows[8].year FIELD_OUT_OF_RANGE",
                                      "rows[9].year FIELD_OUT_OF_RANGE",
                                  }));
  EXPECT_EQ(violations_.violations()[0].description, "must be a year from 2000 to 9999");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].year, 2000);
  EXPECT_EQ(rows[1].year, 9999);
}

TEST_F(ReadDenominatorRowsTest, CountsAreWholeNumbersAtLeastZero) {
  std::vector<RegionYear> rows = Read(
      "code,year,population,students_enrolled\n"
      "430102,2001,-1,\n"                   // 0
      "430102,2002,1.5,\n"                  // 1
      "430102,2003,,\n"                     // 2 population is required
      "430102,2004,9223372036854775808,\n"  // 3 one more than int64
      "430102,2005,9223372036854775807,\n"  // 4 fine
      "430102,2006,100,-1\n"                // 5
      "430102,2007,100,lots\n"              // 6
      "430102,2008,1e3,1 000\n"             // 7 both
  );
  ASSERT_EQ(Summary(violations_), (std::vector<std::string>{
                                      "rows[0].population FIELD_OUT_OF_RANGE",
                                      "rows[1].population FIELD_OUT_OF_RANGE",
                                      "rows[2].population FIELD_OUT_OF_RANGE",
                                      "rows[3].population FIELD_OUT_OF_RANGE",
                                      "rows[5].students_enrolled FIELD_OUT_OF_RANGE",
                                      "rows[6].students_enrolled FIELD_OUT_OF_RANGE",
                                      "rows[7].population FIELD_OUT_OF_RANGE",
                                      "rows[7].students_enrolled FIELD_OUT_OF_RANGE",
                                  }));
  EXPECT_EQ(violations_.violations()[0].description, "must be a whole number >= 0");
  EXPECT_EQ(violations_.violations()[4].description, "must be a whole number >= 0, or empty");
  EXPECT_EQ(rows, (std::vector<RegionYear>{
                      {.code = "430102", .year = 2005, .population = 9223372036854775807}}));
}

TEST_F(ReadDenominatorRowsTest, OneRowPerRegionAndYear) {
  std::vector<RegionYear> rows = Read(
      "code,year,population\n"
      "430102,2024,593500\n"   // 0 fine
      "430104,2024,1500000\n"  // 1 fine: another region
      "430102,2023,591000\n"   // 2 fine: another year
      "430102,2024,593600\n"   // 3 same region and year as row 0
      "430102,2024,-5\n"       // 4 its own violation first: not counted as a duplicate
  );
  ASSERT_EQ(Summary(violations_),
            (std::vector<std::string>{"rows[3].year DUPLICATE_IN_REQUEST",
                                      "rows[4].population FIELD_OUT_OF_RANGE"}));
  EXPECT_EQ(violations_.violations()[0].description,
            "region 430102 has this year on an earlier row");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].population, 593500);  // the first one wins
}

TEST_F(ReadDenominatorRowsTest, StopsReadingAtTheViolationLimit) {
  std::string csv = "code,year,population\n";
  for (int i = 0; i < 130; ++i) csv += "430102," + std::to_string(2000 + i) + ",-1\n";
  EXPECT_TRUE(Read(csv).empty());
  ASSERT_EQ(violations_.size(), kMaxReportedViolations);
  EXPECT_EQ(violations_.violations().back().field, "rows[99].population");
}

}  // namespace
}  // namespace jindu::registration
