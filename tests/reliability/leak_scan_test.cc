// The leak scan over a running suite: people enter with known names, phone numbers and national ID
// numbers (volunteers registered through registration, pledges by phone and by ID number through
// publicity), reporting projects them and serves a dashboard (so Redis holds something), then
// jindu-leak-scan searches every topic (dead letters included), the four services' logs, Redis and
// every non-encrypted text/bytea column of the four schemas (outbox payloads included) for them:
// 0 hits. Then one leak is seeded into each kind of place (a log line, a Kafka message, a Redis
// value, a database column) and each is found.

#include <hiredis/hiredis.h>

#include "harness/temp_dir.h"
#include "jindu/reporting/v1/reporting_service.grpc.pb.h"
#include "reliability_support.h"

namespace jindu::testing::reliability {
namespace {

namespace pub = publicity::v1;
namespace reg = registration::v1;
constexpr int kPeople = 10;

std::string NationalId(const std::string& prefix17_without_serial, int serial) {
  std::string base = prefix17_without_serial;
  base += static_cast<char>('0' + serial / 100 % 10);
  base += static_cast<char>('0' + serial / 10 % 10);
  base += static_cast<char>('0' + serial % 10);
  static const int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (base[i] - '0') * kWeights[i];
  return base + "10X98765432"[sum % 11];
}

TEST(LeakScanTest, FindsNoPersonalDataOutsideEncryptedColumnsAndFindsEachSeededLeak) {
  const auto started = std::chrono::steady_clock::now();
  std::unique_ptr<ReportingSuite> suite = ReportingSuite::Start("reliability_leak", "", "430104");
  std::vector<std::string> needles;

  // Volunteers: name, phone, ID number (with a request id, so the request log is exercised).
  auto registration = reg::RegistrationService::NewStub(suite->registration().Channel());
  static const char* kNames[] = {"欧阳泄露", "司马可查", "上官密存", "诸葛不漏", "东方加密",
                                 "皇甫哈希", "公孙遮蔽", "慕容掩码", "令狐审计", "宇文追踪"};
  for (int i = 0; i < kPeople; ++i) {
    const std::string phone = "139" + std::to_string(87650000 + i);
    const std::string id = NationalId("43010219850315", 100 + i);
    reg::CreateVolunteerRequest create;
    create.set_request_id(TestUuid(7, i));
    create.mutable_volunteer()->set_display_name(kNames[i]);
    create.mutable_volunteer()->set_national_id_number(id);
    create.mutable_volunteer()->set_phone("+86" + phone);
    create.mutable_volunteer()->set_residence_region_code("430102");
    reg::Volunteer created;
    auto context = suite->registration().Context(kRegistrar);
    const grpc::Status status = registration->CreateVolunteer(context.get(), create, &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
    needles.insert(needles.end(), {kNames[i], phone, id});
  }

  // Pledges identified by phone and by national ID number.
  const PledgeCampaign campaign = CreatePledgeCampaign(*suite, "泄露扫描宣誓");
  auto publicity = pub::PublicityService::NewStub(suite->publicity().Channel());
  pub::BatchIngestParticipationEntriesRequest batch;
  for (int i = 0; i < kPeople; ++i) {
    const std::string phone = "137" + std::to_string(55550000 + i);
    *batch.add_entries() = PledgeEntry(campaign.campaign, TestUuid(8, i), phone);
    pub::ParticipationEntry by_id = PledgeEntry(campaign.campaign, TestUuid(9, i), "");
    const std::string id = NationalId("43010319921120", 200 + i);
    by_id.set_participant_identifier(id);
    by_id.set_participant_identifier_kind(pub::PARTICIPANT_IDENTIFIER_KIND_NATIONAL_ID);
    *batch.add_entries() = by_id;
    needles.insert(needles.end(), {phone, id});
  }
  {
    pub::BatchIngestParticipationEntriesResponse response;
    auto context = suite->publicity().Context(kSource);
    const grpc::Status status =
        publicity->BatchIngestParticipationEntries(context.get(), batch, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  const std::string reporting = suite->reporting().postgres_url();
  ASSERT_TRUE(WaitForScalar(reporting,
                            "SELECT coalesce(sum(accepted), 0) FROM reporting.participation_facts",
                            2 * kPeople));
  {  // A dashboard served (and cached in Redis).
    auto stub = reporting::v1::ReportingService::NewStub(suite->reporting().Channel());
    reporting::v1::GetDashboardRequest request;
    request.set_name("dashboards/430000");
    reporting::v1::Dashboard dashboard;
    auto context = suite->reporting().Context(
        {.subject = "province-admin", .roles = {"province_admin"}, .regions = {"430000"}});
    const grpc::Status status = stub->GetDashboard(context.get(), request, &dashboard);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }
  // Quiet: every event consumed everywhere (the checker settles on it).
  const ProgramRun quiet = RunChecker(*suite, {"--settle-seconds", "60"});
  EXPECT_EQ(quiet.exit_code, 0) << quiet.output;

  TempDir directory("leak_scan");
  const std::vector<std::string> args = LeakScanArguments(*suite, needles, directory.path());
  const ProgramRun clean = RunBuiltProgram("tools/checker/jindu-leak-scan", args);
  EXPECT_EQ(clean.exit_code, 0) << clean.output;
  EXPECT_EQ(clean.Number("hits", "{"), 0) << clean.output;
  EXPECT_GT(clean.Number("kafka_messages", "\"scanned\""), 2 * kPeople) << clean.output;
  EXPECT_GT(clean.Number("postgres_values", "\"scanned\""), 100) << clean.output;
  EXPECT_GT(clean.Number("postgres_encrypted_columns_skipped", "\"scanned\""), 0) << clean.output;
  EXPECT_GT(clean.Number("log_bytes", "\"scanned\""), 1000) << clean.output;
  EXPECT_GT(clean.Number("redis_keys", "\"scanned\""), 0) << clean.output;

  // Seeded: one leak in each kind of place.
  {
    std::ofstream(directory.path() + "/publicity.log", std::ios::app)
        << "{\"msg\":\"participant\",\"phone\":\"" << needles[1] << "\"}\n";
  }
  ProduceRaw({{.topic = "jindu.publicity.participation.v1.dlt",
               .key = "seeded",
               .value = "an entry of " + needles[2]}});
  {
    redisContext* redis = redisConnect("127.0.0.1", SharedRedis().port());
    ASSERT_TRUE(redis != nullptr && redis->err == 0);
    freeReplyObject(redisCommand(redis, "SET reliability:seeded %s", needles[0].c_str()));
    redisFree(redis);
  }
  Execute(suite->registration().postgres_url(),
          "UPDATE registration.volunteers SET state_reason = '" + needles[5] +
              "' WHERE volunteer_id = (SELECT min(volunteer_id) FROM registration.volunteers)");
  const ProgramRun seeded = RunBuiltProgram("tools/checker/jindu-leak-scan", args);
  EXPECT_EQ(seeded.exit_code, 1) << seeded.output;
  EXPECT_EQ(seeded.Number("hits", "{"), 4) << seeded.output;
  // The report shows where it leaked without repeating it: the log line's shape, needle masked.
  EXPECT_NE(seeded.output.find("\\\"phone\\\":\\\"\u00ab#1\u00bb"), std::string::npos)
      << seeded.output;
  for (const char* source : {"log", "kafka", "redis", "postgres"}) {
    EXPECT_EQ(seeded.Number(source, "\"hits_by_source\""), 1) << source << ": " << seeded.output;
  }

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  WriteFigures(
      "leak_scan",
      "{\"scenario\":\"leak_scan\",\"needles\":" + std::to_string(needles.size()) +
          ",\"hits\":" + std::to_string(clean.Number("hits", "{")) +
          ",\"seeded_leaks_found\":" + std::to_string(seeded.Number("hits", "{")) +
          ",\"kafka_messages\":" + std::to_string(clean.Number("kafka_messages", "\"scanned\"")) +
          ",\"postgres_values\":" + std::to_string(clean.Number("postgres_values", "\"scanned\"")) +
          ",\"redis_keys\":" + std::to_string(clean.Number("redis_keys", "\"scanned\"")) +
          ",\"log_bytes\":" + std::to_string(clean.Number("log_bytes", "\"scanned\"")) +
          ",\"seconds\":" + std::to_string(seconds) + "}");
}

}  // namespace
}  // namespace jindu::testing::reliability
