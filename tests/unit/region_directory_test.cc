// The in-memory region tree every service asks (runtime/regions/region_directory.h) and the region
// entry its RegionUpserted events carry (region_entry.h): revisions, containment through parents
// and special zones, re-parenting, enclosing regions and paged listing.

#include "runtime/regions/region_directory.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "runtime/regions/region_entry.h"

namespace jindu::runtime {
namespace {

using common::v1::RegionLevel;

RegionEntry Entry(std::string code, RegionLevel level, std::string parent, int64_t revision = 1,
                  std::vector<std::string> members = {}) {
  RegionEntry entry;
  entry.code = std::move(code);
  entry.display_name = "region " + entry.code;
  entry.level = level;
  entry.parent = std::move(parent);
  entry.valid_from = {1996, 5, 1};
  entry.members = std::move(members);
  entry.revision = revision;
  return entry;
}

// 湖南省 > 长沙市 > 芙蓉区 / 岳麓区, a township and a village under each district, and the 湘江新区
// special zone (member: 岳麓区), parent 长沙市.
void FillHunan(RegionDirectory* directory) {
  directory->Upsert(Entry("430000", common::v1::REGION_LEVEL_PROVINCE, ""));
  directory->Upsert(Entry("430100", common::v1::REGION_LEVEL_CITY, "430000"));
  directory->Upsert(Entry("430102", common::v1::REGION_LEVEL_COUNTY, "430100"));
  directory->Upsert(Entry("430104", common::v1::REGION_LEVEL_COUNTY, "430100"));
  directory->Upsert(Entry("430102001", common::v1::REGION_LEVEL_TOWNSHIP, "430102"));
  directory->Upsert(Entry("430102001001", common::v1::REGION_LEVEL_VILLAGE, "430102001"));
  directory->Upsert(Entry("430104001", common::v1::REGION_LEVEL_TOWNSHIP, "430104"));
  directory->Upsert(Entry("430104001001", common::v1::REGION_LEVEL_VILLAGE, "430104001"));
  directory->Upsert(
      Entry("Z43010001", common::v1::REGION_LEVEL_SPECIAL_ZONE, "430100", 1, {"430104"}));
}

std::set<std::string> AsSet(const std::vector<std::string>& codes) {
  return {codes.begin(), codes.end()};
}

std::vector<std::string> Codes(const std::vector<RegionEntry>& entries) {
  std::vector<std::string> codes;
  for (const RegionEntry& entry : entries) codes.push_back(entry.code);
  return codes;
}

const auto kAll = [](const RegionEntry&) { return true; };

// ---------------------------------------------------------------------------------------------
// Upsert, Find, Knows

TEST(RegionDirectory, StartsEmpty) {
  RegionDirectory directory;
  EXPECT_EQ(directory.size(), 0u);
  EXPECT_FALSE(directory.Knows("430000"));
  EXPECT_EQ(directory.Find("430000"), std::nullopt);
  EXPECT_FALSE(directory.Contains("430000", "430000"));
}

TEST(RegionDirectory, FindsWhatWasUpserted) {
  RegionDirectory directory;
  FillHunan(&directory);
  EXPECT_EQ(directory.size(), 9u);
  auto zone = directory.Find("Z43010001");
  ASSERT_TRUE(zone.has_value());
  EXPECT_EQ(*zone,
            Entry("Z43010001", common::v1::REGION_LEVEL_SPECIAL_ZONE, "430100", 1, {"430104"}));
  EXPECT_TRUE(directory.Knows("430102001001"));
  EXPECT_FALSE(directory.Knows("430103"));
  EXPECT_FALSE(directory.Knows(""));
  EXPECT_FALSE(directory.Knows("43010"));  // no prefix matching
}

TEST(RegionDirectory, KeepsTheNewestRevision) {
  RegionDirectory directory;
  RegionEntry first = Entry("430102", common::v1::REGION_LEVEL_COUNTY, "430100", 2);
  first.display_name = "芙蓉区";
  EXPECT_TRUE(directory.Upsert(first));

  RegionEntry same = first;
  same.display_name = "芙蓉区（重复）";  // the same revision applied again, say, after a replay
  EXPECT_FALSE(directory.Upsert(same));
  RegionEntry older = first;
  older.revision = 1;
  older.display_name = "芙蓉区（旧）";  // a late event
  EXPECT_FALSE(directory.Upsert(older));
  EXPECT_EQ(directory.Find("430102").value().display_name, "芙蓉区");
  EXPECT_EQ(directory.Find("430102").value().revision, 2);

  RegionEntry newer = first;
  newer.revision = 3;
  newer.display_name = "芙蓉区（新）";
  newer.valid_to = CivilDate{2030, 1, 1};
  EXPECT_TRUE(directory.Upsert(newer));
  EXPECT_EQ(directory.Find("430102"), newer);
  EXPECT_EQ(directory.size(), 1u);
}

// ---------------------------------------------------------------------------------------------
// Contains

TEST(RegionDirectory, ContainsFollowsParents) {
  RegionDirectory directory;
  FillHunan(&directory);
  for (const char* region : {"430000", "430100", "430102", "430102001", "430102001001", "430104",
                             "430104001001", "Z43010001"}) {
    EXPECT_TRUE(directory.Contains("430000", region)) << region;
    EXPECT_TRUE(directory.Contains(region, region)) << region;
  }
  EXPECT_TRUE(directory.Contains("430102", "430102001001"));
  EXPECT_TRUE(directory.Contains("430102001", "430102001001"));
  EXPECT_FALSE(directory.Contains("430102001001", "430102001"));  // not upwards
  EXPECT_FALSE(directory.Contains("430102", "430100"));
  EXPECT_FALSE(directory.Contains("430102", "430104"));  // siblings
  EXPECT_FALSE(directory.Contains("430104", "430102001001"));
}

TEST(RegionDirectory, UnknownOrMalformedCodesAreNeverContained) {
  RegionDirectory directory;
  FillHunan(&directory);
  EXPECT_FALSE(directory.Contains("430000", "430103"));        // not in the tree
  EXPECT_FALSE(directory.Contains("430103", "430103"));        // not even in itself
  EXPECT_FALSE(directory.Contains("430000", "430102001999"));  // structurally inside, unknown
  EXPECT_FALSE(directory.Contains("", "430102"));
  EXPECT_FALSE(directory.Contains("430000", ""));
  EXPECT_FALSE(directory.Contains("43", "430102"));
  EXPECT_FALSE(directory.Contains("430000", "430102 "));
}

TEST(RegionDirectory, ASpecialZoneContainsItsMembersAndWhatLiesInThem) {
  RegionDirectory directory;
  FillHunan(&directory);
  EXPECT_TRUE(directory.Contains("Z43010001", "430104"));
  EXPECT_TRUE(directory.Contains("Z43010001", "430104001"));
  EXPECT_TRUE(directory.Contains("Z43010001", "430104001001"));
  EXPECT_FALSE(directory.Contains("Z43010001", "430102"));
  EXPECT_FALSE(directory.Contains("Z43010001", "430102001001"));
  EXPECT_FALSE(directory.Contains("Z43010001", "430100"));  // the zone lies in the city
  // The zone is inside its parent, not inside its members.
  EXPECT_TRUE(directory.Contains("430100", "Z43010001"));
  EXPECT_FALSE(directory.Contains("430104", "Z43010001"));
  // A member is still inside its own parent.
  EXPECT_TRUE(directory.Contains("430100", "430104"));
}

TEST(RegionDirectory, ReparentingMovesEverythingBelow) {
  RegionDirectory directory;
  FillHunan(&directory);
  // 文艺路街道 moves from 芙蓉区 to 岳麓区 (revision 2), taking its village along.
  EXPECT_TRUE(directory.Upsert(Entry("430102001", common::v1::REGION_LEVEL_TOWNSHIP, "430104", 2)));
  EXPECT_FALSE(directory.Contains("430102", "430102001"));
  EXPECT_FALSE(directory.Contains("430102", "430102001001"));
  EXPECT_TRUE(directory.Contains("430104", "430102001"));
  EXPECT_TRUE(directory.Contains("430104", "430102001001"));
  EXPECT_TRUE(directory.Contains("Z43010001", "430102001001"));  // now inside the zone's member
  EXPECT_TRUE(directory.Contains("430000", "430102001001"));
  EXPECT_EQ(directory.Ancestors("430102001001"),
            (std::vector<std::string>{"430102001001", "430102001", "430104", "430100", "430000"}));

  // A stale revision of the old placement changes nothing.
  EXPECT_FALSE(
      directory.Upsert(Entry("430102001", common::v1::REGION_LEVEL_TOWNSHIP, "430102", 1)));
  EXPECT_TRUE(directory.Contains("430104", "430102001"));
  EXPECT_FALSE(directory.Contains("430102", "430102001"));
}

TEST(RegionDirectory, ChangingAZonesMembersRelinksIt) {
  RegionDirectory directory;
  FillHunan(&directory);
  EXPECT_TRUE(directory.Upsert(
      Entry("Z43010001", common::v1::REGION_LEVEL_SPECIAL_ZONE, "430100", 2, {"430102001"})));
  EXPECT_FALSE(directory.Contains("Z43010001", "430104"));
  EXPECT_FALSE(directory.Contains("Z43010001", "430104001001"));
  EXPECT_TRUE(directory.Contains("Z43010001", "430102001"));
  EXPECT_TRUE(directory.Contains("Z43010001", "430102001001"));
  EXPECT_FALSE(directory.Contains("Z43010001", "430102"));

  // Two zones may share a member; dropping it from one leaves the other.
  EXPECT_TRUE(directory.Upsert(
      Entry("Z43010002", common::v1::REGION_LEVEL_SPECIAL_ZONE, "430100", 1, {"430102001"})));
  EXPECT_TRUE(directory.Upsert(
      Entry("Z43010001", common::v1::REGION_LEVEL_SPECIAL_ZONE, "430100", 3, {"430104"})));
  EXPECT_FALSE(directory.Contains("Z43010001", "430102001001"));
  EXPECT_TRUE(directory.Contains("Z43010002", "430102001001"));
}

TEST(RegionDirectory, EventsMayArriveChildrenFirst) {
  // A replica may apply a village before its township: containment appears once the links close.
  RegionDirectory directory;
  directory.Upsert(Entry("430102001001", common::v1::REGION_LEVEL_VILLAGE, "430102001"));
  directory.Upsert(Entry("430102", common::v1::REGION_LEVEL_COUNTY, "430100"));
  EXPECT_FALSE(directory.Contains("430102", "430102001001"));
  EXPECT_EQ(directory.Ancestors("430102001001"), std::vector<std::string>{"430102001001"});
  directory.Upsert(Entry("430102001", common::v1::REGION_LEVEL_TOWNSHIP, "430102"));
  EXPECT_TRUE(directory.Contains("430102", "430102001001"));

  // A zone listing a member not yet known covers it once it arrives.
  directory.Upsert(
      Entry("Z43010001", common::v1::REGION_LEVEL_SPECIAL_ZONE, "430100", 1, {"430104"}));
  EXPECT_FALSE(directory.Contains("Z43010001", "430104"));
  directory.Upsert(Entry("430104", common::v1::REGION_LEVEL_COUNTY, "430100"));
  EXPECT_TRUE(directory.Contains("Z43010001", "430104"));
}

TEST(RegionDirectory, CyclicDataNeitherLoopsNorContainsStrangers) {
  RegionDirectory directory;
  directory.Upsert(Entry("430102", common::v1::REGION_LEVEL_COUNTY, "430104"));
  directory.Upsert(Entry("430104", common::v1::REGION_LEVEL_COUNTY, "430102"));
  directory.Upsert(Entry("430000", common::v1::REGION_LEVEL_PROVINCE, ""));
  EXPECT_FALSE(directory.Contains("430000", "430102"));
  EXPECT_TRUE(directory.Contains("430104", "430102"));
  EXPECT_TRUE(directory.Contains("430102", "430104"));
  EXPECT_EQ(AsSet(directory.Enclosing("430102")), (std::set<std::string>{"430102", "430104"}));
  EXPECT_EQ(directory.Ancestors("430102"), (std::vector<std::string>{"430102", "430104"}));
}

// ---------------------------------------------------------------------------------------------
// Enclosing, EnclosingPath, Ancestors

TEST(RegionDirectory, EnclosingListsTheRegionFirstThenEverythingAroundIt) {
  RegionDirectory directory;
  FillHunan(&directory);
  std::vector<std::string> enclosing = directory.Enclosing("430104001001");
  ASSERT_FALSE(enclosing.empty());
  EXPECT_EQ(enclosing.front(), "430104001001");
  EXPECT_EQ(enclosing.size(), 6u);
  EXPECT_EQ(AsSet(enclosing), (std::set<std::string>{"430104001001", "430104001", "430104",
                                                     "Z43010001", "430100", "430000"}));

  EXPECT_EQ(AsSet(directory.Enclosing("430102001001")),
            (std::set<std::string>{"430102001001", "430102001", "430102", "430100", "430000"}));
  EXPECT_EQ(AsSet(directory.Enclosing("Z43010001")),
            (std::set<std::string>{"Z43010001", "430100", "430000"}));
  EXPECT_EQ(directory.Enclosing("430000"), std::vector<std::string>{"430000"});
  EXPECT_TRUE(directory.Enclosing("430103").empty());
}

TEST(RegionDirectory, EnclosingPathIsDelimitedForSubstringFilters) {
  RegionDirectory directory;
  FillHunan(&directory);
  const std::string path = directory.EnclosingPath("430104001001");
  EXPECT_EQ(path.front(), ';');
  EXPECT_EQ(path.back(), ';');
  EXPECT_EQ(path.size(),
            std::string(";430104001001;430104001;430104;Z43010001;430100;430000;").size());
  for (const char* code :
       {"430104001001", "430104001", "430104", "Z43010001", "430100", "430000"}) {
    EXPECT_NE(path.find(std::string(";") + code + ";"), std::string::npos)
        << code << " in " << path;
  }
  EXPECT_EQ(path.find(";430102;"), std::string::npos);
  EXPECT_EQ(directory.EnclosingPath("430000"), ";430000;");
  // Not known yet: the region alone, so that the row is found and completed when it arrives.
  EXPECT_EQ(directory.EnclosingPath("430999"), ";430999;");
  EXPECT_EQ(directory.EnclosingPath(""), ";");
}

TEST(RegionDirectory, AncestorsFollowParentsOnly) {
  RegionDirectory directory;
  FillHunan(&directory);
  EXPECT_EQ(directory.Ancestors("430104001001"),
            (std::vector<std::string>{"430104001001", "430104001", "430104", "430100", "430000"}));
  EXPECT_EQ(directory.Ancestors("Z43010001"),
            (std::vector<std::string>{"Z43010001", "430100", "430000"}));
  EXPECT_EQ(directory.Ancestors("430000"), std::vector<std::string>{"430000"});
  EXPECT_TRUE(directory.Ancestors("430103").empty());
}

// ---------------------------------------------------------------------------------------------
// List

TEST(RegionDirectory, ListsInCodeOrder) {
  RegionDirectory directory;
  FillHunan(&directory);
  bool more = true;
  std::vector<RegionEntry> all = directory.List("", 100, kAll, &more);
  EXPECT_FALSE(more);
  EXPECT_EQ(Codes(all),
            (std::vector<std::string>{"430000", "430100", "430102", "430102001", "430102001001",
                                      "430104", "430104001", "430104001001", "Z43010001"}));
  EXPECT_EQ(all[8].members, std::vector<std::string>{"430104"});  // whole entries
}

TEST(RegionDirectory, ListPagesWithAfterCodeAndMore) {
  RegionDirectory directory;
  FillHunan(&directory);
  bool more = false;
  std::vector<RegionEntry> page = directory.List("", 4, kAll, &more);
  EXPECT_TRUE(more);
  EXPECT_EQ(Codes(page), (std::vector<std::string>{"430000", "430100", "430102", "430102001"}));
  page = directory.List("430102001", 4, kAll, &more);  // exclusive
  EXPECT_TRUE(more);
  EXPECT_EQ(Codes(page),
            (std::vector<std::string>{"430102001001", "430104", "430104001", "430104001001"}));
  page = directory.List("430104001001", 4, kAll, &more);
  EXPECT_FALSE(more);
  EXPECT_EQ(Codes(page), std::vector<std::string>{"Z43010001"});
  page = directory.List("Z43010001", 4, kAll, &more);
  EXPECT_FALSE(more);
  EXPECT_TRUE(page.empty());

  // A page that ends exactly at the last match says there is no more.
  page = directory.List("430104001", 2, kAll, &more);
  EXPECT_EQ(Codes(page), (std::vector<std::string>{"430104001001", "Z43010001"}));
  EXPECT_FALSE(more);

  // The cursor need not be a stored code.
  page = directory.List("430103", 1, kAll, &more);
  EXPECT_EQ(Codes(page), std::vector<std::string>{"430104"});
  EXPECT_TRUE(more);
}

TEST(RegionDirectory, ListFiltersBeforeCountingThePage) {
  RegionDirectory directory;
  FillHunan(&directory);
  const auto villages = [](const RegionEntry& entry) {
    return entry.level == common::v1::REGION_LEVEL_VILLAGE;
  };
  bool more = false;
  std::vector<RegionEntry> page = directory.List("", 1, villages, &more);
  EXPECT_EQ(Codes(page), std::vector<std::string>{"430102001001"});
  EXPECT_TRUE(more);
  page = directory.List("430102001001", 1, villages, &more);
  EXPECT_EQ(Codes(page), std::vector<std::string>{"430104001001"});
  EXPECT_FALSE(more);  // later entries exist, but none is a village

  // Within a region, as ListRegions filters.
  const auto in_yuelu = [&directory](const RegionEntry& entry) {
    return directory.Contains("430104", entry.code);
  };
  page = directory.List("", 10, in_yuelu, &more);
  EXPECT_EQ(Codes(page), (std::vector<std::string>{"430104", "430104001", "430104001001"}));
  EXPECT_FALSE(more);
}

TEST(RegionDirectory, ListWithLimitZeroOnlySaysWhetherThereIsAny) {
  RegionDirectory directory;
  FillHunan(&directory);
  bool more = false;
  EXPECT_TRUE(directory.List("", 0, kAll, &more).empty());
  EXPECT_TRUE(more);
  EXPECT_TRUE(directory.List("Z43010001", 0, kAll, &more).empty());
  EXPECT_FALSE(more);
}

TEST(RegionDirectory, PagingThroughVisitsEveryEntryOnce) {
  RegionDirectory directory;
  FillHunan(&directory);
  std::vector<std::string> seen;
  std::string after;
  bool more = true;
  int pages = 0;
  while (more) {
    std::vector<RegionEntry> page = directory.List(after, 2, kAll, &more);
    ASSERT_FALSE(page.empty());
    for (const RegionEntry& entry : page) seen.push_back(entry.code);
    after = page.back().code;
    ASSERT_LT(++pages, 10);
  }
  EXPECT_EQ(pages, 5);
  EXPECT_EQ(seen.size(), 9u);
  EXPECT_EQ(AsSet(seen).size(), 9u);
}

TEST(RegionDirectory, ReadersAndAWriterAtOnce) {
  RegionDirectory directory;
  FillHunan(&directory);
  // Bounded loops on both sides: a reader-preferring shared mutex may hold the writer back while
  // readers keep coming, so nobody waits for anybody to stop.
  std::atomic<int> wrong{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) {
    readers.emplace_back([&] {
      for (int n = 0; n < 500; ++n) {
        // 430000 contains the township wherever it moves; a county never contains its city.
        if (!directory.Contains("430000", "430102001001")) ++wrong;
        if (directory.Contains("430102", "430100")) ++wrong;
        bool more = false;
        if (directory.List("", 100, kAll, &more).size() != 9) ++wrong;
      }
    });
  }
  for (int revision = 2; revision < 500; ++revision) {
    directory.Upsert(Entry("430102001", common::v1::REGION_LEVEL_TOWNSHIP,
                           revision % 2 == 0 ? "430104" : "430102", revision));
  }
  for (std::thread& reader : readers) reader.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(directory.Find("430102001").value().revision, 499);
  EXPECT_TRUE(directory.Contains("430102", "430102001"));
  EXPECT_FALSE(directory.Contains("430104", "430102001"));
}

// ---------------------------------------------------------------------------------------------
// RegionEntry

TEST(RegionEntry, ValidFromInclusiveValidToExclusive) {
  RegionEntry wangcheng = Entry("430122", common::v1::REGION_LEVEL_COUNTY, "430100");
  wangcheng.valid_from = {1996, 5, 1};
  EXPECT_FALSE(wangcheng.ValidOn({1996, 4, 30}));
  EXPECT_TRUE(wangcheng.ValidOn({1996, 5, 1}));
  EXPECT_TRUE(wangcheng.ValidOn({9999, 12, 31}));  // no end yet
  wangcheng.valid_to = CivilDate{2011, 6, 1};
  EXPECT_TRUE(wangcheng.ValidOn({2011, 5, 31}));
  EXPECT_FALSE(wangcheng.ValidOn({2011, 6, 1}));
}

TEST(RegionEntry, SameContentIgnoresOnlyTheRevision) {
  RegionEntry base =
      Entry("Z43010001", common::v1::REGION_LEVEL_SPECIAL_ZONE, "430100", 1, {"430104"});
  RegionEntry other = base;
  other.revision = 9;
  EXPECT_TRUE(base.SameContent(other));
  EXPECT_FALSE(base == other);

  const std::vector<std::function<void(RegionEntry&)>> changes = {
      [](RegionEntry& e) { e.code = "Z43010002"; },
      [](RegionEntry& e) { e.display_name = "湘江新区"; },
      [](RegionEntry& e) { e.level = common::v1::REGION_LEVEL_COUNTY; },
      [](RegionEntry& e) { e.parent = "430000"; },
      [](RegionEntry& e) {
        e.valid_from = {2015, 4, 8};
      },
      [](RegionEntry& e) {
        e.valid_to = CivilDate{2030, 1, 1};
      },
      [](RegionEntry& e) {
        e.members = {"430104", "430102"};
      },
      [](RegionEntry& e) { e.members = {}; },
      [](RegionEntry& e) { e.successors = {"Z43010002"}; },
  };
  for (size_t i = 0; i < changes.size(); ++i) {
    RegionEntry changed = base;
    changes[i](changed);
    EXPECT_FALSE(base.SameContent(changed)) << i;
    EXPECT_FALSE(changed.SameContent(base)) << i;
  }
}

TEST(RegionEntry, RoundTripsThroughRegionUpserted) {
  RegionEntry zone = Entry("Z43010001", common::v1::REGION_LEVEL_SPECIAL_ZONE, "430100", 7,
                           {"430104", "430102001"});
  zone.display_name = "湘江新区";
  zone.valid_from = {2015, 4, 8};
  zone.valid_to = CivilDate{2030, 1, 1};
  zone.successors = {"Z43010002"};

  registration::events::v1::RegionUpserted event = ToRegionUpserted(zone);
  EXPECT_EQ(event.region_code(), "Z43010001");
  EXPECT_EQ(event.display_name(), "湘江新区");
  EXPECT_EQ(event.level(), common::v1::REGION_LEVEL_SPECIAL_ZONE);
  EXPECT_EQ(event.parent_region_code(), "430100");
  EXPECT_EQ(event.valid_from().year(), 2015);
  EXPECT_EQ(event.valid_from().month(), 4);
  EXPECT_EQ(event.valid_from().day(), 8);
  ASSERT_TRUE(event.has_valid_to());
  EXPECT_EQ(event.valid_to().year(), 2030);
  ASSERT_EQ(event.member_region_codes_size(), 2);
  EXPECT_EQ(event.member_region_codes(1), "430102001");
  ASSERT_EQ(event.successor_region_codes_size(), 1);
  EXPECT_EQ(event.revision(), 7);

  // Through the wire, as a replica receives it.
  registration::events::v1::RegionUpserted received;
  ASSERT_TRUE(received.ParseFromString(event.SerializeAsString()));
  EXPECT_EQ(FromRegionUpserted(received), zone);
}

TEST(RegionEntry, AnOpenEndedProvinceRoundTrips) {
  RegionEntry province = Entry("430000", common::v1::REGION_LEVEL_PROVINCE, "", 1);
  province.display_name = "湖南省";
  province.valid_from = {1949, 10, 1};
  registration::events::v1::RegionUpserted event = ToRegionUpserted(province);
  EXPECT_FALSE(event.has_valid_to());
  EXPECT_EQ(event.parent_region_code(), "");
  RegionEntry back = FromRegionUpserted(event);
  EXPECT_EQ(back, province);
  EXPECT_EQ(back.valid_to, std::nullopt);
  EXPECT_TRUE(back.members.empty());
}

}  // namespace
}  // namespace jindu::runtime
