// Two rows of the benchmark suite (issue 9) on the reporting service, with every service whose
// events it projects running beside it (ReportingSuite: registration, casework, publicity):
//
//   dashboard hit: ReportingService.GetDashboard("dashboards/430102") answered from Redis (warm:
//                  no event arrives during the run), open loop at --rate calls/s, p99. Baseline:
//                  the p99 of a bare gRPC echo (echo_server.h) answering the dashboard's size at
//                  the same rate, plus the p99 of a raw Redis GET (hiredis, one connection) of a
//                  value of the same size at the same rate. Target: p99 <= 1.2 x that sum.
//   freshness:     one pledge streamed into publicity (its ack: the stream answered OK, the entry
//                  committed) until the dashboard shows it (the campaign's participants count in
//                  the month's figures rises; polled every 2 ms). Baseline: a raw librdkafka
//                  producer (the service producer's settings) to a raw consumer (assigned, not in
//                  a group) on the same broker, produce call until consumed. p99 of --samples per
//                  round each; target <= 2 x baseline + 10 ms.
//
// Rounds alternate baseline and candidate (A B A B). Servers on core 0, this client on core 1.
//
//   build/tests/bench/bench_reporting --seconds=10 --rounds=3 [--rate=200] [--samples=20]
//       [--json=bench/reporting.json]
#include <google/protobuf/util/time_util.h>
#include <grpcpp/grpcpp.h>
#include <hiredis/hiredis.h>
#include <librdkafka/rdkafka.h>

#include "bench_support.h"
#include "echo_server.h"
#include "harness/calendar.h"
#include "harness/free_port.h"
#include "harness/kafka_admin.h"
#include "harness/registration_backed_suite.h"
#include "harness/shared_infrastructure.h"
#include "jindu/publicity/v1/publicity_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"
#include "jindu/reporting/v1/reporting_service.grpc.pb.h"
#include "load/unary_load.h"
#include "reporting_bench_support.h"

namespace jindu::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr char kRawTopic[] = "bench.raw.freshness";

// Raw Redis GETs of one key at `rate` per second for `duration`, one connection, sequential.
LatencySample RedisGets(redisContext* redis, const std::string& key, double rate,
                        Clock::duration duration, int64_t* failed) {
  LatencySample sample;
  const auto interval =
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / rate));
  const auto start = Clock::now();
  for (auto intended = start; intended < start + duration; intended += interval) {
    std::this_thread::sleep_until(intended);
    auto* reply = static_cast<redisReply*>(redisCommand(redis, "GET %s", key.c_str()));
    const auto done = Clock::now();
    if (reply == nullptr || reply->type != REDIS_REPLY_STRING) {
      ++*failed;
    } else {
      // From the scheduled time, as the open-loop gRPC runs count it.
      sample.Add(std::chrono::duration_cast<std::chrono::nanoseconds>(done - intended).count());
    }
    if (reply != nullptr) freeReplyObject(reply);
  }
  return sample;
}

