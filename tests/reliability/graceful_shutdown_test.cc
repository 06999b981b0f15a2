// Graceful shutdown under steady load. Clients call all four services at once: publicity ingests
// pledge entries (one a call; events to reporting), registration creates organisations (each with
// its request_id; events to the other three), casework lists cases and reporting lists filings.
// Each service in turn gets SIGTERM (it must drain: calls in flight finish, new ones are refused,
// its relay and consumers stop between events and commit, it exits 0) and is started again. A call
// answered UNAVAILABLE is sent again, the same request (entry_id, request_id), until the restarted
// instance answers. Expected: 0 calls finally failed; every call in flight at a SIGTERM (sent
// before it, answered after) answered OK or refused UNAVAILABLE and then retried, never cut off
// otherwise; after the restarts no event read twice (consumers committed before leaving: 0
// duplicates counted by the restarted inboxes) or published twice (the relay marked what it sent:
// 0 redeliveries on the topics); reporting counts exactly the acknowledged entries; registration
// holds exactly the acknowledged organisations; jindu-check reports every count zero. Besides the
// load, publicity's SIGTERM comes while a client stream of its ingest is surely in flight (first
// message committed before the signal, second sent during the drain): it must finish OK.
//
// Short run: each service stopped once; the long one (JINDU_RELIABILITY_LONG=1): three rounds.
// JINDU_GRACEFUL_ROUNDS overrides.

#include <mutex>
#include <set>

#include "jindu/casework/v1/casework_service.grpc.pb.h"
#include "jindu/reporting/v1/filing_service.grpc.pb.h"
#include "participation_load.h"

namespace jindu::testing::reliability {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
namespace reg = registration::v1;
namespace pub = publicity::v1;

constexpr int64_t kStreamEntries = 500;  // per message of the stream held across SIGTERM

const TestCaller kFurongWorker{
    .subject = "furong-worker", .roles = {"caseworker"}, .regions = {"430102"}};
const TestCaller kFurongOfficer{
    .subject = "furong-officer", .roles = {"county_officer"}, .regions = {"430102"}};

// The client side of one service: calls, retries, and calls caught in flight by its SIGTERMs.
struct ServiceLoad {
  const char* name;
  ServiceProcess* process;
  // Sends call i (the same request for the same i); returns its status.
  std::function<grpc::Status(int64_t)> call;
  int callers;

  std::atomic<int64_t> ok{0};
  std::atomic<int64_t> unavailable_retries{0};
  std::atomic<int64_t> failed{0};
  std::atomic<int64_t> cancelled_at_shutdown{0};  // sent after a SIGTERM, CANCELLED unhandled
  std::atomic<int64_t> in_flight_ok{0};           // in flight at a SIGTERM, answered OK
  std::atomic<int64_t> in_flight_unavailable{0};  // in flight at a SIGTERM, refused (retried)
  std::atomic<int64_t> in_flight_other{0};        // in flight at a SIGTERM, cut off otherwise
  std::atomic<int64_t> next{0};
  std::mutex mutex;
  std::vector<Clock::time_point> terms;  // when it got SIGTERM
  std::string first_failure;
  double stop_seconds_max = 0;
  int exit_status_worst = 0;

  // Sent after one of its SIGTERMs.
  bool SentAfterTerm(Clock::time_point sent) {
    std::lock_guard lock(mutex);
    for (Clock::time_point term : terms) {
      if (term < sent) return true;
    }
    return false;
  }

  bool TermBetween(Clock::time_point sent, Clock::time_point answered) {
    std::lock_guard lock(mutex);
    for (Clock::time_point term : terms) {
      if (sent < term && term < answered) return true;
    }
    return false;
  }

