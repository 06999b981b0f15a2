// Grants end to end, with the service in production mode (--authorization-source=grants): tokens
// carry only the subject; roles and scopes come from grants the service replicates from its own
// grant events, as every service does. A grant starts and a revocation stops working within
// seconds; each role holds only in its own region; admins grant only below their level.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "harness/error_details.h"
#include "harness/service_process.h"
#include "harness/shared_infrastructure.h"
#include "harness/topic_reader.h"
#include "jindu/registration/events/v1/grant_events.pb.h"
#include "jindu/registration/v1/grant_service.grpc.pb.h"
#include "jindu/registration/v1/region_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"

namespace jindu::testing {
namespace {

using namespace std::chrono_literals;
using registration::v1::GrantService;
using registration::v1::RegistrationService;

// Tokens without role or region claims: in grants mode the service ignores claims anyway.
const TestCaller kRoot{.subject = "root@hunan"};
const TestCaller kOfficer{.subject = "officer-x"};
// Claims that would make anyone an admin in development mode, and must count for nothing here.
const TestCaller kForger{.subject = "forger", .roles = {"province_admin"}, .regions = {"430000"}};

std::string ReadDataFile(const std::string& name) {
  std::ifstream in(std::string(JINDU_SOURCE_DIR) + "/tests/data/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class RegistrationGrantsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    service_ =
        ServiceProcess::Start("services/registration/jindu-registration", "registration_grants",
                              {{"JINDU_AUTHORIZATION_SOURCE", "grants"},
                               {"JINDU_BOOTSTRAP_ADMINS", "root@hunan=430000"}})
            .release();
    registration::v1::ImportRegionsRequest import;
    import.set_csv(ReadDataFile("regions_hunan_sample.csv") +
                   "430102001,文艺路街道,township,430102,2000-01-01,,,\n");
    registration::v1::ImportRegionsResponse imported;
    auto context = service_->Context(kRoot);
    grpc::Status status = registration::v1::RegionService::NewStub(service_->Channel())
                              ->ImportRegions(context.get(), import, &imported);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  static void TearDownTestSuite() {
    delete service_;
    service_ = nullptr;
  }

  grpc::Status Grant(const TestCaller& caller, const std::string& subject, common::v1::Role role,
                     const std::string& region, registration::v1::Grant* created) {
    registration::v1::CreateGrantRequest request;
    request.mutable_grant()->set_subject(subject);
    request.mutable_grant()->set_role(role);
    request.mutable_grant()->set_region_code(region);
    request.mutable_grant()->set_subject_display_name("王科长");
    auto context = service_->Context(caller);
    return GrantService::NewStub(service_->Channel())->CreateGrant(context.get(), request, created);
  }

  grpc::Status ListVolunteers(const TestCaller& caller, const std::string& within = "") {
    registration::v1::ListVolunteersRequest request;
    request.set_within_region_code(within);
    registration::v1::ListVolunteersResponse response;
    auto context = service_->Context(caller);
    return RegistrationService::NewStub(service_->Channel())
        ->ListVolunteers(context.get(), request, &response);
  }

  // Polls until `done` holds; returns how long it took, or nullopt after 30 s.
  template <typename Predicate>
  std::optional<std::chrono::milliseconds> TimeUntil(Predicate done) {
    const auto start = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - start < 30s) {
      if (done()) {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - start);
      }
      std::this_thread::sleep_for(20ms);
    }
    return std::nullopt;
  }

