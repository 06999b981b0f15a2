#pragma once
// Dashboards in Redis. A hit is served from Redis; a miss is computed from PostgreSQL once per key
// at a time in this process (single-flight) and stored; with Redis down or slow every call is
// computed from PostgreSQL and nobody sees an error (runtime/cache/cache.h).
//
// Invalidation follows the events: a watcher reads the projections' freshness as soon as a
// projection's transaction has ended (FiguresChangedBell), and every `watch_interval` in any case
// (events applied by another replica ring no bell here), and when any event was applied since its
// last look, bumps the version of the dashboards' namespace, which makes every stored dashboard
// unreachable at once. Bumps are at least 25 ms apart (kMinimumBumpGap), so a burst of events costs
// the hot dashboards a recomputation per gap, not one per event. Bumping after the projection's
// commit (never inside its transaction) means a dashboard computed after the bump always holds the
// event; one computed before is stored under the old version and never read. The same look exports
// the projections' freshness per producer as a gauge.
#include <prometheus/family.h>
#include <prometheus/gauge.h>

#include <chrono>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>
#include <thread>

#include "reporting/reporting_context.h"
#include "runtime/cache/cache.h"

namespace jindu::reporting {

class DashboardCache {
 public:
  // `redis_address` is "host:port".
  DashboardCache(const ReportingContext& context, const std::string& redis_address,
                 std::chrono::milliseconds watch_interval = std::chrono::milliseconds(200));

  // The stored bytes of `key`, or load's result (stored for `ttl`). *hit tells which: a caller
  // that shared another caller's load (Redis down, or a cold key) got computed bytes, not a hit.
  std::string GetOrLoad(const std::string& key, const std::function<std::string()>& load,
                        bool* hit);

 private:
  void Watch(std::stop_token stop);
  std::string FreshnessFingerprint();

  const ReportingContext& context_;
  runtime::Cache cache_;
  prometheus::Family<prometheus::Gauge>& freshness_gauges_;
  std::chrono::milliseconds watch_interval_;
  std::jthread watcher_;  // last: stops and joins before the members it uses go
};

}  // namespace jindu::reporting
