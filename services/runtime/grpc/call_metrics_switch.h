#pragma once
// Benchmarks only (tests/bench/metrics_bench.cc, setting benchmark-call-metrics=false): leaves the
// per-call gRPC server metrics interceptor out of the server, so a benchmark can measure what the
// metrics cost a call. Always on in production. Set once at start-up, before the server is built.

namespace jindu::runtime {

void DisableCallMetricsForBenchmark();
bool CallMetricsEnabled();

}  // namespace jindu::runtime
