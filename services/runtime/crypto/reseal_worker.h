#pragma once
// Key rotation, the part after the restart: a thread of the service that re-seals, batch by
// batch, every value still sealed with a key other than the active one (SealedValueResealer), at
// start and then every --reseal-interval-ms, and publishes how many sealed values each key holds:
//
//   jindu_sealed_values{key_id="2025-06"}     values sealed with that key, over every sealed column
//   jindu_sealed_values_retired               of them, those on any key but the active one
//   jindu_sealed_values_resealed_total        values re-sealed by this process
//
// Rotation for an operator: put the new key on the first line of the key file, restart the
// service (keys are read at start only; there is no reload), wait until
// jindu_sealed_values_retired is 0 (also logged as "sealed values re-sealed" with
// "retired_left": 0), then remove the old key and restart again.
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "runtime/config/settings.h"
#include "runtime/config/settings_schema.h"
#include "runtime/crypto/sealed_value_resealer.h"

namespace jindu::runtime {

inline constexpr char kResealIntervalSetting[] = "reseal-interval-ms";
inline constexpr char kResealBatchRowsSetting[] = "reseal-batch-rows";

// --reseal-interval-ms (default 300000) and --reseal-batch-rows (default 100).
void DeclareResealSettings(SettingsSchema& schema);

class ResealWorker {
 public:
  // Starts the thread; `cipher` and `database` must outlive the worker.
  ResealWorker(ConnectionPool& database, std::string schema, const FieldCipher& cipher,
               std::vector<SealedColumn> columns, const Settings& settings,
               prometheus::Registry& metrics);
  // Stops the thread after the row in progress.
  ~ResealWorker() = default;
  ResealWorker(const ResealWorker&) = delete;
  ResealWorker& operator=(const ResealWorker&) = delete;

 private:
  void Pass(const std::stop_token& stop);
  void PublishCounts(const std::map<std::string, int64_t>& counts);

  SealedValueResealer resealer_;
  std::string active_key_id_;
  std::chrono::milliseconds interval_;
  prometheus::Family<prometheus::Gauge>& per_key_;
  prometheus::Gauge& retired_;
  prometheus::Counter& resealed_total_;
  std::map<std::string, prometheus::Gauge*> key_gauges_;
  bool failing_ = false;
  std::jthread thread_;  // last: stops before the members above go
};

}  // namespace jindu::runtime
