// The "cost at 10x" part of the benchmark suite (issue 9): how the reporting path's cost grows
// with the amount of data. One ReportingSuite (registration, casework, publicity, reporting); a
// pledge campaign in 芙蓉区 filled to --pledges participants (default 27,000: the pledges of the
// default demo province, jindu-demo-province --size city), measured, then filled to --factor
// times that, measured again. Only pledges grow (the demo generator cannot run against the test
// harness's per-service keys), so this shows the participation path's growth, not every table's.
// At each size:
//
//   - ingest to dashboard: pledges streamed into publicity (--streams clients, 10,000 per stream
//     call) until the county dashboard counts every one of them, in pledges per second; and the
//     catch-up, from the last acknowledged stream until the dashboard showed the total (relay,
//     Kafka, reporting's projection, the dashboard invalidation);
//   - dashboard latency: the call that first showed the total (a miss, computed from PostgreSQL),
//     then p50/p99 of hits (Redis) open loop at 100 calls/s for --seconds;
//   - memory: each service's resident set (process_resident_memory_bytes of its /metrics, read
//     from /proc/self/stat);
//   - disk: each service's database (pg_database_size) and the Kafka log directories of the
//     jindu.* topics (du of the broker's data).
//
// Figures only, no targets: the ratio column is (factor x size) / size.
//
//   build/tests/bench/bench_cost_at_size --pledges=27000 --factor=10 [--streams=4] [--seconds=5]
//       [--json=bench/cost_at_size.json]
#include <sys/stat.h>

#include <pqxx/pqxx>

#include "bench_support.h"
#include "harness/kafka_broker.h"
#include "harness/metrics_scrape.h"
#include "harness/shared_infrastructure.h"
#include "load/unary_load.h"
#include "reporting_bench_support.h"

namespace jindu::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Measure {
  double pledges_per_second = 0;
  double catch_up_ms = 0;
  double miss_us = 0;
  double hit_p50_us = 0;
  double hit_p99_us = 0;
  std::map<std::string, double> rss_mb;       // per service
  std::map<std::string, double> database_mb;  // per service
  double topics_mb = 0;
  int64_t failed = 0;
};

// Blocks on disk, as du counts them: Kafka preallocates its index files sparsely, so their
// apparent size (10 MB each) says nothing about the disk used.
double DirectoryMegabytes(const std::filesystem::path& directory) {
  uintmax_t bytes = 0;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(directory, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    struct stat info;
    if (it->is_regular_file(error) && ::stat(it->path().c_str(), &info) == 0) {
      bytes += static_cast<uintmax_t>(info.st_blocks) * 512;
    }
  }
  return static_cast<double>(bytes) / 1e6;
}

// The Kafka log directories of the jindu.* topics, wherever the broker keeps them below its
// directory ("<topic>-<partition>").
double TopicsMegabytes(const std::string& broker_directory) {
  double total = 0;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(broker_directory, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_directory(error) && it->path().filename().string().starts_with("jindu.")) {
      total += DirectoryMegabytes(it->path());
      it.disable_recursion_pending();
    }
  }
  return total;
}

