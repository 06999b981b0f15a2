#include "runtime/grpc/call_metrics_switch.h"

#include <atomic>

namespace jindu::runtime {
namespace {

std::atomic<bool> call_metrics{true};

}  // namespace

void DisableCallMetricsForBenchmark() { call_metrics = false; }
bool CallMetricsEnabled() { return call_metrics.load(std::memory_order_relaxed); }

}  // namespace jindu::runtime
