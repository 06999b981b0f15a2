#pragma once

// The cache's Prometheus series, labelled by cache name:
//   jindu_cache_requests_total{result="hit|miss|fallback"}   fallback: served from the source
//                                                             because the store was unusable
//   jindu_cache_loads_total          calls of the source
//   jindu_cache_coalesced_total      callers that shared another caller's load (single-flight)
//   jindu_cache_store_errors_total   failed store operations

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include <string>

namespace jindu::runtime {

struct CacheMetrics {
  CacheMetrics(prometheus::Registry& registry, const std::string& cache);

  prometheus::Counter& hits;
  prometheus::Counter& misses;
  prometheus::Counter& fallbacks;
  prometheus::Counter& loads;
  prometheus::Counter& coalesced;
  prometheus::Counter& store_errors;
};

}  // namespace jindu::runtime
