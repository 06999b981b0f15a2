// Backup and restore of one service's schema, as deploy/BACKUP.md describes it, over the whole
// suite (registration, publicity, casework, reporting on real PostgreSQL and Kafka) under load:
// participation batches stream into publicity while pg_dump takes the backup, and reporting counts
// them from publicity's events.
//
// - A producer restored (publicity): the backup holds events its relay had not yet marked
//   published, though Kafka already had them; restored, the relay publishes them again, and
//   reporting's inbox drops them by event id: no figure counted twice.
// - A consumer restored (reporting): its backup knows only part of the load; with its consumer
//   groups deleted it reads every topic from the start, skips what the backup had already applied
//   and applies the rest: every figure exactly once.

#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>
#include <thread>

#include "harness/calendar.h"
#include "harness/child_process.h"
#include "harness/installation.h"
#include "harness/metrics_scrape.h"
#include "harness/registration_backed_suite.h"
#include "harness/shared_infrastructure.h"
#include "harness/temp_dir.h"
#include "jindu/publicity/v1/publicity_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"
#include "jindu/reporting/v1/reporting_service.grpc.pb.h"

namespace jindu::testing {
namespace {

using namespace std::chrono_literals;
namespace pub = publicity::v1;
namespace rep = reporting::v1;

const TestCaller kAdmin{
    .subject = "province-admin", .roles = {"province_admin"}, .regions = {"430000"}};
const TestCaller kSource{
    .subject = "pledge-app", .roles = {"system_caller"}, .regions = {"430000"}};
const TestCaller kReader{
    .subject = "changsha-reader", .roles = {"county_officer"}, .regions = {"430100"}};

constexpr int kBatches = 40;
constexpr int kEntriesPerBatch = 250;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string IdOf(const std::string& name) { return name.substr(name.rfind('/') + 1); }

long Scalar(const std::string& url, const std::string& sql) {
  pqxx::connection connection(url);
  pqxx::nontransaction tx(connection);
  pqxx::row row = tx.exec1(sql);
  return row[0].is_null() ? 0 : row[0].as<long>();
}

void WaitFor(const std::string& url, const std::string& sql, long expected,
             std::chrono::seconds timeout = 60s) {
  long seen = -1;
  for (auto until = std::chrono::steady_clock::now() + timeout;
       std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(100ms)) {
    seen = Scalar(url, sql);
    if (seen == expected) return;
  }
  ADD_FAILURE() << sql << " gave " << seen << ", expected " << expected;
}

// Runs a PostgreSQL client program of the server's own version; fails the test on a non-zero exit.
void RunPostgresTool(const std::string& tool, std::vector<std::string> args,
                     const std::string& log) {
  args.insert(args.begin(), PostgresBinDir() + "/" + tool);
  auto process = ChildProcess::Start(args, {}, log);
  ASSERT_EQ(process->Wait(120s), 0) << ReadFile(log);
}

// The consumer groups whose names start with `prefix` (a service's groups are "<schema>.<name>").
std::vector<std::string> ConsumerGroups(const std::string& prefix) {
  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", SharedKafka().BootstrapServers().c_str(), error,
                    sizeof error);
  rd_kafka_t* handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  EXPECT_NE(handle, nullptr) << error;
  rd_kafka_queue_t* queue = rd_kafka_queue_new(handle);
  rd_kafka_ListConsumerGroups(handle, nullptr, queue);
  rd_kafka_event_t* event = rd_kafka_queue_poll(queue, 30000);
  std::vector<std::string> groups;
  EXPECT_NE(event, nullptr);
  if (event != nullptr) {
    EXPECT_EQ(rd_kafka_event_error(event), RD_KAFKA_RESP_ERR_NO_ERROR);
    size_t count = 0;
    const rd_kafka_ConsumerGroupListing_t** listings = rd_kafka_ListConsumerGroups_result_valid(
        rd_kafka_event_ListConsumerGroups_result(event), &count);
    for (size_t i = 0; i < count; ++i) {
      std::string group = rd_kafka_ConsumerGroupListing_group_id(listings[i]);
      if (group.starts_with(prefix)) groups.push_back(group);
    }
    rd_kafka_event_destroy(event);
  }
  rd_kafka_queue_destroy(queue);
  rd_kafka_destroy(handle);
  return groups;
}

// Forgets where the groups stood (their members must have left: the service stopped), so the
// service reads every topic from the start when it comes back.
void DeleteConsumerGroups(const std::vector<std::string>& groups) {
  ASSERT_FALSE(groups.empty());
  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", SharedKafka().BootstrapServers().c_str(), error,
                    sizeof error);
  rd_kafka_t* handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  ASSERT_NE(handle, nullptr) << error;
  std::vector<rd_kafka_DeleteGroup_t*> deletes;
  for (const std::string& group : groups)
    deletes.push_back(rd_kafka_DeleteGroup_new(group.c_str()));
  rd_kafka_queue_t* queue = rd_kafka_queue_new(handle);
  rd_kafka_DeleteGroups(handle, deletes.data(), deletes.size(), nullptr, queue);
  rd_kafka_event_t* event = rd_kafka_queue_poll(queue, 30000);
  EXPECT_NE(event, nullptr);
  if (event != nullptr) {
    size_t count = 0;
    const rd_kafka_group_result_t** results =
        rd_kafka_DeleteGroups_result_groups(rd_kafka_event_DeleteGroups_result(event), &count);
    EXPECT_EQ(count, groups.size());
    for (size_t i = 0; i < count; ++i) {
      const rd_kafka_error_t* failure = rd_kafka_group_result_error(results[i]);
      EXPECT_TRUE(failure == nullptr)
          << rd_kafka_group_result_name(results[i]) << ": " << rd_kafka_error_string(failure);
    }
    rd_kafka_event_destroy(event);
  }
  rd_kafka_queue_destroy(queue);
  rd_kafka_DeleteGroup_destroy_array(deletes.data(), deletes.size());
  rd_kafka_destroy(handle);
}

