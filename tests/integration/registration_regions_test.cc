// The registration service's region tree, black-box: the real binary over real PostgreSQL and
// Kafka. The seeds' sample imports with Chinese names intact; a second run of any file changes
// nothing (no rows, revisions or events); renames keep history; bad rows are named and nothing is
// half-written; only admins import; the service's own replica follows the events on Kafka.

#include <gtest/gtest.h>

#include <fstream>
#include <pqxx/pqxx>
#include <sstream>
#include <thread>

#include "harness/error_details.h"
#include "harness/service_process.h"
#include "harness/shared_infrastructure.h"
#include "harness/topic_reader.h"
#include "jindu/registration/v1/region_service.grpc.pb.h"
#include "runtime/api/request_log.h"
#include "runtime/inbox/idempotent_consumer.h"
#include "runtime/inbox/inbox_schema.h"
#include "runtime/postgres/connection_pool.h"
#include "runtime/postgres/migrations.h"
#include "runtime/regions/region_replica.h"

namespace jindu::testing {
namespace {

using namespace std::chrono_literals;
using registration::v1::RegionService;

const TestCaller kAdmin{.subject = "admin-1", .roles = {"province_admin"}, .regions = {"430000"}};
const TestCaller kCountyOfficer{
    .subject = "officer-1", .roles = {"county_officer"}, .regions = {"430102"}};

std::string ReadDataFile(const std::string& name) {
  std::ifstream in(std::string(JINDU_SOURCE_DIR) + "/tests/data/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// 200 townships under four Changsha districts, 99 villages each: 20,000 rows.
std::string TwentyThousandRows() {
  std::string csv = "code,name,level,parent,valid_from,valid_to\n";
  const char* counties[] = {"430102", "430103", "430105", "430111"};
  int rows = 0;
  for (int t = 1; t <= 200; ++t) {
    char township[16];
    std::snprintf(township, sizeof township, "%s%03d", counties[(t - 1) % 4], t);
    csv += std::string(township) + ",第" + std::to_string(t) + "街道,township," +
           counties[(t - 1) % 4] + ",2020-01-01,\n";
    ++rows;
    for (int v = 1; v <= 99; ++v) {
      char village[16];
      std::snprintf(village, sizeof village, "%s%03d", township, v);
      csv += std::string(village) + ",\"社区" + std::to_string(v) + ",号\",village," + township +
             ",2020-01-01,\n";
      ++rows;
    }
  }
  EXPECT_EQ(rows, 20000);
  return csv;
}

class RegistrationRegionsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    service_ =
        ServiceProcess::Start("services/registration/jindu-registration", "registration_regions")
            .release();
  }
  static void TearDownTestSuite() {
    delete service_;
    service_ = nullptr;
  }

  grpc::Status Import(const std::string& csv, registration::v1::ImportRegionsResponse* response,
                      const TestCaller& caller = kAdmin, const std::string& request_id = "",
                      bool validate_only = false) {
    registration::v1::ImportRegionsRequest request;
    request.set_csv(csv);
    request.set_request_id(request_id);
    request.set_validate_only(validate_only);
    auto context = service_->Context(caller, 120s);
    return Stub()->ImportRegions(context.get(), request, response);
  }

  std::unique_ptr<RegionService::Stub> Stub() {
    return RegionService::NewStub(service_->Channel());
  }

  long Count(const std::string& sql) {
    pqxx::connection database(service_->postgres_url());
    pqxx::read_transaction tx(database);
    return tx.exec1(sql)[0].as<long>();
  }

  std::vector<std::string> ListCodes(registration::v1::ListRegionsRequest request,
                                     const TestCaller& caller = kCountyOfficer) {
    std::vector<std::string> codes;
    do {
      registration::v1::ListRegionsResponse response;
      auto context = service_->Context(caller);
      grpc::Status status = Stub()->ListRegions(context.get(), request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      for (const auto& region : response.regions()) codes.push_back(region.region_code());
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
    return codes;
  }

  static ServiceProcess* service_;
};

ServiceProcess* RegistrationRegionsTest::service_ = nullptr;

TEST_F(RegistrationRegionsTest, SampleImportsOnceAndAnswersTreeQueries) {
  const std::string sample = ReadDataFile("regions_hunan_sample.csv");
  registration::v1::ImportRegionsResponse first;
  grpc::Status status = Import(sample, &first);
  ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << service_->Log();
  EXPECT_EQ(first.rows_read(), 17);
  EXPECT_EQ(first.created(), 17);

  // A second run of the same file writes nothing.
  registration::v1::ImportRegionsResponse second;
  ASSERT_TRUE(Import(sample, &second).ok());
  EXPECT_EQ(second.created(), 0);
  EXPECT_EQ(second.updated(), 0);
  EXPECT_EQ(second.unchanged(), 17);

  // Names round-trip byte for byte.
  registration::v1::GetRegionRequest get;
  get.set_name("regions/430102");
  registration::v1::Region furong;
  auto context = service_->Context(kCountyOfficer);
  ASSERT_TRUE(Stub()->GetRegion(context.get(), get, &furong).ok());
  EXPECT_EQ(furong.display_name(), "芙蓉区");
  EXPECT_EQ(furong.parent_region_code(), "430100");
  EXPECT_EQ(furong.level(), common::v1::REGION_LEVEL_COUNTY);
  EXPECT_EQ(furong.revision(), 1);
  EXPECT_EQ(furong.audit().create_subject(), "admin-1");

  // Children of Changsha valid today: 宁乡县 (merged into 宁乡市 in 2017) is not among them.
  registration::v1::ListRegionsRequest children;
  children.set_parent_region_code("430100");
  children.set_page_size(4);  // several pages
  EXPECT_EQ(ListCodes(children),
            (std::vector<std::string>{"430102", "430103", "430104", "430105", "430111", "430112",
                                      "430121", "430181", "430182", "Z43010001"}));
  children.set_include_expired(true);
  EXPECT_EQ(ListCodes(children).size(), 11u);
  google::type::Date in_2010;
  in_2010.set_year(2010);
  in_2010.set_month(1);
  in_2010.set_day(1);
  children.set_include_expired(false);
  *children.mutable_valid_on() = in_2010;
  auto in_2010_codes = ListCodes(children);
  EXPECT_NE(std::find(in_2010_codes.begin(), in_2010_codes.end(), "430124"), in_2010_codes.end());
  EXPECT_EQ(std::find(in_2010_codes.begin(), in_2010_codes.end(), "430182"), in_2010_codes.end());

  // The special zone contains its member district; the district stays in the city.
  registration::v1::ListRegionsRequest within_zone;
  within_zone.set_within_region_code("Z43010001");
  EXPECT_EQ(ListCodes(within_zone), (std::vector<std::string>{"430104", "Z43010001"}));
  registration::v1::ListRegionsRequest counties_in_province;
  counties_in_province.set_within_region_code("430000");
  counties_in_province.add_levels(common::v1::REGION_LEVEL_COUNTY);
  EXPECT_EQ(ListCodes(counties_in_province).size(), 11u);

  // One RegionUpserted per region on Kafka, none for the unchanged second run.
  auto events =
      ReadTopicEvents(SharedKafka().BootstrapServers(), "jindu.registration.region.v1", 17);
  std::set<std::string> keys;
  for (const auto& event : events) {
    if (event.envelope.event_type() == "jindu.registration.events.v1.RegionUpserted") {
      keys.insert(event.key);
    }
  }
  EXPECT_GE(keys.size(), 17u);
  EXPECT_TRUE(keys.contains("Z43010001"));

  // The service's replica of its own topic caught up.
  long replicated = 0;
  for (auto until = std::chrono::steady_clock::now() + 30s;
       replicated < 17 && std::chrono::steady_clock::now() < until;
       std::this_thread::sleep_for(200ms)) {
    replicated = Count("SELECT count(*) FROM registration.region_replica");
  }
  EXPECT_GE(replicated, 17);
}

TEST_F(RegistrationRegionsTest, RenameKeepsHistoryAndPublishesOnce) {
  const std::string header = "code,name,level,parent,valid_from,valid_to\n";
  registration::v1::ImportRegionsResponse response;
  ASSERT_TRUE(Import(header + "430000,湖南省,province,,1980-01-01,\n"
                              "430200,株洲市,city,430000,1980-01-01,\n",
                     &response)
                  .ok());
  ASSERT_TRUE(Import(header + "430200,株洲市(新),city,430000,1980-01-01,\n", &response).ok());
  EXPECT_EQ(response.updated(), 1);

  registration::v1::ListRegionRevisionsRequest request;
  request.set_name("regions/430200");
  registration::v1::ListRegionRevisionsResponse revisions;
  auto context = service_->Context(kCountyOfficer);
  ASSERT_TRUE(Stub()->ListRegionRevisions(context.get(), request, &revisions).ok());
  ASSERT_EQ(revisions.revisions_size(), 2);
  EXPECT_EQ(revisions.revisions(0).display_name(), "株洲市(新)");
  EXPECT_EQ(revisions.revisions(0).revision(), 2);
  EXPECT_EQ(revisions.revisions(1).display_name(), "株洲市");
  EXPECT_EQ(Count("SELECT count(*) FROM registration.outbox WHERE message_key = '430200'"), 2);
}

// GetRegion is answered from memory once read (region_answer_cache.h), but never staler than the
// region directory: after an import the next answer is the new revision, audit included.
TEST_F(RegistrationRegionsTest, GetRegionFromMemoryFollowsEveryImport) {
  const std::string header = "code,name,level,parent,valid_from,valid_to\n";
  registration::v1::ImportRegionsResponse response;
  ASSERT_TRUE(Import(header + "430000,湖南省,province,,1980-01-01,\n"
                              "430800,张家界市,city,430000,1980-01-01,\n",
                     &response)
                  .ok());
  auto get = [&](registration::v1::Region* region) {
    registration::v1::GetRegionRequest request;
    request.set_name("regions/430800");
    auto context = service_->Context(kCountyOfficer);
    return Stub()->GetRegion(context.get(), request, region);
  };
  registration::v1::Region first, again;
  ASSERT_TRUE(get(&first).ok());
  ASSERT_TRUE(get(&again).ok());  // from memory
  EXPECT_EQ(again.SerializeAsString(), first.SerializeAsString());
  const int64_t revision = first.revision();

  ASSERT_TRUE(Import(header + "430800,张家界市(新),city,430000,1980-01-01,\n", &response).ok());
  ASSERT_EQ(response.updated(), 1);
  registration::v1::Region renamed;
  ASSERT_TRUE(get(&renamed).ok());
  EXPECT_EQ(renamed.display_name(), "张家界市(新)");
  EXPECT_EQ(renamed.revision(), revision + 1);
  EXPECT_EQ(renamed.audit().create_time().seconds(), first.audit().create_time().seconds());
  EXPECT_GE(renamed.audit().update_time().seconds(), first.audit().update_time().seconds());
  // An unknown region is still looked up (and refused) as before.
  registration::v1::GetRegionRequest missing;
  missing.set_name("regions/439999");
  registration::v1::Region none;
  auto context = service_->Context(kCountyOfficer);
  EXPECT_EQ(Stub()->GetRegion(context.get(), missing, &none).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(RegistrationRegionsTest, BadRowsAreNamedAndNothingIsWritten) {
  const long outbox_before = Count("SELECT count(*) FROM registration.outbox");
  const std::string csv =
      "code,name,level,parent,valid_from,valid_to\n"
      "430000,湖南省,province,,1980-01-01,\n"
      "430300,湘潭市,city,430000,1980-01-01,\n"            // fine, but the file fails as a whole
      "430302,雨湖区,county,439900,1980-01-01,\n"          // unknown parent
      "430303,岳塘区,township,430300,1980-01-01,\n"        // level does not fit the code
      "430304,某区,county,430300,2020-01-01,2019-01-01\n"  // ends before it starts
      "430300,湘潭市,city,430000,1980-01-01,\n"            // duplicate
      "4303,短码,county,430300,1980-01-01,\n";             // malformed code
  registration::v1::ImportRegionsResponse response;
  grpc::Status status = Import(csv, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ErrorReasonOf(status), "INVALID_FIELD");
  auto violations = FieldViolationsOf(status);
  for (const char* expected :
       {"rows[3].level=VALUE_NOT_ALLOWED", "rows[4].valid_to=END_BEFORE_START",
        "rows[5].code=DUPLICATE_IN_REQUEST", "rows[6].code=FIELD_MALFORMED"}) {
    EXPECT_NE(std::find(violations.begin(), violations.end(), expected), violations.end())
        << expected << " missing; message: " << status.error_message();
  }
  // The unknown parent is found once each row is well-formed on its own.
  grpc::Status parent_status = Import(
      "code,name,level,parent,valid_from,valid_to\n430302,雨湖区,county,439900,1980-01-01,\n",
      &response);
  EXPECT_EQ(FieldViolationsOf(parent_status),
            (std::vector<std::string>{"rows[0].parent=REFERENCE_NOT_FOUND"}));
  EXPECT_EQ(Count("SELECT count(*) FROM registration.regions WHERE region_code = '430300'"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM registration.outbox"), outbox_before);

  // Not a CSV at all, and an empty request.
  EXPECT_EQ(Import("code,name\n\"unterminated", &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  grpc::Status empty = Import("", &response);
  EXPECT_EQ(FieldViolationsOf(empty), (std::vector<std::string>{"csv=FIELD_REQUIRED"}));
}

TEST_F(RegistrationRegionsTest, OnlyAdminsImportAndEveryoneMustAuthenticate) {
  registration::v1::ImportRegionsResponse response;
  grpc::Status denied =
      Import("code,name,level,parent,valid_from,valid_to\n", &response, kCountyOfficer);
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(denied), "ROLE_NOT_GRANTED");

  grpc::ClientContext anonymous;
  anonymous.set_deadline(std::chrono::system_clock::now() + 10s);
  registration::v1::GetRegionRequest get;
  get.set_name("regions/430000");
  registration::v1::Region region;
  EXPECT_EQ(Stub()->GetRegion(&anonymous, get, &region).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);

  auto context = service_->Context(kCountyOfficer);
  get.set_name("430102");
  grpc::Status malformed = Stub()->GetRegion(context.get(), get, &region);
  EXPECT_EQ(FieldViolationsOf(malformed), (std::vector<std::string>{"name=FIELD_MALFORMED"}));
  // List filters are checked field by field; a page token works only with its own filters.
  registration::v1::ListRegionsRequest bad_list;
  bad_list.set_within_region_code("4301");
  bad_list.add_levels(common::v1::REGION_LEVEL_UNSPECIFIED);
  registration::v1::ListRegionsResponse listed;
  context = service_->Context(kCountyOfficer);
  EXPECT_EQ(FieldViolationsOf(Stub()->ListRegions(context.get(), bad_list, &listed)),
            (std::vector<std::string>{"within_region_code=FIELD_MALFORMED",
                                      "levels[0]=VALUE_NOT_ALLOWED"}));
  registration::v1::ListRegionsRequest negative;
  negative.set_page_size(-1);
  context = service_->Context(kCountyOfficer);
  EXPECT_EQ(FieldViolationsOf(Stub()->ListRegions(context.get(), negative, &listed)),
            (std::vector<std::string>{"page_size=FIELD_OUT_OF_RANGE"}));
  registration::v1::ListRegionsRequest forged;
  forged.set_page_token("not-a-token");
  context = service_->Context(kCountyOfficer);
  EXPECT_EQ(ErrorReasonOf(Stub()->ListRegions(context.get(), forged, &listed)),
            "INVALID_PAGE_TOKEN");
  registration::v1::ListRegionRevisionsRequest revisions;
  revisions.set_name("regions/439999");
  registration::v1::ListRegionRevisionsResponse revisions_listed;
  context = service_->Context(kCountyOfficer);
  EXPECT_EQ(Stub()->ListRegionRevisions(context.get(), revisions, &revisions_listed).error_code(),
            grpc::StatusCode::NOT_FOUND);

  context = service_->Context(kCountyOfficer);
  get.set_name("regions/439999");
  grpc::Status missing = Stub()->GetRegion(context.get(), get, &region);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ErrorReasonOf(missing), "RESOURCE_NOT_FOUND");
}

TEST_F(RegistrationRegionsTest, RequestIdRepeatsTheFirstAnswerAndRefusesOtherContent) {
  const std::string id = "6f1c2b9e-8a47-4d2e-9c3b-1f0e5d7a2b44";
  const std::string csv =
      "code,name,level,parent,valid_from,valid_to\n"
      "430000,湖南省,province,,1980-01-01,\n"
      "430600,岳阳市,city,430000,1980-01-01,\n";
  registration::v1::ImportRegionsResponse first, repeat;
  ASSERT_TRUE(Import(csv, &first, kAdmin, id).ok());
  ASSERT_TRUE(Import(csv, &repeat, kAdmin, id).ok());
  EXPECT_EQ(repeat.SerializeAsString(), first.SerializeAsString());
  EXPECT_GE(repeat.created(), 1);
  grpc::Status conflict =
      Import(csv + "430700,常德市,city,430000,1980-01-01,\n", &repeat, kAdmin, id);
  EXPECT_EQ(conflict.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ErrorReasonOf(conflict), "DUPLICATE_REQUEST_ID_CONFLICT");
  // Ids are remembered at least 7 days: the housekeeping purge drops only older records.
  {
    pqxx::connection database(service_->postgres_url());
    pqxx::work tx(database);
    tx.exec(
        "INSERT INTO registration.request_log (method, request_id, request_digest, outcome, "
        "created_at) VALUES ('ImportRegions', '00000000-0000-4000-8000-000000000001', 'x', "
        "'', now() - interval '9 days')");
    tx.commit();
    EXPECT_EQ(runtime::PurgeRequestLog(database, "registration", std::chrono::hours(24 * 8)), 1);
  }
  ASSERT_TRUE(Import(csv, &repeat, kAdmin, id).ok());
  EXPECT_EQ(repeat.created(), first.created());  // still the first answer
  grpc::Status malformed = Import(csv, &repeat, kAdmin, "not-a-uuid");
  EXPECT_EQ(FieldViolationsOf(malformed), (std::vector<std::string>{"request_id=FIELD_MALFORMED"}));

  // An answer whose counts pass 127 is recorded and repeated too (its wire form is not UTF-8; the
  // log keeps text).
  std::string many = "code,name,level,parent,valid_from,valid_to\n";
  for (int i = 1; i <= 300; ++i) {
    many += "430600" + std::to_string(100 + i) + ",第" + std::to_string(i) +
            "街道,township,430600,1980-01-01,\n";
  }
  const std::string many_id = "6f1c2b9e-8a47-4d2e-9c3b-1f0e5d7a2b45";
  ASSERT_TRUE(Import(many, &first, kAdmin, many_id).ok());
  EXPECT_EQ(first.created(), 300);
  ASSERT_TRUE(Import(many, &repeat, kAdmin, many_id).ok());
  EXPECT_EQ(repeat.SerializeAsString(), first.SerializeAsString());
}

TEST_F(RegistrationRegionsTest, TwentyThousandRowsImportOnceAndASecondRunChangesNothing) {
  registration::v1::ImportRegionsResponse sample;
  ASSERT_TRUE(Import(ReadDataFile("regions_hunan_sample.csv"), &sample).ok());
  const std::string csv = TwentyThousandRows();
  registration::v1::ImportRegionsResponse validated;
  ASSERT_TRUE(Import(csv, &validated, kAdmin, "", /*validate_only=*/true).ok());
  EXPECT_TRUE(validated.validate_only());
  EXPECT_EQ(validated.created(), 20000);
  EXPECT_EQ(Count("SELECT count(*) FROM registration.regions WHERE length(region_code) = 12"), 0);

  auto started = std::chrono::steady_clock::now();
  registration::v1::ImportRegionsResponse first;
  grpc::Status status = Import(csv, &first);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const auto first_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
  EXPECT_EQ(first.created(), 20000);
  const long regions = Count("SELECT count(*) FROM registration.regions");
  const long revisions = Count("SELECT count(*) FROM registration.region_revisions");
  const long events = Count("SELECT count(*) FROM registration.outbox");

  started = std::chrono::steady_clock::now();
  registration::v1::ImportRegionsResponse second;
  ASSERT_TRUE(Import(csv, &second).ok());
  const auto second_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - started)
                             .count();
  EXPECT_EQ(second.unchanged(), 20000);
  EXPECT_EQ(second.created() + second.updated(), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM registration.regions"), regions);
  EXPECT_EQ(Count("SELECT count(*) FROM registration.region_revisions"), revisions);
  EXPECT_EQ(Count("SELECT count(*) FROM registration.outbox"), events);
  // Figures for the note (not asserted: machines are shared).
  std::printf("20,000-row import: first run %lld ms, second run %lld ms\n",
              static_cast<long long>(first_ms), static_cast<long long>(second_ms));

  // A village answers containment through township, district, city and zone-free province.
  registration::v1::ListRegionsRequest within;
  within.set_within_region_code("430102001");
  EXPECT_EQ(ListCodes(within).size(), 100u);
}

TEST_F(RegistrationRegionsTest, DenominatorsImportOnceAndList) {
  registration::v1::ImportRegionsResponse regions;
  ASSERT_TRUE(Import(ReadDataFile("regions_hunan_sample.csv"), &regions).ok());
  const std::string csv = ReadDataFile("region_denominators_sample.csv");
  auto import = [&](const std::string& text,
                    registration::v1::ImportRegionDenominatorsResponse* r) {
    registration::v1::ImportRegionDenominatorsRequest request;
    request.set_csv(text);
    auto context = service_->Context(kAdmin);
    return Stub()->ImportRegionDenominators(context.get(), request, r);
  };
  registration::v1::ImportRegionDenominatorsResponse first, second;
  // validate_only counts and writes nothing.
  registration::v1::ImportRegionDenominatorsRequest dry_run;
  dry_run.set_csv(csv);
  dry_run.set_validate_only(true);
  registration::v1::ImportRegionDenominatorsResponse validated;
  auto dry_context = service_->Context(kAdmin);
  ASSERT_TRUE(Stub()->ImportRegionDenominators(dry_context.get(), dry_run, &validated).ok());
  EXPECT_TRUE(validated.validate_only());
  EXPECT_EQ(validated.created(), 7);
  EXPECT_EQ(Count("SELECT count(*) FROM registration.region_denominators"), 0);
  // Only admins import.
  dry_context = service_->Context(kCountyOfficer);
  EXPECT_EQ(ErrorReasonOf(Stub()->ImportRegionDenominators(dry_context.get(), dry_run, &validated)),
            "ROLE_NOT_GRANTED");

  ASSERT_TRUE(import(csv, &first).ok());
  EXPECT_EQ(first.created(), 7);
  ASSERT_TRUE(import(csv, &second).ok());
  EXPECT_EQ(second.unchanged(), 7);
  EXPECT_EQ(second.created() + second.updated(), 0);
  ASSERT_TRUE(
      import("code,year,population,students_enrolled\n430102,2024,640000,61000\n", &second).ok());
  EXPECT_EQ(second.updated(), 1);

  grpc::Status bad = import(
      "code,year,population,students_enrolled\n439999,2024,1,\n430102,1999,1,\n430102,2023,-5,\n",
      &second);
  EXPECT_EQ(FieldViolationsOf(bad),
            (std::vector<std::string>{"rows[0].code=REFERENCE_NOT_FOUND",
                                      "rows[1].year=FIELD_OUT_OF_RANGE",
                                      "rows[2].population=FIELD_OUT_OF_RANGE"}));

  registration::v1::ListRegionDenominatorsRequest list;
  list.set_parent("regions/430102");
  registration::v1::ListRegionDenominatorsResponse denominators;
  auto context = service_->Context(kCountyOfficer);
  ASSERT_TRUE(Stub()->ListRegionDenominators(context.get(), list, &denominators).ok());
  ASSERT_EQ(denominators.denominators_size(), 1);
  EXPECT_EQ(denominators.denominators(0).population(), 640000);
  EXPECT_EQ(denominators.denominators(0).students_enrolled(), 61000);
  EXPECT_EQ(denominators.denominators(0).name(), "regions/430102/denominators/2024");
}

// What every other service does: keep a replica of the tree from the events alone, and answer
// containment (special zones included) from it without calling the registration service.
TEST_F(RegistrationRegionsTest, AnotherServicesReplicaAnswersContainmentFromEventsAlone) {
  registration::v1::ImportRegionsResponse imported;
  ASSERT_TRUE(Import(ReadDataFile("regions_hunan_sample.csv"), &imported).ok());

  runtime::ConnectionPool pool(SharedPostgres().CreateDatabase("region_replica_consumer"), 2);
  {
    auto connection = pool.Acquire();
    runtime::ApplyMigrations(*connection, "casework_like",
                             {runtime::InboxMigrations(), runtime::RegionReplicaMigrations()});
  }
  runtime::RegionDirectory replica;
  auto projection = runtime::RegionReplicaProjection("casework_like", replica);
  runtime::IdempotentConsumer consumer(pool, SharedKafka().BootstrapServers(),
                                       {.schema = "casework_like",
                                        .consumer_name = "casework_like.regions",
                                        .topics = projection.topics},
                                       projection.handler);
  // Every region of the file, whichever partition its events went to.
  const std::vector<std::string> sample_codes = {
      "430000", "430100", "430102", "430103",    "430104", "430105", "430111", "430112", "430121",
      "430181", "430182", "430124", "Z43010001", "430400", "430421", "430500", "430523"};
  auto all_known = [&] {
    return std::all_of(sample_codes.begin(), sample_codes.end(),
                       [&](const std::string& code) { return replica.Knows(code); });
  };
  for (auto until = std::chrono::steady_clock::now() + 60s;
       !all_known() && std::chrono::steady_clock::now() < until;) {
    consumer.ProcessNext(200ms);
  }
  ASSERT_TRUE(all_known());
  EXPECT_TRUE(replica.Contains("Z43010001", "430104"));   // the zone holds 岳麓区
  EXPECT_FALSE(replica.Contains("Z43010001", "430102"));  // but not 芙蓉区
  EXPECT_TRUE(replica.Contains("430000", "430523"));
  EXPECT_FALSE(replica.Contains("430100", "430523"));  // 邵阳县 is not in Changsha
  EXPECT_EQ(replica.Find("430124")->successors, std::vector<std::string>{"430182"});

  // After a restart the replica comes back from its own table, without replaying the topic.
  runtime::RegionDirectory restarted;
  EXPECT_GE(runtime::LoadRegionReplica(pool, "casework_like", restarted), 17u);
  EXPECT_TRUE(restarted.Contains("Z43010001", "430104"));
}

}  // namespace
}  // namespace jindu::testing
