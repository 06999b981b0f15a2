// The "front door" row of the benchmark suite (issue 9): what authentication, validation and
// metrics cost on a small read, against a bare gRPC echo server built from the same gRPC library
// answering the same message sizes.
//
//   candidate (B): registration's RegionService.GetRegion("regions/430102") with a valid bearer
//                  token, through the service's whole call path (HandleCall: token check, call
//                  metrics, request validation), answered from memory: registration keeps each
//                  region's answer at the revision its region directory holds
//                  (services/registration/regions/region_answer_cache.h); only the first call per
//                  region reads PostgreSQL.
//   baseline (A):  jindu.bench.v1.EchoService/Echo, a synchronous gRPC server with default options
//                  like ours, this same program re-run with --serve-echo.
//
// Diagnostic (C), printed beside the row but not part of it: the same GetRegion call with a
// malformed name ("regions/x"), answered INVALID_ARGUMENT by validation: the front door with an
// error answer (token check, metrics, validation, error details) instead of the region.
//
// Beside each closed-loop run the program reads the server's CPU time (/proc/<pid>/stat) and
// prints its CPU microseconds per call: on a shared machine the steadiest measure of the work.
//
// Runs alternate A B A B for --rounds: each round a closed-loop run of each (--in-flight calls
// outstanding: throughput), then an open-loop run of each at the same fixed rate (latency p50/p99):
// 6 runs of --seconds per round (the diagnostic included), so 4 x 10 s takes about 4 minutes.
// On 2+ cores every server (echo, registration, PostgreSQL, Kafka, Redis) runs on core 0 and this
// client on core 1 (sched_setaffinity), so the client does not steal the servers' core.
//
//   build/tests/bench/bench_front_door --seconds=10 --rounds=4 [--in-flight=32] [--rate=N]
//       [--json=build/bench/front_door.json]
//
// --profile=N instead runs one closed loop of N seconds against each server (echo, then
// GetRegion), announcing each with the server's pid, for a profiler to attach to (e.g.
// `perf record -C 0 --call-graph dwarf`, then `perf report --pid <pid>`); it prints the two
// throughputs and writes no JSON.
#include <grpcpp/grpcpp.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "harness/free_port.h"
#include "harness/service_process.h"
#include "jindu/bench/v1/echo.grpc.pb.h"
#include "jindu/registration/v1/region_service.grpc.pb.h"
#include "load/unary_load.h"
#include "runtime/grpc/service_host.h"

namespace jindu::bench {
namespace {

using testing::ServiceProcess;
using testing::TestCaller;

const TestCaller kReader{
    .subject = "bench-reader", .roles = {"province_admin"}, .regions = {"430000"}};
constexpr char kRegionName[] = "regions/430102";

struct Options {
  int seconds = 10;
  int rounds = 4;
  int in_flight = 32;
  // 0: a quarter of the candidate's first closed-loop throughput, so that a server slowed later
  // by a noisy neighbour still keeps up (latency, not a queue, is what the open-loop run measures).
  double rate = 0;
  std::string json = "bench/front_door.json";
  int profile_seconds = 0;  // --profile=N: one closed loop of each server for N s, to profile
  // The registration binary, relative to the build directory: an A/B of two builds of the service
  // runs this program once with each (e.g. a copy of the binary before a change).
  std::string registration = "services/registration/jindu-registration";
  // --serve-echo mode
  int echo_port = 0;
  int response_bytes = 0;
  // --echo-tuned: the echo server with the two process settings the services apply to every server
  // (runtime/grpc/service_host.cc): abseil's Mutex deadlock detection off and up to 64 idle
  // pollers. Shows how much of the gap those two close for any server of this gRPC build.
  bool echo_tuned = false;
};

Options Parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](const char* name) -> const char* {
      const std::string prefix = std::string("--") + name + "=";
      return arg.starts_with(prefix) ? argv[i] + prefix.size() : nullptr;
    };
    if (const char* v = value("seconds")) {
      options.seconds = std::atoi(v);
    } else if (const char* v = value("rounds")) {
      options.rounds = std::atoi(v);
    } else if (const char* v = value("in-flight")) {
      options.in_flight = std::atoi(v);
    } else if (const char* v = value("rate")) {
      options.rate = std::atof(v);
    } else if (const char* v = value("json")) {
      options.json = v;
    } else if (const char* v = value("profile")) {
      options.profile_seconds = std::atoi(v);
    } else if (const char* v = value("registration")) {
      options.registration = v;
    } else if (arg == "--echo-tuned") {
      options.echo_tuned = true;
    } else if (const char* v = value("serve-echo")) {
      options.echo_port = std::atoi(v);
    } else if (const char* v = value("response-bytes")) {
      options.response_bytes = std::atoi(v);
    } else {
      std::cerr << "usage: " << argv[0]
                << " [--seconds=10] [--rounds=4] [--in-flight=32] [--rate=calls/s]"
                   " [--json=bench/front_door.json] [--profile=seconds]"
                   " [--registration=services/registration/jindu-registration] [--echo-tuned]\n";
      std::exit(2);
    }
  }
  return options;
}