// A raw producer and a raw consumer on one topic partition.
class RawKafkaPipe {
 public:
  explicit RawKafkaPipe(const std::string& bootstrap) {
    char error[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    for (const auto& [name, value] :
         std::vector<std::pair<std::string, std::string>>{{"bootstrap.servers", bootstrap},
                                                          {"enable.idempotence", "true"},
                                                          {"acks", "all"},
                                                          {"linger.ms", "5"},
                                                          {"compression.type", "lz4"}}) {
      rd_kafka_conf_set(conf, name.c_str(), value.c_str(), error, sizeof error);
    }
    producer_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
    conf = rd_kafka_conf_new();
    for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
             {"bootstrap.servers", bootstrap}, {"group.id", "bench-raw-freshness"}}) {
      rd_kafka_conf_set(conf, name.c_str(), value.c_str(), error, sizeof error);
    }
    consumer_ = rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof error);
    if (producer_ == nullptr || consumer_ == nullptr) throw std::runtime_error(error);
    rd_kafka_topic_partition_list_t* partitions = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(partitions, kRawTopic, 0)->offset = RD_KAFKA_OFFSET_END;
    rd_kafka_assign(consumer_, partitions);
    rd_kafka_topic_partition_list_destroy(partitions);
  }
  ~RawKafkaPipe() {
    rd_kafka_flush(producer_, 5000);
    rd_kafka_destroy(producer_);
    rd_kafka_consumer_close(consumer_);
    rd_kafka_destroy(consumer_);
  }
  // Produces `payload` and returns the time until the consumer received it; negative on timeout.
  double RoundTripMicros(const std::string& payload,
                         Clock::duration timeout = std::chrono::seconds(30)) {
    const auto start = Clock::now();
    if (rd_kafka_producev(producer_, RD_KAFKA_V_TOPIC(kRawTopic), RD_KAFKA_V_PARTITION(0),
                          RD_KAFKA_V_VALUE(const_cast<char*>(payload.data()), payload.size()),
                          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                          RD_KAFKA_V_END) != RD_KAFKA_RESP_ERR_NO_ERROR) {
      return -1;
    }
    while (Clock::now() - start < timeout) {
      rd_kafka_poll(producer_, 0);  // delivery reports
      rd_kafka_message_t* message = rd_kafka_consumer_poll(consumer_, 1);
      if (message == nullptr) continue;
      const bool ours =
          message->err == RD_KAFKA_RESP_ERR_NO_ERROR &&
          std::string(static_cast<const char*>(message->payload), message->len) == payload;
      rd_kafka_message_destroy(message);
      if (ours) {
        return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
      }
    }
    return -1;
  }

 private:
  rd_kafka_t* producer_ = nullptr;
  rd_kafka_t* consumer_ = nullptr;
};

