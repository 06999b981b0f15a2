// Which regions an upsert moves in the tree, so services recompute the region paths of their rows:
// a region learned for the first time completes the paths of rows stored before it was known.
#include <gtest/gtest.h>

#include "runtime/regions/region_path_refresh.h"

namespace jindu::runtime {
namespace {

RegionEntry Entry(const std::string& code, const std::string& parent,
                  std::vector<std::string> members = {}) {
  RegionEntry entry;
  entry.code = code;
  entry.display_name = code;
  entry.parent = parent;
  entry.members = std::move(members);
  return entry;
}

TEST(MovedByUpsert, ANewRegionMovesItselfAndANewZoneItsMembers) {
  EXPECT_EQ(MovedByUpsert(std::nullopt, Entry("430102", "430100")),
            std::vector<std::string>{"430102"});
  EXPECT_EQ(MovedByUpsert(std::nullopt, Entry("Z43010001", "430100", {"430104", "430111"})),
            (std::vector<std::string>{"Z43010001", "430104", "430111"}));
}

TEST(MovedByUpsert, AChangedParentOrMembershipMovesWhatChanged) {
  EXPECT_EQ(MovedByUpsert(Entry("430102001", "430102"), Entry("430102001", "430103")),
            std::vector<std::string>{"430102001"});
  EXPECT_EQ(MovedByUpsert(Entry("Z43010001", "430100", {"430104"}),
                          Entry("Z43010001", "430100", {"430111"})),
            (std::vector<std::string>{"430104", "430111"}));
  RegionEntry renamed = Entry("430102", "430100");
  renamed.display_name = "新芙蓉区";
  EXPECT_TRUE(MovedByUpsert(Entry("430102", "430100"), renamed).empty());
}

}  // namespace
}  // namespace jindu::runtime
