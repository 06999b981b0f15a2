// jindu-check proves itself: over a running suite (registration, casework, publicity, reporting)
// with pledges ingested through publicity's API, it reports every count zero; then each defect is
// seeded once, straight into the databases or onto a topic, and the checker must name it:
//   - an event lost by its consumer (inbox row and effect deleted)       -> lost_unprocessed
//   - an effect applied twice (a batch's counts written again)           -> duplicated_effects
//   - an older version applied after a newer one                        -> reordered
//   - an outbox row dropped after publishing                             -> foreign_on_topic
//   - a forged extra copy (new event id, new offset)                     -> foreign_on_topic
// and a plain redelivery (same event id at a new offset) is not a defect: the inbox absorbs it.
// Each seeded defect is undone before the next, and the checker passes again after each undo.

#include <google/protobuf/util/time_util.h>

#include "jindu/events/v1/envelope.pb.h"
#include "jindu/publicity/events/v1/participation_events.pb.h"
#include "reliability_support.h"

namespace jindu::testing::reliability {
namespace {

namespace pub = publicity::v1;
using namespace std::chrono_literals;

constexpr char kParticipationTopic[] = "jindu.publicity.participation.v1";
constexpr int kBatches = 20;

class CheckerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ = ReportingSuite::Start("reliability_checker", "", "430104").release();
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }
  static std::string Reporting() { return suite_->reporting().postgres_url(); }
  static std::string Publicity() { return suite_->publicity().postgres_url(); }

  // Checks and expects exactly `count` of `name` (and a failing exit) or a clean pass.
  static ProgramRun ExpectCount(const std::string& name, int64_t count) {
    ProgramRun run = RunChecker(*suite_);
    EXPECT_EQ(run.exit_code, count == 0 ? 0 : 1) << run.output;
    EXPECT_EQ(run.Number(name), count) << run.output;
    return run;
  }
  static ProgramRun ExpectClean(const std::string& why) {
    ProgramRun run = RunChecker(*suite_, {"--settle-seconds", "30"});
    EXPECT_EQ(run.exit_code, 0) << why << ": " << run.output;
    return run;
  }

  static ReportingSuite* suite_;
};
ReportingSuite* CheckerTest::suite_ = nullptr;

// One published participation event: its id, batch and raw message.
struct PublishedBatch {
  std::string event_id;
  std::string batch_id;
  std::string envelope;
};

PublishedBatch LatestPublishedBatch(const std::string& publicity_url) {
  pqxx::connection connection(publicity_url);
  pqxx::nontransaction tx(connection);
  const pqxx::result rows = tx.exec(
      "SELECT event_id::text, encode(envelope, 'hex') FROM publicity.outbox WHERE topic = "
      "'jindu.publicity.participation.v1' ORDER BY seq DESC LIMIT 1");
  EXPECT_EQ(rows.size(), 1u);
  PublishedBatch batch;
  batch.event_id = rows[0][0].as<std::string>();
  const std::string hex = rows[0][1].as<std::string>();
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    batch.envelope += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  events::v1::EventEnvelope envelope;
  EXPECT_TRUE(envelope.ParseFromString(batch.envelope));
  publicity::events::v1::ParticipationBatchAccepted accepted;
  EXPECT_TRUE(envelope.payload().UnpackTo(&accepted));
  batch.batch_id = accepted.batch_id();
  return batch;
}