// --- the baseline server -------------------------------------------------------------------------

class EchoServer final : public v1::EchoService::Service {
 public:
  explicit EchoServer(int response_bytes) : payload_(static_cast<size_t>(response_bytes), 'x') {}
  grpc::Status Echo(grpc::ServerContext*, const v1::EchoRequest*,
                    v1::EchoResponse* response) override {
    response->set_payload(payload_);
    return grpc::Status::OK;
  }

 private:
  std::string payload_;
};

int ServeEcho(const Options& options) {
  EchoServer service(options.response_bytes);
  grpc::ServerBuilder builder;
  if (options.echo_tuned) {
    runtime::ApplyServerProcessSettings(builder);
  }
  builder.AddListeningPort("127.0.0.1:" + std::to_string(options.echo_port),
                           grpc::InsecureServerCredentials());
  builder.RegisterService(&service);
  auto server = builder.BuildAndStart();
  if (!server) return 1;
  server->Wait();  // until SIGTERM ends the process
  return 0;
}

// The echo payload that makes a message of `total` bytes on the wire (tag + length + payload).
std::string PaddingFor(size_t total) {
  for (size_t n = total; n > 0; --n) {
    v1::EchoRequest probe;
    probe.set_payload(std::string(n, 'x'));
    if (probe.ByteSizeLong() <= total) return std::string(n, 'x');
  }
  return {};
}

// --- core pinning --------------------------------------------------------------------------------

// Pins every thread of this process to `core` (sched_setaffinity on a tid moves that thread only).
void PinProcess(int core) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(core, &set);
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    (void)sched_setaffinity(std::stoi(task.path().filename()), sizeof set, &set);
  }
}

// --- server CPU ----------------------------------------------------------------------------------

