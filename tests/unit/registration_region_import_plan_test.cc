// Planning a region import against the stored tree (registration/regions/region_import_plan.h):
// references must resolve in the file or the store, parents sit one level up, levels never change,
// and re-importing the same content changes nothing.

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "registration/regions/region_import_plan.h"
#include "registration/regions/region_rows.h"
#include "runtime/api/api_error.h"

namespace jindu::registration {
namespace {

using common::v1::RegionLevel;
using runtime::CivilDate;
using runtime::FieldViolations;
using runtime::RegionEntry;

constexpr RegionLevel kProvince = common::v1::REGION_LEVEL_PROVINCE;
constexpr RegionLevel kCity = common::v1::REGION_LEVEL_CITY;
constexpr RegionLevel kCounty = common::v1::REGION_LEVEL_COUNTY;
constexpr RegionLevel kTownship = common::v1::REGION_LEVEL_TOWNSHIP;
constexpr RegionLevel kVillage = common::v1::REGION_LEVEL_VILLAGE;
constexpr RegionLevel kZone = common::v1::REGION_LEVEL_SPECIAL_ZONE;
constexpr RegionLevel kUnspecified = common::v1::REGION_LEVEL_UNSPECIFIED;

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

std::vector<std::string> Codes(const std::vector<RegionEntry>& entries) {
  std::vector<std::string> codes;
  for (const RegionEntry& entry : entries) codes.push_back(entry.code);
  return codes;
}

RegionEntry Entry(std::string code, std::string name, RegionLevel level, std::string parent,
                  std::vector<std::string> members = {}, int64_t revision = 0) {
  RegionEntry entry;
  entry.code = std::move(code);
  entry.display_name = std::move(name);
  entry.level = level;
  entry.parent = std::move(parent);
  entry.valid_from = {1996, 5, 1};
  entry.members = std::move(members);
  entry.revision = revision;
  return entry;
}

// Rows as ReadRegionRows would hand them over, with consecutive indexes.
std::vector<RegionRow> Rows(std::vector<RegionEntry> entries) {
  std::vector<RegionRow> rows;
  for (RegionEntry& entry : entries) {
    rows.push_back({.index = static_cast<int>(rows.size()), .entry = std::move(entry)});
  }
  return rows;
}

// The Hunan slice used throughout: province, city, two districts, a township, a village and the
// Xiangjiang New Area grouping 岳麓区.
std::vector<RegionEntry> HunanEntries() {
  return {
      Entry("430000", "湖南省", kProvince, ""),
      Entry("430100", "长沙市", kCity, "430000"),
      Entry("430102", "芙蓉区", kCounty, "430100"),
      Entry("430104", "岳麓区", kCounty, "430100"),
      Entry("430102001", "文艺路街道", kTownship, "430102"),
      Entry("430102001001", "八一路社区", kVillage, "430102001"),
      Entry("Z43010001", "湘江新区", kZone, "430100", {"430104"}),
  };
}

// The Hunan slice as stored after a first import: each at the given revision.
std::map<std::string, RegionEntry> Stored(int64_t revision = 1) {
  std::map<std::string, RegionEntry> stored;
  for (RegionEntry entry : HunanEntries()) {
    entry.revision = revision;
    stored.emplace(entry.code, std::move(entry));
  }
  return stored;
}

// ---------------------------------------------------------------------------------------------
// ParentLevelFits

TEST(ParentLevelFits, TheWholeMatrix) {
  const std::vector<RegionLevel> levels = {kUnspecified, kProvince, kCity, kCounty,
                                           kTownship,    kVillage,  kZone};
  // child -> the parent levels allowed.
  const std::map<RegionLevel, std::vector<RegionLevel>> allowed = {
      {kUnspecified, {}},
      {kProvince, {}},
      {kCity, {kProvince}},
      {kCounty, {kCity, kProvince}},  // county-level cities directly under the province
      {kTownship, {kCounty, kCity}},  // cities without counties (东莞) hold townships
      {kVillage, {kTownship}},
      {kZone, {kProvince, kCity, kCounty}},
  };
  int fitting = 0;
  for (RegionLevel child : levels) {
    for (RegionLevel parent : levels) {
      const auto& ok = allowed.at(child);
      const bool expected = std::find(ok.begin(), ok.end(), parent) != ok.end();
      EXPECT_EQ(ParentLevelFits(child, parent), expected)
          << RegionLevelWord(child) << " in " << RegionLevelWord(parent);
      fitting += expected ? 1 : 0;
    }
  }
  EXPECT_EQ(fitting, 9);
  EXPECT_FALSE(ParentLevelFits(static_cast<RegionLevel>(42), kProvince));
}

// ---------------------------------------------------------------------------------------------
// What an import creates, updates and leaves alone

TEST(PlanRegionImport, AnEmptyStoreCreatesEveryRowAtRevisionOne) {
  FieldViolations violations;
  RegionImportPlan plan = PlanRegionImport(Rows(HunanEntries()), {}, &violations);
  ASSERT_EQ(Summary(violations), std::vector<std::string>{});
  EXPECT_EQ(Codes(plan.created),
            (std::vector<std::string>{"430000", "430100", "430102", "430104", "430102001",
                                      "430102001001", "Z43010001"}));
  for (const RegionEntry& entry : plan.created) EXPECT_EQ(entry.revision, 1) << entry.code;
  EXPECT_TRUE(plan.updated.empty());
  EXPECT_EQ(plan.unchanged, 0);
  // Created entries are the rows' content.
  EXPECT_EQ(plan.created[6].members, std::vector<std::string>{"430104"});
  EXPECT_EQ(plan.created[5].parent, "430102001");
  EXPECT_EQ(plan.created[1].display_name, "长沙市");
}

TEST(PlanRegionImport, RowsMayReferToRowsLaterInTheFile) {
  std::vector<RegionEntry> reversed = HunanEntries();
  std::reverse(reversed.begin(), reversed.end());
  FieldViolations violations;
  RegionImportPlan plan = PlanRegionImport(Rows(reversed), {}, &violations);
  ASSERT_EQ(Summary(violations), std::vector<std::string>{});
  EXPECT_EQ(plan.created.size(), 7u);
  EXPECT_EQ(plan.created.front().code, "Z43010001");  // file order is kept
}

TEST(PlanRegionImport, ImportingTheSameContentAgainChangesNothing) {
  FieldViolations violations;
  RegionImportPlan plan = PlanRegionImport(Rows(HunanEntries()), Stored(3), &violations);
  ASSERT_EQ(Summary(violations), std::vector<std::string>{});
  EXPECT_TRUE(plan.created.empty());
  EXPECT_TRUE(plan.updated.empty());
  EXPECT_EQ(plan.unchanged, 7);
}

TEST(PlanRegionImport, ChangedRowsGoOneRevisionUpAndNewRowsStartAtOne) {
  std::vector<RegionEntry> entries = HunanEntries();
  entries[2].display_name = "芙蓉区（新）";                         // renamed
  entries[3].valid_to = CivilDate{2030, 1, 1};                      // expires
  entries[6].members = {"430104", "430102"};                        // zone grows
  entries.push_back(Entry("430103", "天心区", kCounty, "430100"));  // new
  std::map<std::string, RegionEntry> stored = Stored(1);
  stored.at("430102").revision = 7;

  FieldViolations violations;
  RegionImportPlan plan = PlanRegionImport(Rows(entries), stored, &violations);
  ASSERT_EQ(Summary(violations), std::vector<std::string>{});
  ASSERT_EQ(Codes(plan.updated), (std::vector<std::string>{"430102", "430104", "Z43010001"}));
  EXPECT_EQ(plan.updated[0].revision, 8);
  EXPECT_EQ(plan.updated[0].display_name, "芙蓉区（新）");
  EXPECT_EQ(plan.updated[1].revision, 2);
  EXPECT_EQ(plan.updated[1].valid_to, (CivilDate{2030, 1, 1}));
  EXPECT_EQ(plan.updated[2].revision, 2);
  EXPECT_EQ(plan.updated[2].members, (std::vector<std::string>{"430104", "430102"}));
  ASSERT_EQ(Codes(plan.created), std::vector<std::string>{"430103"});
  EXPECT_EQ(plan.created[0].revision, 1);
  EXPECT_EQ(plan.unchanged, 4);
}

TEST(PlanRegionImport, EveryStatedColumnCountsAsAChange) {
  const std::vector<std::function<void(RegionEntry&)>> changes = {
      [](RegionEntry& e) { e.display_name = "芙蓉"; },
      [](RegionEntry& e) { e.parent = "430000"; },  // a county directly under the province
      [](RegionEntry& e) {
        e.valid_from = {1996, 5, 2};
      },
      [](RegionEntry& e) {
        e.valid_to = CivilDate{2030, 1, 1};
      },
      [](RegionEntry& e) {
        e.valid_to = CivilDate{2030, 1, 1};
        e.successors = {"430104"};
      },
  };
  for (size_t i = 0; i < changes.size(); ++i) {
    RegionEntry row = Stored().at("430102");
    row.revision = 0;
    changes[i](row);
    FieldViolations violations;
    RegionImportPlan plan = PlanRegionImport(Rows({row}), Stored(), &violations);
    ASSERT_EQ(Summary(violations), std::vector<std::string>{}) << i;
    EXPECT_EQ(Codes(plan.updated), std::vector<std::string>{"430102"}) << i;
    EXPECT_EQ(plan.unchanged, 0) << i;
  }
}

TEST(PlanRegionImport, ARowAgainstTheStoredTreeAlone) {
  // A new village under the stored township: the parent comes from the store.
  FieldViolations violations;
  RegionImportPlan plan = PlanRegionImport(
      Rows({Entry("430102001002", "韭菜园社区", kVillage, "430102001")}), Stored(), &violations);
  ASSERT_EQ(Summary(violations), std::vector<std::string>{});
  EXPECT_EQ(Codes(plan.created), std::vector<std::string>{"430102001002"});
  EXPECT_EQ(plan.unchanged, 0);  // stored regions not in the file are not counted
}

// ---------------------------------------------------------------------------------------------
// References

TEST(PlanRegionImport, ParentsMustBeStoredOrInTheFile) {
  std::vector<RegionEntry> entries = HunanEntries();
  entries[3].parent = "430199";  // 岳麓区 under a city nobody knows
  FieldViolations violations;
  RegionImportPlan plan = PlanRegionImport(Rows(entries), {}, &violations);
  ASSERT_EQ(Summary(violations), std::vector<std::string>{"rows[3].parent REFERENCE_NOT_FOUND"});
  EXPECT_EQ(violations.violations()[0].description,
            "parent 430199 is neither stored nor in the file");
  // Nothing is planned when anything is wrong: imports are all or nothing.
  EXPECT_TRUE(plan.created.empty());
  EXPECT_TRUE(plan.updated.empty());
  EXPECT_EQ(plan.unchanged, 0);
}

TEST(PlanRegionImport, PathsUseTheRowIndexOfTheFile) {
  // Rows that ReadRegionRows dropped leave gaps: the index, not the position, names the row.
  std::vector<RegionRow> rows = {
      {.index = 4, .entry = Entry("430102001", "文艺路街道", kTownship, "430102")},
      {.index = 12, .entry = Entry("430102001001", "八一路社区", kVillage, "430102009")},
  };
  FieldViolations violations;
  PlanRegionImport(rows, Stored(), &violations);
  ASSERT_EQ(Summary(violations), std::vector<std::string>{"rows[12].parent REFERENCE_NOT_FOUND"});
}

TEST(PlanRegionImport, ParentsSitOneLevelUp) {
  FieldViolations violations;
  RegionImportPlan plan = PlanRegionImport(
      Rows({
          Entry("430102001002", "韭菜园社区", kVillage, "430102"),         // 0 village in a county
          Entry("430102002", "韭菜园街道", kTownship, "430000"),           // 1 township in province
          Entry("430105", "开福区", kCounty, "Z43010001"),                 // 2 county in a zone
          Entry("430111", "雨花区", kCounty, "430102"),                    // 3 county in a county
          Entry("Z43010002", "某开发区", kZone, "430102001", {"430102"}),  // 4 zone in township
          Entry("430112", "望城区", kCounty, "430000"),                    // 5 fine: under province
          Entry("441900001", "东城街道", kTownship, "441900"),  // 6 fine: 东莞 in the file
          Entry("441900", "东莞市", kCity, "440000"),           // 7 fine
          Entry("440000", "广东省", kProvince, ""),             // 8 fine
      }),
      Stored(), &violations);
  ASSERT_EQ(Summary(violations), (std::vector<std::string>{
                                     "rows[0].parent VALUE_NOT_ALLOWED",
                                     "rows[1].parent VALUE_NOT_ALLOWED",
                                     "rows[2].parent VALUE_NOT_ALLOWED",
                                     "rows[3].parent VALUE_NOT_ALLOWED",
                                     "rows[4].parent VALUE_NOT_ALLOWED",
                                 }));
  EXPECT_EQ(violations.violations()[0].description,
            "a village cannot lie directly in a county (430102)");
  EXPECT_EQ(violations.violations()[2].description,
            "a county cannot lie directly in a special_zone (Z43010001)");
  EXPECT_EQ(violations.violations()[4].description,
            "a special_zone cannot lie directly in a township (430102001)");
  EXPECT_TRUE(plan.created.empty());
}

TEST(PlanRegionImport, TheFileOverridesTheStoredLevelOfAParent) {
  // The stored township is reimported... as what the file says; the parent check uses the file.
  std::vector<RegionRow> rows = Rows({
      Entry("430102001001", "八一路社区", kVillage, "430102001"),
  });
  std::map<std::string, RegionEntry> stored = Stored();
  FieldViolations fine;
  PlanRegionImport(rows, stored, &fine);
  EXPECT_TRUE(fine.empty());

  rows.push_back({.index = 1, .entry = Entry("430102001", "文艺路街道", kCounty, "430102")});
  FieldViolations violations;
  PlanRegionImport(rows, stored, &violations);
  ASSERT_EQ(Summary(violations), (std::vector<std::string>{"rows[0].parent VALUE_NOT_ALLOWED",
                                                           "rows[1].parent VALUE_NOT_ALLOWED",
                                                           "rows[1].level FIELD_IMMUTABLE"}));
}

TEST(PlanRegionImport, LevelsNeverChange) {
  // Only reachable with rows built by hand: ReadRegionRows lets each code shape have one level.
  std::map<std::string, RegionEntry> stored = Stored();
  stored.at("430104").level = kCity;  // stored under an older rule
  FieldViolations violations;
  RegionImportPlan plan =
      PlanRegionImport(Rows({Entry("430104", "岳麓区", kCounty, "430100")}), stored, &violations);
  ASSERT_EQ(Summary(violations), std::vector<std::string>{"rows[0].level FIELD_IMMUTABLE"});
  EXPECT_EQ(violations.violations()[0].description,
            "stored as city; a region's level never changes");
  EXPECT_TRUE(plan.updated.empty());
}

TEST(PlanRegionImport, MembersMustBeKnownDivisionsBelowTheProvince) {
  FieldViolations violations;
  PlanRegionImport(
      Rows({
          Entry("Z43010002", "A", kZone, "430100", {"430104", "430105"}),  // unknown
          Entry("Z43010003", "B", kZone, "430100", {"430000"}),            // the province
          Entry("Z43010004", "C", kZone, "430100", {"Z43010001"}),         // another zone
          Entry("Z43010005", "D", kZone, "430100", {"430199", "430000"}),  // only the first problem
          Entry("Z43010006", "E", kZone, "430100",
                {"430100", "430102", "430102001", "430102001001", "430103"}),
          Entry("430103", "天心区", kCounty, "430100"),  // member from the file
      }),
      Stored(), &violations);
  ASSERT_EQ(Summary(violations), (std::vector<std::string>{
                                     "rows[0].members REFERENCE_NOT_FOUND",
                                     "rows[1].members VALUE_NOT_ALLOWED",
                                     "rows[2].members VALUE_NOT_ALLOWED",
                                     "rows[3].members REFERENCE_NOT_FOUND",
                                 }));
  EXPECT_EQ(violations.violations()[0].description,
            "member 430105 is neither stored nor in the file");
  EXPECT_EQ(violations.violations()[1].description,
            "member 430000 must be a city, county, township or village");
}

TEST(PlanRegionImport, SuccessorsMustBeKnown) {
  RegionEntry old_county = Entry("430122", "望城县", kCounty, "430100");
  old_county.valid_to = CivilDate{2011, 6, 1};
  old_county.successors = {"430112"};
  RegionEntry new_district = Entry("430112", "望城区", kCounty, "430100");
  new_district.valid_from = {2011, 6, 1};

  FieldViolations missing;
  PlanRegionImport(Rows({old_county}), Stored(), &missing);
  ASSERT_EQ(Summary(missing), std::vector<std::string>{"rows[0].successors REFERENCE_NOT_FOUND"});
  EXPECT_EQ(missing.violations()[0].description,
            "successor 430112 is neither stored nor in the file");

  FieldViolations violations;
  RegionImportPlan plan = PlanRegionImport(Rows({old_county, new_district}), Stored(), &violations);
  ASSERT_EQ(Summary(violations), std::vector<std::string>{});
  EXPECT_EQ(Codes(plan.created), (std::vector<std::string>{"430122", "430112"}));
}

TEST(PlanRegionImport, CyclesAreReportedAndTheWalkEnds) {
  // ReadRegionRows and the level rule make a cycle impossible from a file; rows built by hand (a
  // "province" with a parent) show that the walk still terminates and reports it.
  FieldViolations violations;
  PlanRegionImport(Rows({
                       Entry("430102", "芙蓉区", kCounty, "430100"),
                       Entry("430100", "长沙市", kCity, "430000"),
                       Entry("430000", "湖南省", kProvince, "430102"),
                   }),
                   {}, &violations);
  ASSERT_EQ(Summary(violations), (std::vector<std::string>{"rows[0].parent VALUE_NOT_ALLOWED",
                                                           "rows[1].parent VALUE_NOT_ALLOWED",
                                                           "rows[2].parent VALUE_NOT_ALLOWED"}));
  EXPECT_EQ(violations.violations()[0].description,
            "parent links from 430102 form a cycle through 430102");
  EXPECT_EQ(violations.violations()[1].description,
            "parent links from 430100 form a cycle through 430100");
  EXPECT_EQ(violations.violations()[2].description,
            "a province cannot lie directly in a county (430102)");
}

TEST(PlanRegionImport, EveryProblemOfARowIsReported) {
  std::map<std::string, RegionEntry> stored = Stored();
  stored.at("Z43010001").level = kCounty;  // forces FIELD_IMMUTABLE as well
  RegionEntry zone = Entry("Z43010001", "湘江新区", kZone, "430199", {"430105"});
  zone.valid_to = CivilDate{2030, 1, 1};
  zone.successors = {"Z43010009"};
  FieldViolations violations;
  PlanRegionImport(Rows({zone}), stored, &violations);
  ASSERT_EQ(Summary(violations), (std::vector<std::string>{
                                     "rows[0].parent REFERENCE_NOT_FOUND",
                                     "rows[0].members REFERENCE_NOT_FOUND",
                                     "rows[0].successors REFERENCE_NOT_FOUND",
                                     "rows[0].level FIELD_IMMUTABLE",
                                 }));
}

TEST(PlanRegionImport, StopsAtTheViolationLimit) {
  std::vector<RegionEntry> entries;
  for (int i = 1; i <= 150; ++i) {
    entries.push_back(
        Entry("430102009" + Padded(i, 3), "村", kVillage, "430102009"));  // unknown township
  }
  FieldViolations violations;
  RegionImportPlan plan = PlanRegionImport(Rows(entries), Stored(), &violations);
  ASSERT_EQ(violations.size(), kMaxReportedViolations);
  EXPECT_EQ(violations.violations().back().field, "rows[99].parent");
  EXPECT_TRUE(plan.created.empty());
}

TEST(PlanRegionImport, WorksOnRowsFromReadRegionRows) {
  FieldViolations violations;
  std::vector<RegionRow> rows = ReadRegionRows(
      "code,name,level,parent,valid_from,valid_to,members,successors\n"
      "430000,湖南省,province,,1949-10-01,,,\n"
      "430100,长沙市,city,430000,1949-10-01,,,\n"
      "430102,芙蓉区,county,430100,1996-05-01,,,\n"
      "430104,岳麓区,county,430103,1996-05-01,,,\n"
      "Z43010001,湘江新区,special_zone,430100,2015-04-08,,430104,\n",
      &violations);
  ASSERT_EQ(Summary(violations), std::vector<std::string>{});
  PlanRegionImport(rows, {}, &violations);
  ASSERT_EQ(Summary(violations), std::vector<std::string>{"rows[3].parent REFERENCE_NOT_FOUND"});
}

}  // namespace
}  // namespace jindu::registration
