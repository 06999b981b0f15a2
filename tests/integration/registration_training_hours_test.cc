// The registration service's training and service-hour areas, black-box: the real binary over real
// PostgreSQL and Kafka. Sessions and attendance (a repeat changes nothing), the 24-hour rule on
// entry, on confirmation (two concurrent confirmations of one day: exactly one wins) and on
// corrections, self-declared hours, the review queue, region scope and roles, field-named errors,
// the events on Kafka, service hours from publicity activities produced onto their topic, and the
// summary facts read from the service's database.
//
// The organisation and volunteer APIs are not used here: the organisations and volunteers these
// tests refer to are seeded straight into the service's tables (SeedOrganizationRow,
// SeedVolunteerRow), personal columns holding dummy bytes.

#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include <barrier>
#include <chrono>
#include <fstream>
#include <map>
#include <pqxx/pqxx>
#include <set>
#include <sstream>
#include <thread>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "harness/error_details.h"
#include "harness/service_process.h"
#include "harness/shared_infrastructure.h"
#include "harness/topic_reader.h"
#include "jindu/publicity/events/v1/activity_events.pb.h"
#include "jindu/registration/events/v1/service_hour_events.pb.h"
#include "jindu/registration/events/v1/training_events.pb.h"
#include "jindu/registration/v1/region_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"
#include "registration/service_hours/service_summary.h"
#include "runtime/ids/uuid.h"
#include "runtime/kafka/kafka_producer.h"