TEST_F(CheckerTest, ReportsZeroOnACleanRunAndEachSeededDefectOnce) {
  const auto started = std::chrono::steady_clock::now();
  const PledgeCampaign campaign = CreatePledgeCampaign(*suite_, "可靠性检查宣誓");
  auto stub = pub::PublicityService::NewStub(suite_->publicity().Channel());
  int64_t accepted = 0;
  for (int batch = 0; batch < kBatches; ++batch) {
    pub::BatchIngestParticipationEntriesRequest request;
    for (int i = 0; i <= batch % 3; ++i) {
      *request.add_entries() = PledgeEntry(campaign.campaign, TestUuid(1, batch * 10 + i),
                                           "1390000" + std::to_string(1000 + batch * 10 + i));
      ++accepted;
    }
    pub::BatchIngestParticipationEntriesResponse response;
    auto context = suite_->publicity().Context(kSource);
    const grpc::Status status =
        stub->BatchIngestParticipationEntries(context.get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  ASSERT_TRUE(WaitForScalar(Reporting(), "SELECT sum(accepted) FROM reporting.participation_facts",
                            accepted));

  // Clean: every count zero, and the report saw the events.
  const ProgramRun clean = ExpectClean("clean run");
  EXPECT_GE(clean.Number("distinct_events_on_topics", "\"info\""), kBatches);
  EXPECT_GT(clean.Number("inbox_rows", "\"info\""), kBatches);
  for (const char* name : {"unpublished_outbox_rows", "lost_before_topic", "foreign_on_topic",
                           "lost_unprocessed", "poison_not_dead_lettered", "duplicated_effects",
                           "lost_effects", "reordered", "reordered_on_topic"}) {
    EXPECT_EQ(clean.Number(name), 0) << name;
  }

  const PublishedBatch latest = LatestPublishedBatch(Publicity());
  const std::string event =
      pqxx::nontransaction(*std::make_unique<pqxx::connection>(Reporting())).quote(latest.event_id);
  const std::string batch = "'" + latest.batch_id + "'";

  // 1. Lost: the consumer's inbox row and its effect vanish.
  Execute(Reporting(),
          "CREATE SCHEMA seeded; CREATE TABLE seeded.inbox AS SELECT * FROM reporting.inbox WHERE "
          "event_id = " +
              event +
              "; CREATE TABLE seeded.facts AS SELECT * FROM "
              "reporting.participation_facts WHERE batch_id = " +
              batch +
              "; DELETE FROM "
              "reporting.inbox WHERE event_id = " +
              event +
              "; DELETE FROM "
              "reporting.participation_facts WHERE batch_id = " +
              batch);
  ExpectCount("lost_unprocessed", 1);
  Execute(Reporting(),
          "INSERT INTO reporting.inbox SELECT * FROM seeded.inbox; INSERT INTO "
          "reporting.participation_facts SELECT * FROM seeded.facts; DROP SCHEMA seeded CASCADE");
  ExpectClean("lost event restored");

  // 2. A duplicated effect: the batch's counts written a second time (another day).
  Execute(Reporting(),
          "INSERT INTO reporting.participation_facts SELECT batch_id, region_code, count_date + "
          "400, kind, campaign_id, region_path, accepted, score_sum, max_score_sum FROM "
          "reporting.participation_facts WHERE batch_id = " +
              batch);
  ExpectCount("duplicated_effects", 1);
  Execute(Reporting(),
          "DELETE FROM reporting.participation_facts WHERE count_date > "
          "current_date + 300");
  ExpectClean("duplicate removed");

  // 3. Reordered: the first participation event applied after every later one.
  Execute(Reporting(),
          "CREATE SCHEMA seeded; CREATE TABLE seeded.first AS SELECT event_id, processed_at FROM "
          "reporting.inbox WHERE topic = 'jindu.publicity.participation.v1' ORDER BY "
          "kafka_offset LIMIT 1; UPDATE reporting.inbox SET processed_at = now() + interval '1 "
          "hour' WHERE event_id = (SELECT event_id FROM seeded.first)");
  ExpectCount("reordered", 1);
  Execute(Reporting(),
          "UPDATE reporting.inbox i SET processed_at = f.processed_at FROM seeded.first f WHERE "
          "i.event_id = f.event_id; DROP SCHEMA seeded CASCADE");
  ExpectClean("order restored");

  // 4. An outbox row dropped after publishing: its event is on the topic from nowhere.
  Execute(Publicity(),
          "CREATE SCHEMA seeded; CREATE TABLE seeded.outbox AS SELECT * FROM publicity.outbox "
          "WHERE event_id = " +
              event + "; DELETE FROM publicity.outbox WHERE event_id = " + event);
  ExpectCount("foreign_on_topic", 1);
  Execute(Publicity(),
          "INSERT INTO publicity.outbox SELECT * FROM seeded.outbox; DROP SCHEMA seeded CASCADE");
  ExpectClean("outbox row restored");

  // 5. A redelivery (the same event at a new offset) is absorbed by the inbox: not a defect.
  ProduceRaw({{.topic = kParticipationTopic,
               .key = campaign.campaign.substr(campaign.campaign.find('/') + 1),
               .value = latest.envelope,
               .headers = {{"event_id", latest.event_id}}}});
  ProgramRun redelivered = ExpectClean("redelivery");
  EXPECT_EQ(redelivered.Number("count", "\"redelivered_on_topic\""), 1) << redelivered.output;
  EXPECT_TRUE(WaitForScalar(Reporting(), "SELECT sum(accepted) FROM reporting.participation_facts",
                            accepted));

  // 6. A forged extra copy under a new event id: on the topic, in no outbox.
  events::v1::EventEnvelope forged;
  ASSERT_TRUE(forged.ParseFromString(latest.envelope));
  forged.set_event_id(TestUuid(0xf0f0, 1));
  ProduceRaw({{.topic = kParticipationTopic,
               .key = forged.aggregate_id(),
               .value = forged.SerializeAsString(),
               .headers = {{"event_id", forged.event_id()}}}});
  // Reporting applies it (the batch is known, so nothing counts twice); the checker still objects.
  EXPECT_TRUE(WaitForScalar(
      Reporting(),
      "SELECT count(*) FROM reporting.inbox WHERE event_id = '" + forged.event_id() + "'", 1));
  ProgramRun forged_run = RunChecker(*suite_);
  EXPECT_EQ(forged_run.exit_code, 1) << forged_run.output;
  EXPECT_EQ(forged_run.Number("foreign_on_topic"), 1) << forged_run.output;
  EXPECT_EQ(forged_run.Number("lost_unprocessed"), 0) << forged_run.output;

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  WriteFigures("checker",
               "{\"scenario\":\"checker_seeded_defects\",\"batches\":" + std::to_string(kBatches) +
                   ",\"clean_pass\":true,\"seeded_defects_detected\":5,\"redelivery_absorbed\":"
                   "true,\"seconds\":" +
                   std::to_string(seconds) + "}");
}

}  // namespace
}  // namespace jindu::testing::reliability
