#include "runtime/cache/cache_metrics.h"

namespace jindu::runtime {
namespace {

prometheus::Counter& Requests(prometheus::Registry& registry, const std::string& cache,
                              const std::string& result) {
  return prometheus::BuildCounter()
      .Name("jindu_cache_requests_total")
      .Help("Cache lookups by result: hit, miss, or fallback to the source (store unusable).")
      .Register(registry)
      .Add({{"cache", cache}, {"result", result}});
}

prometheus::Counter& Single(prometheus::Registry& registry, const std::string& name,
                            const std::string& help, const std::string& cache) {
  return prometheus::BuildCounter().Name(name).Help(help).Register(registry).Add(
      {{"cache", cache}});
}

}  // namespace

CacheMetrics::CacheMetrics(prometheus::Registry& registry, const std::string& cache)
    : hits(Requests(registry, cache, "hit")),
      misses(Requests(registry, cache, "miss")),
      fallbacks(Requests(registry, cache, "fallback")),
      loads(Single(registry, "jindu_cache_loads_total", "Calls of the cache's source.", cache)),
      coalesced(Single(registry, "jindu_cache_coalesced_total",
                       "Callers that shared another caller's load of the same key.", cache)),
      store_errors(Single(registry, "jindu_cache_store_errors_total",
                          "Failed cache store (Redis) operations.", cache)) {}

}  // namespace jindu::runtime
