// Which database failures are the database's state (retry later) and which are the work's fault.

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "runtime/postgres/connection_pool.h"
#include "runtime/postgres/database_errors.h"

namespace jindu::runtime {
namespace {

pqxx::sql_error WithState(const char* sqlstate) {
  return pqxx::sql_error("failure", "SELECT 1", sqlstate);
}

TEST(DatabaseErrorsTest, TheDatabasesStateIsTransient) {
  EXPECT_TRUE(IsTransientDatabaseError(pqxx::broken_connection("gone")));
  EXPECT_TRUE(IsTransientDatabaseError(PoolExhausted("busy")));
  EXPECT_TRUE(IsTransientDatabaseError(pqxx::deadlock_detected("deadlock")));
  EXPECT_TRUE(IsTransientDatabaseError(pqxx::serialization_failure("conflict")));
  EXPECT_TRUE(IsTransientDatabaseError(WithState("40P01")));  // deadlock, as a plain sql_error
  EXPECT_TRUE(IsTransientDatabaseError(WithState("57014")));  // statement timeout
  EXPECT_TRUE(IsTransientDatabaseError(WithState("57P01")));  // server shutting down
  EXPECT_TRUE(IsTransientDatabaseError(WithState("25006")));  // read-only after failover
  EXPECT_TRUE(IsTransientDatabaseError(WithState("53300")));  // too many connections
}

TEST(DatabaseErrorsTest, TheWorksFaultIsNot) {
  EXPECT_FALSE(IsTransientDatabaseError(WithState("23505")));  // unique violation
  EXPECT_FALSE(IsTransientDatabaseError(WithState("22P02")));  // invalid text representation
  EXPECT_FALSE(IsTransientDatabaseError(WithState("42P01")));  // undefined table
  EXPECT_FALSE(IsTransientDatabaseError(WithState("")));
  EXPECT_FALSE(IsTransientDatabaseError(std::runtime_error("handler bug")));
}

}  // namespace
}  // namespace jindu::runtime