namespace jindu::testing {
namespace {

using namespace std::chrono_literals;
using registration::v1::RegistrationService;
using registration::v1::ServiceHourRecord;
using registration::v1::ServiceHourSource;
using registration::v1::ServiceHourState;

constexpr const char* kActivityTopic = "jindu.publicity.activity.v1";
constexpr const char* kServiceHourTopic = "jindu.registration.service_hour_record.v1";
constexpr const char* kTrainingTopic = "jindu.registration.training_session.v1";

const TestCaller kAdmin{.subject = "admin-1", .roles = {"province_admin"}, .regions = {"430000"}};
const TestCaller kFurongStaff{
    .subject = "staff-furong", .roles = {"association_staff"}, .regions = {"430102"}};
const TestCaller kFurongOfficer{
    .subject = "officer-furong", .roles = {"county_officer"}, .regions = {"430102"}};
const TestCaller kTianxinOfficer{
    .subject = "officer-tianxin", .roles = {"county_officer"}, .regions = {"430103"}};
const TestCaller kSystem{.subject = "volunteer-app", .roles = {"system_caller"}, .regions = {}};
const TestCaller kCaseworker{
    .subject = "caseworker-furong", .roles = {"caseworker"}, .regions = {"430102"}};

// Organisations the tests refer to (ids as the service would assign them: [a-z0-9-]).
constexpr const char* kFurongAssociation = "org-furong";    // 芙蓉区禁毒协会, 430102
constexpr const char* kTianxinAssociation = "org-tianxin";  // 天心区禁毒协会, 430103
constexpr const char* kFurongTeam = "org-furong-team";  // 芙蓉区禁毒志愿服务队, 430102
constexpr const char* kPublicityBranch = "org-furong-media";  // 芙蓉区宣传分会, 430102

// A civil date in China `days` days before today (negative: after today).
google::type::Date DaysAgo(int days) {
  using namespace std::chrono;
  const auto shanghai_now = system_clock::now() + hours(8);
  const year_month_day day{floor<std::chrono::days>(shanghai_now) - std::chrono::days(days)};
  google::type::Date date;
  date.set_year(static_cast<int>(day.year()));
  date.set_month(static_cast<int>(static_cast<unsigned>(day.month())));
  date.set_day(static_cast<int>(static_cast<unsigned>(day.day())));
  return date;
}

runtime::CivilDate CivilDaysAgo(int days) {
  const google::type::Date date = DaysAgo(days);
  return {date.year(), date.month(), date.day()};
}

std::string IsoDaysAgo(int days) { return runtime::FormatIsoDate(CivilDaysAgo(days)); }

// ErrorInfo.metadata[key] of an error, or "".
std::string ErrorMetadataOf(const grpc::Status& status, const std::string& key) {
  google::rpc::Status details;
  details.ParseFromString(status.error_details());
  for (const auto& detail : details.details()) {
    google::rpc::ErrorInfo info;
    if (detail.UnpackTo(&info)) {
      auto found = info.metadata().find(key);
      return found == info.metadata().end() ? "" : found->second;
    }
  }
  return {};
}

bool Contains(const std::vector<std::string>& values, const std::string& wanted) {
  return std::find(values.begin(), values.end(), wanted) != values.end();
}

std::string ReadDataFile(const std::string& name) {
  std::ifstream in(std::string(JINDU_SOURCE_DIR) + "/tests/data/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// --- Seeding the organisation and volunteer tables directly (their APIs are being written) ---

// The region_path the service stores for a county of the sample tree: the county, its city, the
// province (no special zone contains the counties used here).
std::string CountyRegionPath(const std::string& county) {
  return ";" + county + ";" + county.substr(0, 4) + "00;" + county.substr(0, 2) + "0000;";
}

// Inserts one row into registration.<table>, filling those of `values` the table has. These tables
// belong to the organisation and volunteer area and still change, so the values name every column
// either version needs and the table picks; a NOT NULL column missing here fails loudly.
void InsertSeedRow(pqxx::work& tx, const std::string& table,
                   const std::map<std::string, std::string>& values) {
  std::set<std::string> columns;
  for (const auto& row :
       tx.exec_params("SELECT column_name FROM information_schema.columns WHERE table_schema = "
                      "'registration' AND table_name = $1",
                      table)) {
    columns.insert(row[0].as<std::string>());
  }
  std::string names, literals;
  for (const auto& [column, value] : values) {
    if (!columns.contains(column)) continue;
    names += (names.empty() ? "" : ", ") + column;
    literals += (literals.empty() ? "" : ", ") + tx.quote(value);
  }
  tx.exec("INSERT INTO registration." + table + " (" + names + ") VALUES (" + literals +
          ") ON CONFLICT DO NOTHING");
}

void SeedOrganizationRow(pqxx::work& tx, const std::string& id, const std::string& display_name,
                         const std::string& region_code) {
  InsertSeedRow(tx, "organizations",
                {{"organization_id", id},
                 {"display_name", display_name},
                 {"kind", "1"},
                 {"sector", "0"},
                 {"region_code", region_code},
                 {"region_path", CountyRegionPath(region_code)},
                 {"founding_date", "2010-01-01"},
                 {"state", "1"},
                 {"revision", "1"},
                 {"create_time", "now"},
                 {"update_time", "now"},
                 {"create_subject", "seed"},
                 {"update_subject", "seed"}});
}

// Personal columns hold dummy bytes: nothing here reads them.
void SeedVolunteerRow(pqxx::work& tx, const std::string& id, const std::string& region_code,
                      registration::v1::VolunteerState state) {
  InsertSeedRow(tx, "volunteers",
                {{"volunteer_id", id},
                 {"national_id_hash", "hash-" + id},
                 {"national_id_sealed", "\\x00"},
                 {"national_id_key_id", "seed"},
                 {"national_id_masked", "430***********0000"},
                 {"display_name_sealed", "\\x00"},
                 {"display_name_key_id", "seed"},
                 {"display_name_masked", "*"},
                 {"phone_sealed", "\\x00"},
                 {"phone_key_id", "seed"},
                 {"phone_masked", "138****0000"},
                 {"residence_region_code", region_code},
                 {"region_path", CountyRegionPath(region_code)},
                 {"roles", "1"},
                 {"skills", ""},
                 {"state", std::to_string(static_cast<int>(state))},
                 {"state_subject", "seed"},
                 {"state_time", "now"},
                 {"state_reason", ""},
                 {"revision", "1"},
                 {"create_time", "now"},
                 {"update_time", "now"},
                 {"create_subject", "seed"},
                 {"update_subject", "seed"}});
}

class RegistrationTrainingHoursTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // The publicity service owns the topic; here nobody else creates it before the service
    // subscribes.
    SharedKafka().CreateTopic(kActivityTopic, 1);
    service_ = ServiceProcess::Start("services/registration/jindu-registration",
                                     "registration_training_hours")
                   .release();
    registration::v1::ImportRegionsRequest import;
    import.set_csv(ReadDataFile("regions_hunan_sample.csv"));
    registration::v1::ImportRegionsResponse imported;
    auto context = service_->Context(kAdmin);
    grpc::Status status = registration::v1::RegionService::NewStub(service_->Channel())
                              ->ImportRegions(context.get(), import, &imported);
    ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << service_->Log();

    pqxx::connection database(service_->postgres_url());
    pqxx::work tx(database);
    SeedOrganizationRow(tx, kFurongAssociation, "芙蓉区禁毒协会", "430102");
    SeedOrganizationRow(tx, kTianxinAssociation, "天心区禁毒协会", "430103");
    SeedOrganizationRow(tx, kFurongTeam, "芙蓉区禁毒志愿服务队", "430102");
    SeedOrganizationRow(tx, kPublicityBranch, "芙蓉区宣传分会", "430102");
    tx.commit();
  }
  static void TearDownTestSuite() {
    delete service_;
    service_ = nullptr;
  }

  // Volunteers of one test, so the tests' days never share a volunteer.
  static void SeedVolunteers(
      const std::vector<std::pair<std::string, registration::v1::VolunteerState>>& volunteers,
      const std::string& region_code = "430102") {
    pqxx::connection database(service_->postgres_url());
    pqxx::work tx(database);
    for (const auto& [id, state] : volunteers) SeedVolunteerRow(tx, id, region_code, state);
    tx.commit();
  }

  template <typename Request, typename Response>
  grpc::Status Invoke(grpc::Status (RegistrationService::Stub::*method)(grpc::ClientContext*,
                                                                        const Request&, Response*),
                      const TestCaller& caller, const Request& request, Response* response) {
    auto context = service_->Context(caller);
    auto stub = RegistrationService::NewStub(service_->Channel());
    return (stub.get()->*method)(context.get(), request, response);
  }

  grpc::Status CreateHours(const TestCaller& caller, const std::string& volunteer_id,
                           const std::string& organizer_id, const google::type::Date& work_date,
                           int minutes, ServiceHourSource source, ServiceHourRecord* record,
                           const std::string& request_id = "") {
    registration::v1::CreateServiceHourRecordRequest request;
    auto* wanted = request.mutable_service_hour_record();
    wanted->set_volunteer("volunteers/" + volunteer_id);
    wanted->set_organizer("organizations/" + organizer_id);
    *wanted->mutable_work_date() = work_date;
    wanted->set_minutes(minutes);
    wanted->set_description("社区禁毒宣传值守");
    request.set_source(source);
    request.set_request_id(request_id);
    return Invoke(&RegistrationService::Stub::CreateServiceHourRecord, caller, request, record);
  }

  ServiceHourRecord MustCreateHours(const TestCaller& caller, const std::string& volunteer_id,
                                    const std::string& organizer_id,
                                    const google::type::Date& work_date, int minutes,
                                    ServiceHourSource source) {
    ServiceHourRecord record;
    grpc::Status status =
        CreateHours(caller, volunteer_id, organizer_id, work_date, minutes, source, &record);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return record;
  }

  grpc::Status Confirm(const TestCaller& caller, const std::string& name, ServiceHourRecord* record,
                       const std::string& etag = "") {
    registration::v1::ConfirmServiceHourRecordRequest request;
    request.set_name(name);
    request.set_etag(etag);
    return Invoke(&RegistrationService::Stub::ConfirmServiceHourRecord, caller, request, record);
  }

  grpc::Status Reject(const TestCaller& caller, const std::string& name, const std::string& reason,
                      ServiceHourRecord* record) {
    registration::v1::RejectServiceHourRecordRequest request;
    request.set_name(name);
    request.set_reason(reason);
    return Invoke(&RegistrationService::Stub::RejectServiceHourRecord, caller, request, record);
  }

  grpc::Status GetHours(const TestCaller& caller, const std::string& name,
                        ServiceHourRecord* record) {
    registration::v1::GetServiceHourRecordRequest request;
    request.set_name(name);
    return Invoke(&RegistrationService::Stub::GetServiceHourRecord, caller, request, record);
  }

  grpc::Status RequestCorrection(const TestCaller& caller, const std::string& name,
                                 const registration::v1::ServiceHourCorrection& correction,
                                 ServiceHourRecord* record) {
    registration::v1::RequestServiceHourCorrectionRequest request;
    request.set_name(name);
    *request.mutable_correction() = correction;
    return Invoke(&RegistrationService::Stub::RequestServiceHourCorrection, caller, request,
                  record);
  }

  grpc::Status ApproveCorrection(const TestCaller& caller, const std::string& name,
                                 ServiceHourRecord* record) {
    registration::v1::ApproveServiceHourCorrectionRequest request;
    request.set_name(name);
    return Invoke(&RegistrationService::Stub::ApproveServiceHourCorrection, caller, request,
                  record);
  }

  grpc::Status RejectCorrection(const TestCaller& caller, const std::string& name,
                                const std::string& reason, ServiceHourRecord* record) {
    registration::v1::RejectServiceHourCorrectionRequest request;
    request.set_name(name);
    request.set_reason(reason);
    return Invoke(&RegistrationService::Stub::RejectServiceHourCorrection, caller, request, record);
  }

  // Every record a list request returns, page after page.
  std::vector<ServiceHourRecord> ListAllHours(
      registration::v1::ListServiceHourRecordsRequest request, const TestCaller& caller) {
    std::vector<ServiceHourRecord> records;
    do {
      registration::v1::ListServiceHourRecordsResponse page;
      grpc::Status status =
          Invoke(&RegistrationService::Stub::ListServiceHourRecords, caller, request, &page);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      for (const auto& record : page.service_hour_records()) records.push_back(record);
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    return records;
  }

  long Count(const std::string& sql) {
    pqxx::connection database(service_->postgres_url());
    pqxx::read_transaction tx(database);
    return tx.exec1(sql)[0].as<long>();
  }

  // Waits until `sql` counts at least `expected` (a projection catching up); returns the count.
  long WaitForCount(const std::string& sql, long expected, std::chrono::seconds timeout = 60s) {
    long count = 0;
    for (auto until = std::chrono::steady_clock::now() + timeout;
         std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(200ms)) {
      count = Count(sql);
      if (count >= expected) break;
    }
    return count;
  }

  // Events on `topic` whose key is `key`.
  std::vector<TopicEvent> EventsOf(const std::string& topic, const std::string& key,
                                   size_t expected) {
    std::vector<TopicEvent> matching;
    for (auto until = std::chrono::steady_clock::now() + 60s;
         std::chrono::steady_clock::now() < until;) {
      matching.clear();
      for (auto& event : ReadTopicEvents(SharedKafka().BootstrapServers(), topic, 1, 20s, 1s)) {
        if (event.key == key) matching.push_back(std::move(event));
      }
      if (matching.size() >= expected) break;
    }
    return matching;
  }

  static std::string IdOf(const std::string& name) { return name.substr(name.rfind('/') + 1); }

  static ServiceProcess* service_;
};

ServiceProcess* RegistrationTrainingHoursTest::service_ = nullptr;

// --- Training ---

TEST_F(RegistrationTrainingHoursTest, SessionsAndAttendanceRecordOnceAndPublishEvents) {
  SeedVolunteers({{"tr-approved", registration::v1::VOLUNTEER_STATE_APPROVED},
                  {"tr-active", registration::v1::VOLUNTEER_STATE_ACTIVE},
                  {"tr-suspended", registration::v1::VOLUNTEER_STATE_SUSPENDED},
                  {"tr-late", registration::v1::VOLUNTEER_STATE_ACTIVE},
                  {"tr-applicant", registration::v1::VOLUNTEER_STATE_APPLIED},
                  {"tr-withdrawn", registration::v1::VOLUNTEER_STATE_WITHDRAWN}});
  const std::string request_id = runtime::NewUuid();
  registration::v1::CreateTrainingSessionRequest create;
  auto* wanted = create.mutable_training_session();
  wanted->set_organizer(std::string("organizations/") + kFurongAssociation);
  wanted->set_region_code("430102");
  wanted->set_topic("禁毒业务培训（第一期）");
  *wanted->mutable_session_date() = DaysAgo(10);
  wanted->set_duration_minutes(120);
  create.set_request_id(request_id);
  registration::v1::TrainingSession session;
  grpc::Status status =
      Invoke(&RegistrationService::Stub::CreateTrainingSession, kFurongStaff, create, &session);
  ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << service_->Log();
  EXPECT_TRUE(session.name().starts_with("trainingSessions/"));
  EXPECT_EQ(session.topic(), "禁毒业务培训（第一期）");  // byte for byte
  EXPECT_EQ(session.attendee_count(), 0);
  EXPECT_EQ(session.audit().create_subject(), "staff-furong");

  // The same request again answers the same session; the same id with other content is refused.
  registration::v1::TrainingSession repeat;
  ASSERT_TRUE(
      Invoke(&RegistrationService::Stub::CreateTrainingSession, kFurongStaff, create, &repeat)
          .ok());
  EXPECT_EQ(repeat.name(), session.name());
  create.mutable_training_session()->set_duration_minutes(90);
  grpc::Status conflict =
      Invoke(&RegistrationService::Stub::CreateTrainingSession, kFurongStaff, create, &repeat);
  EXPECT_EQ(conflict.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ErrorReasonOf(conflict), "DUPLICATE_REQUEST_ID_CONFLICT");
  EXPECT_EQ(Count("SELECT count(*) FROM registration.training_sessions WHERE topic = "
                  "'禁毒业务培训（第一期）'"),
            1);

  registration::v1::BatchCreateTrainingAttendancesRequest batch;
  batch.set_parent(session.name());
  for (const char* id : {"tr-approved", "tr-active", "tr-suspended"}) {
    batch.add_attendances()->set_volunteer(std::string("volunteers/") + id);
  }
  batch.mutable_attendances(1)->set_attended_minutes(90);
  registration::v1::BatchCreateTrainingAttendancesResponse first;
  status = Invoke(&RegistrationService::Stub::BatchCreateTrainingAttendances, kFurongStaff, batch,
                  &first);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(first.attendances_size(), 3);
  EXPECT_EQ(first.attendances(0).volunteer(), "volunteers/tr-approved");
  EXPECT_EQ(first.attendances(0).attended_minutes(), 120);  // the session's duration
  EXPECT_EQ(first.attendances(1).attended_minutes(), 90);
  EXPECT_TRUE(first.attendances(2).name().starts_with(session.name() + "/attendances/"));

  // Repeating the batch with one more volunteer records only the new one.
  batch.add_attendances()->set_volunteer("volunteers/tr-late");
  batch.mutable_attendances(1)->set_attended_minutes(60);  // ignored: already recorded
  registration::v1::BatchCreateTrainingAttendancesResponse second;
  ASSERT_TRUE(Invoke(&RegistrationService::Stub::BatchCreateTrainingAttendances, kFurongStaff,
                     batch, &second)
                  .ok());
  ASSERT_EQ(second.attendances_size(), 4);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(second.attendances(i).name(), first.attendances(i).name());
  }
  EXPECT_EQ(second.attendances(1).attended_minutes(), 90);
  registration::v1::GetTrainingSessionRequest get;
  get.set_name(session.name());
  ASSERT_TRUE(
      Invoke(&RegistrationService::Stub::GetTrainingSession, kFurongOfficer, get, &session).ok());
  EXPECT_EQ(session.attendee_count(), 4);

  // All or nothing: one bad entry and nothing of the batch is written; every bad entry is named.
  registration::v1::BatchCreateTrainingAttendancesRequest bad;
  bad.set_parent(session.name());
  bad.add_attendances()->set_volunteer("volunteers/tr-applicant");
  bad.add_attendances()->set_volunteer("volunteers/tr-withdrawn");
  bad.add_attendances()->set_volunteer("volunteers/no-such-volunteer");
  bad.add_attendances()->set_volunteer("volunteers/tr-active");
  registration::v1::BatchCreateTrainingAttendancesResponse ignored;
  grpc::Status refused = Invoke(&RegistrationService::Stub::BatchCreateTrainingAttendances,
                                kFurongStaff, bad, &ignored);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldViolationsOf(refused),
            (std::vector<std::string>{"attendances[0].volunteer=REFERENCE_NOT_FOUND",
                                      "attendances[1].volunteer=REFERENCE_NOT_FOUND",
                                      "attendances[2].volunteer=REFERENCE_NOT_FOUND"}));
  bad.clear_attendances();
  bad.add_attendances()->set_volunteer("volunteers/tr-active");
  bad.add_attendances()->set_volunteer("volunteers/tr-active");
  bad.add_attendances()->set_volunteer("volunteers/tr-late");
  bad.mutable_attendances(2)->set_attended_minutes(121);
  refused = Invoke(&RegistrationService::Stub::BatchCreateTrainingAttendances, kFurongStaff, bad,
                   &ignored);
  EXPECT_EQ(FieldViolationsOf(refused),
            (std::vector<std::string>{"attendances[1].volunteer=DUPLICATE_IN_REQUEST"}));
  bad.mutable_attendances(1)->set_volunteer("volunteers/tr-approved");
  refused = Invoke(&RegistrationService::Stub::BatchCreateTrainingAttendances, kFurongStaff, bad,
                   &ignored);
  EXPECT_EQ(FieldViolationsOf(refused),
            (std::vector<std::string>{"attendances[2].attended_minutes=FIELD_OUT_OF_RANGE"}));
  bad.clear_attendances();
  for (int i = 0; i < 1001; ++i) {
    bad.add_attendances()->set_volunteer("volunteers/v" + std::to_string(i));
  }
  refused = Invoke(&RegistrationService::Stub::BatchCreateTrainingAttendances, kFurongStaff, bad,
                   &ignored);
  EXPECT_EQ(ErrorReasonOf(refused), "BATCH_TOO_LARGE");
  EXPECT_EQ(ErrorMetadataOf(refused, "max_items"), "1000");
  const std::string session_id = IdOf(session.name());
  EXPECT_EQ(Count("SELECT count(*) FROM registration.training_attendances WHERE "
                  "training_session_id = '" +
                  session_id + "'"),
            4);