// CPU seconds (user + system) the process `pid` has used so far, its exited threads included
// (/proc/<pid>/stat fields 14 and 15). Per call, this is the figure a loaded machine disturbs
// least: a neighbour slows our calls down, but does not make each one cost more CPU.
double ProcessCpuSeconds(pid_t pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const size_t after_name = stat.rfind(')');  // the command name may hold spaces
  if (after_name == std::string::npos) return 0;
  std::istringstream fields(stat.substr(after_name + 2));
  std::string field;
  double ticks = 0;
  for (int index = 3; fields >> field && index <= 15; ++index) {
    if (index >= 14) ticks += std::atof(field.c_str());
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// Runs a closed loop against the server `pid` and adds its CPU microseconds per answered call.
LoadResult ClosedLoopWithCpu(const UnaryTarget& target, int in_flight,
                             std::chrono::steady_clock::duration duration, pid_t pid,
                             std::vector<double>* cpu_us_per_call) {
  const double before = ProcessCpuSeconds(pid);
  LoadResult result = RunClosedLoop(target, in_flight, duration);
  const double used = ProcessCpuSeconds(pid) - before;
  if (result.ok > 0) cpu_us_per_call->push_back(used * 1e6 / static_cast<double>(result.ok));
  return result;
}

// --- the runs ------------------------------------------------------------------------------------

struct Side {
  std::vector<double> throughput;  // calls/s, one per closed-loop run
  LatencySample latencies;         // every open-loop run merged
  int64_t failed = 0;
  std::string first_error;
  int64_t response_bytes = 0;
  std::vector<double> cpu_us_per_call;  // the server's, one per closed-loop run
};

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

void Account(const LoadResult& result, Side* side) {
  side->failed += result.failed;
  if (side->first_error.empty()) side->first_error = result.first_error;
  side->response_bytes = result.response_bytes;
}

int Run(const Options& options, const char* self) {
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  const bool pin = cores >= 2;
  if (pin) PinProcess(0);  // everything started from here inherits core 0

  std::cout << "starting PostgreSQL, Redis, Kafka and registration..." << std::endl;
  auto registration = ServiceProcess::Start(options.registration, "bench_front_door",
                                            {{"JINDU_LOG_LEVEL", "warn"}});
  auto regions = registration::v1::RegionService::NewStub(registration->Channel());
  {
    std::ifstream file(std::string(JINDU_SOURCE_DIR) + "/tests/data/regions_hunan_sample.csv");
    std::stringstream csv;
    csv << file.rdbuf();
    registration::v1::ImportRegionsRequest request;
    request.set_csv(csv.str());
    registration::v1::ImportRegionsResponse response;
    auto context = registration->Context(kReader, std::chrono::seconds(120));
    const grpc::Status status = regions->ImportRegions(context.get(), request, &response);
    if (!status.ok()) {
      std::cerr << "ImportRegions: " << status.error_message() << "\n";
      return 1;
    }
  }
  registration::v1::GetRegionRequest get;
  get.set_name(kRegionName);
  registration::v1::Region region;
  {
    auto context = registration->Context(kReader);
    const grpc::Status status = regions->GetRegion(context.get(), get, &region);
    if (!status.ok()) {
      std::cerr << "GetRegion: " << status.error_message() << "\n";
      return 1;
    }
  }

  // The baseline answers the candidate's sizes.
  const int echo_port = testing::FreePort();
  const pid_t echo = fork();
  if (echo == 0) {
    const std::string port = "--serve-echo=" + std::to_string(echo_port);
    const std::string bytes =
        "--response-bytes=" + std::to_string(PaddingFor(region.ByteSizeLong()).size());
    execl(self, self, port.c_str(), bytes.c_str(), options.echo_tuned ? "--echo-tuned" : nullptr,
          static_cast<char*>(nullptr));
    _exit(127);
  }
  if (pin) PinProcess(1);  // the client leaves core 0 to the servers

  UnaryTarget baseline{.channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(echo_port),
                                                      grpc::InsecureChannelCredentials()),
                       .method = "/jindu.bench.v1.EchoService/Echo"};
  {
    v1::EchoRequest request;
    request.set_payload(PaddingFor(get.ByteSizeLong()));
    baseline.serialized_request = request.SerializeAsString();
  }
  if (!baseline.channel->WaitForConnected(std::chrono::system_clock::now() +
                                          std::chrono::seconds(10))) {
    std::cerr << "echo server did not start\n";
    kill(echo, SIGTERM);
    return 1;
  }
  UnaryTarget candidate{.channel = registration->Channel(),
                        .method = "/jindu.registration.v1.RegionService/GetRegion",
                        .serialized_request = get.SerializeAsString()};

  UnaryTarget refused = candidate;
  {
    registration::v1::GetRegionRequest malformed;
    malformed.set_name("regions/x");
    refused.serialized_request = malformed.SerializeAsString();
    refused.expected = grpc::StatusCode::INVALID_ARGUMENT;
  }

  if (options.profile_seconds > 0) {
    candidate.metadata = {{"authorization", "Bearer " + registration->Token(kReader)}};
    const auto profile_time = std::chrono::seconds(options.profile_seconds);
    std::cout << "profile: echo server, pid " << echo << ", for " << options.profile_seconds << " s"
              << std::endl;
    std::vector<double> echo_cpu, our_cpu;
    const LoadResult echoed =
        ClosedLoopWithCpu(baseline, options.in_flight, profile_time, echo, &echo_cpu);
    std::cout << "profile: GetRegion, registration pid " << registration->pid() << ", for "
              << options.profile_seconds << " s" << std::endl;
    const LoadResult answered = ClosedLoopWithCpu(candidate, options.in_flight, profile_time,
                                                  registration->pid(), &our_cpu);
    kill(echo, SIGTERM);
    waitpid(echo, nullptr, 0);
    std::cout << "profile: echo " << static_cast<int64_t>(echoed.Throughput())
              << " calls/s, GetRegion " << static_cast<int64_t>(answered.Throughput())
              << " calls/s (failed " << echoed.failed << " / " << answered.failed
              << "); server CPU per call: echo " << Median(echo_cpu) << " us, GetRegion "
              << Median(our_cpu) << " us" << std::endl;
    return echoed.failed == 0 && answered.failed == 0 ? 0 : 1;
  }

  const auto run_time = std::chrono::seconds(options.seconds);
  Side a, b, c;
  double rate = options.rate;
  for (int round = 1; round <= options.rounds; ++round) {
    // A fresh token per round, well inside its lifetime.
    candidate.metadata = {{"authorization", "Bearer " + registration->Token(kReader)}};
    refused.metadata = candidate.metadata;
    LoadResult result =
        ClosedLoopWithCpu(baseline, options.in_flight, run_time, echo, &a.cpu_us_per_call);
    a.throughput.push_back(result.Throughput());
    Account(result, &a);
    result = ClosedLoopWithCpu(candidate, options.in_flight, run_time, registration->pid(),
                               &b.cpu_us_per_call);
    b.throughput.push_back(result.Throughput());
    Account(result, &b);
    result = RunClosedLoop(refused, options.in_flight, run_time);
    c.throughput.push_back(result.Throughput());
    Account(result, &c);
    if (rate <= 0) rate = std::max(100.0, b.throughput.back() / 4);
    std::cout << "round " << round << " closed-loop: echo "
              << static_cast<int64_t>(a.throughput.back()) << " calls/s, GetRegion "
              << static_cast<int64_t>(b.throughput.back()) << " calls/s, refused by validation "
              << static_cast<int64_t>(c.throughput.back()) << " calls/s; server CPU per call: echo "
              << static_cast<int64_t>(a.cpu_us_per_call.back()) << " us, GetRegion "
              << static_cast<int64_t>(b.cpu_us_per_call.back()) << " us" << std::endl;
    result = RunOpenLoop(baseline, rate, run_time);
    Account(result, &a);
    a.latencies.Merge(result.latencies);
    const double a_p99 = result.latencies.QuantileMicros(0.99);
    result = RunOpenLoop(candidate, rate, run_time);
    Account(result, &b);
    b.latencies.Merge(result.latencies);
    const double b_p99 = result.latencies.QuantileMicros(0.99);
    result = RunOpenLoop(refused, rate, run_time);
    Account(result, &c);
    c.latencies.Merge(result.latencies);
    std::cout << "round " << round << " open-loop at " << static_cast<int64_t>(rate)
              << " calls/s: p99 echo " << a_p99 << " us, GetRegion " << b_p99 << " us, refused "
              << result.latencies.QuantileMicros(0.99) << " us" << std::endl;
  }
  kill(echo, SIGTERM);
  waitpid(echo, nullptr, 0);

  const double a_tput = Median(a.throughput), b_tput = Median(b.throughput);
  const double a_p50 = a.latencies.QuantileMicros(0.5), b_p50 = b.latencies.QuantileMicros(0.5);
  const double a_p99 = a.latencies.QuantileMicros(0.99), b_p99 = b.latencies.QuantileMicros(0.99);
  const double tput_ratio = a_tput > 0 ? b_tput / a_tput : 0;
  const double p99_ratio = a_p99 > 0 ? b_p99 / a_p99 : 0;
  const bool tput_met = tput_ratio >= 0.85, p99_met = p99_ratio > 0 && p99_ratio <= 1.25;
  const double a_cpu = Median(a.cpu_us_per_call), b_cpu = Median(b.cpu_us_per_call);

  std::cout << std::fixed << std::setprecision(2) << "\nrequest bytes " << get.ByteSizeLong()
            << ", response bytes: echo " << a.response_bytes << " / GetRegion " << b.response_bytes
            << "; failed calls: echo " << a.failed << ", GetRegion " << b.failed
            << (b.first_error.empty() ? "" : " (" + b.first_error + ")") << "\n"
            << "pinning: " << (pin ? "servers core 0, client core 1" : "none (1 core)")
            << (options.echo_tuned ? "; echo server tuned like the services (--echo-tuned)" : "")
            << "\n"
            << "scenario   | metric     | baseline (echo) | ours (GetRegion) | ratio | target\n"
            << "front door | calls/s    | " << a_tput << " | " << b_tput << " | " << tput_ratio
            << " | >= 0.85 " << (tput_met ? "met" : "MISSED") << "\n"
            << "front door | p50 us     | " << a_p50 << " | " << b_p50 << " | "
            << (a_p50 > 0 ? b_p50 / a_p50 : 0) << " | -\n"
            << "front door | p99 us     | " << a_p99 << " | " << b_p99 << " | " << p99_ratio
            << " | <= 1.25 " << (p99_met ? "met" : "MISSED") << "\n"
            << "front door | CPU us/call | " << a_cpu << " | " << b_cpu << " | "
            << (a_cpu > 0 ? b_cpu / a_cpu : 0) << " | - (the server's, closed loop)\n"
            << "diagnostic, GetRegion refused by validation: " << Median(c.throughput)
            << " calls/s, p50 " << c.latencies.QuantileMicros(0.5) << " us, p99 "
            << c.latencies.QuantileMicros(0.99) << " us, failed " << c.failed << std::endl;

  std::filesystem::create_directories(std::filesystem::path(options.json).parent_path());
  std::ofstream json(options.json);
  json << std::fixed << std::setprecision(3) << "{\"scenario\":\"front_door\","
       << "\"baseline\":\"echo\",\"candidate\":\"registration.RegionService.GetRegion\","
       << "\"seconds_per_run\":" << options.seconds << ",\"rounds\":" << options.rounds
       << ",\"in_flight\":" << options.in_flight << ",\"open_loop_rate\":" << rate
       << ",\"pinned\":" << (pin ? "true" : "false")
       << ",\"echo_tuned\":" << (options.echo_tuned ? "true" : "false") << ",\"cores\":" << cores
       << ",\"throughput\":{\"baseline\":" << a_tput << ",\"ours\":" << b_tput
       << ",\"ratio\":" << tput_ratio
       << ",\"target\":\">= 0.85\",\"met\":" << (tput_met ? "true" : "false") << "},"
       << "\"p50_us\":{\"baseline\":" << a_p50 << ",\"ours\":" << b_p50 << "},"
       << "\"p99_us\":{\"baseline\":" << a_p99 << ",\"ours\":" << b_p99
       << ",\"ratio\":" << p99_ratio
       << ",\"target\":\"<= 1.25\",\"met\":" << (p99_met ? "true" : "false") << "},"
       << "\"server_cpu_us_per_call\":{\"baseline\":" << a_cpu << ",\"ours\":" << b_cpu
       << ",\"ratio\":" << (a_cpu > 0 ? b_cpu / a_cpu : 0) << "},"
       << "\"failed\":{\"baseline\":" << a.failed << ",\"ours\":" << b.failed << "},"
       << "\"diagnostic_refused_by_validation\":{\"throughput\":" << Median(c.throughput)
       << ",\"p50_us\":" << c.latencies.QuantileMicros(0.5)
       << ",\"p99_us\":" << c.latencies.QuantileMicros(0.99) << ",\"failed\":" << c.failed
       << "}}\n";
  std::cout << "wrote " << options.json << std::endl;
  return a.failed == 0 && b.failed == 0 ? 0 : 1;
}

}  // namespace
}  // namespace jindu::bench

int main(int argc, char** argv) {
  const jindu::bench::Options options = jindu::bench::Parse(argc, argv);
  if (options.echo_port > 0) return jindu::bench::ServeEcho(options);
  return jindu::bench::Run(options, "/proc/self/exe");
}
