// PostgreSQL restarts under write load. Writers create organisations through registration's public
// API (each with its own request_id) and ingest pledges through publicity's (each with its own
// entry id), nonstop, while the test's PostgreSQL goes down twice: a fast shutdown (pg_ctl stop -m
// fast: sessions terminated "due to administrator command", then connections refused) and, later,
// an immediate one (-m immediate, a crash: recovery on the next start), each down for a few
// seconds. Every call's outcome is recorded. Then:
//   - every failed call was UNAVAILABLE (the retryable answer), never INTERNAL or UNKNOWN;
//   - the services recover on their own: writes are acknowledged again after each restart (no pool
//     left holding dead connections);
//   - retrying each failed call unchanged (same request_id, same entry ids) succeeds;
//   - every write, acknowledged at first or on retry, is there exactly once (read back through the
//     API and counted in SQL: no write lost, no duplicate from a retry of a write that had in fact
//     committed);
//   - the outbox relays and the inbox consumers resumed: reporting counted every pledge, its
//     consumer lag is 0 and jindu-check reports every count zero.
//
// Every reliability executable is a test process of its own, so SharedPostgres() here is this
// test's private cluster: stopping it disturbs no other test.
//
// Short run: 2 outages of 3 s in ~25 s of load; JINDU_RELIABILITY_LONG=1: 6 outages (fast and
// immediate in turn) of 5 s. JINDU_PG_RESTART_OUTAGES and JINDU_PG_RESTART_DOWN_SECONDS override.

#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>

#include "reliability_support.h"

namespace jindu::testing::reliability {
namespace {

namespace reg = registration::v1;
namespace pub = publicity::v1;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr char kParticipationTopic[] = "jindu.publicity.participation.v1";
constexpr int kOrganizationWriters = 3;
constexpr int kPledgeWriters = 3;
constexpr char kNamePrefix[] = "重启负载协会";

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string Phone(int64_t i) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "137%08lld",
                static_cast<long long>((i * 7919 + 13572468) % 100000000));
  return digits;
}

// One write of the load: the request as first sent (a retry sends exactly the same).
struct Write {
  enum Kind { kOrganization, kPledge } kind;
  int64_t index;
  grpc::StatusCode first = grpc::StatusCode::OK;
  std::string error;         // the first failure's message
  std::string organization;  // the created name, once acknowledged
};

class Load {
 public:
  explicit Load(ReportingSuite& suite, std::string campaign)
      : suite_(suite), campaign_(std::move(campaign)) {}

  reg::CreateOrganizationRequest OrganizationRequest(int64_t i) const {
    reg::CreateOrganizationRequest request;
    request.mutable_organization()->set_display_name(kNamePrefix + std::to_string(i));
    request.mutable_organization()->set_kind(reg::ORGANIZATION_KIND_ASSOCIATION);
    request.mutable_organization()->set_region_code("430102");
    *request.mutable_organization()->mutable_founding_date() = ProtoDay(2020, 6, 26);
    request.set_request_id(TestUuid(0x5e57a27, static_cast<uint64_t>(i)));
    return request;
  }

  pub::BatchIngestParticipationEntriesRequest PledgeRequest(int64_t i) const {
    pub::BatchIngestParticipationEntriesRequest request;
    *request.add_entries() = PledgeEntry(campaign_, TestUuid(0x5e57a28, static_cast<uint64_t>(i)),
                                         Phone(i), 1 + 24 * (i % 28));
    return request;
  }

  // Sends write `w` once; the status it got.
  grpc::Status Send(Write& w) {
    if (w.kind == Write::kOrganization) {
      auto stub = reg::RegistrationService::NewStub(suite_.registration().Channel());
      reg::Organization created;
      auto context = suite_.registration().Context(kRegistrar, 20s);
      const grpc::Status status =
          stub->CreateOrganization(context.get(), OrganizationRequest(w.index), &created);
      if (status.ok()) w.organization = created.name();
      return status;
    }
    auto stub = pub::PublicityService::NewStub(suite_.publicity().Channel());
    pub::BatchIngestParticipationEntriesResponse response;
    auto context = suite_.publicity().Context(kSource, 20s);
    return stub->BatchIngestParticipationEntries(context.get(), PledgeRequest(w.index), &response);
  }

  void Writer(Write::Kind kind, std::atomic<int64_t>& next) {
    while (!stop_.load()) {
      Write w{.kind = kind, .index = next.fetch_add(1)};
      const grpc::Status status = Send(w);
      w.first = status.error_code();
      w.error = status.error_message();
      std::lock_guard lock(mutex_);
      ++by_code_[w.first];
      if (status.ok()) {
        ++acknowledged_;
        last_ack_ = Clock::now();
      }
      writes_.push_back(std::move(w));
      // A client backs off before its next call after a failure, as real ones do.
      if (!status.ok()) std::this_thread::sleep_for(50ms);
    }
  }

