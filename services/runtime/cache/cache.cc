#include "runtime/cache/cache.h"

#include "runtime/logging/logger.h"

namespace jindu::runtime {
namespace {

constexpr char kVersionKeyPrefix[] = "__version__:";

int64_t SteadyNowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Cache::Cache(std::shared_ptr<CacheStore> store, CacheOptions options)
    : store_(std::move(store)),
      options_(std::move(options)),
      private_registry_(options_.metrics_registry ? nullptr
                                                  : std::make_shared<prometheus::Registry>()),
      metrics_(options_.metrics_registry ? *options_.metrics_registry : *private_registry_,
               options_.name) {}

std::string Cache::GetOrLoad(const std::string& key, std::chrono::seconds ttl,
                             const std::function<std::string()>& load, bool* hit) {
  const std::string full_key = options_.key_prefix + key;
  return Lookup(full_key, full_key, ttl, load, hit);
}

std::string Cache::Lookup(const std::string& full_key, const std::string& flight_key,
                          std::chrono::seconds ttl, const std::function<std::string()>& load,
                          bool* hit) {
  if (hit != nullptr) *hit = false;
  bool use_store = StoreUsable();
  if (use_store) {
    auto cached = store_->Get(full_key);
    if (cached.ok()) {
      MarkHealthy();
      if (cached.value().has_value()) {
        metrics_.hits.Increment();
        if (hit != nullptr) *hit = true;
        return std::move(*cached.value());
      }
      metrics_.misses.Increment();
    } else {
      MarkFailure(cached.error());
      use_store = false;
    }
  }
  if (!use_store) metrics_.fallbacks.Increment();
  return Load(full_key, flight_key, ttl, load, use_store);
}

std::string Cache::GetOrLoadVersioned(const std::string& ns, const std::string& key,
                                      std::chrono::seconds ttl,
                                      const std::function<std::string()>& load, bool* hit) {
  if (hit != nullptr) *hit = false;
  if (StoreUsable()) {
    auto version = store_->Get(options_.key_prefix + kVersionKeyPrefix + ns);
    if (version.ok()) {
      MarkHealthy();
      // A namespace never bumped is at version 0.
      return Lookup(options_.key_prefix + ns + "@v" + version.value().value_or("0") + ":" + key,
                    VersionedFlightKey(ns, key), ttl, load, hit);
    }
    MarkFailure(version.error());
  }
  // Without the version no stored entry can be trusted: load, never store. Callers still share
  // one load per key.
  metrics_.fallbacks.Increment();
  return Load(options_.key_prefix + ns + "@?:" + key, VersionedFlightKey(ns, key), ttl, load,
              /*use_store=*/false);
}

std::string Cache::VersionedFlightKey(const std::string& ns, const std::string& key) const {
  return options_.key_prefix + ns + ":" + key;
}

std::string Cache::Load(const std::string& full_key, const std::string& flight_key,
                        std::chrono::seconds ttl, const std::function<std::string()>& load,
                        bool use_store) {
  bool leader = false;
  std::string value = flight_.Do(
      flight_key,
      [&] {
        metrics_.loads.Increment();
        std::string loaded = load();
        if (use_store && ttl.count() > 0) {
          auto stored = store_->SetEx(full_key, loaded, ttl);
          if (stored.ok()) {
            MarkHealthy();
          } else {
            MarkFailure(stored.error());
          }
        }
        return loaded;
      },
      &leader);
  if (!leader) metrics_.coalesced.Increment();
  return value;
}

bool Cache::Invalidate(const std::string& key) {
  if (!StoreUsable()) return false;
  auto deleted = store_->Del(options_.key_prefix + key);
  if (!deleted.ok()) {
    MarkFailure(deleted.error());
    return false;
  }
  MarkHealthy();
  return true;
}

bool Cache::InvalidatePrefix(const std::string& prefix) {
  if (!StoreUsable()) return false;
  auto deleted = store_->DeleteByPrefix(options_.key_prefix + prefix);
  if (!deleted.ok()) {
    MarkFailure(deleted.error());
    return false;
  }
  MarkHealthy();
  LogDebug("cache entries invalidated by prefix", {{"deleted", deleted.value()}});
  return true;
}

bool Cache::BumpVersion(const std::string& ns) {
  if (!StoreUsable()) return false;
  auto version = store_->Incr(options_.key_prefix + kVersionKeyPrefix + ns);
  if (!version.ok()) {
    MarkFailure(version.error());
    return false;
  }
  MarkHealthy();
  return true;
}

CacheStats Cache::stats() const {
  CacheStats s;
  auto read = [](const prometheus::Counter& counter) {
    return static_cast<uint64_t>(counter.Value());
  };
  s.hits = read(metrics_.hits);
  s.misses = read(metrics_.misses);
  s.loads = read(metrics_.loads);
  s.coalesced = read(metrics_.coalesced);
  s.fallbacks = read(metrics_.fallbacks);
  s.store_errors = read(metrics_.store_errors);
  return s;
}

bool Cache::StoreUsable() {
  if (!in_outage_.load()) return true;
  int64_t retry_at = retry_at_ns_.load();
  int64_t now = SteadyNowNs();
  if (now < retry_at) return false;
  // Back-off over: exactly one caller wins the right to probe the store; the others keep serving
  // from the source for another window, so a dead store is not hit by every thread at once.
  int64_t next = now + std::chrono::nanoseconds(options_.failure_backoff).count();
  return retry_at_ns_.compare_exchange_strong(retry_at, next);
}

void Cache::MarkFailure(const std::string& error) {
  metrics_.store_errors.Increment();
  retry_at_ns_.store(SteadyNowNs() + std::chrono::nanoseconds(options_.failure_backoff).count());
  if (!in_outage_.exchange(true)) {
    outage_fallbacks_.store(static_cast<uint64_t>(metrics_.fallbacks.Value()));
    // Once per outage, not per call. The error names host, port and cause, never keys or values.
    LogWarn(
        "cache store unavailable; serving from the source until it recovers",
        {{"error", error}, {"backoff_ms", static_cast<int64_t>(options_.failure_backoff.count())}});
  }
}

void Cache::MarkHealthy() {
  if (in_outage_.load() && in_outage_.exchange(false)) {
    LogInfo("cache store reachable again; caching resumed",
            {{"fallbacks_during_outage",
              static_cast<uint64_t>(metrics_.fallbacks.Value()) - outage_fallbacks_.load()}});
  }
}

}  // namespace jindu::runtime
