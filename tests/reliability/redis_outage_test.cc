// Redis stopped under dashboard load. Callers ask reporting for the dashboards of a few hot regions
// (GetDashboard, many calls in flight at once) before, during and after an outage of Redis (killed,
// then started again on the same port, empty). Then:
//   - no call failed in any phase: with Redis down the dashboards come from PostgreSQL;
//   - single flight held: PostgreSQL never ran more dashboard loads at once than there are hot keys
//     (sampled from pg_stat_activity, the database's own view, throughout), and the source loads
//     (jindu_cache_loads_total) are a fraction of the calls while Redis is down;
//   - after Redis returns, hits resume (the hit ratio of the phase from
//   jindu_cache_requests_total).
// p50/p99 of each phase are reported, never asserted (the machine is shared).
//
// Short run: 6 s before, 8 s down, 8 s after; JINDU_RELIABILITY_LONG=1: 30 s, 60 s, 60 s.
// JINDU_REDIS_BEFORE_SECONDS, JINDU_REDIS_OUTAGE_SECONDS and JINDU_REDIS_AFTER_SECONDS override.

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <map>
#include <mutex>

#include "jindu/reporting/v1/reporting_service.grpc.pb.h"
#include "reliability_support.h"

namespace jindu::testing::reliability {
namespace {

namespace rep = reporting::v1;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr int kCallers = 16;
// Hot keys: the province, a city and a county.
const std::vector<std::string> kHotDashboards = {"dashboards/430000", "dashboards/430100",
                                                 "dashboards/430102"};

enum Phase { kBefore = 0, kDuring = 1, kAfter = 2, kPhases = 3 };
const char* const kPhaseNames[kPhases] = {"before", "during", "after"};

struct PhaseFigures {
  std::vector<double> latencies_ms;
  int64_t calls = 0;
  int64_t errors = 0;
  int64_t from_cache = 0;     // Dashboard.source = CACHE
  int64_t from_database = 0;  // Dashboard.source = DATABASE
  std::string first_error;
};

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t at = std::min(values.size() - 1, static_cast<size_t>(p * values.size()));
  return values[at];
}

// The dashboards cache's counters from reporting's /metrics.
struct CacheCounters {
  double hits = 0, misses = 0, fallbacks = 0, loads = 0, coalesced = 0, store_errors = 0;

  static CacheCounters Scrape(ServiceProcess& reporting) {
    const std::string text = ScrapeMetrics(reporting.metrics_port());
    const std::map<std::string, std::string> cache = {{"cache", "dashboards"}};
    auto result = [&](const char* name) {
      return SampleValue(text, "jindu_cache_requests_total",
                         {{"cache", "dashboards"}, {"result", name}});
    };
    CacheCounters c;
    c.hits = result("hit");
    c.misses = result("miss");
    c.fallbacks = result("fallback");
    c.loads = SampleValue(text, "jindu_cache_loads_total", cache);
    c.coalesced = SampleValue(text, "jindu_cache_coalesced_total", cache);
    c.store_errors = SampleValue(text, "jindu_cache_store_errors_total", cache);
    return c;
  }
  CacheCounters operator-(const CacheCounters& o) const {
    return {hits - o.hits,   misses - o.misses,       fallbacks - o.fallbacks,
            loads - o.loads, coalesced - o.coalesced, store_errors - o.store_errors};
  }
  double HitRatio() const {
    const double lookups = hits + misses + fallbacks;
    return lookups > 0 ? hits / lookups : 0;
  }
};

// Samples pg_stat_activity (PostgreSQL's own view, independent of the service's counters) for the
// open transactions of reporting's database, other than this sampler's and the cache watcher's
// freshness look (its query alone reads applied_time::text): with no events flowing, those are
// dashboard loads. A load's figure queries name its region literally (region_path LIKE
// '%;430102;%'), so a sample tells how many loads of one dashboard run at once. The view is
// not an atomic snapshot (one backend may be read before its load ended, the next after a new
// load began), so one sample with two loads of a region may be that artefact; the same region
// with two or more in two consecutive samples (2 ms apart; a load takes tens of ms) is not.
class LoadSampler {
 public:
  struct Figures {
    int64_t max_open = 0;           // the most dashboard transactions open at once
    int64_t max_per_region = 0;     // the most for one region at once
    int64_t samples_doubled = 0;    // samples with some region loaded twice or more at once
    int64_t doubled_persisted = 0;  // ... where the previous sample showed it too
    std::string worst;              // the transactions of the sample that set max_per_region
  };

