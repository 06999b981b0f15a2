#pragma once

// Read-through cache for expensive, shareable results (dashboards, statistics) in front of a
// CacheStore (Redis in production).
//
// GetOrLoad returns the cached value or calls load, stores its result with a TTL and returns it.
//  - Single-flight: concurrent callers for the same cold key in this process call load once and
//    share its result, or its exception (exceptions are never cached).
//  - Transparent fallback: when the store fails or times out, the value comes straight from load.
//    After a failure the store is skipped for failure_backoff; then one caller probes it while the
//    rest keep skipping, until a probe succeeds. One warning is logged per outage, one info line
//    when it ends; the counters show the rest. The caller never sees the outage.
//
// Invalidation, and when to use which:
//  - BumpVersion(ns) with GetOrLoadVersioned(ns, ...): the namespace's version (a counter in the
//    store) is folded into each key, so bumping it makes every old entry unreachable at once, in
//    O(1), without scanning. In-flight loads that started before the bump write under the old
//    version and are never read. Use it for "everything derived from this data changed" (e.g. the
//    reporting dashboards after a new case event). Costs one extra GET per read; old entries
//    linger until their TTL.
//  - InvalidatePrefix(prefix): deletes matching keys with SCAN, which walks the whole database, and
//    races with loads in flight (one may write a stale entry right after). Use it for operations
//    and rare purges, or unversioned keys; prefer versions on hot paths.
//  - Invalidate(key): one exact unversioned key.
// Invalidations report failure (store down) by returning false; entries then live until their TTL,
// which bounds staleness, so choose TTLs accordingly.
//
// Keys are prefixed with CacheOptions::key_prefix (e.g. "jindu:reporting:"). Keys starting with
// "__version__:" under that prefix are reserved for version counters. Counters have no TTL; run
// Redis with a volatile-* maxmemory-policy (or none) so that eviction never drops a counter while
// entries of an older version survive, which would make them reachable again.

#include <prometheus/registry.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "runtime/cache/cache_metrics.h"
#include "runtime/cache/cache_store.h"
#include "runtime/cache/single_flight.h"

namespace jindu::runtime {

struct CacheOptions {
  std::string key_prefix;      // prepended to every key in the store
  std::string name = "cache";  // the `cache` label of its metrics
  // Where its counters go (the service's registry, so /metrics shows them); a private one if null.
  prometheus::Registry* metrics_registry = nullptr;
  // How long to serve from the source without trying the store again after it failed.
  std::chrono::milliseconds failure_backoff{2000};
};

// Monotonic counters for metrics.
struct CacheStats {
  uint64_t hits = 0;          // answered from the store
  uint64_t misses = 0;        // the store answered "absent"
  uint64_t loads = 0;         // calls of load
  uint64_t coalesced = 0;     // callers that shared another caller's load
  uint64_t fallbacks = 0;     // calls served while skipping the store (failure or back-off)
  uint64_t store_errors = 0;  // failed store operations
};

class Cache {
 public:
  Cache(std::shared_ptr<CacheStore> store, CacheOptions options = {});

  // ttl <= 0 loads without storing. Propagates load's exceptions; never throws for the store.
  // *hit, when given, tells whether the value came from the store; a caller that shared another
  // caller's load got a loaded value (false), not a hit, even though its own load never ran.
  std::string GetOrLoad(const std::string& key, std::chrono::seconds ttl,
                        const std::function<std::string()>& load, bool* hit = nullptr);
  // Like GetOrLoad, with the key placed in namespace ns whose version BumpVersion changes.
  // Single-flight spans versions: callers of one key share a load running under another version,
  // or under none (store down), rather than starting a second one. Without that, every switch
  // between the store and the fallback (an outage starting or ending, a slow store command) and
  // every bump ran two loads of a hot key at once (the Redis outage scenario saw it in
  // pg_stat_activity). A caller may so get a value whose load began just before the bump it
  // read: stale by at most one load's duration, as already when the event lands between the bump
  // and the load; only the leader stores, under its own version.
  std::string GetOrLoadVersioned(const std::string& ns, const std::string& key,
                                 std::chrono::seconds ttl, const std::function<std::string()>& load,
                                 bool* hit = nullptr);

  bool Invalidate(const std::string& key);
  bool InvalidatePrefix(const std::string& prefix);
  bool BumpVersion(const std::string& ns);

  CacheStats stats() const;
  // False while in an outage (the store failed and has not answered a probe since).
  bool store_healthy() const { return !in_outage_.load(); }

 private:
  // GetOrLoad's work on the store key `full_key`; concurrent loads are shared by `flight_key`.
  std::string Lookup(const std::string& full_key, const std::string& flight_key,
                     std::chrono::seconds ttl, const std::function<std::string()>& load, bool* hit);
  std::string Load(const std::string& full_key, const std::string& flight_key,
                   std::chrono::seconds ttl, const std::function<std::string()>& load,
                   bool use_store);
  // One flight per versioned key whatever the version, or none known (store down): see
  // GetOrLoadVersioned.
  std::string VersionedFlightKey(const std::string& ns, const std::string& key) const;
  bool StoreUsable();
  void MarkFailure(const std::string& error);
  void MarkHealthy();

  const std::shared_ptr<CacheStore> store_;
  const CacheOptions options_;
  SingleFlight flight_;

  std::atomic<bool> in_outage_{false};
  std::atomic<int64_t> retry_at_ns_{0};  // steady clock; store skipped before this while in outage

  std::shared_ptr<prometheus::Registry> private_registry_;
  CacheMetrics metrics_;
  std::atomic<uint64_t> outage_fallbacks_{0};  // fallbacks at the start of the current outage
};

}  // namespace jindu::runtime