  // Pages of attendances in recording order.
  registration::v1::ListTrainingAttendancesRequest list;
  list.set_parent(session.name());
  list.set_page_size(3);
  registration::v1::ListTrainingAttendancesResponse page;
  ASSERT_TRUE(
      Invoke(&RegistrationService::Stub::ListTrainingAttendances, kSystem, list, &page).ok());
  ASSERT_EQ(page.attendances_size(), 3);
  EXPECT_EQ(page.attendances(0).name(), first.attendances(0).name());
  ASSERT_FALSE(page.next_page_token().empty());
  list.set_page_token(page.next_page_token());
  ASSERT_TRUE(
      Invoke(&RegistrationService::Stub::ListTrainingAttendances, kSystem, list, &page).ok());
  ASSERT_EQ(page.attendances_size(), 1);
  EXPECT_EQ(page.attendances(0).volunteer(), "volunteers/tr-late");
  EXPECT_TRUE(page.next_page_token().empty());

  // Deleting one guards with its etag.
  registration::v1::DeleteTrainingAttendanceRequest remove;
  remove.set_name(second.attendances(3).name());
  remove.set_etag("stale");
  google::protobuf::Empty empty;
  grpc::Status stale =
      Invoke(&RegistrationService::Stub::DeleteTrainingAttendance, kFurongStaff, remove, &empty);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(ErrorReasonOf(stale), "ETAG_MISMATCH");
  remove.set_etag(second.attendances(3).audit().etag());
  ASSERT_TRUE(
      Invoke(&RegistrationService::Stub::DeleteTrainingAttendance, kFurongStaff, remove, &empty)
          .ok());
  EXPECT_EQ(
      Invoke(&RegistrationService::Stub::DeleteTrainingAttendance, kFurongStaff, remove, &empty)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(
      Invoke(&RegistrationService::Stub::GetTrainingSession, kFurongOfficer, get, &session).ok());
  EXPECT_EQ(session.attendee_count(), 3);

  // Recorded, four attended, one deleted: versions 1..6 in order under the session's key.
  auto events = EventsOf(kTrainingTopic, session_id, 6);
  ASSERT_EQ(events.size(), 6u);
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].envelope.aggregate_version(), static_cast<int64_t>(i + 1));
    EXPECT_EQ(events[i].envelope.region_code(), "430102");
  }
  registration::events::v1::TrainingSessionRecorded recorded;
  ASSERT_TRUE(events[0].envelope.payload().UnpackTo(&recorded));
  EXPECT_EQ(recorded.duration_minutes(), 120);
  registration::events::v1::TrainingAttended attended;
  ASSERT_TRUE(events[2].envelope.payload().UnpackTo(&attended));
  EXPECT_EQ(attended.volunteer(), "volunteers/tr-active");
  EXPECT_EQ(attended.attended_minutes(), 90);
  registration::events::v1::TrainingAttendanceDeleted deleted;
  ASSERT_TRUE(events[5].envelope.payload().UnpackTo(&deleted));
  EXPECT_EQ(deleted.attendance(), second.attendances(3).name());
  EXPECT_EQ(deleted.volunteer(), "volunteers/tr-late");
}