// Participation pledges streaming into one campaign from a thread: kBatches batches of distinct
// people, a short pause between them, so that a backup can be taken in the middle.
class Load {
 public:
  Load(ServiceProcess& publicity, std::string campaign, int first_person)
      : thread_([this, &publicity, campaign = std::move(campaign), first_person] {
          auto stub = pub::PublicityService::NewStub(publicity.Channel());
          int person = first_person;
          for (int batch = 0; batch < kBatches; ++batch) {
            pub::BatchIngestParticipationEntriesRequest request;
            for (int i = 0; i < kEntriesPerBatch; ++i, ++person) {
              char entry_id[40];
              std::snprintf(entry_id, sizeof entry_id, "00000000-0000-4000-8000-%012d", person);
              char phone[16];
              std::snprintf(phone, sizeof phone, "138%08d", person);
              pub::ParticipationEntry* entry = request.add_entries();
              entry->set_entry_id(entry_id);
              entry->set_campaign(campaign);
              entry->set_kind(pub::PARTICIPATION_KIND_PLEDGE);
              entry->set_region_code("430102");
              *entry->mutable_occur_time() = google::protobuf::util::TimeUtil::GetCurrentTime() -
                                             google::protobuf::util::TimeUtil::HoursToDuration(1);
              entry->set_participant_identifier(phone);
              entry->set_participant_identifier_kind(pub::PARTICIPANT_IDENTIFIER_KIND_PHONE);
            }
            pub::BatchIngestParticipationEntriesResponse response;
            grpc::Status status = stub->BatchIngestParticipationEntries(
                publicity.Context(kSource, 60s).get(), request, &response);
            EXPECT_TRUE(status.ok()) << status.error_message();
            accepted_ += response.counts().accepted();
            ++batches_;
            std::this_thread::sleep_for(40ms);
          }
        }) {}
  ~Load() { Join(); }

  void Join() {
    if (thread_.joinable()) thread_.join();
  }
  void AwaitBatches(int count) const {
    for (auto until = std::chrono::steady_clock::now() + 60s;
         batches_ < count && std::chrono::steady_clock::now() < until;
         std::this_thread::sleep_for(10ms)) {
    }
    ASSERT_GE(batches_.load(), count);
  }
  bool running() const { return batches_ < kBatches; }
  long accepted() const { return accepted_; }

 private:
  std::atomic<long> accepted_{0};
  std::atomic<int> batches_{0};
  std::thread thread_;
};

class BackupRestoreTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ = ReportingSuite::Start("backup_restore", "", "430104").release();
    dumps_ = new TempDir("backup");
    organizer_ = new std::string(MakeOrganizer());
  }
  static void TearDownTestSuite() {
    publicity_.reset();
    reporting_.reset();
    delete organizer_;
    delete dumps_;
    delete suite_;
  }

  // The city's association, once publicity's replica holds it.
  static std::string MakeOrganizer() {
    auto stub = registration::v1::RegistrationService::NewStub(suite_->registration().Channel());
    registration::v1::CreateOrganizationRequest request;
    request.mutable_organization()->set_display_name("长沙市社会禁毒协会");
    request.mutable_organization()->set_kind(registration::v1::ORGANIZATION_KIND_ASSOCIATION);
    request.mutable_organization()->set_region_code("430100");
    *request.mutable_organization()->mutable_founding_date() = ProtoDay(2019, 6, 26);
    registration::v1::Organization organization;
    grpc::Status status = stub->CreateOrganization(suite_->registration().Context(kAdmin).get(),
                                                   request, &organization);
    EXPECT_TRUE(status.ok()) << status.error_message();
    WaitFor(Publicity().postgres_url(),
            "SELECT count(*) FROM publicity.organization_replica WHERE organization_id = '" +
                IdOf(organization.name()) + "'",
            1);
    return organization.name();
  }

  static ServiceProcess& Publicity() {
    return publicity_ != nullptr ? *publicity_ : suite_->publicity();
  }
  static ServiceProcess& Reporting() {
    return reporting_ != nullptr ? *reporting_ : suite_->reporting();
  }

  static std::string MakeCampaign(const std::string& display_name) {
    pub::CreateCampaignRequest request;
    pub::Campaign* campaign = request.mutable_campaign();
    campaign->set_display_name(display_name);
    campaign->set_tag(pub::CAMPAIGN_TAG_JUNE_26);
    campaign->set_organizer(*organizer_);
    *campaign->mutable_date_range()->mutable_start_date() = DaysFromToday(-30);
    *campaign->mutable_date_range()->mutable_end_date() = DaysFromToday(30);
    campaign->add_region_codes("430102");
    pub::Campaign created;
    grpc::Status status =
        pub::PublicityService::NewStub(Publicity().Channel())
            ->CreateCampaign(Publicity().Context(kAdmin).get(), request, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created.name();
  }

  // Reporting's count of the campaign's pledges, from its facts.
  static std::string CountedSql(const std::string& campaign) {
    return "SELECT sum(accepted) FROM reporting.participation_facts WHERE campaign_id = '" +
           IdOf(campaign) + "'";
  }

  // The campaign's participants as ComputeRegionFigures answers them for 芙蓉区's city.
  static long ReportedParticipants(const std::string& campaign) {
    rep::ComputeRegionFiguresRequest request;
    request.set_region_code("430100");
    *request.mutable_period()->mutable_range()->mutable_start_date() = DaysFromToday(-40);
    *request.mutable_period()->mutable_range()->mutable_end_date() = DaysFromToday(1);
    rep::ComputeRegionFiguresResponse response;
    grpc::Status status =
        rep::ReportingService::NewStub(Reporting().Channel())
            ->ComputeRegionFigures(Reporting().Context(kReader).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    for (const auto& participation : response.figures().publicity().participation()) {
      if (participation.campaign() == campaign) return participation.participants();
    }
    return 0;
  }

  static double ReportingMetric(const std::string& name,
                                const std::map<std::string, std::string>& labels) {
    return SampleValue(ScrapeMetrics(Reporting().metrics_port()), name, labels);
  }

  // pg_dump of one schema at a moment of the load that `chosen` accepts: a repeatable-read
  // transaction exports its snapshot, `chosen` looks at the data in that snapshot, and pg_dump
  // dumps exactly that snapshot while the load goes on. Returns what `chosen` measured.
  static long DumpMidLoad(const std::string& url, const std::string& schema,
                          const std::string& file, const std::string& measure_sql,
                          const Load& load) {
    while (load.running()) {
      pqxx::connection connection(url);
      pqxx::transaction<pqxx::isolation_level::repeatable_read> tx(connection);
      const std::string snapshot = tx.exec1("SELECT pg_export_snapshot()")[0].as<std::string>();
      pqxx::row measured = tx.exec1(measure_sql);
      const long value = measured[0].is_null() ? 0 : measured[0].as<long>();
      if (value > 0) {
        RunPostgresTool("pg_dump",
                        {"--format=custom", "--schema=" + schema, "--no-owner", "--no-privileges",
                         "--snapshot=" + snapshot, "--file=" + file, url},
                        file + ".log");
        tx.commit();
        return value;
      }
      tx.abort();
      std::this_thread::sleep_for(5ms);
    }
    ADD_FAILURE() << "the load ended before a moment worth a backup came";
    return 0;
  }

  // The restore: the schema dropped and recreated from the dump, in one transaction each.
  static void RestoreSchema(const std::string& url, const std::string& schema,
                            const std::string& file) {
    RunPostgresTool("psql",
                    {"--no-psqlrc", "-v", "ON_ERROR_STOP=1", "--command",
                     "DROP SCHEMA IF EXISTS " + schema + " CASCADE", url},
                    file + ".drop.log");
    RunPostgresTool("pg_restore",
                    {"--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges",
                     "--dbname=" + url, file},
                    file + ".restore.log");
  }

  static ReportingSuite* suite_;
  static TempDir* dumps_;
  static std::string* organizer_;
  // The services started again after a restore (the suite's own are stopped by then).
  static std::unique_ptr<ServiceProcess> publicity_;
  static std::unique_ptr<ServiceProcess> reporting_;
};

ReportingSuite* BackupRestoreTest::suite_ = nullptr;
TempDir* BackupRestoreTest::dumps_ = nullptr;
std::string* BackupRestoreTest::organizer_ = nullptr;
std::unique_ptr<ServiceProcess> BackupRestoreTest::publicity_;
std::unique_ptr<ServiceProcess> BackupRestoreTest::reporting_;

TEST_F(BackupRestoreTest, ARestoredProducerRepublishesItsUnmarkedEventsAndNothingCountsTwice) {
  const std::string campaign = MakeCampaign("全民禁毒宣誓（生产者恢复）");
  const std::string publicity_url = Publicity().postgres_url();
  const std::string reporting_url = Reporting().postgres_url();
  const std::string dump = dumps_->File("publicity.dump");

  // The backup: a moment when the outbox holds events the relay has not yet marked published.
  long unmarked_in_backup = 0;
  long total = 0;
  {
    Load load(Publicity(), campaign, 0);
    load.AwaitBatches(8);
    unmarked_in_backup =
        DumpMidLoad(publicity_url, "publicity", dump,
                    "SELECT count(*) FROM publicity.outbox WHERE published_at IS NULL", load);
    load.Join();
    total = load.accepted();
  }
  ASSERT_EQ(total, kBatches * kEntriesPerBatch);
  // Every batch published and counted once before the restore.
  WaitFor(publicity_url, "SELECT count(*) FROM publicity.outbox WHERE published_at IS NULL", 0);
  WaitFor(reporting_url, CountedSql(campaign), total);
  const double duplicates_before =
      ReportingMetric("jindu_inbox_events_total",
                      {{"consumer", "reporting.publicity_facts"}, {"outcome", "duplicate"}});

  // The restore: stop, forget the service's consumer positions, drop and restore the schema.
  ASSERT_EQ(suite_->publicity().Stop(), 0);
  DeleteConsumerGroups(ConsumerGroups("publicity."));
  RestoreSchema(publicity_url, "publicity", dump);
  EXPECT_EQ(
      Scalar(publicity_url, "SELECT count(*) FROM publicity.outbox WHERE published_at IS NULL"),
      unmarked_in_backup);
  const long entries_in_backup =
      Scalar(publicity_url, "SELECT count(*) FROM publicity.participation_entries");
  EXPECT_GT(entries_in_backup, 0);
  EXPECT_LT(entries_in_backup, total);  // taken mid-load: the later batches are not in it

  publicity_ =
      ServiceProcess::Start("services/publicity/jindu-publicity", "backup_restore_publicity");
  // The relay publishes the backup's unmarked events again; reporting recognises every one.
  WaitFor(publicity_url, "SELECT count(*) FROM publicity.outbox WHERE published_at IS NULL", 0);
  for (auto until = std::chrono::steady_clock::now() + 60s;
       ReportingMetric("jindu_inbox_events_total",
                       {{"consumer", "reporting.publicity_facts"}, {"outcome", "duplicate"}}) <
           duplicates_before + static_cast<double>(unmarked_in_backup) &&
       std::chrono::steady_clock::now() < until;
       std::this_thread::sleep_for(100ms)) {
  }
  EXPECT_GE(ReportingMetric("jindu_inbox_events_total",
                            {{"consumer", "reporting.publicity_facts"}, {"outcome", "duplicate"}}),
            duplicates_before + static_cast<double>(unmarked_in_backup));
  EXPECT_EQ(Scalar(reporting_url, CountedSql(campaign)), total);
  EXPECT_EQ(ReportedParticipants(campaign), total);
  std::printf("producer restore: %ld of %ld entries in the backup, %ld events republished\n",
              entries_in_backup, total, unmarked_in_backup);
}

TEST_F(BackupRestoreTest, ARestoredConsumerReplaysItsTopicsAndCountsEveryFigureOnce) {
  const std::string campaign = MakeCampaign("全民禁毒宣誓（消费者恢复）");
  const std::string reporting_url = Reporting().postgres_url();
  const std::string dump = dumps_->File("reporting.dump");

  // The backup: a moment when reporting has counted part of the load.
  long counted_in_backup = 0;
  long total = 0;
  {
    Load load(Publicity(), campaign, 1'000'000);
    load.AwaitBatches(8);
    counted_in_backup = DumpMidLoad(reporting_url, "reporting", dump, CountedSql(campaign), load);
    load.Join();
    total = load.accepted();
  }
  ASSERT_EQ(total, kBatches * kEntriesPerBatch);
  WaitFor(reporting_url, CountedSql(campaign), total);
  const long all_counted =
      Scalar(reporting_url, "SELECT sum(accepted) FROM reporting.participation_facts");
  const long facts = Scalar(reporting_url, "SELECT count(*) FROM reporting.participation_facts");

  ASSERT_EQ(suite_->reporting().Stop(), 0);
  const std::vector<std::string> groups = ConsumerGroups("reporting.");
  DeleteConsumerGroups(groups);
  RestoreSchema(reporting_url, "reporting", dump);
  EXPECT_EQ(Scalar(reporting_url, CountedSql(campaign)), counted_in_backup);
  EXPECT_LT(counted_in_backup, total);

  reporting_ =
      ServiceProcess::Start("services/reporting/jindu-reporting", "backup_restore_reporting");
  WaitFor(reporting_url, CountedSql(campaign), total);
  WaitFor(reporting_url, "SELECT sum(accepted) FROM reporting.participation_facts", all_counted);
  // Caught up: no lag left on any partition of any consumer, and the replay skipped what the
  // backup had applied.
  for (auto until = std::chrono::steady_clock::now() + 60s;
       std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(200ms)) {
    std::string exposition = ScrapeMetrics(Reporting().metrics_port());
    if (exposition.find("jindu_inbox_consumer_lag{") != std::string::npos &&
        SampleValue(exposition, "jindu_inbox_events_total",
                    {{"consumer", "reporting.publicity_facts"}, {"outcome", "duplicate"}}) > 0) {
      bool lagging = false;
      std::istringstream lines(exposition);
      for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("jindu_inbox_consumer_lag{") && !line.ends_with(" 0")) lagging = true;
      }
      if (!lagging) break;
    }
  }
  EXPECT_GT(ReportingMetric("jindu_inbox_events_total",
                            {{"consumer", "reporting.publicity_facts"}, {"outcome", "duplicate"}}),
            0);
  EXPECT_EQ(Scalar(reporting_url, CountedSql(campaign)), total);
  EXPECT_EQ(Scalar(reporting_url, "SELECT sum(accepted) FROM reporting.participation_facts"),
            all_counted);
  EXPECT_EQ(Scalar(reporting_url, "SELECT count(*) FROM reporting.participation_facts"), facts);
  EXPECT_EQ(ReportedParticipants(campaign), total);
  std::printf(
      "consumer restore: %ld of %ld pledges counted in the backup; %zu consumer groups "
      "replayed\n",
      counted_in_backup, total, groups.size());
}

}  // namespace
}  // namespace jindu::testing
