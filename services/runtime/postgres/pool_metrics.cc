#include "runtime/postgres/pool_metrics.h"

namespace jindu::runtime {
namespace {

prometheus::Family<prometheus::Gauge>& ConnectionsFamily(prometheus::Registry& registry) {
  return prometheus::BuildGauge()
      .Name("jindu_db_pool_connections")
      .Help("Database connections of the pool: idle (open, in the pool) or in_use (leased).")
      .Register(registry);
}

// From a leased idle connection (tens of microseconds) to a fresh TLS connection or a saturated
// pool (seconds; Acquire gives up after 5 s by default).
const prometheus::Histogram::BucketBoundaries kAcquireBuckets = {
    0.0001, 0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

}  // namespace

PoolMetrics::PoolMetrics(prometheus::Registry& registry, const std::string& schema,
                         size_t pool_size)
    : idle_(ConnectionsFamily(registry).Add({{"schema", schema}, {"state", "idle"}})),
      in_use_(ConnectionsFamily(registry).Add({{"schema", schema}, {"state", "in_use"}})),
      waiting_(prometheus::BuildGauge()
                   .Name("jindu_db_pool_waiting")
                   .Help("Callers waiting for a free database connection.")
                   .Register(registry)
                   .Add({{"schema", schema}})),
      acquire_seconds_(prometheus::BuildHistogram()
                           .Name("jindu_db_pool_acquire_seconds")
                           .Help("Time to get a database connection from the pool, waiting and "
                                 "connecting included; failed attempts too.")
                           .Register(registry)
                           .Add({{"schema", schema}}, kAcquireBuckets)) {
  prometheus::BuildGauge()
      .Name("jindu_db_pool_max_connections")
      .Help("Size of the database connection pool.")
      .Register(registry)
      .Add({{"schema", schema}})
      .Set(static_cast<double>(pool_size));
}

void PoolMetrics::Counts(size_t idle, size_t in_use, size_t waiting) {
  idle_.Set(static_cast<double>(idle));
  in_use_.Set(static_cast<double>(in_use));
  waiting_.Set(static_cast<double>(waiting));
}

void PoolMetrics::Acquired(std::chrono::duration<double> took) {
  acquire_seconds_.Observe(took.count());
}

void ExportPoolMetrics(ConnectionPool& pool, prometheus::Registry& registry,
                       const std::string& schema) {
  pool.SetObserver(std::make_shared<PoolMetrics>(registry, schema, pool.size()));
}

}  // namespace jindu::runtime