  LoadSampler(std::string url, std::string database)
      : url_(std::move(url)), database_(std::move(database)) {}

  void Start() {
    thread_ = std::thread([this] { Run(); });
  }
  void Stop() {
    stop_ = true;
    thread_.join();
  }
  void SetPhase(Phase phase) { phase_ = phase; }
  int64_t samples() const { return samples_.load(); }
  Figures figures(Phase phase) {
    std::lock_guard lock(mutex_);
    return figures_[phase];
  }

 private:
  // The region a query names (";430102;" inside a region path condition), "" if none.
  static std::string RegionOf(const std::string& query) {
    for (size_t at = query.find("'%;"); at != std::string::npos; at = query.find("'%;", at + 1)) {
      const size_t end = query.find(";%'", at + 3);
      if (end != std::string::npos && end - (at + 3) == 6) return query.substr(at + 3, 6);
    }
    return "";
  }

  void Run() {
    pqxx::connection connection(url_);
    pqxx::nontransaction tx(connection);
    const std::string sql =
        "SELECT (extract(epoch FROM now() - xact_start) * 1000)::bigint, state, query, pid FROM "
        "pg_stat_activity WHERE datname = " +
        tx.quote(database_) +
        " AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND xact_start IS "
        "NOT NULL AND query NOT LIKE '%applied_time::text%'";
    std::map<std::string, int> previous;
    std::string previous_text;
    while (!stop_.load()) {
      const pqxx::result rows = tx.exec(sql);
      ++samples_;
      std::map<std::string, int> per_region;
      for (const pqxx::row& row : rows) {
        const std::string region = RegionOf(row[2].as<std::string>());
        if (!region.empty()) ++per_region[region];
      }
      bool doubled = false;
      bool persisted = false;
      int most = 0;
      for (const auto& [region, count] : per_region) {
        most = std::max(most, count);
        if (count < 2) continue;
        doubled = true;
        if (auto it = previous.find(region); it != previous.end() && it->second >= 2) {
          persisted = true;
        }
      }
      {
        std::lock_guard lock(mutex_);
        Figures& f = figures_[phase_.load()];
        f.max_open = std::max(f.max_open, static_cast<int64_t>(rows.size()));
        f.samples_doubled += doubled;
        f.doubled_persisted += persisted;
        if (most > f.max_per_region || (persisted && f.doubled_persisted == 1)) {
          f.max_per_region = std::max<int64_t>(f.max_per_region, most);
          f.worst = persisted ? "\n previous:" + previous_text + "\n this:" : "";
          for (const pqxx::row& row : rows) {
            f.worst += "\n  pid " + row[3].as<std::string>() + " region " +
                       RegionOf(row[2].as<std::string>()) + ", " + row[0].as<std::string>() +
                       " ms, " + row[1].as<std::string>() + ": " +
                       row[2].as<std::string>().substr(0, 100);
          }
        }
      }
      previous = std::move(per_region);
      previous_text.clear();
      for (const pqxx::row& row : rows) {
        previous_text += "\n  pid " + row[3].as<std::string>() + " region " +
                         RegionOf(row[2].as<std::string>()) + ", " + row[0].as<std::string>() +
                         " ms, " + row[1].as<std::string>();
      }
      std::this_thread::sleep_for(2ms);
    }
  }

