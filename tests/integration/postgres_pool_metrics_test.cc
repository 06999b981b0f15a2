// The connection pool's Prometheus series (runtime/postgres/pool_metrics.h) over a real
// PostgreSQL: leased and idle connections, callers waiting, and the acquire-time histogram, read
// back from the registry's text exposition exactly as /metrics serves it.
#include <gtest/gtest.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <thread>

#include "harness/metrics_scrape.h"
#include "harness/shared_infrastructure.h"
#include "runtime/postgres/connection_pool.h"
#include "runtime/postgres/pool_metrics.h"

namespace jindu::testing {
namespace {

class PoolMetricsTest : public ::testing::Test {
 protected:
  // One sample of the pool's series, labelled schema="test".
  double Sample(const std::string& name, std::map<std::string, std::string> labels = {}) {
    labels["schema"] = "test";
    return SampleValue(prometheus::TextSerializer().Serialize(registry_.Collect()), name, labels);
  }
  double InUse() { return Sample("jindu_db_pool_connections", {{"state", "in_use"}}); }
  double Idle() { return Sample("jindu_db_pool_connections", {{"state", "idle"}}); }
  double Acquisitions() { return Sample("jindu_db_pool_acquire_seconds_count"); }

  prometheus::Registry registry_;
};

TEST_F(PoolMetricsTest, CountsLeasesWaitersAndAcquireTimes) {
  runtime::ConnectionPool pool(SharedPostgres().CreateDatabase("pool_metrics"), 2);
  runtime::ExportPoolMetrics(pool, registry_, "test");
  EXPECT_EQ(Sample("jindu_db_pool_max_connections"), 2);
  EXPECT_EQ(InUse(), 0);
  EXPECT_EQ(Idle(), 0);  // connections open lazily
  EXPECT_EQ(Sample("jindu_db_pool_waiting"), 0);

  std::optional<runtime::PooledConnection> first = pool.Acquire();
  auto second = pool.Acquire();
  EXPECT_EQ(InUse(), 2);
  EXPECT_EQ(Idle(), 0);
  EXPECT_EQ(Acquisitions(), 2);

  // A third caller waits; the gauge shows it until a connection comes back.
  std::thread waiter([&] {
    auto third = pool.Acquire(std::chrono::seconds(10));
    pqxx::read_transaction tx(*third);
    EXPECT_EQ(tx.exec1("SELECT 1")[0].as<int>(), 1);
  });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (Sample("jindu_db_pool_waiting") != 1 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(Sample("jindu_db_pool_waiting"), 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  first.reset();
  waiter.join();
  EXPECT_EQ(Sample("jindu_db_pool_waiting"), 0);
  EXPECT_EQ(InUse(), 1);  // `second` is still leased; the waiter gave its connection back
  EXPECT_EQ(Idle(), 1);
  EXPECT_EQ(Acquisitions(), 3);
  // The waiter's acquisition took at least the 100 ms it was kept waiting.
  EXPECT_GE(Sample("jindu_db_pool_acquire_seconds_sum"), 0.1);

  // An attempt that gives up (pool exhausted) is timed too, and leaves no waiter behind.
  std::optional<runtime::PooledConnection> third = pool.Acquire();
  EXPECT_THROW(pool.Acquire(std::chrono::milliseconds(50)), runtime::PoolExhausted);
  EXPECT_EQ(Acquisitions(), 5);
  EXPECT_EQ(Sample("jindu_db_pool_waiting"), 0);
  EXPECT_EQ(InUse(), 2);

  third.reset();
  { auto drop = std::move(second); }
  EXPECT_EQ(InUse(), 0);
  EXPECT_EQ(Idle(), 2);
}

TEST_F(PoolMetricsTest, AnUnreachableDatabaseLeavesNothingLeased) {
  runtime::ConnectionPool pool("host=127.0.0.1 port=1 connect_timeout=2 dbname=none", 1);
  runtime::ExportPoolMetrics(pool, registry_, "test");
  EXPECT_THROW(pool.Acquire(), pqxx::broken_connection);
  EXPECT_EQ(InUse(), 0);
  EXPECT_EQ(Idle(), 0);
  EXPECT_EQ(Acquisitions(), 1);
}

}  // namespace
}  // namespace jindu::testing
