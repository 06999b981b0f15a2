#pragma once
// Benchmarks only (tests/bench/durable_write_bench.cc, setting benchmark-skip-outbox): with the
// switch on, OutboxWriter::Append builds the envelope but inserts nothing, so no event reaches
// Kafka and the relay has nothing to do. It lets a benchmark measure what the outbox costs a
// write; a service running with it loses every event, so it is never on in production. Set once
// at start-up, before any call.

namespace jindu::runtime {

void SkipOutboxWritesForBenchmark(bool skip);
bool OutboxWritesSkippedForBenchmark();

}  // namespace jindu::runtime