int Run(Flags& flags) {
  const int seconds = flags.Int("seconds", 10);
  const int rounds = flags.Int("rounds", 3);
  const double rate = flags.Int("rate", 200);
  const int samples = flags.Int("samples", 20);
  const std::string json = flags.String("json", "bench/reporting.json");
  flags.CheckAllKnown();
  const bool pin = CanPin();
  if (pin) PinProcess(0);

  std::cout << "starting PostgreSQL, Redis, Kafka and the four services..." << std::endl;
  auto suite =
      ReportingSuite::Start("bench_reporting", "", "430104", {{"JINDU_LOG_LEVEL", "warn"}});
  const std::string bootstrap = testing::SharedKafka().BootstrapServers();
  testing::CreateKafkaTopic(bootstrap, kRawTopic, 1, std::chrono::seconds(60));
  const std::string campaign = MakeCampaign(*suite);
  auto reporting = rep::ReportingService::NewStub(suite->reporting().Channel());
  auto publicity = pub::PublicityService::NewStub(suite->publicity().Channel());

  // Warm, with the campaign's figures in it (one pledge, participant 0): the dashboard comes from
  // Redis (the watcher bumps the version once at start and after the pledge's event).
  if (StreamPledges(*publicity, *suite, campaign, 0, 1) != 1) return 1;
  rep::Dashboard dashboard;
  for (int attempt = 0; attempt < 600; ++attempt) {
    const int64_t seen = Participants(*reporting, *suite, campaign, &dashboard);
    if (seen < 0) {
      std::cerr << "GetDashboard failed\n";
      return 1;
    }
    if (seen == 1 && dashboard.source() == rep::DASHBOARD_SOURCE_CACHE) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const size_t dashboard_bytes = dashboard.ByteSizeLong();

  // The baselines: an echo answering the dashboard's size, a Redis value of that size.
  const int echo_port = testing::FreePort();
  const pid_t echo = ForkEchoServer(echo_port, dashboard_bytes);
  if (pin) PinProcess(1);
  redisContext* redis = nullptr;
  {
    const std::string address = testing::SharedRedis().Address();
    const size_t colon = address.rfind(':');
    redis = redisConnect(address.substr(0, colon).c_str(), std::stoi(address.substr(colon + 1)));
    if (redis == nullptr || redis->err) {
      std::cerr << "cannot connect to Redis at " << address << "\n";
      StopEchoServer(echo);
      return 1;
    }
    const std::string value(dashboard_bytes, 'x');
    freeReplyObject(
        redisCommand(redis, "SET bench:dashboard-sized %b", value.data(), value.size()));
  }
  UnaryTarget echo_target{.channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(echo_port),
                                                         grpc::InsecureChannelCredentials()),
                          .method = "/jindu.bench.v1.EchoService/Echo"};
  {
    v1::EchoRequest request;
    rep::GetDashboardRequest get;
    get.set_name(kDashboard);
    request.set_payload(PaddingFor(get.ByteSizeLong()));
    echo_target.serialized_request = request.SerializeAsString();
  }
  if (!echo_target.channel->WaitForConnected(std::chrono::system_clock::now() +
                                             std::chrono::seconds(10))) {
    std::cerr << "echo server did not start\n";
    StopEchoServer(echo);
    return 1;
  }
  UnaryTarget ours{.channel = suite->reporting().Channel(),
                   .method = "/jindu.reporting.v1.ReportingService/GetDashboard"};
  {
    rep::GetDashboardRequest get;
    get.set_name(kDashboard);
    ours.serialized_request = get.SerializeAsString();
  }

  RawKafkaPipe pipe(bootstrap);
  // The consumer's position (the partition's end) is resolved on its first fetch: a message sent
  // before that is skipped, so warm up until one arrives.
  for (int attempt = 0; attempt < 20; ++attempt) {
    if (pipe.RoundTripMicros("warm-up-" + std::to_string(attempt), std::chrono::seconds(2)) >= 0) {
      break;
    }
  }

  LatencySample echo_all, redis_all, ours_all, kafka_all, fresh_all;
  int64_t failed = 0, redis_failed = 0, fresh_failed = 0;
  std::string first_error;
  int64_t response_bytes = 0;
  int64_t participants = Participants(*reporting, *suite, campaign, &dashboard);
  int64_t pledge = 0;
  for (int round = 1; round <= rounds; ++round) {
    ours.metadata = {{"authorization", "Bearer " + suite->reporting().Token(kOfficer)}};
    // Dashboard hit: A (echo, Redis GET) then B (GetDashboard).
    LoadResult echo_run = RunOpenLoop(echo_target, rate, std::chrono::seconds(seconds));
    failed += echo_run.failed;
    LatencySample redis_run = RedisGets(redis, "bench:dashboard-sized", rate,
                                        std::chrono::seconds(seconds), &redis_failed);
    LoadResult ours_run = RunOpenLoop(ours, rate, std::chrono::seconds(seconds));
    failed += ours_run.failed;
    if (first_error.empty()) first_error = ours_run.first_error;
    response_bytes = ours_run.response_bytes;
    std::cout << "round " << round << " dashboard hit at " << rate << "/s: p99 echo "
              << echo_run.latencies.QuantileMicros(0.99) << " us + Redis GET "
              << redis_run.QuantileMicros(0.99) << " us; GetDashboard "
              << ours_run.latencies.QuantileMicros(0.99) << " us" << std::endl;
    echo_all.Merge(echo_run.latencies);
    redis_all.Merge(redis_run);
    ours_all.Merge(ours_run.latencies);
    // Freshness: A (raw produce -> consume) then B (pledge ack -> dashboard).
    LatencySample kafka_run, fresh_run;
    for (int s = 0; s < samples; ++s) {
      const double micros =
          pipe.RoundTripMicros("sample-" + std::to_string(round) + "-" + std::to_string(s));
      if (micros >= 0) kafka_run.Add(static_cast<int64_t>(micros * 1000));
    }
    for (int s = 0; s < samples; ++s) {
      if (StreamPledges(*publicity, *suite, campaign, ++pledge, 1) != 1) {
        ++fresh_failed;
        continue;
      }
      const auto acked = Clock::now();
      bool seen = false;
      while (Clock::now() - acked < std::chrono::seconds(60)) {
        const int64_t now = Participants(*reporting, *suite, campaign, &dashboard);
        if (now > participants) {
          participants = now;
          seen = true;
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
      if (!seen) {
        ++fresh_failed;
        continue;
      }
      fresh_run.Add(
          std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - acked).count());
    }
    std::cout << "round " << round << " freshness p99: raw Kafka produce->consume "
              << kafka_run.QuantileMicros(0.99) << " us, pledge ack->dashboard "
              << fresh_run.QuantileMicros(0.99) << " us" << std::endl;
    kafka_all.Merge(kafka_run);
    fresh_all.Merge(fresh_run);
  }
  StopEchoServer(echo);
  redisFree(redis);

  const double echo_p99 = echo_all.QuantileMicros(0.99), redis_p99 = redis_all.QuantileMicros(0.99);
  const double kafka_p99 = kafka_all.QuantileMicros(0.99);
  // freshness target: ours <= 2 x baseline + 10 ms, put as a ratio to (2 x baseline + 10 ms).
  Row fresh{.metric = "freshness, p99 us (pledge ack -> dashboard vs raw Kafka produce -> consume)",
            .baseline = kafka_p99,
            .ours = fresh_all.QuantileMicros(0.99)};
  fresh.ratio = kafka_p99 > 0 ? fresh.ours / kafka_p99 : 0;
  fresh.target =
      "<= 2x + 10 ms (" + std::to_string(static_cast<int64_t>(2 * kafka_p99 + 10000)) + " us)";
  fresh.met = fresh.ours > 0 && fresh.ours <= 2 * kafka_p99 + 10000;
  Report(
      "reporting", json,
      {AtMost("dashboard hit, p99 us (GetDashboard from Redis vs echo p99 + Redis GET p99)",
              echo_p99 + redis_p99, ours_all.QuantileMicros(0.99), 1.2),
       fresh},
      {{"rounds", std::to_string(rounds) + " x (" + std::to_string(seconds) +
                      " s per open-loop run, " + std::to_string(samples) + " freshness samples)"},
       {"pinning", PinningText(pin)},
       {"open-loop rate", std::to_string(static_cast<int64_t>(rate)) + " calls/s"},
       {"dashboard bytes", std::to_string(dashboard_bytes) + " (GetDashboard answered " +
                               std::to_string(response_bytes) + ")"},
       {"p99 us: echo / Redis GET / GetDashboard",
        std::to_string(static_cast<int64_t>(echo_p99)) + " / " +
            std::to_string(static_cast<int64_t>(redis_p99)) + " / " +
            std::to_string(static_cast<int64_t>(ours_all.QuantileMicros(0.99)))},
       {"p50 us: echo / Redis GET / GetDashboard",
        std::to_string(static_cast<int64_t>(echo_all.QuantileMicros(0.5))) + " / " +
            std::to_string(static_cast<int64_t>(redis_all.QuantileMicros(0.5))) + " / " +
            std::to_string(static_cast<int64_t>(ours_all.QuantileMicros(0.5)))},
       {"freshness p50 us: raw Kafka / pledge -> dashboard",
        std::to_string(static_cast<int64_t>(kafka_all.QuantileMicros(0.5))) + " / " +
            std::to_string(static_cast<int64_t>(fresh_all.QuantileMicros(0.5)))},
       {"freshness samples: raw Kafka / pledge -> dashboard",
        std::to_string(kafka_all.size()) + " / " + std::to_string(fresh_all.size())},
       {"failed: calls / Redis GETs / freshness samples",
        std::to_string(failed) + " / " + std::to_string(redis_failed) + " / " +
            std::to_string(fresh_failed) + (first_error.empty() ? "" : " (" + first_error + ")")}});
  return failed == 0 && redis_failed == 0 && fresh_failed == 0 ? 0 : 1;
}

}  // namespace
}  // namespace jindu::bench

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]).starts_with("--serve-echo=")) {
    return jindu::bench::ServeEcho(std::atoi(argv[1] + 13),
                                   std::strtoul(argv[2] + 17, nullptr, 10));
  }
  jindu::bench::Flags flags(argc, argv,
                            "[--seconds=10] [--rounds=3] [--rate=200] [--samples=20] "
                            "[--json=bench/reporting.json]");
  return jindu::bench::Run(flags);
}