Measure Fill(ReportingSuite& suite, const std::string& campaign, int64_t from, int64_t to,
             int streams, int seconds) {
  Measure measure;
  auto reporting = rep::ReportingService::NewStub(suite.reporting().Channel());
  constexpr int64_t kPerCall = 10000;
  std::atomic<int64_t> next{from};
  std::atomic<int64_t> failed{0};
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int s = 0; s < streams; ++s) {
    threads.emplace_back([&] {
      auto publicity = pub::PublicityService::NewStub(suite.publicity().Channel());
      for (;;) {
        const int64_t first = next.fetch_add(kPerCall);
        if (first >= to) return;
        const int64_t count = std::min(kPerCall, to - first);
        for (int attempt = 0;; ++attempt) {
          const int64_t accepted = StreamPledges(*publicity, suite, campaign, first, count);
          if (accepted == count) break;
          if (attempt == 10) {  // entries are idempotent by id: a retry re-sends the same ones
            ++failed;
            break;
          }
          std::this_thread::sleep_for(std::chrono::seconds(1));
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const auto acked = Clock::now();
  rep::Dashboard dashboard;
  for (;;) {
    const auto call = Clock::now();
    const int64_t seen = Participants(*reporting, suite, campaign, &dashboard);
    if (seen >= to) {
      measure.miss_us = std::chrono::duration<double, std::micro>(Clock::now() - call).count();
      break;
    }
    if (Clock::now() - acked > std::chrono::minutes(10)) {
      ++failed;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const auto visible = Clock::now();
  measure.pledges_per_second =
      static_cast<double>(to - from) / std::chrono::duration<double>(visible - start).count();
  measure.catch_up_ms = std::chrono::duration<double, std::milli>(visible - acked).count();
  if (dashboard.source() != rep::DASHBOARD_SOURCE_DATABASE) measure.miss_us = 0;  // not a miss

  UnaryTarget hits{.channel = suite.reporting().Channel(),
                   .method = "/jindu.reporting.v1.ReportingService/GetDashboard"};
  rep::GetDashboardRequest get;
  get.set_name(kDashboard);
  hits.serialized_request = get.SerializeAsString();
  hits.metadata = {{"authorization", "Bearer " + suite.reporting().Token(kOfficer)}};
  LoadResult result = RunOpenLoop(hits, 100, std::chrono::seconds(seconds));
  measure.hit_p50_us = result.latencies.QuantileMicros(0.5);
  measure.hit_p99_us = result.latencies.QuantileMicros(0.99);
  measure.failed = failed + result.failed;

  const std::pair<const char*, testing::ServiceProcess*> services[] = {
      {"registration", &suite.registration()},
      {"casework", &suite.casework()},
      {"publicity", &suite.publicity()},
      {"reporting", &suite.reporting()}};
  for (const auto& [name, service] : services) {
    measure.rss_mb[name] = testing::SampleValue(testing::ScrapeMetrics(service->metrics_port()),
                                                "process_resident_memory_bytes") /
                           1e6;
    pqxx::connection connection(service->postgres_url());
    pqxx::nontransaction tx(connection);
    measure.database_mb[name] =
        tx.exec("SELECT pg_database_size(current_database())")[0][0].as<double>() / 1e6;
  }
  measure.topics_mb = TopicsMegabytes(testing::SharedKafka().directory());
  return measure;
}

int Run(Flags& flags) {
  // The default demo province (jindu-demo-province --size city) has 9 x 3,000 pledges.
  const int64_t pledges = flags.Int("pledges", 27000);
  const int factor = flags.Int("factor", 10);
  const int streams = flags.Int("streams", 4);
  const int seconds = flags.Int("seconds", 5);
  const std::string json = flags.String("json", "bench/cost_at_size.json");
  flags.CheckAllKnown();
  const bool pin = CanPin();
  if (pin) PinProcess(0);
  std::cout << "starting PostgreSQL, Redis, Kafka and the four services..." << std::endl;
  auto suite = ReportingSuite::Start("bench_cost", "", "430104", {{"JINDU_LOG_LEVEL", "warn"}});
  const std::string campaign = MakeCampaign(*suite);
  if (pin) PinProcess(1);

  const Measure small = Fill(*suite, campaign, 0, pledges, streams, seconds);
  std::cout << "size " << pledges << ": " << static_cast<int64_t>(small.pledges_per_second)
            << " pledges/s to the dashboard, catch-up " << small.catch_up_ms << " ms" << std::endl;
  const Measure large = Fill(*suite, campaign, pledges, pledges * factor, streams, seconds);
  std::cout << "size " << pledges * factor << ": " << static_cast<int64_t>(large.pledges_per_second)
            << " pledges/s to the dashboard, catch-up " << large.catch_up_ms << " ms" << std::endl;

  const std::string at =
      " (" + std::to_string(pledges) + " vs " + std::to_string(pledges * factor) + " pledges)";
  auto grow = [&](const std::string& metric, double a, double b) {
    return Row{.metric = metric + at, .baseline = a, .ours = b, .ratio = a > 0 ? b / a : 0};
  };
  std::vector<Row> rows = {
      grow("cost at 10x: ingest to dashboard, pledges/s", small.pledges_per_second,
           large.pledges_per_second),
      grow("cost at 10x: catch-up after the last ack, ms", small.catch_up_ms, large.catch_up_ms),
      grow("cost at 10x: dashboard miss (computed), us", small.miss_us, large.miss_us),
      grow("cost at 10x: dashboard hit p99, us", small.hit_p99_us, large.hit_p99_us),
      grow("cost at 10x: Kafka jindu.* topics, MB", small.topics_mb, large.topics_mb)};
  for (const auto& [name, mb] : small.rss_mb) {
    rows.push_back(grow("cost at 10x: " + name + " RSS, MB", mb, large.rss_mb.at(name)));
  }
  for (const auto& [name, mb] : small.database_mb) {
    rows.push_back(grow("cost at 10x: " + name + " database, MB", mb, large.database_mb.at(name)));
  }
  Report(
      "cost_at_size", json, rows,
      {{"columns", "baseline: at the smaller size; ours: at the larger; ratio: larger / smaller"},
       {"sizes", std::to_string(pledges) + " and " + std::to_string(pledges * factor) +
                     " pledge participants in one campaign of 芙蓉区"},
       {"pinning", PinningText(pin)},
       {"dashboard hit p50 us", std::to_string(static_cast<int64_t>(small.hit_p50_us)) + " / " +
                                    std::to_string(static_cast<int64_t>(large.hit_p50_us))},
       {"failed", std::to_string(small.failed + large.failed)}});
  return small.failed + large.failed == 0 ? 0 : 1;
}

}  // namespace
}  // namespace jindu::bench

int main(int argc, char** argv) {
  jindu::bench::Flags flags(argc, argv,
                            "[--pledges=27000] [--factor=10] [--streams=4] [--seconds=5] "
                            "[--json=bench/cost_at_size.json]");
  return jindu::bench::Run(flags);
}
