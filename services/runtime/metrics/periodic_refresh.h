#pragma once

// Keeps gauges that are computed from the database up to date (the publicity review backlog, the
// missing filings): calls `refresh` at once and then every `interval` on its own thread, until the
// object is destroyed. A failing refresh (database down, failing over) is logged once per outage;
// the gauges keep their last values meanwhile. A small thread instead of a scrape-time collector:
// a scrape never waits for the database, and a query runs once per interval however many
// Prometheus replicas scrape.

#include <chrono>
#include <functional>
#include <string>
#include <thread>

namespace jindu::runtime {

// The setting services that use PeriodicRefresh declare: how often, in milliseconds.
inline constexpr char kGaugeRefreshSetting[] = "gauge-refresh-ms";

class PeriodicRefresh {
 public:
  // `name` names the gauges in the log.
  PeriodicRefresh(std::string name, std::chrono::milliseconds interval,
                  std::function<void()> refresh);
  // Stops the thread and waits for a refresh in progress.
  ~PeriodicRefresh() = default;
  PeriodicRefresh(const PeriodicRefresh&) = delete;
  PeriodicRefresh& operator=(const PeriodicRefresh&) = delete;

 private:
  std::jthread thread_;
};

}  // namespace jindu::runtime