  void Start() {
    for (int i = 0; i < kOrganizationWriters; ++i) {
      threads_.emplace_back([this] { Writer(Write::kOrganization, next_organization_); });
    }
    for (int i = 0; i < kPledgeWriters; ++i) {
      threads_.emplace_back([this] { Writer(Write::kPledge, next_pledge_); });
    }
  }

  void Stop() {
    stop_ = true;
    for (std::thread& thread : threads_) thread.join();
  }

  int64_t acknowledged() {
    std::lock_guard lock(mutex_);
    return acknowledged_;
  }
  // Waits until `more` writes are acknowledged after now; the seconds it took, or -1 on timeout.
  // At least `at_least` passes either way: the load runs steadily that long.
  double WaitForAcknowledgements(int64_t more, std::chrono::seconds timeout,
                                 std::chrono::seconds at_least = 0s) {
    const auto start = Clock::now();
    const int64_t target = acknowledged() + more;
    double took = -1;
    while (Clock::now() - start < timeout) {
      if (took < 0 && acknowledged() >= target) took = SecondsSince(start);
      if (took >= 0 && Clock::now() - start >= at_least) break;
      std::this_thread::sleep_for(20ms);
    }
    return took;
  }

  std::vector<Write>& writes() { return writes_; }
  std::map<grpc::StatusCode, int64_t> by_code() {
    std::lock_guard lock(mutex_);
    return by_code_;
  }
  int64_t organizations() const { return next_organization_.load(); }
  int64_t pledges() const { return next_pledge_.load(); }

 private:
  ReportingSuite& suite_;
  const std::string campaign_;
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> next_organization_{0};
  std::atomic<int64_t> next_pledge_{0};
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::vector<Write> writes_;
  std::map<grpc::StatusCode, int64_t> by_code_;
  int64_t acknowledged_ = 0;
  Clock::time_point last_ack_;
};

