// Versioned migrations and the connection pool against a real PostgreSQL server.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "harness/shared_infrastructure.h"
#include "runtime/postgres/connection_pool.h"
#include "runtime/postgres/migrations.h"

namespace jindu::testing {
namespace {

using runtime::ApplyMigrations;
using runtime::MigrationTrack;

MigrationTrack Track(std::vector<runtime::Migration> migrations) {
  return {"domain", std::move(migrations)};
}

long Count(pqxx::connection& connection, const std::string& sql) {
  pqxx::read_transaction tx(connection);
  return tx.exec1(sql)[0].as<long>();
}

TEST(PostgresMigrationsTest, AppliesPendingMigrationsOnceInTheServiceSchema) {
  pqxx::connection connection(SharedPostgres().CreateDatabase("migrations_once"));
  MigrationTrack v1 =
      Track({{1, "create_regions", "CREATE TABLE regions (code text PRIMARY KEY)"}});
  EXPECT_EQ(ApplyMigrations(connection, "registration", {v1}), 1);
  EXPECT_EQ(ApplyMigrations(connection, "registration", {v1}), 0) << "nothing pending the 2nd time";

  MigrationTrack v2 = v1;
  v2.migrations.push_back({2, "add_name", "ALTER TABLE regions ADD COLUMN name text"});
  EXPECT_EQ(ApplyMigrations(connection, "registration", {v2}), 1);
  // Unqualified names landed in the service's schema, not in public.
  EXPECT_EQ(Count(connection,
                  "SELECT count(*) FROM information_schema.columns WHERE table_schema = "
                  "'registration' AND table_name = 'regions'"),
            2);
  EXPECT_EQ(Count(connection, "SELECT count(*) FROM registration.schema_migrations"), 2);
}

TEST(PostgresMigrationsTest, RefusesAMigrationEditedAfterItWasApplied) {
  pqxx::connection connection(SharedPostgres().CreateDatabase("migrations_edited"));
  ApplyMigrations(connection, "casework",
                  {Track({{1, "create_cases", "CREATE TABLE cases (id int)"}})});
  try {
    ApplyMigrations(connection, "casework",
                    {Track({{1, "create_cases", "CREATE TABLE cases (id bigint)"}})});
    FAIL() << "an edited migration was accepted";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("domain/1_create_cases was changed"),
              std::string::npos)
        << error.what();
  }
}

TEST(PostgresMigrationsTest, AFailingMigrationIsRolledBackAndReported) {
  pqxx::connection connection(SharedPostgres().CreateDatabase("migrations_failing"));
  MigrationTrack track = Track({{1, "good", "CREATE TABLE a (id int)"},
                                {2, "bad", "CREATE TABLE b (id int); SELECT no_such_function()"}});
  EXPECT_THROW(ApplyMigrations(connection, "publicity", {track}), pqxx::sql_error);
  EXPECT_EQ(Count(connection, "SELECT count(*) FROM publicity.schema_migrations"), 1);
  EXPECT_EQ(Count(connection,
                  "SELECT count(*) FROM pg_tables WHERE schemaname = 'publicity' AND "
                  "tablename = 'b'"),
            0)
      << "the failed migration's first statement must not survive";
}

TEST(PostgresMigrationsTest, ConcurrentStartsApplyEachMigrationExactlyOnce) {
  std::string database = SharedPostgres().CreateDatabase("migrations_concurrent");
  MigrationTrack track =
      Track({{1, "one", "CREATE TABLE one (id int)"}, {2, "two", "CREATE TABLE two (id int)"}});
  std::atomic<int> applied{0};
  std::vector<std::thread> replicas;
  for (int i = 0; i < 4; ++i) {
    replicas.emplace_back([&] {
      pqxx::connection connection(database);
      applied += ApplyMigrations(connection, "reporting", {track});
    });
  }
  for (auto& replica : replicas) replica.join();
  EXPECT_EQ(applied.load(), 2);
}

TEST(PostgresMigrationsTest, LoadsATrackFromADirectoryAndRejectsBadNames) {
  auto dir = std::filesystem::path(::testing::TempDir()) / "jindu_migrations_dir";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "0002_second.sql") << "SELECT 2";
  std::ofstream(dir / "0001_first.sql") << "SELECT 1";
  MigrationTrack track = runtime::LoadMigrationTrack("files", dir);
  ASSERT_EQ(track.migrations.size(), 2u);
  EXPECT_EQ(track.migrations[0].name, "first");
  EXPECT_EQ(track.migrations[1].sql, "SELECT 2");

  std::ofstream(dir / "third.sql") << "SELECT 3";
  EXPECT_THROW(runtime::LoadMigrationTrack("files", dir), std::invalid_argument);
}

TEST(PostgresMigrationsTest, RejectsASchemaNameThatIsNotAnIdentifier) {
  pqxx::connection connection(SharedPostgres().CreateDatabase("migrations_names"));
  EXPECT_THROW(ApplyMigrations(connection, "x; DROP TABLE y", {}), std::invalid_argument);
}

TEST(PostgresConnectionPoolTest, WaitsForAFreeConnectionThenGivesUp) {
  runtime::ConnectionPool pool(SharedPostgres().ConnectionString(), 1);
  auto held = pool.Acquire();
  EXPECT_THROW(pool.Acquire(std::chrono::milliseconds(50)), runtime::PoolExhausted);
  std::thread releaser([lease = std::move(held)]() mutable {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  });
  auto next = pool.Acquire(std::chrono::seconds(5));
  pqxx::read_transaction tx(*next);
  EXPECT_EQ(tx.exec1("SELECT 1")[0].as<int>(), 1);
  releaser.join();
}

TEST(PostgresConnectionPoolTest, ErrorTextsDoNotQuoteRowValues) {
  // Error texts reach logs and dead-letter headers; PostgreSQL's DETAIL line would quote the row.
  runtime::ConnectionPool pool(SharedPostgres().CreateDatabase("pool_terse_errors"), 1);
  auto connection = pool.Acquire();
  pqxx::work tx(*connection);
  tx.exec0("CREATE TEMP TABLE people (id_number text PRIMARY KEY)");
  tx.exec0("INSERT INTO people VALUES ('430102199001011234')");
  try {
    tx.exec0("INSERT INTO people VALUES ('430102199001011234')");
    FAIL() << "the duplicate was accepted";
  } catch (const pqxx::unique_violation& error) {
    EXPECT_NE(std::string(error.what()).find("duplicate key"), std::string::npos) << error.what();
    EXPECT_EQ(std::string(error.what()).find("430102199001011234"), std::string::npos)
        << error.what();
  }
}

TEST(PostgresConnectionPoolTest, ReportsAnUnreachableDatabase) {
  runtime::ConnectionPool pool("host=127.0.0.1 port=1 connect_timeout=2 dbname=none", 1);
  EXPECT_THROW(pool.Acquire(), pqxx::broken_connection);
  // The failed attempt did not leak the pool's only slot.
  EXPECT_THROW(pool.Acquire(std::chrono::milliseconds(100)), pqxx::broken_connection);
}

}  // namespace
}  // namespace jindu::testing