  void Run(const std::atomic<bool>& stop) {
    for (int64_t i; !stop.load() && (i = next.fetch_add(1)) >= 0;) {
      const auto give_up = Clock::now() + 3min;
      for (;;) {
        const auto sent = Clock::now();
        const grpc::Status status = call(i);
        const bool in_flight = TermBetween(sent, Clock::now());
        if (in_flight) {
          ++(status.ok()                                            ? in_flight_ok
             : status.error_code() == grpc::StatusCode::UNAVAILABLE ? in_flight_unavailable
                                                                    : in_flight_other);
        }
        if (status.ok()) {
          ++ok;
          break;
        }
        // gRPC (1.51 here; still open upstream, grpc/grpc#41785) cancels a call that reaches a
        // server already shutting down before any handler took it: CANCELLED, though nothing ran
        // and the client cancelled nothing. Only a call sent after the SIGTERM can meet that; it
        // is sent again like an UNAVAILABLE one (the same request: safe) and counted apart. A
        // call in flight at the signal that ends CANCELLED is a failed drain (in_flight_other).
        const bool refused_at_shutdown =
            status.error_code() == grpc::StatusCode::CANCELLED && !in_flight && SentAfterTerm(sent);
        const bool retry =
            status.error_code() == grpc::StatusCode::UNAVAILABLE || refused_at_shutdown;
        if (!retry || Clock::now() > give_up) {
          std::lock_guard lock(mutex);
          if (failed.fetch_add(1) == 0) {
            first_failure = std::string(name) + " call " + std::to_string(i) + ": " +
                            std::to_string(status.error_code()) + " " + status.error_message();
          }
          break;
        }
        ++(refused_at_shutdown ? cancelled_at_shutdown : unavailable_retries);
        std::this_thread::sleep_for(20ms);
      }
      std::this_thread::sleep_for(10ms);  // steady, not saturating: ~100 calls/s per caller
    }
  }
};

// The sum of jindu_inbox_events_total{outcome="duplicate"} of a service (every consumer).
double InboxDuplicates(ServiceProcess& service) {
  std::istringstream lines(ScrapeMetrics(service.metrics_port()));
  double total = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("jindu_inbox_events_total{") &&
        line.find("outcome=\"duplicate\"") != std::string::npos) {
      total += std::strtod(line.c_str() + line.rfind(' ') + 1, nullptr);
    }
  }
  return total;
}

// How many times the service has logged the start of a drain (its log spans every instance).
int64_t DrainsLogged(const ServiceProcess& service) {
  const std::string log = service.Log();
  int64_t count = 0;
  for (size_t at = 0; (at = log.find("\"draining\"", at)) != std::string::npos; ++at) ++count;
  return count;
}

// A call surely in flight across a SIGTERM: a client stream of publicity's participation ingest
// opened before it, its first message committed (seen in publicity's table) before the signal, its
// second sent once the service logs that it is draining. The drain must let the call finish: OK,
// every entry acknowledged. Entry ids TestUuid(`id_space`, j); the number acknowledged is returned
// through `acknowledged`. Leaves the service stopping (Stop waits for its exit).
grpc::Status StreamAcrossSigterm(ServiceProcess& publicity, const std::string& campaign,
                                 uint32_t id_space, int64_t per_message, int64_t* acknowledged) {
  auto stub = pub::PublicityService::NewStub(publicity.Channel());
  pub::StreamParticipationEntriesResponse response;
  auto context = publicity.Context(kSource, 120s);
  auto writer = stub->StreamParticipationEntries(context.get(), &response);
  pub::StreamParticipationEntriesRequest first;
  pub::StreamParticipationEntriesRequest second;
  for (int64_t j = 0; j < 2 * per_message; ++j) {
    *(j < per_message ? first : second).add_entries() =
        PledgeEntry(campaign, TestUuid(id_space, static_cast<uint64_t>(j)),
                    LoadPhone(1000000 * static_cast<int64_t>(id_space) + j), 1 + 24 * (j % 28));
  }
  EXPECT_TRUE(writer->Write(first));
  char prefix[16];
  std::snprintf(prefix, sizeof prefix, "%08x-", id_space);
  WaitForScalar(publicity.postgres_url(),
                "SELECT count(*) FROM publicity.participation_entries WHERE entry_id::text LIKE '" +
                    std::string(prefix) + "%'",
                per_message);
  const int64_t drains = DrainsLogged(publicity);
  publicity.BeginStop();
  for (auto until = Clock::now() + 30s; DrainsLogged(publicity) == drains && Clock::now() < until;
       std::this_thread::sleep_for(10ms)) {
  }
  EXPECT_GT(DrainsLogged(publicity), drains) << "publicity did not log its drain";
  EXPECT_TRUE(writer->Write(second)) << "the stream broke at the drain";
  writer->WritesDone();
  const grpc::Status status = writer->Finish();
  *acknowledged = response.counts().accepted() + response.counts().duplicate_entries();
  return status;
}

