// The publicity service's replica of registration, black-box over real servers: organisations and
// volunteers created, certified, suspended and dissolved in the registration service reach the
// publicity service only as events, and its replica follows each change (lecturer certification
// included), which is what activities check lecturers and organisations against.

#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <thread>

#include "harness/calendar.h"
#include "harness/registration_backed_suite.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"

namespace jindu::testing {
namespace {

using registration::v1::RegistrationService;
namespace reg = registration::v1;

const TestCaller kFurongStaff{
    .subject = "furong-staff", .roles = {"association_staff"}, .regions = {"430102"}};

class PublicityRegistryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ =
        RegistrationBackedSuite::Start("publicity_registry", "services/publicity/jindu-publicity",
                                       "publicity", "", "430104")
            .release();
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }
  std::unique_ptr<RegistrationService::Stub> Registration() {
    return RegistrationService::NewStub(suite_->registration().Channel());
  }
  template <typename Request, typename Response, typename Method>
  Response Call(Method method, const Request& request) {
    Response response;
    auto context = suite_->registration().Context(kFurongStaff);
    grpc::Status status = (Registration().get()->*method)(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
  reg::Organization Organization(const std::string& name, reg::OrganizationKind kind,
                                 const std::string& parent = "") {
    reg::CreateOrganizationRequest request;
    request.mutable_organization()->set_display_name(name);
    request.mutable_organization()->set_kind(kind);
    request.mutable_organization()->set_region_code("430102");
    request.mutable_organization()->set_parent(parent);
    *request.mutable_organization()->mutable_founding_date() = ProtoDay(2019, 6, 26);
    return Call<reg::CreateOrganizationRequest, reg::Organization>(
        &RegistrationService::Stub::CreateOrganization, request);
  }
  // Polls the publicity replica until `sql` (one value) returns `expected`.
  static void WaitFor(const std::string& sql, const std::string& expected) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    std::string seen;
    while (std::chrono::steady_clock::now() < deadline) {
      pqxx::connection connection(suite_->service().postgres_url());
      pqxx::nontransaction tx(connection);
      const pqxx::result rows = tx.exec(sql);
      seen = rows.empty() || rows[0][0].is_null() ? "<none>" : rows[0][0].as<std::string>();
      if (seen == expected) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << sql << " gave " << seen << ", expected " << expected;
  }
  static std::string Id(const std::string& name) { return name.substr(name.find('/') + 1); }

  static RegistrationBackedSuite* suite_;
};

RegistrationBackedSuite* PublicityRegistryTest::suite_ = nullptr;

TEST_F(PublicityRegistryTest, OrganisationsAndLecturersFollowRegistration) {
  const reg::Organization association =
      Organization("芙蓉区禁毒协会", reg::ORGANIZATION_KIND_ASSOCIATION);
  const reg::Organization team =
      Organization("芙蓉区讲师团", reg::ORGANIZATION_KIND_LECTURE_TEAM, association.name());
  WaitFor(
      "SELECT display_name || '|' || region_code || '|' || parent_id || '|' || state FROM "
      "publicity.organization_replica WHERE organization_id = '" +
          Id(team.name()) + "'",
      "芙蓉区讲师团|430102|" + Id(association.name()) + "|1");

  reg::CreateVolunteerRequest create;
  create.mutable_volunteer()->set_display_name("宣讲员乙");
  create.mutable_volunteer()->set_national_id_number("430102199003071234");
  create.mutable_volunteer()->set_phone("+8613812345678");
  create.mutable_volunteer()->set_residence_region_code("430102");
  const reg::Volunteer volunteer = Call<reg::CreateVolunteerRequest, reg::Volunteer>(
      &RegistrationService::Stub::CreateVolunteer, create);
  const std::string row =
      "FROM publicity.volunteer_replica WHERE volunteer_id = '" + Id(volunteer.name()) + "'";
  WaitFor("SELECT state || '|' || residence_region_code || '|' || lecture_team_id " + row,
          "1|430102|");
  reg::ApproveVolunteerRequest approve;
  approve.set_name(volunteer.name());
  Call<reg::ApproveVolunteerRequest, reg::Volunteer>(&RegistrationService::Stub::ApproveVolunteer,
                                                     approve);
  reg::ActivateVolunteerRequest activate;
  activate.set_name(volunteer.name());
  Call<reg::ActivateVolunteerRequest, reg::Volunteer>(&RegistrationService::Stub::ActivateVolunteer,
                                                      activate);
  reg::CertifyLecturerRequest certify;
  certify.set_name(volunteer.name());
  certify.mutable_certification()->set_lecture_team(team.name());
  *certify.mutable_certification()->mutable_certified_date() = ProtoDay(2024, 7, 1);
  certify.mutable_certification()->add_topics("青少年毒品预防");
  Call<reg::CertifyLecturerRequest, reg::Volunteer>(&RegistrationService::Stub::CertifyLecturer,
                                                    certify);
  WaitFor("SELECT state || '|' || lecture_team_id " + row, "3|" + Id(team.name()));

  reg::SuspendVolunteerRequest suspend;
  suspend.set_name(volunteer.name());
  suspend.set_reason("长期外出");
  Call<reg::SuspendVolunteerRequest, reg::Volunteer>(&RegistrationService::Stub::SuspendVolunteer,
                                                     suspend);
  WaitFor("SELECT state::text " + row, "4");

  reg::DissolveOrganizationRequest dissolve;
  dissolve.set_name(team.name());
  *dissolve.mutable_dissolution_date() = DaysFromToday(0);
  dissolve.set_reason("合并");
  Call<reg::DissolveOrganizationRequest, reg::Organization>(
      &RegistrationService::Stub::DissolveOrganization, dissolve);
  WaitFor("SELECT state::text FROM publicity.organization_replica WHERE organization_id = '" +
              Id(team.name()) + "'",
          "2");
  // Nothing personal of the volunteer was replicated.
  pqxx::connection connection(suite_->service().postgres_url());
  pqxx::nontransaction tx(connection);
  std::string dump;
  for (const auto& each :
       tx.exec("SELECT row_to_json(v)::text FROM publicity.volunteer_replica v")) {
    dump += each[0].as<std::string>();
  }
  for (const char* secret : {"宣讲员乙", "430102199003071234", "13812345678"}) {
    EXPECT_EQ(dump.find(secret), std::string::npos) << secret;
  }
}

}  // namespace
}  // namespace jindu::testing