TEST_F(RegistrationTrainingHoursTest, AThousandAttendancesRecordInOneCallAndOnce) {
  std::vector<std::pair<std::string, registration::v1::VolunteerState>> volunteers;
  for (int i = 0; i < 1000; ++i) {
    volunteers.emplace_back("bulk-" + std::to_string(i), registration::v1::VOLUNTEER_STATE_ACTIVE);
  }
  SeedVolunteers(volunteers);
  registration::v1::CreateTrainingSessionRequest create;
  auto* wanted = create.mutable_training_session();
  wanted->set_organizer(std::string("organizations/") + kFurongAssociation);
  wanted->set_region_code("430102");
  wanted->set_topic("全员禁毒知识培训");
  *wanted->mutable_session_date() = DaysAgo(9);
  wanted->set_duration_minutes(60);
  registration::v1::TrainingSession session;
  ASSERT_TRUE(
      Invoke(&RegistrationService::Stub::CreateTrainingSession, kFurongStaff, create, &session)
          .ok());
  registration::v1::BatchCreateTrainingAttendancesRequest batch;
  batch.set_parent(session.name());
  batch.set_request_id(runtime::NewUuid());
  for (const auto& [id, state] : volunteers) {
    batch.add_attendances()->set_volunteer("volunteers/" + id);
  }
  const auto started = std::chrono::steady_clock::now();
  registration::v1::BatchCreateTrainingAttendancesResponse first;
  grpc::Status status = Invoke(&RegistrationService::Stub::BatchCreateTrainingAttendances,
                               kFurongStaff, batch, &first);
  const auto elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::steady_clock::now() - started)
                              .count();
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::printf("1,000 attendances in one call: %lld ms\n", static_cast<long long>(elapsed_ms));
  ASSERT_EQ(first.attendances_size(), 1000);
  EXPECT_EQ(first.attendances(999).volunteer(), "volunteers/bulk-999");

  // The retry with the request id, and the same batch without one: the same answer, no writes.
  const std::string session_id = IdOf(session.name());
  const std::string events_sql =
      "SELECT count(*) FROM registration.outbox WHERE message_key = '" + session_id + "'";
  EXPECT_EQ(Count(events_sql), 1001);
  registration::v1::BatchCreateTrainingAttendancesResponse retried, repeated;
  ASSERT_TRUE(Invoke(&RegistrationService::Stub::BatchCreateTrainingAttendances, kFurongStaff,
                     batch, &retried)
                  .ok());
  batch.clear_request_id();
  ASSERT_TRUE(Invoke(&RegistrationService::Stub::BatchCreateTrainingAttendances, kFurongStaff,
                     batch, &repeated)
                  .ok());
  EXPECT_EQ(retried.SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(repeated.SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(Count(events_sql), 1001);
  registration::v1::GetTrainingSessionRequest get;
  get.set_name(session.name());
  ASSERT_TRUE(
      Invoke(&RegistrationService::Stub::GetTrainingSession, kFurongStaff, get, &session).ok());
  EXPECT_EQ(session.attendee_count(), 1000);
}

TEST_F(RegistrationTrainingHoursTest, SessionsListNewestFirstWithinTheCallersScope) {
  auto create = [&](const TestCaller& caller, const char* organizer, const char* region,
                    int days_ago, const std::string& topic) {
    registration::v1::CreateTrainingSessionRequest request;
    auto* session = request.mutable_training_session();
    session->set_organizer(std::string("organizations/") + organizer);
    session->set_region_code(region);
    session->set_topic(topic);
    *session->mutable_session_date() = DaysAgo(days_ago);
    session->set_duration_minutes(60);
    registration::v1::TrainingSession created;
    grpc::Status status =
        Invoke(&RegistrationService::Stub::CreateTrainingSession, caller, request, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  };
  auto older = create(kFurongStaff, kFurongTeam, "430102", 40, "队伍培训A");
  auto newer = create(kFurongStaff, kFurongTeam, "430102", 3, "队伍培训B");
  auto middle = create(kFurongStaff, kFurongTeam, "430102", 20, "队伍培训C");
  auto tianxin = create(kTianxinOfficer, kTianxinAssociation, "430103", 5, "天心培训");

  registration::v1::ListTrainingSessionsRequest request;
  request.set_organizer(std::string("organizations/") + kFurongTeam);
  request.set_page_size(2);
  std::vector<std::string> names;
  do {
    registration::v1::ListTrainingSessionsResponse page;
    ASSERT_TRUE(
        Invoke(&RegistrationService::Stub::ListTrainingSessions, kFurongOfficer, request, &page)
            .ok());
    for (const auto& session : page.training_sessions()) names.push_back(session.name());
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  EXPECT_EQ(names, (std::vector<std::string>{newer.name(), middle.name(), older.name()}));

  // A date range, and the scope: Furong's officer never sees Tianxin's session.
  registration::v1::ListTrainingSessionsRequest ranged;
  *ranged.mutable_date_range()->mutable_start_date() = DaysAgo(25);
  *ranged.mutable_date_range()->mutable_end_date() = DaysAgo(0);
  registration::v1::ListTrainingSessionsResponse page;
  ASSERT_TRUE(
      Invoke(&RegistrationService::Stub::ListTrainingSessions, kFurongOfficer, ranged, &page).ok());
  names.clear();
  for (const auto& session : page.training_sessions()) names.push_back(session.name());
  EXPECT_TRUE(Contains(names, newer.name()));
  EXPECT_TRUE(Contains(names, middle.name()));
  EXPECT_FALSE(Contains(names, older.name()));
  EXPECT_FALSE(Contains(names, tianxin.name()));
  ASSERT_TRUE(Invoke(&RegistrationService::Stub::ListTrainingSessions, kAdmin, ranged, &page).ok());
  names.clear();
  for (const auto& session : page.training_sessions()) names.push_back(session.name());
  EXPECT_TRUE(Contains(names, tianxin.name()));

  // Naming a region outside the scope, a token of another filter, a backwards range.
  registration::v1::ListTrainingSessionsRequest outside;
  outside.set_within_region_code("430103");
  grpc::Status denied =
      Invoke(&RegistrationService::Stub::ListTrainingSessions, kFurongOfficer, outside, &page);
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(denied), "REGION_OUT_OF_SCOPE");
  request.clear_page_token();
  registration::v1::ListTrainingSessionsResponse first_page;
  ASSERT_TRUE(
      Invoke(&RegistrationService::Stub::ListTrainingSessions, kFurongOfficer, request, &first_page)
          .ok());
  ranged.set_page_token(first_page.next_page_token());
  EXPECT_EQ(ErrorReasonOf(Invoke(&RegistrationService::Stub::ListTrainingSessions, kFurongOfficer,
                                 ranged, &page)),
            "INVALID_PAGE_TOKEN");
  registration::v1::ListTrainingSessionsRequest backwards;
  *backwards.mutable_date_range()->mutable_start_date() = DaysAgo(1);
  *backwards.mutable_date_range()->mutable_end_date() = DaysAgo(5);
  EXPECT_EQ(FieldViolationsOf(Invoke(&RegistrationService::Stub::ListTrainingSessions,
                                     kFurongOfficer, backwards, &page)),
            (std::vector<std::string>{"date_range.end_date=END_BEFORE_START"}));
}

TEST_F(RegistrationTrainingHoursTest, TrainingAnswersByScopeAndRoleAndNamesBadFields) {
  registration::v1::CreateTrainingSessionRequest request;
  auto* session = request.mutable_training_session();
  session->set_organizer(std::string("organizations/") + kFurongAssociation);
  session->set_region_code("430102");
  session->set_topic("禁毒知识讲座");
  *session->mutable_session_date() = DaysAgo(2);
  session->set_duration_minutes(45);
  registration::v1::TrainingSession created;

  // Roles: a caseworker and a system caller may not create; the system caller may read.
  grpc::Status denied =
      Invoke(&RegistrationService::Stub::CreateTrainingSession, kCaseworker, request, &created);
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(denied), "ROLE_NOT_GRANTED");
  EXPECT_EQ(ErrorReasonOf(Invoke(&RegistrationService::Stub::CreateTrainingSession, kSystem,
                                 request, &created)),
            "ROLE_NOT_GRANTED");
  // Tianxin's officer may not hold a session in Furong.
  denied =
      Invoke(&RegistrationService::Stub::CreateTrainingSession, kTianxinOfficer, request, &created);
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(denied), "REGION_OUT_OF_SCOPE");

  ASSERT_TRUE(
      Invoke(&RegistrationService::Stub::CreateTrainingSession, kFurongOfficer, request, &created)
          .ok());
  registration::v1::GetTrainingSessionRequest get;
  get.set_name(created.name());
  registration::v1::TrainingSession read;
  EXPECT_TRUE(Invoke(&RegistrationService::Stub::GetTrainingSession, kSystem, get, &read).ok());
  grpc::Status hidden =
      Invoke(&RegistrationService::Stub::GetTrainingSession, kTianxinOfficer, get, &read);
  EXPECT_EQ(hidden.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ErrorReasonOf(hidden), "RESOURCE_NOT_FOUND");
  get.set_name("trainingSessions/does-not-exist");
  grpc::Status missing =
      Invoke(&RegistrationService::Stub::GetTrainingSession, kTianxinOfficer, get, &read);
  EXPECT_EQ(missing.error_code(), hidden.error_code());
  EXPECT_EQ(ErrorReasonOf(missing), ErrorReasonOf(hidden));

  // The organiser's region must contain the session's; every bad field is named at once.
  session->set_organizer(std::string("organizations/") + kTianxinAssociation);
  EXPECT_EQ(FieldViolationsOf(Invoke(&RegistrationService::Stub::CreateTrainingSession, kAdmin,
                                     request, &created)),
            (std::vector<std::string>{"training_session.region_code=FIELD_OUT_OF_RANGE"}));
  session->set_organizer("organizations/no-such-org");
  EXPECT_EQ(FieldViolationsOf(Invoke(&RegistrationService::Stub::CreateTrainingSession, kAdmin,
                                     request, &created)),
            (std::vector<std::string>{"training_session.organizer=REFERENCE_NOT_FOUND"}));
  session->set_organizer("organisations/x");
  session->set_region_code("4301");
  session->set_topic("");
  *session->mutable_session_date() = DaysAgo(-2);
  session->set_duration_minutes(0);
  auto violations = FieldViolationsOf(
      Invoke(&RegistrationService::Stub::CreateTrainingSession, kAdmin, request, &created));
  EXPECT_EQ(violations,
            (std::vector<std::string>{"training_session.organizer=FIELD_MALFORMED",
                                      "training_session.region_code=FIELD_MALFORMED",
                                      "training_session.topic=FIELD_REQUIRED",
                                      "training_session.session_date=DATE_IN_FUTURE",
                                      "training_session.duration_minutes=FIELD_OUT_OF_RANGE"}));
  session->set_topic(std::string(129, 'x'));
  session->set_duration_minutes(1441);
  violations = FieldViolationsOf(
      Invoke(&RegistrationService::Stub::CreateTrainingSession, kAdmin, request, &created));
  EXPECT_TRUE(Contains(violations, "training_session.topic=FIELD_TOO_LONG"));
  EXPECT_TRUE(Contains(violations, "training_session.duration_minutes=FIELD_OUT_OF_RANGE"));
  // 128 Chinese characters are 128 characters, not 384 bytes.
  std::string long_chinese;
  for (int i = 0; i < 128; ++i) long_chinese += "禁";
  session->set_topic(long_chinese);
  session->set_organizer(std::string("organizations/") + kFurongAssociation);
  session->set_region_code("430102");
  *session->mutable_session_date() = DaysAgo(1);
  session->set_duration_minutes(30);
  grpc::Status fits =
      Invoke(&RegistrationService::Stub::CreateTrainingSession, kAdmin, request, &created);
  EXPECT_TRUE(fits.ok()) << fits.error_message();
  EXPECT_EQ(created.topic(), long_chinese);
}