TEST(GracefulShutdownTest, DrainedServicesFailNoCallAndRepeatNoEvent) {
  const int64_t rounds = Setting("JINDU_GRACEFUL_ROUNDS", 1, 3);
  std::unique_ptr<ReportingSuite> suite =
      ReportingSuite::Start("reliability_graceful_shutdown", "", "430104");
  const PledgeCampaign campaign = CreatePledgeCampaign(*suite, "可靠性优雅停机宣誓");
  const std::string reporting_url = suite->reporting().postgres_url();
  const std::string registration_url = suite->registration().postgres_url();

  auto publicity = pub::PublicityService::NewStub(QuickReconnectChannel(suite->publicity()));
  auto registration =
      reg::RegistrationService::NewStub(QuickReconnectChannel(suite->registration()));
  auto casework = casework::v1::CaseworkService::NewStub(QuickReconnectChannel(suite->casework()));
  auto filings = reporting::v1::FilingService::NewStub(QuickReconnectChannel(suite->reporting()));
  const std::string source_token = suite->publicity().Token(kSource);
  const std::string registrar_token = suite->registration().Token(kRegistrar);
  const std::string worker_token = suite->casework().Token(kFurongWorker);
  const std::string officer_token = suite->reporting().Token(kFurongOfficer);
  auto context = [](grpc::ClientContext& context, const std::string& token) {
    context.set_deadline(std::chrono::system_clock::now() + 30s);
    context.AddMetadata("authorization", "Bearer " + token);
  };
  // Organisation names acknowledged (a repeat with the same request_id must name the same one).
  std::mutex names_mutex;
  std::set<std::string> organisations;

  ServiceLoad loads[4] = {
      {.name = "registration",
       .process = &suite->registration(),
       .call =
           [&](int64_t i) {
             reg::CreateOrganizationRequest request;
             request.set_request_id(TestUuid(30, static_cast<uint64_t>(i)));
             reg::Organization* organization = request.mutable_organization();
             organization->set_display_name("停机测试协会" + std::to_string(i));
             organization->set_kind(reg::ORGANIZATION_KIND_ASSOCIATION);
             organization->set_region_code("430102");
             *organization->mutable_founding_date() = ProtoDay(2019, 6, 26);
             reg::Organization created;
             grpc::ClientContext call;
             context(call, registrar_token);
             grpc::Status status = registration->CreateOrganization(&call, request, &created);
             if (status.ok()) {
               std::lock_guard lock(names_mutex);
               organisations.insert(created.name());
             }
             return status;
           },
       .callers = 1},
      {.name = "casework",
       .process = &suite->casework(),
       .call =
           [&](int64_t) {
             casework::v1::ListCasesRequest request;
             request.set_within_region_code("430102");
             casework::v1::ListCasesResponse response;
             grpc::ClientContext call;
             context(call, worker_token);
             return casework->ListCases(&call, request, &response);
           },
       .callers = 1},
      {.name = "publicity",
       .process = &suite->publicity(),
       .call =
           [&](int64_t i) {
             pub::BatchIngestParticipationEntriesRequest request;
             *request.add_entries() =
                 PledgeEntry(campaign.campaign, TestUuid(31, static_cast<uint64_t>(i)),
                             LoadPhone(i), 1 + 24 * (i % 28));
             pub::BatchIngestParticipationEntriesResponse response;
             grpc::ClientContext call;
             context(call, source_token);
             grpc::Status status =
                 publicity->BatchIngestParticipationEntries(&call, request, &response);
             if (status.ok() && (response.outcomes_size() != 1 ||
                                 (response.outcomes(0) != pub::ENTRY_OUTCOME_ACCEPTED &&
                                  response.outcomes(0) != pub::ENTRY_OUTCOME_DUPLICATE_ENTRY))) {
               return grpc::Status(grpc::StatusCode::INTERNAL,
                                   "entry not acknowledged: " + response.ShortDebugString());
             }
             return status;
           },
       .callers = 3},
      {.name = "reporting",
       .process = &suite->reporting(),
       .call =
           [&](int64_t) {
             reporting::v1::ListFilingsRequest request;
             request.set_within_region_code("430102");
             request.mutable_period()->mutable_month()->set_year(2026);
             request.mutable_period()->mutable_month()->set_month(11);
             reporting::v1::ListFilingsResponse response;
             grpc::ClientContext call;
             context(call, officer_token);
             return filings->ListFilings(&call, request, &response);
           },
       .callers = 1},
  };

  int64_t streams_ok = 0;        // streams in flight at publicity's SIGTERM that finished OK
  int64_t streamed_entries = 0;  // their entries acknowledged
  const auto started = Clock::now();
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (ServiceLoad& load : loads) {
    for (int caller = 0; caller < load.callers; ++caller) {
      threads.emplace_back([&load, &stop] { load.Run(stop); });
    }
  }
  // Steady load first: every service answering.
  auto wait_answers = [&](ServiceLoad& load, int64_t more) {
    const int64_t target = load.ok.load() + more;
    while (load.ok.load() < target && load.failed.load() == 0) std::this_thread::sleep_for(10ms);
  };
  for (ServiceLoad& load : loads) wait_answers(load, 50);
  for (int64_t round = 0; round < rounds; ++round) {
    for (ServiceLoad& load : loads) {
      {
        std::lock_guard lock(load.mutex);
        load.terms.push_back(Clock::now());
      }
      const auto term = Clock::now();
      if (&load == &loads[2]) {
        // Publicity: a call surely in flight across the signal, besides the load's.
        int64_t acknowledged = 0;
        const grpc::Status streamed =
            StreamAcrossSigterm(*load.process, campaign.campaign, 40 + static_cast<uint32_t>(round),
                                kStreamEntries, &acknowledged);
        EXPECT_TRUE(streamed.ok()) << "the stream in flight at SIGTERM: " << streamed.error_code()
                                   << " " << streamed.error_message();
        EXPECT_EQ(acknowledged, 2 * kStreamEntries);
        if (streamed.ok()) ++streams_ok;
        streamed_entries += acknowledged;
      }
      const int status = load.process->Stop();  // SIGTERM, wait for the exit
      load.stop_seconds_max = std::max(load.stop_seconds_max, SecondsSince(term));
      if (status != 0) load.exit_status_worst = status;
      EXPECT_EQ(status, 0) << load.name << " did not exit cleanly after SIGTERM\n"
                           << load.process->Log();
      load.process->Restart();
      // Answering again before the next one goes down.
      wait_answers(load, 50);
    }
  }
  for (ServiceLoad& load : loads) wait_answers(load, 50);
  stop = true;
  for (std::thread& thread : threads) thread.join();
  const double load_seconds = SecondsSince(started);

  int64_t failed = 0;
  for (ServiceLoad& load : loads) {
    failed += load.failed.load();
    EXPECT_EQ(load.failed.load(), 0) << load.first_failure;
    EXPECT_EQ(load.in_flight_other.load(), 0) << load.name << ": calls cut off by the drain";
  }
  ServiceLoad& registration_load = loads[0];
  ServiceLoad& publicity_load = loads[2];
  // Every acknowledged entry counted once by reporting; every acknowledged organisation once.
  EXPECT_TRUE(WaitForScalar(reporting_url, kAcceptedSql,
                            publicity_load.ok.load() + streamed_entries, 180s));
  EXPECT_EQ(static_cast<int64_t>(organisations.size()), registration_load.ok.load());
  EXPECT_EQ(Scalar(registration_url,
                   "SELECT count(*) FROM registration.organizations WHERE display_name LIKE "
                   "'停机测试协会%'"),
            registration_load.ok.load());
  const ProgramRun check =
      RunChecker(*suite, {"--settle-seconds", "90", "--unordered-topic", kParticipationTopic});
  EXPECT_EQ(check.exit_code, 0) << check.output;
  // Nothing published twice by a relay stopped between publishing and marking, nothing read twice
  // by a consumer that left without committing.
  const int64_t redelivered = check.Number("count", "\"redelivered_on_topic\"");
  EXPECT_EQ(redelivered, 0) << check.output;
  double inbox_duplicates = 0;
  for (ServiceLoad& load : loads) inbox_duplicates += InboxDuplicates(*load.process);
  EXPECT_EQ(inbox_duplicates, 0) << "events read again after a graceful restart";

  std::string services;
  int64_t unavailable = 0;
  for (ServiceLoad& load : loads) {
    unavailable += load.unavailable_retries.load();
    char one[512];
    std::snprintf(one, sizeof one,
                  "%s\"%s\":{\"ok\":%lld,\"unavailable_retries\":%lld,"
                  "\"cancelled_at_shutdown_retries\":%lld,\"failed\":%lld,"
                  "\"in_flight_at_sigterm_ok\":%lld,\"in_flight_at_sigterm_unavailable\":%lld,"
                  "\"in_flight_at_sigterm_cut\":%lld,\"stop_seconds_max\":%.1f,\"exit_status\":%d}",
                  services.empty() ? "" : ",", load.name, static_cast<long long>(load.ok.load()),
                  static_cast<long long>(load.unavailable_retries.load()),
                  static_cast<long long>(load.cancelled_at_shutdown.load()),
                  static_cast<long long>(load.failed.load()),
                  static_cast<long long>(load.in_flight_ok.load()),
                  static_cast<long long>(load.in_flight_unavailable.load()),
                  static_cast<long long>(load.in_flight_other.load()), load.stop_seconds_max,
                  load.exit_status_worst);
    services += one;
  }
  char figures[512];
  std::snprintf(figures, sizeof figures,
                "{\"scenario\":\"graceful_shutdown\",\"rounds\":%lld,\"sigterms\":%lld,"
                "\"failed\":%lld,\"unavailable_retries\":%lld,\"redelivered_on_topic\":%lld,"
                "\"inbox_duplicates_after_restart\":%.0f,\"streams_across_sigterm_ok\":%lld,"
                "\"streamed_entries\":%lld,\"entries_applied\":%lld,"
                "\"load_seconds\":%.1f,\"checker_exit\":%d,",
                static_cast<long long>(rounds), static_cast<long long>(rounds * 4),
                static_cast<long long>(failed), static_cast<long long>(unavailable),
                static_cast<long long>(redelivered), inbox_duplicates,
                static_cast<long long>(streams_ok), static_cast<long long>(streamed_entries),
                static_cast<long long>(Scalar(reporting_url, kAcceptedSql)), load_seconds,
                check.exit_code);
  const std::string json = std::string(figures) + "\"services\":{" + services + "},\"checker\":{" +
                           CheckerCounts(check) + "}}";
  WriteFigures("graceful_shutdown", json);
  std::printf("graceful_shutdown: %s\n", json.c_str());
}

}  // namespace
}  // namespace jindu::testing::reliability