std::string CodeName(grpc::StatusCode code) {
  static const std::map<grpc::StatusCode, const char*> kNames = {
      {grpc::StatusCode::OK, "OK"},
      {grpc::StatusCode::CANCELLED, "CANCELLED"},
      {grpc::StatusCode::UNKNOWN, "UNKNOWN"},
      {grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT"},
      {grpc::StatusCode::DEADLINE_EXCEEDED, "DEADLINE_EXCEEDED"},
      {grpc::StatusCode::NOT_FOUND, "NOT_FOUND"},
      {grpc::StatusCode::ALREADY_EXISTS, "ALREADY_EXISTS"},
      {grpc::StatusCode::PERMISSION_DENIED, "PERMISSION_DENIED"},
      {grpc::StatusCode::RESOURCE_EXHAUSTED, "RESOURCE_EXHAUSTED"},
      {grpc::StatusCode::FAILED_PRECONDITION, "FAILED_PRECONDITION"},
      {grpc::StatusCode::ABORTED, "ABORTED"},
      {grpc::StatusCode::UNAVAILABLE, "UNAVAILABLE"},
      {grpc::StatusCode::INTERNAL, "INTERNAL"},
      {grpc::StatusCode::UNAUTHENTICATED, "UNAUTHENTICATED"}};
  auto it = kNames.find(code);
  return it != kNames.end() ? it->second : std::to_string(static_cast<int>(code));
}

TEST(PostgresRestartTest, AcknowledgedWritesSurviveAndFailuresAreRetryable) {
  const int64_t outages = Setting("JINDU_PG_RESTART_OUTAGES", 2, 6);
  const int64_t down_seconds = Setting("JINDU_PG_RESTART_DOWN_SECONDS", 3, 5);
  const auto steady = std::chrono::seconds(Setting("JINDU_PG_RESTART_STEADY_SECONDS", 4, 15));
  // The harness trades durability for speed (tools/lib/postgresql.conf: synchronous_commit off),
  // so a crash loses the last commits it acknowledged: the first run lost one acknowledged
  // organisation at the immediate stop. Production commits synchronously; so does this cluster.
  PostgresCluster& postgres = SharedPostgres();
  {
    pqxx::connection connection(postgres.ConnectionString());
    pqxx::nontransaction tx(connection);
    tx.exec("ALTER SYSTEM SET synchronous_commit = on");
    tx.exec("SELECT pg_reload_conf()");
  }
  std::unique_ptr<ReportingSuite> suite =
      ReportingSuite::Start("reliability_pg_restart", "", "430104");
  const PledgeCampaign campaign = CreatePledgeCampaign(*suite, "可靠性数据库重启宣誓");

  const auto started = Clock::now();
  Load load(*suite, campaign.campaign);
  load.Start();
  // Steady load first.
  ASSERT_GE(load.WaitForAcknowledgements(60, 120s, steady), 0) << "no steady load before";
  std::vector<double> recovery_seconds;
  std::vector<std::string> modes;
  for (int64_t outage = 0; outage < outages; ++outage) {
    const bool immediate = outage % 2 == 1;
    modes.push_back(immediate ? "immediate" : "fast");
    if (immediate) {
      postgres.Kill();
    } else {
      postgres.Stop();
    }
    // The outage's length is the scenario, not a wait for an outcome.
    std::this_thread::sleep_for(std::chrono::seconds(down_seconds));
    postgres.Restart();
    // The pools recover on their own: writes are acknowledged again, without any restart of ours.
    const double recovered = load.WaitForAcknowledgements(30, 120s);
    ASSERT_GE(recovered, 0) << "no write acknowledged within 120 s of restart " << outage + 1
                            << "\nregistration:\n"
                            << suite->registration().Log() << "\npublicity:\n"
                            << suite->publicity().Log();
    recovery_seconds.push_back(recovered);
    ASSERT_GE(load.WaitForAcknowledgements(60, 120s, steady), 0);  // steady again
  }
  load.Stop();
  const double load_seconds = SecondsSince(started);

  // Every failure was UNAVAILABLE.
  std::map<grpc::StatusCode, int64_t> first_codes = load.by_code();
  int64_t failed = 0;
  std::string codes_json;
  for (const auto& [code, count] : first_codes) {
    codes_json += std::string(codes_json.empty() ? "" : ",") + "\"" + CodeName(code) +
                  "\":" + std::to_string(count);
    if (code != grpc::StatusCode::OK) failed += count;
  }
  int shown = 0;
  for (const Write& w : load.writes()) {
    if (w.first != grpc::StatusCode::OK && w.first != grpc::StatusCode::UNAVAILABLE &&
        shown++ < 10) {
      ADD_FAILURE() << (w.kind == Write::kOrganization ? "organization " : "pledge ") << w.index
                    << " failed with " << CodeName(w.first) << ": " << w.error;
    }
  }
  EXPECT_EQ(shown, 0) << "failures other than UNAVAILABLE: " << codes_json;
  EXPECT_GT(failed, 0) << "the outages failed no call: the scenario did not happen";

  // Retrying each failed write unchanged succeeds (UNAVAILABLE again only while a pool reconnects).
  int64_t retried = 0;
  int64_t retry_unavailable = 0;
  for (Write& w : load.writes()) {
    if (w.first == grpc::StatusCode::OK) continue;
    ++retried;
    grpc::Status status;
    for (int attempt = 0; attempt < 50; ++attempt) {
      status = load.Send(w);
      if (status.error_code() != grpc::StatusCode::UNAVAILABLE) break;
      ++retry_unavailable;
      std::this_thread::sleep_for(200ms);
    }
    EXPECT_TRUE(status.ok()) << "retry of " << w.index << ": " << CodeName(status.error_code())
                             << " " << status.error_message();
  }

  // Every write there exactly once: each organisation read back by its name, one row per name;
  // each pledge entry stored once and counted by reporting.
  auto registration = reg::RegistrationService::NewStub(suite->registration().Channel());
  int64_t unreadable = 0;
  for (const Write& w : load.writes()) {
    if (w.kind != Write::kOrganization || w.organization.empty()) continue;
    reg::GetOrganizationRequest request;
    request.set_name(w.organization);
    reg::Organization got;
    auto context = suite->registration().Context(kRegistrar);
    const grpc::Status status = registration->GetOrganization(context.get(), request, &got);
    if (!status.ok() || got.display_name() != kNamePrefix + std::to_string(w.index)) {
      ++unreadable;
      ADD_FAILURE() << "organisation " << w.index << " (first answer " << CodeName(w.first)
                    << ") acknowledged as " << w.organization << " but read back "
                    << CodeName(status.error_code()) << " " << status.error_message();
    }
  }
  EXPECT_EQ(unreadable, 0);
  const std::string registration_url = suite->registration().postgres_url();
  const int64_t organization_rows =
      Scalar(registration_url, std::string("SELECT count(*) FROM registration.organizations WHERE "
                                           "display_name LIKE '") +
                                   kNamePrefix + "%'");
  const int64_t organization_names =
      Scalar(registration_url, std::string("SELECT count(DISTINCT display_name) FROM "
                                           "registration.organizations WHERE display_name LIKE '") +
                                   kNamePrefix + "%'");
  {
    // Which ones are missing, and what their callers had been told.
    pqxx::connection connection(registration_url);
    pqxx::nontransaction tx(connection);
    for (const pqxx::row& row : tx.exec_params(
             "SELECT i FROM generate_series(0, $1::bigint - 1) i WHERE NOT EXISTS (SELECT 1 FROM "
             "registration.organizations WHERE display_name = $2 || i) ORDER BY i LIMIT 10",
             load.organizations(), std::string(kNamePrefix))) {
      const int64_t i = row[0].as<int64_t>();
      for (const Write& w : load.writes()) {
        if (w.kind == Write::kOrganization && w.index == i) {
          ADD_FAILURE() << "organisation " << i << " missing; first answer " << CodeName(w.first)
                        << " " << w.error << "; acknowledged as " << w.organization;
        }
      }
    }
  }
  EXPECT_EQ(organization_rows, load.organizations());
  EXPECT_EQ(organization_names, load.organizations());
  const std::string publicity_url = suite->publicity().postgres_url();
  const int64_t entry_rows =
      Scalar(publicity_url,
             "SELECT count(*) FROM publicity.participation_entries WHERE "
             "campaign_id = '" +
                 campaign.campaign.substr(campaign.campaign.find('/') + 1) + "'");
  EXPECT_EQ(entry_rows, load.pledges());

  // The relays and consumers resumed: reporting counted every pledge, no lag, the checker is clean.
  const std::string reporting = suite->reporting().postgres_url();
  EXPECT_TRUE(WaitForScalar(reporting,
                            "SELECT coalesce(sum(accepted), 0) FROM reporting.participation_facts",
                            load.pledges(), 120s));
  double lag = -1;
  for (auto until = Clock::now() + 60s; Clock::now() < until; std::this_thread::sleep_for(200ms)) {
    lag = MaxConsumerLag(suite->reporting());
    if (lag == 0) break;
  }
  EXPECT_EQ(lag, 0) << "largest jindu_inbox_consumer_lag of reporting";
  const ProgramRun check =
      RunChecker(*suite, {"--settle-seconds", "60", "--unordered-topic", kParticipationTopic});
  EXPECT_EQ(check.exit_code, 0) << check.output;
  const double seconds = SecondsSince(started);

  std::string counts;
  for (const char* name :
       {"unpublished_outbox_rows", "lost_before_topic", "foreign_on_topic", "lost_unprocessed",
        "poison_not_dead_lettered", "duplicated_effects", "lost_effects", "reordered"}) {
    counts += std::string(counts.empty() ? "" : ",") + "\"" + name +
              "\":" + std::to_string(check.Number(name));
  }
  std::string recoveries;
  std::string mode_list;
  for (size_t i = 0; i < recovery_seconds.size(); ++i) {
    char one[32];
    std::snprintf(one, sizeof one, "%s%.1f", i == 0 ? "" : ",", recovery_seconds[i]);
    recoveries += one;
    mode_list += std::string(i == 0 ? "" : ",") + "\"" + modes[i] + "\"";
  }
  char figures[1024];
  std::snprintf(figures, sizeof figures,
                "{\"scenario\":\"postgres_restart\",\"outages\":%lld,\"down_seconds\":%lld,"
                "\"organizations\":%lld,\"pledges\":%lld,\"failed_first\":%lld,"
                "\"retried\":%lld,\"retry_unavailable\":%lld,\"organization_rows\":%lld,"
                "\"entry_rows\":%lld,\"unreadable\":%lld,\"max_consumer_lag\":%.0f,"
                "\"load_seconds\":%.1f,\"seconds\":%.1f,\"checker_exit\":%d,",
                static_cast<long long>(outages), static_cast<long long>(down_seconds),
                static_cast<long long>(load.organizations()),
                static_cast<long long>(load.pledges()), static_cast<long long>(failed),
                static_cast<long long>(retried), static_cast<long long>(retry_unavailable),
                static_cast<long long>(organization_rows), static_cast<long long>(entry_rows),
                static_cast<long long>(unreadable), lag, load_seconds, seconds, check.exit_code);
  const std::string json = std::string(figures) + "\"modes\":[" + mode_list +
                           "],\"recovery_seconds\":[" + recoveries + "],\"first_codes\":{" +
                           codes_json + "},\"checker\":{" + counts + "}}";
  WriteFigures("postgres_restart", json);
  std::printf("postgres_restart: %s\n", json.c_str());
}

}  // namespace
}  // namespace jindu::testing::reliability