// --- Service hours ---

TEST_F(RegistrationTrainingHoursTest, OrganizerEnteredHoursAreConfirmedWithinTwentyFourHours) {
  SeedVolunteers({{"oe-volunteer", registration::v1::VOLUNTEER_STATE_ACTIVE}});
  const google::type::Date day = DaysAgo(4);
  const std::string request_id = runtime::NewUuid();
  ServiceHourRecord first;
  grpc::Status status =
      CreateHours(kFurongStaff, "oe-volunteer", kFurongAssociation, day, 800,
                  registration::v1::SERVICE_HOUR_SOURCE_ORGANIZER_ENTERED, &first, request_id);
  ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << service_->Log();
  EXPECT_EQ(first.state(), registration::v1::SERVICE_HOUR_STATE_CONFIRMED);
  EXPECT_EQ(first.decision().subject(), "staff-furong");
  EXPECT_EQ(first.description(), "社区禁毒宣传值守");
  EXPECT_EQ(first.source(), registration::v1::SERVICE_HOUR_SOURCE_ORGANIZER_ENTERED);

  // A retry with the request id answers the first record and writes nothing more.
  ServiceHourRecord repeat;
  ASSERT_TRUE(CreateHours(kFurongStaff, "oe-volunteer", kFurongAssociation, day, 800,
                          registration::v1::SERVICE_HOUR_SOURCE_ORGANIZER_ENTERED, &repeat,
                          request_id)
                  .ok());
  EXPECT_EQ(repeat.name(), first.name());

  // 800 + 700 passes 1440: refused, naming the day; 800 + 640 is exactly 24 hours.
  ServiceHourRecord refused;
  grpc::Status exceeded =
      CreateHours(kFurongStaff, "oe-volunteer", kFurongTeam, day, 700,
                  registration::v1::SERVICE_HOUR_SOURCE_ORGANIZER_ENTERED, &refused);
  EXPECT_EQ(exceeded.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(exceeded), "DAILY_SERVICE_HOURS_EXCEEDED");
  EXPECT_EQ(ErrorMetadataOf(exceeded, "work_date"), IsoDaysAgo(4));
  ServiceHourRecord rest = MustCreateHours(kFurongStaff, "oe-volunteer", kFurongTeam, day, 640,
                                           registration::v1::SERVICE_HOUR_SOURCE_ORGANIZER_ENTERED);
  EXPECT_EQ(rest.state(), registration::v1::SERVICE_HOUR_STATE_CONFIRMED);
  MustCreateHours(kFurongStaff, "oe-volunteer", kFurongTeam, DaysAgo(5), 700,
                  registration::v1::SERVICE_HOUR_SOURCE_ORGANIZER_ENTERED);
  EXPECT_EQ(Count("SELECT coalesce(sum(minutes), 0) FROM registration.service_hour_records WHERE "
                  "volunteer_id = 'oe-volunteer' AND work_date = '" +
                  IsoDaysAgo(4) + "'"),
            1440);

  // The confirmation went out on Kafka: ids, region, day and minutes, never the description.
  auto events = EventsOf(kServiceHourTopic, IdOf(first.name()), 1);
  ASSERT_EQ(events.size(), 1u);
  const auto& envelope = events[0].envelope;
  EXPECT_EQ(envelope.event_type(), "jindu.registration.events.v1.ServiceHoursConfirmed");
  EXPECT_EQ(envelope.aggregate_type(), "service_hour_record");
  EXPECT_EQ(envelope.aggregate_version(), 1);
  EXPECT_EQ(envelope.producer(), "registration");
  registration::events::v1::ServiceHoursConfirmed confirmed;
  ASSERT_TRUE(envelope.payload().UnpackTo(&confirmed));
  EXPECT_EQ(confirmed.service_hour_record(), first.name());
  EXPECT_EQ(confirmed.volunteer(), "volunteers/oe-volunteer");
  EXPECT_EQ(confirmed.organizer(), std::string("organizations/") + kFurongAssociation);
  EXPECT_EQ(confirmed.region_code(), "430102");
  EXPECT_EQ(confirmed.minutes(), 800);
  EXPECT_EQ(confirmed.work_date().day(), day.day());
  EXPECT_FALSE(confirmed.corrected());
  EXPECT_EQ(envelope.SerializeAsString().find("社区禁毒宣传值守"), std::string::npos);
}

TEST_F(RegistrationTrainingHoursTest, SelfDeclaredHoursWaitForTheOrganizer) {
  SeedVolunteers({{"sd-volunteer", registration::v1::VOLUNTEER_STATE_ACTIVE}});
  const google::type::Date day = DaysAgo(6);
  // A volunteer declares through the volunteer app (a system caller)...
  ServiceHourRecord declared =
      MustCreateHours(kSystem, "sd-volunteer", kFurongAssociation, day, 600,
                      registration::v1::SERVICE_HOUR_SOURCE_SELF_DECLARED);
  EXPECT_EQ(declared.state(), registration::v1::SERVICE_HOUR_STATE_PENDING_CONFIRMATION);
  EXPECT_FALSE(declared.has_decision());
  // ...which may not enter hours that count at once.
  ServiceHourRecord ignored;
  grpc::Status denied =
      CreateHours(kSystem, "sd-volunteer", kFurongAssociation, day, 60,
                  registration::v1::SERVICE_HOUR_SOURCE_ORGANIZER_ENTERED, &ignored);
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(denied), "ROLE_NOT_GRANTED");
  // Nor may it confirm.
  EXPECT_EQ(ErrorReasonOf(Confirm(kSystem, declared.name(), &ignored)), "ROLE_NOT_GRANTED");

  // The organiser confirms (with the etag last read); a second confirmation is refused.
  ServiceHourRecord confirmed;
  EXPECT_EQ(ErrorReasonOf(Confirm(kFurongStaff, declared.name(), &confirmed, "999")),
            "ETAG_MISMATCH");
  grpc::Status status = Confirm(kFurongStaff, declared.name(), &confirmed, declared.audit().etag());
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(confirmed.state(), registration::v1::SERVICE_HOUR_STATE_CONFIRMED);
  EXPECT_EQ(confirmed.decision().subject(), "staff-furong");
  EXPECT_NE(confirmed.audit().etag(), declared.audit().etag());
  grpc::Status again = Confirm(kFurongStaff, declared.name(), &ignored);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(again), "ILLEGAL_STATE_TRANSITION");

  // A second declaration that would pass 24 hours cannot be confirmed, only rejected.
  ServiceHourRecord too_much =
      MustCreateHours(kSystem, "sd-volunteer", kFurongAssociation, day, 900,
                      registration::v1::SERVICE_HOUR_SOURCE_SELF_DECLARED);
  EXPECT_EQ(ErrorReasonOf(Confirm(kFurongOfficer, too_much.name(), &ignored)),
            "DAILY_SERVICE_HOURS_EXCEEDED");
  ServiceHourRecord unchanged;
  ASSERT_TRUE(GetHours(kFurongStaff, too_much.name(), &unchanged).ok());
  EXPECT_EQ(unchanged.state(), registration::v1::SERVICE_HOUR_STATE_PENDING_CONFIRMATION);
  EXPECT_EQ(FieldViolationsOf(Reject(kFurongStaff, too_much.name(), "", &ignored)),
            (std::vector<std::string>{"reason=FIELD_REQUIRED"}));
  ServiceHourRecord rejected;
  ASSERT_TRUE(Reject(kFurongStaff, too_much.name(), "当天无此活动", &rejected).ok());
  EXPECT_EQ(rejected.state(), registration::v1::SERVICE_HOUR_STATE_REJECTED);
  EXPECT_EQ(rejected.decision().reason(), "当天无此活动");
  EXPECT_EQ(ErrorReasonOf(Reject(kFurongStaff, too_much.name(), "再次拒绝", &ignored)),
            "ILLEGAL_STATE_TRANSITION");
  EXPECT_EQ(Count("SELECT count(*) FROM registration.outbox WHERE message_key = '" +
                  IdOf(too_much.name()) + "'"),
            0);  // a rejection publishes nothing: the record never counted
}

