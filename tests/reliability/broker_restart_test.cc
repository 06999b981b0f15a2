// The Kafka broker stopped and killed under load. The suite runs on a broker of its own (the shared
// one is never stopped); N pledge entries enter through publicity's public API
// (participation_load.h) and, as the load goes, the broker is stopped (SIGTERM) and started again
// twice, then killed (SIGKILL) and started again, on the same port and storage. Writes need no
// broker (the outbox decouples them): every call must succeed while it is down (no UNAVAILABLE at
// all, and entries are acknowledged during each outage). Once quiet: reporting counts exactly the N
// acknowledged entries and jindu-check reports no unpublished outbox row, no lost, duplicated or
// reordered event.
//
// Short run N=10,000; the long one (JINDU_RELIABILITY_LONG=1) N=100,000.
// JINDU_BROKER_RESTART_EVENTS overrides N.

#include "harness/kafka_broker.h"
#include "participation_load.h"

namespace jindu::testing::reliability {
namespace {

using namespace std::chrono_literals;

constexpr int kCallers = 6;

struct Outage {
  const char* how;                // "stop" or "kill"
  int64_t acknowledged_down = 0;  // entries acknowledged from its exit until it answered again
  double down_seconds = 0;
  double restart_seconds = 0;
};

TEST(BrokerRestartTest, WritesGoOnWhileTheBrokerIsDownAndEveryEventArrivesOnce) {
  const int64_t total = Setting("JINDU_BROKER_RESTART_EVENTS", 10000, 100000);
  std::unique_ptr<KafkaBroker> broker = KafkaBroker::Start();
  const std::string kafka = broker->BootstrapServers();
  std::unique_ptr<ReportingSuite> suite = ReportingSuite::Start(
      "reliability_broker_restart", "", "430104", {}, {{"JINDU_KAFKA_BOOTSTRAP", kafka}});
  const PledgeCampaign campaign = CreatePledgeCampaign(*suite, "可靠性中间件重启宣誓");
  const std::string reporting = suite->reporting().postgres_url();

  std::vector<Outage> outages = {{.how = "stop"}, {.how = "stop"}, {.how = "kill"}};
  const auto load_started = std::chrono::steady_clock::now();
  ParticipationLoad load(suite->publicity(), campaign.campaign, total, kCallers, 10);
  // Outage k starts when entry (k+1)/4 of the load is answered; the load waits there for it.
  const auto gate = [&](size_t k) { return static_cast<int64_t>(k + 1) * total / 4; };
  load.SetGate(gate(0));
  for (size_t k = 0; k < outages.size(); ++k) {
    Outage& outage = outages[k];
    WaitForProgress(load, gate(k), total);
    load.SetGate(k + 1 < outages.size() ? gate(k + 1) : total);
    const auto down = std::chrono::steady_clock::now();
    if (std::string(outage.how) == "stop") {
      broker->Stop();
    } else {
      broker->Kill();
    }
    // Down (from the broker's exit until it answers again) while writes are seen to go on
    // without it: 1/50 of the load acknowledged before it is started again.
    const int64_t acknowledged_before = load.acknowledged();
    WaitForProgress(load, load.done() + total / 50, total);
    const auto restart = std::chrono::steady_clock::now();
    broker->Restart();
    outage.restart_seconds = SecondsSince(restart);
    outage.down_seconds = SecondsSince(down);
    outage.acknowledged_down = load.acknowledged() - acknowledged_before;
    EXPECT_GT(outage.acknowledged_down, 0) << "no write succeeded while the broker was down";
  }
  load.Join();
  EXPECT_EQ(load.failed(), 0) << load.first_failure();
  EXPECT_EQ(load.unavailable_retries(), 0) << "a write needed the broker";
  EXPECT_EQ(load.acknowledged(), total);

  // Every acknowledged entry reaches reporting exactly once...
  EXPECT_TRUE(WaitForScalar(reporting, kAcceptedSql, load.acknowledged(),
                            std::chrono::seconds(total / 50 + 120)));
  const double applied_seconds = SecondsSince(load_started);
  // ...and the checker finds nothing unpublished, lost, duplicated or reordered. Participation
  // versions come from one sequence, so concurrent batches reach the topic out of version order
  // (harmless: facts are keyed by batch), counted apart.
  const ProgramRun check = RunCheckerOn(
      kafka, *suite, {"--settle-seconds", "90", "--unordered-topic", kParticipationTopic});
  EXPECT_EQ(check.exit_code, 0) << check.output;
  for (const char* zero : {"unpublished_outbox_rows", "lost_before_topic", "lost_unprocessed",
                           "duplicated_effects", "lost_effects", "reordered"}) {
    EXPECT_EQ(check.Number(zero), 0) << zero << "\n" << check.output;
  }
  const int64_t applied = Scalar(reporting, kAcceptedSql);
  EXPECT_EQ(applied, load.acknowledged());

  std::string outage_json;
  for (const Outage& outage : outages) {
    char one[256];
    std::snprintf(one, sizeof one,
                  "%s{\"how\":\"%s\",\"acknowledged_while_down\":%lld,\"down_seconds\":%.1f,"
                  "\"restart_seconds\":%.1f}",
                  outage_json.empty() ? "" : ",", outage.how,
                  static_cast<long long>(outage.acknowledged_down), outage.down_seconds,
                  outage.restart_seconds);
    outage_json += one;
  }
  char figures[1024];
  std::snprintf(figures, sizeof figures,
                "{\"scenario\":\"broker_restart\",\"events\":%lld,\"acknowledged\":%lld,"
                "\"acknowledged_as_duplicate\":%lld,\"failed\":%lld,\"unavailable_retries\":%lld,"
                "\"exhausted_retries\":%lld,\"applied\":%lld,\"reordered_exempt\":%lld,"
                "\"ingest_seconds\":%.1f,\"applied_seconds\":%.1f,\"checker_exit\":%d,",
                static_cast<long long>(total), static_cast<long long>(load.acknowledged()),
                static_cast<long long>(load.duplicates()), static_cast<long long>(load.failed()),
                static_cast<long long>(load.unavailable_retries()),
                static_cast<long long>(load.exhausted_retries()), static_cast<long long>(applied),
                static_cast<long long>(check.Number("count", "\"reordered_exempt\"")),
                load.seconds(), applied_seconds, check.exit_code);
  const std::string json = std::string(figures) + "\"outages\":[" + outage_json +
                           "],\"checker\":{" + CheckerCounts(check) + "}}";
  WriteFigures("broker_restart", json);
  std::printf("broker_restart: %s\n", json.c_str());
}

}  // namespace
}  // namespace jindu::testing::reliability
