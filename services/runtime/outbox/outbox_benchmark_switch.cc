#include "runtime/outbox/outbox_benchmark_switch.h"

#include <atomic>

namespace jindu::runtime {
namespace {

std::atomic<bool> skip_outbox{false};

}  // namespace

void SkipOutboxWritesForBenchmark(bool skip) { skip_outbox = skip; }
bool OutboxWritesSkippedForBenchmark() { return skip_outbox.load(std::memory_order_relaxed); }

}  // namespace jindu::runtime