TEST_F(RegistrationTrainingHoursTest, TwoConcurrentConfirmationsOfOneDayLetExactlyOneWin) {
  // Several rounds, each a fresh volunteer-day, so a lucky interleaving cannot hide a race.
  for (int round = 0; round < 5; ++round) {
    const std::string volunteer = "cc-volunteer-" + std::to_string(round);
    SeedVolunteers({{volunteer, registration::v1::VOLUNTEER_STATE_ACTIVE}});
    const google::type::Date day = DaysAgo(7 + round);
    ServiceHourRecord a = MustCreateHours(kSystem, volunteer, kFurongAssociation, day, 800,
                                          registration::v1::SERVICE_HOUR_SOURCE_SELF_DECLARED);
    ServiceHourRecord b = MustCreateHours(kSystem, volunteer, kFurongTeam, day, 800,
                                          registration::v1::SERVICE_HOUR_SOURCE_SELF_DECLARED);
    grpc::Status results[2];
    std::barrier start(2);
    std::vector<std::thread> confirmers;
    const std::string names[2] = {a.name(), b.name()};
    for (int i = 0; i < 2; ++i) {
      confirmers.emplace_back([&, i] {
        auto stub = RegistrationService::NewStub(service_->Channel());
        auto context = service_->Context(kFurongStaff);
        registration::v1::ConfirmServiceHourRecordRequest request;
        request.set_name(names[i]);
        ServiceHourRecord record;
        start.arrive_and_wait();
        results[i] = stub->ConfirmServiceHourRecord(context.get(), request, &record);
      });
    }
    for (auto& confirmer : confirmers) confirmer.join();
    const int wins = (results[0].ok() ? 1 : 0) + (results[1].ok() ? 1 : 0);
    EXPECT_EQ(wins, 1) << "round " << round << ": " << results[0].error_message() << " / "
                       << results[1].error_message();
    for (const auto& result : results) {
      if (!result.ok()) {
        EXPECT_EQ(ErrorReasonOf(result), "DAILY_SERVICE_HOURS_EXCEEDED");
      }
    }
    EXPECT_EQ(Count("SELECT coalesce(sum(minutes), 0) FROM registration.service_hour_records "
                    "WHERE state = 2 AND volunteer_id = '" +
                    volunteer + "'"),
              800);
  }
}

TEST_F(RegistrationTrainingHoursTest, CorrectionsChangeARecordOnlyWhenApproved) {
  SeedVolunteers({{"co-volunteer", registration::v1::VOLUNTEER_STATE_ACTIVE}});
  ServiceHourRecord record =
      MustCreateHours(kFurongStaff, "co-volunteer", kFurongAssociation, DaysAgo(12), 300,
                      registration::v1::SERVICE_HOUR_SOURCE_ORGANIZER_ENTERED);
  registration::v1::ServiceHourCorrection correction;
  correction.set_minutes(400);
  correction.set_reason("漏记了一小时");
  ServiceHourRecord asked;
  grpc::Status status = RequestCorrection(kSystem, record.name(), correction, &asked);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(asked.minutes(), 300);  // unchanged until approved
  EXPECT_EQ(asked.pending_correction().minutes(), 400);
  EXPECT_EQ(asked.pending_correction().reason(), "漏记了一小时");
  EXPECT_EQ(asked.pending_correction().request_subject(), "volunteer-app");
  ServiceHourRecord ignored;
  grpc::Status pending = RequestCorrection(kFurongStaff, record.name(), correction, &ignored);
  EXPECT_EQ(pending.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(pending), "ILLEGAL_STATE_TRANSITION");

  // Rejected: the pending correction goes, the record stays.
  EXPECT_EQ(FieldViolationsOf(RejectCorrection(kFurongStaff, record.name(), "", &ignored)),
            (std::vector<std::string>{"reason=FIELD_REQUIRED"}));
  ServiceHourRecord kept;
  ASSERT_TRUE(RejectCorrection(kFurongStaff, record.name(), "记录无误", &kept).ok());
  EXPECT_FALSE(kept.has_pending_correction());
  EXPECT_EQ(kept.minutes(), 300);
  EXPECT_EQ(ErrorReasonOf(ApproveCorrection(kFurongStaff, record.name(), &ignored)),
            "ILLEGAL_STATE_TRANSITION");

  // Approved: the day and minutes change, and the corrected facts go out whole.
  correction.set_minutes(500);
  *correction.mutable_work_date() = DaysAgo(13);
  ASSERT_TRUE(RequestCorrection(kFurongStaff, record.name(), correction, &asked).ok());
  EXPECT_EQ(ErrorReasonOf(ApproveCorrection(kSystem, record.name(), &ignored)), "ROLE_NOT_GRANTED");
  ServiceHourRecord corrected;
  ASSERT_TRUE(ApproveCorrection(kFurongOfficer, record.name(), &corrected).ok());
  EXPECT_EQ(corrected.minutes(), 500);
  EXPECT_EQ(corrected.work_date().day(), DaysAgo(13).day());
  EXPECT_FALSE(corrected.has_pending_correction());
  EXPECT_EQ(corrected.state(), registration::v1::SERVICE_HOUR_STATE_CONFIRMED);
  auto events = EventsOf(kServiceHourTopic, IdOf(record.name()), 2);
  ASSERT_EQ(events.size(), 2u);
  registration::events::v1::ServiceHoursConfirmed latest;
  ASSERT_TRUE(events[1].envelope.payload().UnpackTo(&latest));
  EXPECT_TRUE(latest.corrected());
  EXPECT_EQ(latest.minutes(), 500);
  EXPECT_EQ(events[1].envelope.aggregate_version(), 2);

  // A correction onto a day that is already full is refused at approval and stays pending.
  MustCreateHours(kFurongStaff, "co-volunteer", kFurongTeam, DaysAgo(14), 1000,
                  registration::v1::SERVICE_HOUR_SOURCE_ORGANIZER_ENTERED);
  correction.set_minutes(0);
  *correction.mutable_work_date() = DaysAgo(14);
  correction.set_reason("日期记错");
  ASSERT_TRUE(RequestCorrection(kFurongStaff, record.name(), correction, &asked).ok());
  grpc::Status full = ApproveCorrection(kFurongStaff, record.name(), &ignored);
  EXPECT_EQ(ErrorReasonOf(full), "DAILY_SERVICE_HOURS_EXCEEDED");
  ServiceHourRecord still;
  ASSERT_TRUE(GetHours(kFurongStaff, record.name(), &still).ok());
  EXPECT_EQ(still.minutes(), 500);
  EXPECT_EQ(still.work_date().day(), DaysAgo(13).day());
  EXPECT_TRUE(still.has_pending_correction());
  EXPECT_EQ(still.pending_correction().minutes(), 0);

  // Only confirmed records are corrected; a correction must change something and say why.
  ServiceHourRecord pending_record =
      MustCreateHours(kSystem, "co-volunteer", kFurongAssociation, DaysAgo(15), 60,
                      registration::v1::SERVICE_HOUR_SOURCE_SELF_DECLARED);
  correction.clear_work_date();
  correction.set_minutes(90);
  EXPECT_EQ(
      ErrorReasonOf(RequestCorrection(kFurongStaff, pending_record.name(), correction, &ignored)),
      "ILLEGAL_STATE_TRANSITION");
  registration::v1::ServiceHourCorrection empty_correction;
  EXPECT_EQ(
      FieldViolationsOf(
          RequestCorrection(kFurongStaff, pending_record.name(), empty_correction, &ignored)),
      (std::vector<std::string>{"correction=FIELD_REQUIRED", "correction.reason=FIELD_REQUIRED"}));
  empty_correction.set_minutes(-3);
  *empty_correction.mutable_work_date() = DaysAgo(-1);
  empty_correction.set_reason("x");
  EXPECT_EQ(FieldViolationsOf(
                RequestCorrection(kFurongStaff, pending_record.name(), empty_correction, &ignored)),
            (std::vector<std::string>{"correction.work_date=DATE_IN_FUTURE",
                                      "correction.minutes=FIELD_OUT_OF_RANGE"}));
}

