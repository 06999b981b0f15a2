// GetRegion's answers in memory (registration/regions/region_answer_cache.h): served only at the
// revision asked for, never replaced by an older answer.
#include <gtest/gtest.h>

#include "registration/regions/region_answer_cache.h"

namespace jindu::registration {
namespace {

v1::Region At(int64_t revision, const std::string& display_name) {
  v1::Region region;
  region.set_name("regions/430102");
  region.set_region_code("430102");
  region.set_display_name(display_name);
  region.set_revision(revision);
  return region;
}

TEST(RegionAnswerCacheTest, AnswersOnlyAtTheRevisionTheDirectoryHolds) {
  RegionAnswerCache cache;
  EXPECT_FALSE(cache.Find("430102", 1).has_value());
  cache.Keep(At(1, "芙蓉区"));
  ASSERT_TRUE(cache.Find("430102", 1).has_value());
  EXPECT_EQ(cache.Find("430102", 1)->display_name(), "芙蓉区");
  // The directory learnt revision 2 (an import, an event): the kept answer is stale.
  EXPECT_FALSE(cache.Find("430102", 2).has_value());
  EXPECT_FALSE(cache.Find("430103", 1).has_value());
  cache.Keep(At(2, "芙蓉区(新)"));
  EXPECT_EQ(cache.Find("430102", 2)->display_name(), "芙蓉区(新)");
}

TEST(RegionAnswerCacheTest, AnOlderReadNeverReplacesANewerAnswer) {
  RegionAnswerCache cache;
  cache.Keep(At(3, "新"));
  cache.Keep(At(2, "旧"));  // a call that read before the import finished
  EXPECT_FALSE(cache.Find("430102", 2).has_value());
  EXPECT_EQ(cache.Find("430102", 3)->display_name(), "新");
}

}  // namespace
}  // namespace jindu::registration