  static ServiceProcess* service_;
};

ServiceProcess* RegistrationGrantsTest::service_ = nullptr;

TEST_F(RegistrationGrantsTest, AGrantWorksWithinSecondsAndARevocationStopsIt) {
  // Claims are not grants.
  EXPECT_EQ(ErrorReasonOf(ListVolunteers(kForger)), "ROLE_NOT_GRANTED");
  EXPECT_EQ(ErrorReasonOf(ListVolunteers(kOfficer)), "ROLE_NOT_GRANTED");

  registration::v1::Grant officer_grant;
  grpc::Status status =
      Grant(kRoot, "officer-x", common::v1::ROLE_COUNTY_OFFICER, "430102", &officer_grant);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(officer_grant.state(), registration::v1::GRANT_STATE_ACTIVE);
  EXPECT_EQ(officer_grant.audit().create_subject(), "root@hunan");
  auto granted_after = TimeUntil([&] { return ListVolunteers(kOfficer).ok(); });
  ASSERT_TRUE(granted_after.has_value()) << service_->Log();
  std::printf("grant effective after %lld ms\n", static_cast<long long>(granted_after->count()));

  // The role holds in its region only.
  EXPECT_TRUE(ListVolunteers(kOfficer, "430102").ok());
  EXPECT_EQ(ErrorReasonOf(ListVolunteers(kOfficer, "430103")), "REGION_OUT_OF_SCOPE");

  // An auditor grant for the whole province does not widen the officer's reach: ListVolunteers
  // does not accept auditors.
  registration::v1::Grant auditor_grant;
  ASSERT_TRUE(Grant(kRoot, "officer-x", common::v1::ROLE_AUDITOR, "430000", &auditor_grant).ok());
  ASSERT_TRUE(TimeUntil([&] {
    registration::v1::GetCallerAccessRequest request;
    registration::v1::CallerAccess access;
    auto context = service_->Context(kOfficer);
    return GrantService::NewStub(service_->Channel())
               ->GetCallerAccess(context.get(), request, &access)
               .ok() &&
           access.grants_size() == 2;
  }));
  // The replica applied it once the auditor role works there: grants are readable by auditors.
  ASSERT_TRUE(TimeUntil([&] {
                registration::v1::ListGrantsRequest request;
                request.set_within_region_code("430103");
                registration::v1::ListGrantsResponse response;
                auto context = service_->Context(kOfficer);
                return GrantService::NewStub(service_->Channel())
                    ->ListGrants(context.get(), request, &response)
                    .ok();
              }).has_value());
  EXPECT_EQ(ErrorReasonOf(ListVolunteers(kOfficer, "430103")), "REGION_OUT_OF_SCOPE");

  // Revoked: stops working within seconds, whatever the token.
  registration::v1::RevokeGrantRequest revoke;
  revoke.set_name(officer_grant.name());
  revoke.set_reason("调离岗位");
  registration::v1::Grant revoked;
  auto context = service_->Context(kRoot);
  ASSERT_TRUE(GrantService::NewStub(service_->Channel())
                  ->RevokeGrant(context.get(), revoke, &revoked)
                  .ok());
  EXPECT_EQ(revoked.state(), registration::v1::GRANT_STATE_REVOKED);
  EXPECT_EQ(revoked.revocation().subject(), "root@hunan");
  auto revoked_after = TimeUntil([&] { return !ListVolunteers(kOfficer).ok(); });
  ASSERT_TRUE(revoked_after.has_value());
  std::printf("revocation effective after %lld ms\n",
              static_cast<long long>(revoked_after->count()));
  EXPECT_EQ(ErrorReasonOf(ListVolunteers(kOfficer)), "ROLE_NOT_GRANTED");
  context = service_->Context(kRoot);
  EXPECT_EQ(
      ErrorReasonOf(
          GrantService::NewStub(service_->Channel())->RevokeGrant(context.get(), revoke, &revoked)),
      "ILLEGAL_STATE_TRANSITION");

  // Both changes are on Kafka, without the display name.
  auto events = ReadTopicEvents(SharedKafka().BootstrapServers(), "jindu.registration.grant.v1", 3);
  int given = 0, revocations = 0;
  for (const auto& event : events) {
    EXPECT_EQ(event.envelope.SerializeAsString().find("王科长"), std::string::npos);
    given += event.envelope.payload().Is<registration::events::v1::GrantGiven>();
    revocations += event.envelope.payload().Is<registration::events::v1::GrantRevoked>();
  }
  EXPECT_EQ(given, 2);
  EXPECT_EQ(revocations, 1);
}

TEST_F(RegistrationGrantsTest, AdminsGrantOnlyBelowTheirLevel) {
  registration::v1::Grant officer;
  ASSERT_TRUE(Grant(kRoot, "officer-y", common::v1::ROLE_COUNTY_OFFICER, "430102", &officer).ok());
  const TestCaller officer_y{.subject = "officer-y"};
  ASSERT_TRUE(TimeUntil([&] { return ListVolunteers(officer_y).ok(); }).has_value());

  registration::v1::Grant created;
  // Below its level: fine.
  EXPECT_TRUE(
      Grant(officer_y, "worker-1", common::v1::ROLE_CASEWORKER, "430102001", &created).ok());
  // At its own level, above it, elsewhere, or a top role: refused.
  EXPECT_EQ(
      ErrorReasonOf(Grant(officer_y, "worker-2", common::v1::ROLE_CASEWORKER, "430102", &created)),
      "REGION_OUT_OF_SCOPE");
  EXPECT_EQ(
      ErrorReasonOf(Grant(officer_y, "worker-2", common::v1::ROLE_CASEWORKER, "430103", &created)),
      "REGION_OUT_OF_SCOPE");
  EXPECT_EQ(ErrorReasonOf(
                Grant(officer_y, "boss", common::v1::ROLE_PROVINCE_ADMIN, "430102001", &created)),
            "REGION_OUT_OF_SCOPE");
  // The same active grant twice.
  grpc::Status twice =
      Grant(officer_y, "worker-1", common::v1::ROLE_CASEWORKER, "430102001", &created);
  EXPECT_EQ(twice.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_FALSE(ResourceNameOf(twice).empty());
  // Bad input is named.
  EXPECT_EQ(FieldViolationsOf(Grant(kRoot, "", common::v1::ROLE_UNSPECIFIED, "439999", &created)),
            (std::vector<std::string>{"grant.subject=FIELD_REQUIRED", "grant.role=FIELD_REQUIRED",
                                      "grant.region_code=REFERENCE_NOT_FOUND"}));

  // Lists by state and subject.
  registration::v1::ListGrantsRequest list;
  list.set_subject("worker-1");
  list.set_state(registration::v1::GRANT_STATE_ACTIVE);
  registration::v1::ListGrantsResponse listed;
  auto context = service_->Context(kRoot);
  ASSERT_TRUE(
      GrantService::NewStub(service_->Channel())->ListGrants(context.get(), list, &listed).ok());
  ASSERT_EQ(listed.grants_size(), 1);
  EXPECT_EQ(listed.grants(0).region_code(), "430102001");
  EXPECT_EQ(listed.grants(0).subject_display_name(), "王科长");

  // Another county's grants are invisible to this officer: NOT_FOUND by name, refused as a filter,
  // absent from its own list.
  registration::v1::Grant foreign;
  ASSERT_TRUE(Grant(kRoot, "worker-9", common::v1::ROLE_CASEWORKER, "430103", &foreign).ok());
  registration::v1::GetGrantRequest get;
  get.set_name(foreign.name());
  registration::v1::Grant seen;
  context = service_->Context(officer_y);
  grpc::Status hidden =
      GrantService::NewStub(service_->Channel())->GetGrant(context.get(), get, &seen);
  EXPECT_EQ(hidden.error_code(), grpc::StatusCode::NOT_FOUND);
  registration::v1::ListGrantsRequest foreign_list;
  foreign_list.set_within_region_code("430103");
  context = service_->Context(officer_y);
  EXPECT_EQ(ErrorReasonOf(GrantService::NewStub(service_->Channel())
                              ->ListGrants(context.get(), foreign_list, &listed)),
            "REGION_OUT_OF_SCOPE");
  registration::v1::ListGrantsRequest own;
  context = service_->Context(officer_y);
  ASSERT_TRUE(
      GrantService::NewStub(service_->Channel())->ListGrants(context.get(), own, &listed).ok());
  for (const auto& grant : listed.grants()) {
    EXPECT_TRUE(grant.region_code().starts_with("430102")) << grant.name();
  }
}

}  // namespace
}  // namespace jindu::testing