TEST_F(RegistrationTrainingHoursTest, HoursAnswerByScopeAndRoleAndNameBadFields) {
  SeedVolunteers({{"sc-volunteer", registration::v1::VOLUNTEER_STATE_ACTIVE},
                  {"sc-applicant", registration::v1::VOLUNTEER_STATE_APPLIED}});
  ServiceHourRecord furong =
      MustCreateHours(kFurongStaff, "sc-volunteer", kFurongAssociation, DaysAgo(3), 120,
                      registration::v1::SERVICE_HOUR_SOURCE_SELF_DECLARED);
  // Tianxin's officer: Furong's record reads as missing, entering hours for Furong is refused.
  ServiceHourRecord ignored;
  grpc::Status hidden = GetHours(kTianxinOfficer, furong.name(), &ignored);
  EXPECT_EQ(hidden.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ErrorReasonOf(hidden), "RESOURCE_NOT_FOUND");
  grpc::Status missing = GetHours(kTianxinOfficer, "serviceHourRecords/no-such-record", &ignored);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Confirm(kTianxinOfficer, furong.name(), &ignored).error_code(),
            grpc::StatusCode::NOT_FOUND);
  grpc::Status out_of_scope =
      CreateHours(kTianxinOfficer, "sc-volunteer", kFurongAssociation, DaysAgo(3), 60,
                  registration::v1::SERVICE_HOUR_SOURCE_ORGANIZER_ENTERED, &ignored);
  EXPECT_EQ(out_of_scope.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(out_of_scope), "REGION_OUT_OF_SCOPE");
  registration::v1::ListServiceHourRecordsRequest by_volunteer;
  by_volunteer.set_volunteer("volunteers/sc-volunteer");
  EXPECT_TRUE(ListAllHours(by_volunteer, kTianxinOfficer).empty());
  EXPECT_EQ(ListAllHours(by_volunteer, kFurongOfficer).size(), 1u);
  // A volunteer may serve outside the county they live in: Tianxin's organiser enters them.
  ServiceHourRecord elsewhere =
      MustCreateHours(kTianxinOfficer, "sc-volunteer", kTianxinAssociation, DaysAgo(3), 60,
                      registration::v1::SERVICE_HOUR_SOURCE_ORGANIZER_ENTERED);
  EXPECT_EQ(elsewhere.state(), registration::v1::SERVICE_HOUR_STATE_CONFIRMED);
  // Roles: a caseworker may neither read nor write hours.
  EXPECT_EQ(ErrorReasonOf(GetHours(kCaseworker, furong.name(), &ignored)), "ROLE_NOT_GRANTED");

  // Every wrong field named, without echoing the values.
  registration::v1::CreateServiceHourRecordRequest bad;
  bad.mutable_service_hour_record()->set_volunteer("vol/abc");
  *bad.mutable_service_hour_record()->mutable_work_date() = DaysAgo(-3);
  bad.mutable_service_hour_record()->set_minutes(-5);
  grpc::Status named =
      Invoke(&RegistrationService::Stub::CreateServiceHourRecord, kFurongStaff, bad, &ignored);
  EXPECT_EQ(named.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ErrorReasonOf(named), "INVALID_FIELD");
  EXPECT_EQ(FieldViolationsOf(named),
            (std::vector<std::string>{"source=VALUE_NOT_ALLOWED",
                                      "service_hour_record.volunteer=FIELD_MALFORMED",
                                      "service_hour_record.organizer=FIELD_REQUIRED",
                                      "service_hour_record.work_date=DATE_IN_FUTURE",
                                      "service_hour_record.minutes=FIELD_OUT_OF_RANGE"}));
  for (int minutes : {0, -1, 1441}) {
    EXPECT_EQ(FieldViolationsOf(
                  CreateHours(kFurongStaff, "sc-volunteer", kFurongAssociation, DaysAgo(3), minutes,
                              registration::v1::SERVICE_HOUR_SOURCE_ORGANIZER_ENTERED, &ignored)),
              (std::vector<std::string>{"service_hour_record.minutes=FIELD_OUT_OF_RANGE"}))
        << minutes;
  }
  for (const char* volunteer : {"no-such-volunteer", "sc-applicant"}) {
    EXPECT_EQ(FieldViolationsOf(
                  CreateHours(kFurongStaff, volunteer, kFurongAssociation, DaysAgo(3), 30,
                              registration::v1::SERVICE_HOUR_SOURCE_ORGANIZER_ENTERED, &ignored)),
              (std::vector<std::string>{"service_hour_record.volunteer=REFERENCE_NOT_FOUND"}))
        << volunteer;
  }
  EXPECT_EQ(FieldViolationsOf(
                CreateHours(kFurongStaff, "sc-volunteer", "no-such-org", DaysAgo(3), 30,
                            registration::v1::SERVICE_HOUR_SOURCE_ORGANIZER_ENTERED, &ignored)),
            (std::vector<std::string>{"service_hour_record.organizer=REFERENCE_NOT_FOUND"}));
  EXPECT_EQ(FieldViolationsOf(CreateHours(
                kFurongStaff, "sc-volunteer", kFurongAssociation, DaysAgo(3), 30,
                registration::v1::SERVICE_HOUR_SOURCE_ORGANIZER_ENTERED, &ignored, "not-a-uuid")),
            (std::vector<std::string>{"request_id=FIELD_MALFORMED"}));
  registration::v1::ListServiceHourRecordsRequest bad_list;
  bad_list.add_states(registration::v1::SERVICE_HOUR_STATE_UNSPECIFIED);
  bad_list.set_page_size(-1);
  registration::v1::ListServiceHourRecordsResponse page;
  EXPECT_EQ(FieldViolationsOf(Invoke(&RegistrationService::Stub::ListServiceHourRecords,
                                     kFurongStaff, bad_list, &page)),
            (std::vector<std::string>{"page_size=FIELD_OUT_OF_RANGE"}));
  bad_list.set_page_size(0);
  EXPECT_EQ(FieldViolationsOf(Invoke(&RegistrationService::Stub::ListServiceHourRecords,
                                     kFurongStaff, bad_list, &page)),
            (std::vector<std::string>{"states[0]=VALUE_NOT_ALLOWED"}));
  EXPECT_EQ(FieldViolationsOf(GetHours(kFurongStaff, "serviceHourRecords/", &ignored)),
            (std::vector<std::string>{"name=FIELD_MALFORMED"}));
}

// --- Publicity activities become service hours ---

events::v1::EventEnvelope ActivityEnvelope(const google::protobuf::Message& payload,
                                           const std::string& activity_id, int64_t version) {
  events::v1::EventEnvelope envelope;
  envelope.set_event_id(runtime::NewUuid());
  envelope.set_event_type(payload.GetTypeName());
  *envelope.mutable_occurred_at() = google::protobuf::util::TimeUtil::GetCurrentTime();
  envelope.set_producer("publicity");
  envelope.set_region_code("430102");
  envelope.set_aggregate_type("activity");
  envelope.set_aggregate_id(activity_id);
  envelope.set_aggregate_version(version);
  envelope.mutable_payload()->PackFrom(payload);
  return envelope;
}

void Publish(const events::v1::EventEnvelope& envelope) {
  runtime::KafkaProducer producer(SharedKafka().BootstrapServers());
  auto errors = producer.ProduceAndWait(
      {{.topic = kActivityTopic,
        .key = envelope.aggregate_id(),
        .value = envelope.SerializeAsString(),
        .headers = {{"event_id", envelope.event_id()}, {"event_type", envelope.event_type()}}}});
  ASSERT_EQ(errors.size(), 1u);
  ASSERT_EQ(errors[0], "");
}

TEST_F(RegistrationTrainingHoursTest, ApprovedPublicityActivitiesBecomeServiceHours) {
  SeedVolunteers({{"pa-busy", registration::v1::VOLUNTEER_STATE_ACTIVE},
                  {"pa-free", registration::v1::VOLUNTEER_STATE_ACTIVE},
                  {"pa-applicant", registration::v1::VOLUNTEER_STATE_APPLIED},
                  {"pa-late", registration::v1::VOLUNTEER_STATE_ACTIVE}});
  const google::type::Date day = DaysAgo(8);
  // pa-busy already served 1000 minutes that day: 600 more breaks the 24-hour rule.
  MustCreateHours(kFurongStaff, "pa-busy", kFurongAssociation, day, 1000,
                  registration::v1::SERVICE_HOUR_SOURCE_ORGANIZER_ENTERED);
  // And someone self-declared for the branch: the queue holds both kinds.
  ServiceHourRecord declared =
      MustCreateHours(kSystem, "pa-free", kPublicityBranch, DaysAgo(30), 45,
                      registration::v1::SERVICE_HOUR_SOURCE_SELF_DECLARED);

  const std::string activity_id = "act-626-furong";
  const std::string activity = "activities/" + activity_id;
  publicity::events::v1::ActivityApproved approved;
  auto* facts = approved.mutable_activity();
  facts->set_activity(activity);
  facts->set_organization(std::string("organizations/") + kPublicityBranch);
  facts->set_region_code("430102");
  *facts->mutable_activity_date() = day;
  facts->set_audience_count(300);
  facts->set_approved_revision(1);
  auto serve = [&](const std::string& volunteer, int minutes) {
    auto* service = facts->add_volunteers();
    service->set_volunteer("volunteers/" + volunteer);
    service->set_minutes(minutes);
  };
  serve("pa-busy", 600);
  serve("pa-free", 120);
  serve("pa-applicant", 90);
  serve("no-such-volunteer", 60);  // skipped with a warning
  Publish(ActivityEnvelope(approved, activity_id, 1));

  const std::string count_sql =
      "SELECT count(*) FROM registration.service_hour_records WHERE activity = '" + activity + "'";
  ASSERT_EQ(WaitForCount(count_sql, 3), 3) << service_->Log();
  registration::v1::ListServiceHourRecordsRequest of_branch;
  of_branch.set_organizer(std::string("organizations/") + kPublicityBranch);
  std::map<std::string, ServiceHourRecord> by_volunteer;
  for (const auto& record : ListAllHours(of_branch, kFurongStaff)) {
    if (record.activity() == activity) by_volunteer[record.volunteer()] = record;
  }
  ASSERT_EQ(by_volunteer.size(), 3u);
  const ServiceHourRecord& free = by_volunteer["volunteers/pa-free"];
  EXPECT_EQ(free.state(), registration::v1::SERVICE_HOUR_STATE_CONFIRMED);
  EXPECT_EQ(free.source(), registration::v1::SERVICE_HOUR_SOURCE_PUBLICITY_ACTIVITY);
  EXPECT_EQ(free.minutes(), 120);
  const ServiceHourRecord& busy = by_volunteer["volunteers/pa-busy"];
  EXPECT_EQ(busy.state(), registration::v1::SERVICE_HOUR_STATE_REVIEW_REQUIRED);
  EXPECT_EQ(busy.review_note(), "daily total would exceed 24 hours");
  const ServiceHourRecord& applicant = by_volunteer["volunteers/pa-applicant"];
  EXPECT_EQ(applicant.state(), registration::v1::SERVICE_HOUR_STATE_REVIEW_REQUIRED);
  EXPECT_FALSE(applicant.review_note().empty());

  // The organiser's review queue: in review and awaiting confirmation, newest work date first.
  registration::v1::ListServiceHourRecordsRequest queue = of_branch;
  queue.add_states(registration::v1::SERVICE_HOUR_STATE_REVIEW_REQUIRED);
  queue.add_states(registration::v1::SERVICE_HOUR_STATE_PENDING_CONFIRMATION);
  queue.set_page_size(1);
  std::vector<std::string> queued;
  for (const auto& record : ListAllHours(queue, kFurongStaff)) queued.push_back(record.name());
  ASSERT_EQ(queued.size(), 3u);
  EXPECT_TRUE(Contains(queued, busy.name()));
  EXPECT_TRUE(Contains(queued, applicant.name()));
  EXPECT_EQ(queued.back(), declared.name());  // its work date is the oldest
  EXPECT_TRUE(ListAllHours(queue, kTianxinOfficer).empty());

  // The same facts delivered again under a new event id (a replay) double nothing.
  Publish(ActivityEnvelope(approved, activity_id, 1));
  // A correction adds a volunteer and changes a confirmed one's minutes: the new volunteer is
  // recorded, the confirmed record gets a pending correction for the organiser.
  publicity::events::v1::ActivityCorrected corrected;
  *corrected.mutable_activity() = *facts;
  corrected.mutable_activity()->set_approved_revision(2);
  corrected.set_previous_revision(1);
  corrected.mutable_activity()->mutable_volunteers(1)->set_minutes(150);
  auto* late = corrected.mutable_activity()->add_volunteers();
  late->set_volunteer("volunteers/pa-late");
  late->set_minutes(30);
  Publish(ActivityEnvelope(corrected, activity_id, 2));
  ASSERT_EQ(WaitForCount(count_sql, 4), 4) << service_->Log();
  ServiceHourRecord free_now;
  for (auto until = std::chrono::steady_clock::now() + 30s;
       std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(200ms)) {
    ASSERT_TRUE(GetHours(kFurongStaff, free.name(), &free_now).ok());
    if (free_now.has_pending_correction()) break;
  }
  EXPECT_EQ(free_now.minutes(), 120);
  EXPECT_EQ(free_now.pending_correction().minutes(), 150);
  EXPECT_EQ(free_now.pending_correction().request_subject(), "registration.activity_hours");
  EXPECT_EQ(Count(count_sql), 4);
  EXPECT_EQ(Count("SELECT count(*) FROM registration.service_hour_records WHERE activity = '" +
                  activity + "' AND volunteer_id = 'pa-free'"),
            1);

  // The organiser works the queue: the rule still holds for the busy day.
  ServiceHourRecord ignored;
  EXPECT_EQ(ErrorReasonOf(Confirm(kFurongStaff, busy.name(), &ignored)),
            "DAILY_SERVICE_HOURS_EXCEEDED");
  ServiceHourRecord approved_correction;
  ASSERT_TRUE(ApproveCorrection(kFurongStaff, free.name(), &approved_correction).ok());
  EXPECT_EQ(approved_correction.minutes(), 150);

  // Publicity-sourced confirmations went out; nothing reached the dead-letter topic.
  auto events = EventsOf(kServiceHourTopic, IdOf(free.name()), 2);
  ASSERT_EQ(events.size(), 2u);
  registration::events::v1::ServiceHoursConfirmed first;
  ASSERT_TRUE(events[0].envelope.payload().UnpackTo(&first));
  EXPECT_EQ(first.source(), registration::v1::SERVICE_HOUR_SOURCE_PUBLICITY_ACTIVITY);
  EXPECT_EQ(first.activity(), activity);
  EXPECT_EQ(first.minutes(), 120);
  EXPECT_EQ(Count("SELECT count(*) FROM registration.inbox WHERE consumer = "
                  "'registration.activity_hours' AND outcome = 'applied'"),
            3);
  EXPECT_EQ(Count("SELECT count(*) FROM registration.inbox WHERE consumer = "
                  "'registration.activity_hours' AND outcome <> 'applied'"),
            0);
  EXPECT_TRUE(ReadTopicEvents(SharedKafka().BootstrapServers(),
                              std::string(kActivityTopic) + ".dlt", 0, 5s, 2s)
                  .empty());
  // The skipped volunteer is logged by its pseudonymous id.
  EXPECT_NE(service_->Log().find("no-such-volunteer"), std::string::npos);
}

