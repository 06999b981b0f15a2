// Prepared statements are named after their text, so every connection of a pool (and every
// process) gives one text the same name and two texts different names.

#include <gtest/gtest.h>

#include "runtime/postgres/prepared_statements.h"

namespace jindu::runtime {
namespace {

TEST(PreparedStatementNameTest, OneTextOneNameAcrossCallsAndProcesses) {
  const std::string sql = "SELECT count(*) FROM reporting.activity_facts WHERE region_path LIKE $1";
  EXPECT_EQ(PreparedStatementName(sql), PreparedStatementName(std::string(sql)));
  // FNV-1a of the text: fixed, so a name seen in pg_prepared_statements can be traced to its text
  // in any build.
  EXPECT_EQ(PreparedStatementName(""), "jindu_cbf29ce484222325");
  EXPECT_EQ(PreparedStatementName(sql).size(), std::string("jindu_").size() + 16);
}

TEST(PreparedStatementNameTest, TextsThatDifferOnlyInSchemaOrRegionParameterGetDifferentNames) {
  EXPECT_NE(PreparedStatementName("SELECT 1 FROM a.t WHERE x LIKE $1"),
            PreparedStatementName("SELECT 1 FROM b.t WHERE x LIKE $1"));
  EXPECT_NE(PreparedStatementName("SELECT 1 FROM a.t WHERE x LIKE $1"),
            PreparedStatementName("SELECT 1 FROM a.t WHERE x LIKE $2"));
}

}  // namespace
}  // namespace jindu::runtime
