#include "runtime/crypto/reseal_worker.h"

#include <exception>
#include <utility>

#include "runtime/config/validators.h"
#include "runtime/logging/logger.h"
#include "runtime/threads/interruptible_sleep.h"

namespace jindu::runtime {

void DeclareResealSettings(SettingsSchema& schema) {
  schema
      .Int(kResealIntervalSetting,
           "How often, in milliseconds, values still sealed with a retired field key are looked "
           "for and re-sealed with the active key (also once at start).")
      .Default("300000")
      .Validate(IntRange(100, 86'400'000));
  schema
      .Int(kResealBatchRowsSetting,
           "Rows read per batch when re-sealing; each row is written back on its own.")
      .Default("100")
      .Validate(IntRange(1, 10'000));
}

ResealWorker::ResealWorker(ConnectionPool& database, std::string schema, const FieldCipher& cipher,
                           std::vector<SealedColumn> columns, const Settings& settings,
                           prometheus::Registry& metrics)
    : resealer_(database, std::move(schema), cipher, std::move(columns),
                static_cast<int>(settings.GetInt(kResealBatchRowsSetting))),
      active_key_id_(cipher.active_key_id()),
      interval_(settings.GetInt(kResealIntervalSetting)),
      per_key_(prometheus::BuildGauge()
                   .Name("jindu_sealed_values")
                   .Help("Sealed personal values per field key id, over every sealed column.")
                   .Register(metrics)),
      retired_(prometheus::BuildGauge()
                   .Name("jindu_sealed_values_retired")
                   .Help("Sealed personal values on a key other than the active one: the "
                         "retired key may leave the key file once this is 0.")
                   .Register(metrics)
                   .Add({})),
      resealed_total_(prometheus::BuildCounter()
                          .Name("jindu_sealed_values_resealed_total")
                          .Help("Sealed values re-sealed with the active key by this process.")
                          .Register(metrics)
                          .Add({})),
      thread_([this](std::stop_token stop) {
        do {
          Pass(stop);
        } while (SleepUnlessStopped(interval_, stop));
      }) {}

void ResealWorker::Pass(const std::stop_token& stop) {
  const auto retired_in = [this](const std::map<std::string, int64_t>& counts) {
    int64_t retired = 0;
    for (const auto& [key_id, count] : counts) {
      if (key_id != active_key_id_) retired += count;
    }
    return retired;
  };
  try {
    // The counts first: once a rotation is done the pass costs one aggregate query, not a walk
    // of every sealed column.
    std::map<std::string, int64_t> counts = resealer_.CountByKey();
    ResealProgress progress;
    if (retired_in(counts) > 0) {
      progress = resealer_.ResealAll(stop);
      resealed_total_.Increment(static_cast<double>(progress.resealed));
      counts = resealer_.CountByKey();
    }
    PublishCounts(counts);
    if (progress.resealed > 0 || progress.changed > 0 || progress.unreadable > 0 || failing_) {
      LogInfo("sealed values re-sealed", {{"active_key_id", active_key_id_},
                                          {"resealed", progress.resealed},
                                          {"changed_meanwhile", progress.changed},
                                          {"unreadable", progress.unreadable},
                                          {"retired_left", retired_in(counts)}});
    }
    failing_ = false;
  } catch (const std::exception& error) {
    // The database is away (failing over, restarting): the next interval tries again.
    if (!failing_) LogWarn("re-sealing interrupted", {{"error", error.what()}});
    failing_ = true;
  }
}

void ResealWorker::PublishCounts(const std::map<std::string, int64_t>& counts) {
  double retired = 0;
  for (auto& [key_id, gauge] : key_gauges_) {
    if (!counts.contains(key_id)) gauge->Set(0);  // a key whose last value was re-sealed
  }
  for (const auto& [key_id, count] : counts) {
    auto found = key_gauges_.find(key_id);
    if (found == key_gauges_.end()) {
      found = key_gauges_.emplace(key_id, &per_key_.Add({{"key_id", key_id}})).first;
    }
    found->second->Set(static_cast<double>(count));
    if (key_id != active_key_id_) retired += static_cast<double>(count);
  }
  retired_.Set(retired);
}

}  // namespace jindu::runtime
