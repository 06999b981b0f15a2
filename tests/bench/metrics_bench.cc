// The "metrics" row of the benchmark suite (issue 9): what the per-call gRPC server metrics
// (runtime/grpc/server_metrics_interceptor: started/handled counters and the handling-time
// histogram, labelled by method and code) cost a read. Two registrations on the same cluster, one
// started with --benchmark-call-metrics=false (the interceptor left out), both answering
// RegionService.GetRegion("regions/430102") with a valid bearer token, answered from memory
// (region_answer_cache.h), so the metrics are a measurable share of the call.
//
// Alternates metrics off (baseline) and on (ours), closed loop with --in-flight calls outstanding,
// --rounds x 2 runs of --seconds. Afterwards checks the switch did what it says: the /metrics of
// the service without call metrics has no grpc_server_handled_total sample for GetRegion, the
// other has one per call.
//
//   build/tests/bench/bench_metrics --seconds=10 --rounds=4 [--in-flight=32]
//       [--json=bench/metrics.json]
#include <grpcpp/grpcpp.h>

#include "bench_support.h"
#include "harness/metrics_scrape.h"
#include "harness/service_process.h"
#include "jindu/registration/v1/region_service.grpc.pb.h"
#include "load/unary_load.h"

namespace jindu::bench {
namespace {

using testing::ServiceProcess;
using testing::TestCaller;
namespace reg = registration::v1;

const TestCaller kAdmin{
    .subject = "bench-reader", .roles = {"province_admin"}, .regions = {"430000"}};

bool ImportRegions(const ServiceProcess& service) {
  std::ifstream file(std::string(JINDU_SOURCE_DIR) + "/tests/data/regions_hunan_sample.csv");
  std::stringstream csv;
  csv << file.rdbuf();
  reg::ImportRegionsRequest request;
  request.set_csv(csv.str());
  reg::ImportRegionsResponse response;
  auto context = service.Context(kAdmin, std::chrono::seconds(120));
  const grpc::Status status = reg::RegionService::NewStub(service.Channel())
                                  ->ImportRegions(context.get(), request, &response);
  if (!status.ok()) std::cerr << "ImportRegions: " << status.error_message() << "\n";
  return status.ok();
}

double HandledGetRegion(const ServiceProcess& service) {
  return testing::SampleValue(testing::ScrapeMetrics(service.metrics_port()),
                              "grpc_server_handled_total",
                              {{"grpc_method", "GetRegion"}, {"grpc_code", "OK"}});
}

int Run(Flags& flags) {
  const int seconds = flags.Int("seconds", 10);
  const int rounds = flags.Int("rounds", 4);
  const int in_flight = flags.Int("in-flight", 32);
  const std::string json = flags.String("json", "bench/metrics.json");
  flags.CheckAllKnown();
  const bool pin = CanPin();
  if (pin) PinProcess(0);

  std::cout << "starting PostgreSQL, Redis, Kafka and two registrations..." << std::endl;
  auto on = ServiceProcess::Launch("services/registration/jindu-registration", "bench_metrics_on",
                                   {{"JINDU_LOG_LEVEL", "warn"}});
  auto off = ServiceProcess::Launch(
      "services/registration/jindu-registration", "bench_metrics_off",
      {{"JINDU_LOG_LEVEL", "warn"}, {"JINDU_BENCHMARK_CALL_METRICS", "false"}});
  on->AwaitServing();
  off->AwaitServing();
  if (!ImportRegions(*on) || !ImportRegions(*off)) return 1;
  if (pin) PinProcess(1);

  reg::GetRegionRequest get;
  get.set_name("regions/430102");
  UnaryTarget ours{.channel = on->Channel(),
                   .method = "/jindu.registration.v1.RegionService/GetRegion",
                   .serialized_request = get.SerializeAsString()};
  UnaryTarget baseline = ours;
  baseline.channel = off->Channel();
  // Warm both (first reads from PostgreSQL, token checks, connections) outside the figures.
  ours.metadata = {{"authorization", "Bearer " + on->Token(kAdmin)}};
  baseline.metadata = {{"authorization", "Bearer " + off->Token(kAdmin)}};
  (void)RunClosedLoop(baseline, in_flight, std::chrono::seconds(1));
  (void)RunClosedLoop(ours, in_flight, std::chrono::seconds(1));
  const double handled_before = HandledGetRegion(*on);

  std::vector<double> a, b;
  int64_t failed = 0, ok_on = 0;
  std::string first_error;
  for (int round = 1; round <= rounds; ++round) {
    ours.metadata = {{"authorization", "Bearer " + on->Token(kAdmin)}};
    baseline.metadata = {{"authorization", "Bearer " + off->Token(kAdmin)}};
    LoadResult result = RunClosedLoop(baseline, in_flight, std::chrono::seconds(seconds));
    a.push_back(result.Throughput());
    failed += result.failed;
    if (first_error.empty()) first_error = result.first_error;
    result = RunClosedLoop(ours, in_flight, std::chrono::seconds(seconds));
    b.push_back(result.Throughput());
    failed += result.failed;
    ok_on += result.ok;
    if (first_error.empty()) first_error = result.first_error;
    std::cout << "round " << round << ": metrics off " << static_cast<int64_t>(a.back())
              << " calls/s, on " << static_cast<int64_t>(b.back()) << " calls/s" << std::endl;
  }
  // The switch really left the interceptor out; the other service counted every call.
  const double counted_on = HandledGetRegion(*on) - handled_before;
  const double counted_off = HandledGetRegion(*off);
  Report("metrics", json,
         {AtLeast("metrics on/off, GetRegion calls/s (" + std::to_string(in_flight) + " in flight)",
                  Median(a), Median(b), 0.97)},
         {{"rounds", std::to_string(rounds) + " x " + std::to_string(seconds) + " s per run"},
          {"pinning", PinningText(pin)},
          {"failed calls",
           std::to_string(failed) + (first_error.empty() ? "" : " (" + first_error + ")")},
          {"GetRegion calls counted by grpc_server_handled_total, metrics on",
           std::to_string(static_cast<int64_t>(counted_on)) + " of " + std::to_string(ok_on)},
          {"same, metrics off", std::to_string(static_cast<int64_t>(counted_off))}});
  return failed == 0 && counted_off == 0 && counted_on >= static_cast<double>(ok_on) ? 0 : 1;
}

}  // namespace
}  // namespace jindu::bench

int main(int argc, char** argv) {
  jindu::bench::Flags flags(
      argc, argv, "[--seconds=10] [--rounds=4] [--in-flight=32] [--json=bench/metrics.json]");
  return jindu::bench::Run(flags);
}
