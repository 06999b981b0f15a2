// Services killed under load. N pledge entries enter through publicity's public API
// (participation_load.h) while publicity (the producer: its handlers and its outbox relay) and
// reporting (the consumer) are killed with SIGKILL in turn and started again (same ports, database
// and broker). Calls cut off by a kill, or sent while publicity is down, come back UNAVAILABLE and
// are sent again, the same entry (its entry_id makes the repeat idempotent): so every entry ends
// acknowledged, and acknowledged must equal applied. Once quiet: reporting counts exactly the
// acknowledged entries, and jindu-check reports no unpublished outbox row, no lost, duplicated or
// reordered event (a relay killed between publishing and marking sends again; a consumer killed
// before committing its offset reads again: the inbox must absorb both).
//
// Short run: N=10,000, 6 kills; the long one (JINDU_RELIABILITY_LONG=1): N=100,000, 30 kills.
// JINDU_SERVICE_CRASH_EVENTS and JINDU_SERVICE_CRASH_KILLS override them.

#include "participation_load.h"

namespace jindu::testing::reliability {
namespace {

using namespace std::chrono_literals;

constexpr int kCallers = 6;

TEST(ServiceCrashTest, KilledProducerAndConsumerLoseAndDuplicateNothing) {
  const int64_t total = Setting("JINDU_SERVICE_CRASH_EVENTS", 10000, 100000);
  const int64_t kills = Setting("JINDU_SERVICE_CRASH_KILLS", 6, 30);
  std::unique_ptr<ReportingSuite> suite =
      ReportingSuite::Start("reliability_service_crash", "", "430104");
  const PledgeCampaign campaign = CreatePledgeCampaign(*suite, "可靠性服务崩溃宣誓");
  const std::string reporting = suite->reporting().postgres_url();
  const std::string publicity = suite->publicity().postgres_url();

  const auto load_started = std::chrono::steady_clock::now();
  ParticipationLoad load(suite->publicity(), campaign.campaign, total, kCallers, 11);
  int64_t publicity_kills = 0;
  int64_t reporting_kills = 0;
  double restart_seconds_max = 0;
  // Spread over the load: kill k when (k+1)/(kills+1) of it is answered; the load waits there
  // for it (it must not finish before the last kill).
  const auto gate = [&](int64_t k) { return (k + 1) * total / (kills + 1); };
  load.SetGate(gate(0));
  for (int64_t k = 0; k < kills; ++k) {
    WaitForProgress(load, gate(k), total);
    load.SetGate(gate(k + 1));
    ServiceProcess& victim = k % 2 == 0 ? suite->publicity() : suite->reporting();
    ++(k % 2 == 0 ? publicity_kills : reporting_kills);
    victim.Kill();
    const auto restart = std::chrono::steady_clock::now();
    victim.Restart();
    restart_seconds_max = std::max(restart_seconds_max, SecondsSince(restart));
    ASSERT_TRUE(victim.Running()) << victim.Log();
  }
  load.Join();
  EXPECT_EQ(load.failed(), 0) << load.first_failure();
  EXPECT_EQ(load.acknowledged(), total);

  // Every acknowledged entry reaches reporting exactly once...
  EXPECT_TRUE(WaitForScalar(reporting, kAcceptedSql, load.acknowledged(),
                            std::chrono::seconds(total / 50 + 120)));
  const double applied_seconds = SecondsSince(load_started);
  // ...publicity's own tallies agree, nothing is left in its outbox...
  const int64_t tallied =
      Scalar(publicity, "SELECT coalesce(sum(accepted), 0) FROM publicity.participation_tallies");
  EXPECT_EQ(tallied, load.acknowledged());
  EXPECT_TRUE(WaitForScalar(publicity,
                            "SELECT count(*) FROM publicity.outbox WHERE published_at IS NULL", 0));
  // ...and the checker finds nothing unpublished, lost, duplicated or reordered (participation
  // versions come from one sequence: concurrent batches reach the topic out of version order,
  // harmless, counted apart).
  const ProgramRun check =
      RunChecker(*suite, {"--settle-seconds", "90", "--unordered-topic", kParticipationTopic});
  EXPECT_EQ(check.exit_code, 0) << check.output;
  for (const char* zero : {"unpublished_outbox_rows", "lost_before_topic", "lost_unprocessed",
                           "duplicated_effects", "lost_effects", "reordered"}) {
    EXPECT_EQ(check.Number(zero), 0) << zero << "\n" << check.output;
  }
  const int64_t applied = Scalar(reporting, kAcceptedSql);
  EXPECT_EQ(applied, load.acknowledged());
  // One inbox row per event applied (events read again after a kill were absorbed by it).
  const int64_t inbox_rows = Scalar(reporting,
                                    "SELECT count(*) FROM reporting.inbox WHERE topic = "
                                    "'jindu.publicity.participation.v1'");
  EXPECT_EQ(inbox_rows, load.acknowledged());  // one event per entry, however answered

  char figures[1024];
  std::snprintf(
      figures, sizeof figures,
      "{\"scenario\":\"service_crash\",\"events\":%lld,\"kills\":%lld,\"publicity_kills\":%lld,"
      "\"reporting_kills\":%lld,\"restart_seconds_max\":%.1f,\"acknowledged\":%lld,"
      "\"acknowledged_as_duplicate\":%lld,\"unavailable_retries\":%lld,\"exhausted_retries\":%lld,"
      "\"failed\":%lld,\"applied\":%lld,\"publicity_tallied\":%lld,\"inbox_rows\":%lld,"
      "\"reordered_exempt\":%lld,\"redelivered_on_topic\":%lld,\"ingest_seconds\":%.1f,\"applied_"
      "seconds\":%.1f,"
      "\"checker_exit\":%d,",
      static_cast<long long>(total), static_cast<long long>(kills),
      static_cast<long long>(publicity_kills), static_cast<long long>(reporting_kills),
      restart_seconds_max, static_cast<long long>(load.acknowledged()),
      static_cast<long long>(load.duplicates()), static_cast<long long>(load.unavailable_retries()),
      static_cast<long long>(load.exhausted_retries()), static_cast<long long>(load.failed()),
      static_cast<long long>(applied), static_cast<long long>(tallied),
      static_cast<long long>(inbox_rows),
      static_cast<long long>(check.Number("count", "\"reordered_exempt\"")),
      static_cast<long long>(check.Number("count", "\"redelivered_on_topic\"")), load.seconds(),
      applied_seconds, check.exit_code);
  const std::string json = std::string(figures) + "\"checker\":{" + CheckerCounts(check) + "}}";
  WriteFigures("service_crash", json);
  std::printf("service_crash: %s\n", json.c_str());
}

}  // namespace
}  // namespace jindu::testing::reliability
