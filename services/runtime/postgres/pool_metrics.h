#pragma once

// The connection pool's Prometheus series, labelled by the service schema like the outbox's:
//   jindu_db_pool_connections{state="idle"|"in_use"}   open connections waiting in the pool, and
//                                                       connections leased to a caller
//   jindu_db_pool_max_connections                       the pool's size (in_use never exceeds it)
//   jindu_db_pool_waiting                               callers waiting for a connection right now
//   jindu_db_pool_acquire_seconds                       histogram: time to get a connection (the
//                                                       wait, plus connecting when one is opened)
// A pool at max with callers waiting slows every call of the service: the usual cure is a larger
// postgres-pool-size (within the server's max_connections) or finding the slow transactions.

#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <memory>
#include <string>

#include "runtime/postgres/connection_pool.h"

namespace jindu::runtime {

class PoolMetrics final : public PoolObserver {
 public:
  PoolMetrics(prometheus::Registry& registry, const std::string& schema, size_t pool_size);

  void Counts(size_t idle, size_t in_use, size_t waiting) override;
  void Acquired(std::chrono::duration<double> took) override;

 private:
  prometheus::Gauge& idle_;
  prometheus::Gauge& in_use_;
  prometheus::Gauge& waiting_;
  prometheus::Histogram& acquire_seconds_;
};

// Watches `pool` with PoolMetrics on `registry`.
void ExportPoolMetrics(ConnectionPool& pool, prometheus::Registry& registry,
                       const std::string& schema);

}  // namespace jindu::runtime