  const std::string url_;
  const std::string database_;
  std::atomic<bool> stop_{false};
  std::atomic<Phase> phase_{kBefore};
  std::atomic<int64_t> samples_{0};
  std::mutex mutex_;
  Figures figures_[kPhases];
  std::thread thread_;
};

TEST(RedisOutageTest, DashboardsAnsweredFromTheDatabaseOneLoadPerKeyThenHitsResume) {
  const int64_t before_seconds = Setting("JINDU_REDIS_BEFORE_SECONDS", 6, 30);
  const int64_t outage_seconds = Setting("JINDU_REDIS_OUTAGE_SECONDS", 8, 60);
  const int64_t after_seconds = Setting("JINDU_REDIS_AFTER_SECONDS", 8, 60);
  std::unique_ptr<ReportingSuite> suite =
      ReportingSuite::Start("reliability_redis_outage", "", "430104");
  // Some figures to compute: participation in 芙蓉区, applied before the load starts (no events
  // flow during it, so every open transaction the sampler sees is a dashboard load).
  const PledgeCampaign campaign = CreatePledgeCampaign(*suite, "可靠性缓存中断宣誓");
  {
    auto publicity = publicity::v1::PublicityService::NewStub(suite->publicity().Channel());
    publicity::v1::BatchIngestParticipationEntriesRequest request;
    for (int i = 0; i < 50; ++i) {
      *request.add_entries() = PledgeEntry(campaign.campaign, TestUuid(0xcac4e, i),
                                           "1361234" + std::to_string(1000 + i), 1 + 24 * (i % 28));
    }
    publicity::v1::BatchIngestParticipationEntriesResponse response;
    auto context = suite->publicity().Context(kSource);
    const grpc::Status status =
        publicity->BatchIngestParticipationEntries(context.get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  const std::string reporting_url = suite->reporting().postgres_url();
  ASSERT_TRUE(WaitForScalar(
      reporting_url, "SELECT coalesce(sum(accepted), 0) FROM reporting.participation_facts", 50));
  // Every event the suite produced applied (replicas, organisations, the campaign), so the
  // watcher's version bumps are over before the load.
  for (auto until = Clock::now() + 60s; Clock::now() < until; std::this_thread::sleep_for(200ms)) {
    if (MaxConsumerLag(suite->reporting()) == 0) break;
  }

  RedisServer& redis = SharedRedis();
  LoadSampler sampler(reporting_url, pqxx::connection(reporting_url).dbname());
  std::atomic<Phase> phase{kBefore};
  std::atomic<bool> stop{false};
  std::mutex mutex;
  PhaseFigures figures[kPhases];
  std::vector<std::thread> callers;
  for (int c = 0; c < kCallers; ++c) {
    callers.emplace_back([&, c] {
      auto stub = rep::ReportingService::NewStub(suite->reporting().Channel());
      for (int64_t i = c; !stop.load(); ++i) {
        rep::GetDashboardRequest request;
        request.set_name(kHotDashboards[i % kHotDashboards.size()]);
        rep::Dashboard dashboard;
        const Phase at = phase.load();
        auto context = suite->reporting().Context(kRegistrar, 30s);
        const auto sent = Clock::now();
        const grpc::Status status = stub->GetDashboard(context.get(), request, &dashboard);
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
        std::lock_guard lock(mutex);
        PhaseFigures& f = figures[at];
        ++f.calls;
        f.latencies_ms.push_back(ms);
        if (!status.ok()) {
          if (f.errors++ == 0) f.first_error = status.error_message();
        } else if (dashboard.source() == rep::DASHBOARD_SOURCE_CACHE) {
          ++f.from_cache;
        } else {
          ++f.from_database;
        }
      }
    });
  }
  sampler.Start();
  CacheCounters counters[kPhases + 1];
  counters[kBefore] = CacheCounters::Scrape(suite->reporting());
  std::this_thread::sleep_for(std::chrono::seconds(before_seconds));

  redis.Stop();
  counters[kDuring] = CacheCounters::Scrape(suite->reporting());
  sampler.SetPhase(kDuring);
  phase = kDuring;
  std::this_thread::sleep_for(std::chrono::seconds(outage_seconds));

  redis.Restart();
  counters[kAfter] = CacheCounters::Scrape(suite->reporting());
  sampler.SetPhase(kAfter);
  phase = kAfter;
  std::this_thread::sleep_for(std::chrono::seconds(after_seconds));
  stop = true;
  for (std::thread& caller : callers) caller.join();
  counters[kPhases] = CacheCounters::Scrape(suite->reporting());
  sampler.Stop();

  std::string json = "{\"scenario\":\"redis_outage\",\"callers\":" + std::to_string(kCallers) +
                     ",\"hot_keys\":" + std::to_string(kHotDashboards.size()) +
                     ",\"pg_activity_samples\":" + std::to_string(sampler.samples());
  for (int p = 0; p < kPhases; ++p) {
    const PhaseFigures& f = figures[p];
    const CacheCounters moved = counters[p + 1] - counters[p];
    const LoadSampler::Figures sampled = sampler.figures(static_cast<Phase>(p));
    char one[1024];
    std::snprintf(one, sizeof one,
                  ",\"%s\":{\"calls\":%lld,\"errors\":%lld,\"p50_ms\":%.1f,\"p99_ms\":%.1f,"
                  "\"source_cache\":%lld,\"source_database\":%lld,\"hits\":%.0f,\"misses\":%.0f,"
                  "\"fallbacks\":%.0f,\"loads\":%.0f,\"coalesced\":%.0f,\"store_errors\":%.0f,"
                  "\"hit_ratio\":%.3f,\"max_open_loads\":%lld,\"max_loads_one_key\":%lld,"
                  "\"samples_one_key_twice\":%lld,\"one_key_twice_persisted\":%lld}",
                  kPhaseNames[p], static_cast<long long>(f.calls), static_cast<long long>(f.errors),
                  Percentile(f.latencies_ms, 0.5), Percentile(f.latencies_ms, 0.99),
                  static_cast<long long>(f.from_cache), static_cast<long long>(f.from_database),
                  moved.hits, moved.misses, moved.fallbacks, moved.loads, moved.coalesced,
                  moved.store_errors, moved.HitRatio(), static_cast<long long>(sampled.max_open),
                  static_cast<long long>(sampled.max_per_region),
                  static_cast<long long>(sampled.samples_doubled),
                  static_cast<long long>(sampled.doubled_persisted));
    json += one;
    EXPECT_GT(f.calls, 0) << kPhaseNames[p];
    EXPECT_EQ(f.errors, 0) << kPhaseNames[p] << ": " << f.first_error;
    // Single flight, in PostgreSQL's own view: one dashboard is never loaded twice at once.
    EXPECT_EQ(sampled.doubled_persisted, 0) << kPhaseNames[p] << sampled.worst;
  }
  // Why the cache left Redis, as its warnings (one per outage) give it: besides the outage, a
  // command or a wait for one of the client's connections can exceed the 250 ms timeout under
  // load, which the cache rides out the same way.
  std::map<std::string, int> reasons;
  {
    std::istringstream lines(suite->reporting().Log());
    for (std::string line; std::getline(lines, line);) {
      if (line.find("cache store unavailable") == std::string::npos) continue;
      const size_t at = line.find("\"error\":\"");
      if (at == std::string::npos) continue;
      std::string reason = line.substr(at + 9, line.find('"', at + 9) - (at + 9));
      // "connect to 127.0.0.1:1234: ..." names a port that differs per run.
      for (char& c : reason) {
        if (std::isdigit(static_cast<unsigned char>(c))) c = '#';
      }
      ++reasons[reason];
    }
  }
  json += ",\"store_unavailable_warnings\":{";
  for (auto it = reasons.begin(); it != reasons.end(); ++it) {
    json += std::string(it == reasons.begin() ? "" : ",") + "\"" + it->first +
            "\":" + std::to_string(it->second);
  }
  json += "}}";
  WriteFigures("redis_outage", json);
  std::printf("redis_outage: %s\n", json.c_str());

  const CacheCounters during = counters[kAfter] - counters[kDuring];
  const CacheCounters after = counters[kPhases] - counters[kAfter];
  // With Redis down every call is a fallback, and the calls for one key share loads.
  EXPECT_GT(during.fallbacks, 0);
  EXPECT_GT(during.coalesced, 0);
  EXPECT_LT(during.loads, figures[kDuring].calls);
  // Every answer while Redis was down was computed from PostgreSQL; none claims to be a Redis hit.
  EXPECT_EQ(figures[kDuring].from_cache, 0);
  // Hits resume once Redis is back: most of the phase after it is served from Redis.
  EXPECT_GT(after.HitRatio(), 0.5);
  EXPECT_GT(figures[kAfter].from_cache, 0);
}

}  // namespace
}  // namespace jindu::testing::reliability
