// The `county` label of per-county series: the county a region code lies in, province and city
// codes as they are, special zones under the division containing them, "none" for no region.
#include <gtest/gtest.h>

#include "runtime/metrics/county_label.h"

namespace jindu::runtime {
namespace {

TEST(CountyLabelTest, TheCountyOfEveryKindOfRegionCode) {
  EXPECT_EQ(CountyLabel("430102"), "430102");
  EXPECT_EQ(CountyLabel("430102001"), "430102");
  EXPECT_EQ(CountyLabel("430102001001"), "430102");
  EXPECT_EQ(CountyLabel("430000"), "430000");
  EXPECT_EQ(CountyLabel("430100"), "430100");
  EXPECT_EQ(CountyLabel("Z43010001"), "430100");
  EXPECT_EQ(CountyLabel(""), "none");
}

}  // namespace
}  // namespace jindu::runtime