// --- Summary facts (read by the volunteer handlers) ---

TEST_F(RegistrationTrainingHoursTest, SummaryFactsCountConfirmedHoursAndTrainingsInTheWindow) {
  SeedVolunteers({{"sum-volunteer", registration::v1::VOLUNTEER_STATE_ACTIVE}});
  auto enter = [&](const char* organizer, int days_ago, int minutes) {
    return MustCreateHours(kFurongStaff, "sum-volunteer", organizer, DaysAgo(days_ago), minutes,
                           registration::v1::SERVICE_HOUR_SOURCE_ORGANIZER_ENTERED);
  };
  enter(kFurongAssociation, 5, 100);
  enter(kFurongAssociation, 400, 200);  // outside the window
  enter(kFurongTeam, 30, 50);
  MustCreateHours(kSystem, "sum-volunteer", kFurongTeam, DaysAgo(6), 999,
                  registration::v1::SERVICE_HOUR_SOURCE_SELF_DECLARED);  // pending: not counted
  ServiceHourRecord rejected =
      MustCreateHours(kSystem, "sum-volunteer", kFurongTeam, DaysAgo(7), 77,
                      registration::v1::SERVICE_HOUR_SOURCE_SELF_DECLARED);
  ServiceHourRecord ignored;
  ASSERT_TRUE(Reject(kFurongStaff, rejected.name(), "重复申报", &ignored).ok());

  auto attend = [&](int days_ago, int minutes) {
    registration::v1::CreateTrainingSessionRequest create;
    auto* session = create.mutable_training_session();
    session->set_organizer(std::string("organizations/") + kFurongAssociation);
    session->set_region_code("430102");
    session->set_topic("志愿者培训");
    *session->mutable_session_date() = DaysAgo(days_ago);
    session->set_duration_minutes(minutes);
    registration::v1::TrainingSession created;
    ASSERT_TRUE(
        Invoke(&RegistrationService::Stub::CreateTrainingSession, kFurongStaff, create, &created)
            .ok());
    registration::v1::BatchCreateTrainingAttendancesRequest batch;
    batch.set_parent(created.name());
    batch.add_attendances()->set_volunteer("volunteers/sum-volunteer");
    registration::v1::BatchCreateTrainingAttendancesResponse response;
    ASSERT_TRUE(Invoke(&RegistrationService::Stub::BatchCreateTrainingAttendances, kFurongStaff,
                       batch, &response)
                    .ok());
  };
  attend(20, 90);
  attend(500, 60);  // outside the window

  pqxx::connection database(service_->postgres_url());
  pqxx::read_transaction tx(database);
  registration::v1::VolunteerServiceSummary summary;
  registration::FillServiceFacts(tx, "registration", "sum-volunteer", CivilDaysAgo(0), &summary);
  EXPECT_EQ(summary.minutes_last_12_months(), 150);
  EXPECT_EQ(summary.minutes_all_time(), 350);
  ASSERT_EQ(summary.by_organizer_size(), 2);
  EXPECT_EQ(summary.by_organizer(0).organizer(),
            std::string("organizations/") + kFurongAssociation);
  EXPECT_EQ(summary.by_organizer(0).organizer_display_name(), "芙蓉区禁毒协会");
  EXPECT_EQ(summary.by_organizer(0).minutes_last_12_months(), 100);
  EXPECT_EQ(summary.by_organizer(0).minutes_all_time(), 300);
  EXPECT_EQ(summary.by_organizer(1).organizer_display_name(), "芙蓉区禁毒志愿服务队");
  EXPECT_EQ(summary.by_organizer(1).minutes_all_time(), 50);
  EXPECT_EQ(summary.trainings_last_12_months(), 1);
  EXPECT_EQ(summary.training_minutes_last_12_months(), 90);
  EXPECT_EQ(summary.as_of_date().day(), DaysAgo(0).day());
  EXPECT_EQ(registration::ConfirmedMinutesLast12Months(tx, "registration", "sum-volunteer",
                                                       CivilDaysAgo(0)),
            150);
  EXPECT_TRUE(
      registration::TrainedInLast12Months(tx, "registration", "sum-volunteer", CivilDaysAgo(0)));

  // As of three weeks ago: the last 5 days' hours and the training 20 days ago had not happened.
  registration::FillServiceFacts(tx, "registration", "sum-volunteer", CivilDaysAgo(21), &summary);
  EXPECT_EQ(summary.minutes_last_12_months(), 50);
  EXPECT_EQ(summary.minutes_all_time(), 250);
  EXPECT_EQ(summary.trainings_last_12_months(), 0);
  EXPECT_FALSE(
      registration::TrainedInLast12Months(tx, "registration", "sum-volunteer", CivilDaysAgo(21)));
  auto minutes = registration::ConfirmedMinutesLast12Months(
      tx, "registration", std::vector<std::string>{"sum-volunteer", "nobody"}, CivilDaysAgo(0));
  EXPECT_EQ(minutes.size(), 1u);
  EXPECT_EQ(minutes["sum-volunteer"], 150);

  // The window's first day: 12 months before, clamped at the month's end.
  EXPECT_EQ(registration::TwelveMonthsBefore({2024, 2, 29}), (runtime::CivilDate{2023, 2, 28}));
  EXPECT_EQ(registration::TwelveMonthsBefore({2024, 6, 30}), (runtime::CivilDate{2023, 6, 30}));
}

}  // namespace
}  // namespace jindu::testing
