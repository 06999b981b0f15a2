// The registration service's organisations and volunteers, black-box over real PostgreSQL and
// Kafka: organisation trees with officers and the village budget rule; real-name volunteers with
// the GB 11643 check, sealed personal fields, the province-wide duplicate check that reveals
// nothing outside the caller's scope, masked and audited reads, the lifecycle and lecturer
// certification; and, for every get and list, a county officer who cannot see another county's
// people.

#include <gtest/gtest.h>

#include <fstream>
#include <pqxx/pqxx>
#include <sstream>

#include "harness/error_details.h"
#include "harness/service_process.h"
#include "harness/shared_infrastructure.h"
#include "harness/topic_reader.h"
#include "jindu/registration/events/v1/organization_events.pb.h"
#include "jindu/registration/events/v1/public_profile_events.pb.h"
#include "jindu/registration/events/v1/volunteer_events.pb.h"
#include "jindu/registration/v1/region_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::testing {
namespace {

using namespace std::chrono_literals;
using registration::v1::RegistrationService;

const TestCaller kAdmin{.subject = "admin-1", .roles = {"province_admin"}, .regions = {"430000"}};
const TestCaller kFurongStaff{
    .subject = "furong-staff", .roles = {"association_staff"}, .regions = {"430102"}};
const TestCaller kTianxinOfficer{
    .subject = "tianxin-officer", .roles = {"county_officer"}, .regions = {"430103"}};
const TestCaller kAuditor{.subject = "auditor-1", .roles = {"auditor"}, .regions = {"430000"}};
const TestCaller kSystem{.subject = "svc-casework", .roles = {"system_caller"}, .regions = {}};

// Synthetic ID numbers with correct check characters (address 430102 = 芙蓉区 unless noted).
constexpr char kZhangSanId[] = "430102199003071234";  // male
constexpr char kLiSiId[] = "430102198511110047";      // female
constexpr char kTianxinId[] = "430103197505200021";
constexpr char kBeijingBornId[] = "110105199001010010";
constexpr char kWithXId[] = "43010219960404061X";
constexpr char kUnknownHunanCodeId[] = "439999199001010017";
constexpr char kFutureBirthId[] = "43010230000101001X";

std::string ReadDataFile(const std::string& name) {
  std::ifstream in(std::string(JINDU_SOURCE_DIR) + "/tests/data/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

google::type::Date Day(int year, int month, int day) {
  google::type::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

class RegistrationPeopleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    service_ =
        ServiceProcess::Start("services/registration/jindu-registration", "registration_people")
            .release();
    auto regions = registration::v1::RegionService::NewStub(service_->Channel());
    registration::v1::ImportRegionsRequest import;
    import.set_csv(ReadDataFile("regions_hunan_sample.csv"));
    registration::v1::ImportRegionsResponse imported;
    auto context = service_->Context(kAdmin);
    ASSERT_TRUE(regions->ImportRegions(context.get(), import, &imported).ok());
    import.set_csv(
        "code,name,level,parent,valid_from,valid_to\n"
        "430102001,文艺路街道,township,430102,2000-01-01,\n"
        "430102001001,大村社区,village,430102001,2000-01-01,\n"
        "430102001002,小村社区,village,430102001,2000-01-01,\n"
        "430103001,坡子街街道,township,430103,2000-01-01,\n");
    context = service_->Context(kAdmin);
    ASSERT_TRUE(regions->ImportRegions(context.get(), import, &imported).ok());
    registration::v1::ImportRegionDenominatorsRequest denominators;
    denominators.set_csv(
        "code,year,population,students_enrolled\n430102001001,2024,3200,\n"
        "430102001002,2024,2999,\n");
    registration::v1::ImportRegionDenominatorsResponse imported_denominators;
    context = service_->Context(kAdmin);
    ASSERT_TRUE(
        regions->ImportRegionDenominators(context.get(), denominators, &imported_denominators)
            .ok());
  }
  static void TearDownTestSuite() {
    delete service_;
    service_ = nullptr;
  }

  std::unique_ptr<RegistrationService::Stub> Stub() {
    return RegistrationService::NewStub(service_->Channel());
  }

  grpc::Status CreateOrganization(const TestCaller& caller, registration::v1::Organization input,
                                  registration::v1::Organization* created) {
    registration::v1::CreateOrganizationRequest request;
    *request.mutable_organization() = std::move(input);
    auto context = service_->Context(caller);
    return Stub()->CreateOrganization(context.get(), request, created);
  }

  registration::v1::Organization Organization(const std::string& name,
                                              registration::v1::OrganizationKind kind,
                                              const std::string& region,
                                              const std::string& parent = "") {
    registration::v1::Organization organization;
    organization.set_display_name(name);
    organization.set_kind(kind);
    organization.set_region_code(region);
    organization.set_parent(parent);
    *organization.mutable_founding_date() = Day(2019, 6, 26);
    return organization;
  }

  grpc::Status CreateVolunteer(const TestCaller& caller, const std::string& display_name,
                               const std::string& id_number, const std::string& region,
                               registration::v1::Volunteer* created,
                               const std::string& request_id = "") {
    registration::v1::CreateVolunteerRequest request;
    auto* volunteer = request.mutable_volunteer();
    volunteer->set_display_name(display_name);
    volunteer->set_national_id_number(id_number);
    volunteer->set_phone("+8613812345678");
    volunteer->set_residence_region_code(region);
    volunteer->add_skills("心理咨询");
    request.set_request_id(request_id);
    auto context = service_->Context(caller);
    return Stub()->CreateVolunteer(context.get(), request, created);
  }

  // A volunteer of 芙蓉区 that exists for the test; created once per distinct id.
  registration::v1::Volunteer Volunteer(const std::string& display_name,
                                        const std::string& id_number) {
    registration::v1::Volunteer created;
    grpc::Status status =
        CreateVolunteer(kFurongStaff, display_name, id_number, "430102001001", &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  }

  long Count(const std::string& sql) {
    pqxx::connection database(service_->postgres_url());
    pqxx::read_transaction tx(database);
    return tx.exec1(sql)[0].as<long>();
  }

  static ServiceProcess* service_;
};

ServiceProcess* RegistrationPeopleTest::service_ = nullptr;

TEST_F(RegistrationPeopleTest, OrganisationTreeWithOfficersAndVillageBudgets) {
  registration::v1::Organization association, branch, big_group, small_group;
  auto input =
      Organization("芙蓉区禁毒协会", registration::v1::ORGANIZATION_KIND_ASSOCIATION, "430102");
  auto* president = input.add_officers();
  president->set_role(registration::v1::OFFICER_ROLE_PRESIDENT);
  president->set_display_name("颜寿生");
  *president->mutable_term_start_date() = Day(2020, 1, 1);
  ASSERT_TRUE(CreateOrganization(kFurongStaff, input, &association).ok());
  EXPECT_EQ(association.state(), registration::v1::ORGANIZATION_STATE_ACTIVE);
  ASSERT_EQ(association.officers_size(), 1);
  EXPECT_EQ(association.officers(0).display_name(), "颜寿生");

  ASSERT_TRUE(CreateOrganization(kFurongStaff,
                                 Organization("文艺路街道分会",
                                              registration::v1::ORGANIZATION_KIND_TOWNSHIP_BRANCH,
                                              "430102001", association.name()),
                                 &branch)
                  .ok());
  ASSERT_TRUE(
      CreateOrganization(
          kFurongStaff,
          Organization("大村会员小组", registration::v1::ORGANIZATION_KIND_VILLAGE_MEMBER_GROUP,
                       "430102001001", branch.name()),
          &big_group)
          .ok());
  ASSERT_TRUE(
      CreateOrganization(
          kFurongStaff,
          Organization("小村会员小组", registration::v1::ORGANIZATION_KIND_VILLAGE_MEMBER_GROUP,
                       "430102001002", branch.name()),
          &small_group)
          .ok());
  // Seed 002's rule: 3000 yuan from 3000 people, 2500 below.
  EXPECT_EQ(big_group.annual_budget().amount().minor_units(), 300000);
  EXPECT_EQ(big_group.annual_budget().population(), 3200);
  EXPECT_EQ(small_group.annual_budget().amount().minor_units(), 250000);
  EXPECT_EQ(small_group.annual_budget().rule_version(), "village-budget-2021");

  // Children listed under the branch; the tree is filtered by region.
  registration::v1::ListOrganizationsRequest list;
  list.set_parent(branch.name());
  registration::v1::ListOrganizationsResponse listed;
  auto context = service_->Context(kFurongStaff);
  ASSERT_TRUE(Stub()->ListOrganizations(context.get(), list, &listed).ok());
  ASSERT_EQ(listed.organizations_size(), 2);
  EXPECT_EQ(listed.organizations(0).display_name(), "大村会员小组");

  // Dissolving needs the children gone first.
  registration::v1::DissolveOrganizationRequest dissolve;
  dissolve.set_name(branch.name());
  *dissolve.mutable_dissolution_date() = Day(2024, 1, 1);
  dissolve.set_reason("合并");
  registration::v1::Organization dissolved;
  context = service_->Context(kFurongStaff);
  grpc::Status refused = Stub()->DissolveOrganization(context.get(), dissolve, &dissolved);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(refused), "ILLEGAL_STATE_TRANSITION");

  // The facts event names no officer; the public profile does, and only it.
  auto events =
      ReadTopicEvents(SharedKafka().BootstrapServers(), "jindu.registration.organization.v1", 4);
  bool saw_association = false;
  for (const auto& event : events) {
    EXPECT_EQ(event.envelope.payload().value().find("颜寿生"), std::string::npos);
    registration::events::v1::OrganizationCreated created;
    if (event.envelope.payload().UnpackTo(&created) &&
        created.organization().organization() == association.name()) {
      saw_association = true;
      ASSERT_EQ(created.organization().filled_officer_roles_size(), 1);
    }
  }
  EXPECT_TRUE(saw_association);
  auto profiles =
      ReadTopicEvents(SharedKafka().BootstrapServers(), "jindu.registration.public_profile.v1", 1);
  bool saw_profile = false;
  for (const auto& event : profiles) {
    registration::events::v1::PublicProfileUpserted profile;
    if (event.envelope.payload().UnpackTo(&profile) && profile.display_name() == "颜寿生") {
      saw_profile = true;
      EXPECT_EQ(profile.offices(0).organization(), association.name());
    }
  }
  EXPECT_TRUE(saw_profile);
  // Officers are sealed at rest.
  EXPECT_EQ(Count("SELECT count(*) FROM registration.organizations WHERE "
                  "position(convert_to('颜寿生', 'UTF8') in coalesce(officers_sealed, '')) > 0"),
            0);
}

TEST_F(RegistrationPeopleTest, OrganisationInputIsCheckedFieldByField) {
  registration::v1::Organization created;
  auto industry = Organization("交通分会", registration::v1::ORGANIZATION_KIND_INDUSTRY_BRANCH,
                               "430102", "organizations/doesnotexist");
  grpc::Status status = CreateOrganization(kFurongStaff, industry, &created);
  EXPECT_EQ(FieldViolationsOf(status),
            (std::vector<std::string>{"organization.sector=FIELD_REQUIRED"}));
  industry.set_sector(registration::v1::BRANCH_SECTOR_TRANSPORT);
  status = CreateOrganization(kFurongStaff, industry, &created);
  EXPECT_EQ(FieldViolationsOf(status),
            (std::vector<std::string>{"organization.parent=REFERENCE_NOT_FOUND"}));

  auto future = Organization("未来协会", registration::v1::ORGANIZATION_KIND_ASSOCIATION, "430102");
  *future.mutable_founding_date() = Day(2999, 1, 1);
  future.set_region_code("439999");
  status = CreateOrganization(kFurongStaff, future, &created);
  auto violations = FieldViolationsOf(status);
  EXPECT_NE(
      std::find(violations.begin(), violations.end(), "organization.founding_date=DATE_IN_FUTURE"),
      violations.end());
  EXPECT_NE(std::find(violations.begin(), violations.end(),
                      "organization.region_code=REFERENCE_NOT_FOUND"),
            violations.end());

  // Another county's region: named outside the caller's scope.
  status = CreateOrganization(
      kFurongStaff,
      Organization("天心区禁毒协会", registration::v1::ORGANIZATION_KIND_ASSOCIATION, "430103"),
      &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");

  // The same name, kind and parent twice.
  registration::v1::Organization first;
  auto team =
      Organization("芙蓉区讲师团", registration::v1::ORGANIZATION_KIND_ASSOCIATION, "430102");
  team.set_display_name("芙蓉区禁毒志愿服务团");
  ASSERT_TRUE(CreateOrganization(kFurongStaff, team, &first).ok());
  status = CreateOrganization(kFurongStaff, team, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ResourceNameOf(status), first.name());

  // An auditor reads no organisations; nobody without a token does anything.
  registration::v1::GetOrganizationRequest get;
  get.set_name(first.name());
  auto context = service_->Context(kAuditor);
  EXPECT_EQ(ErrorReasonOf(Stub()->GetOrganization(context.get(), get, &created)),
            "ROLE_NOT_GRANTED");
}

TEST_F(RegistrationPeopleTest, VolunteerPersonalDataIsSealedMaskedAndAuditedOnRead) {
  registration::v1::Volunteer created = Volunteer("张三", kZhangSanId);
  EXPECT_EQ(created.state(), registration::v1::VOLUNTEER_STATE_APPLIED);
  EXPECT_EQ(created.display_name(), "张三");
  EXPECT_EQ(created.national_id_number(), "430***********1234");
  EXPECT_EQ(created.phone(), "138****5678");
  EXPECT_FALSE(created.has_birth_date());

  // The full view needs a purpose, is audited, and derives birth date and sex.
  registration::v1::GetVolunteerRequest get;
  get.set_name(created.name());
  get.set_view(registration::v1::VOLUNTEER_VIEW_FULL);
  registration::v1::Volunteer full;
  auto context = service_->Context(kFurongStaff);
  grpc::Status no_purpose = Stub()->GetVolunteer(context.get(), get, &full);
  EXPECT_EQ(no_purpose.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ErrorReasonOf(no_purpose), "ACCESS_PURPOSE_REQUIRED");
  get.set_access_purpose("核对志愿者证书信息");
  context = service_->Context(kFurongStaff);
  ASSERT_TRUE(Stub()->GetVolunteer(context.get(), get, &full).ok());
  EXPECT_EQ(full.national_id_number(), kZhangSanId);
  EXPECT_EQ(full.phone(), "13812345678");
  EXPECT_EQ(full.birth_date().year(), 1990);
  EXPECT_EQ(full.birth_date().month(), 3);
  EXPECT_EQ(full.sex(), registration::v1::SEX_MALE);
  EXPECT_EQ(
      Count("SELECT count(*) FROM registration.access_audit WHERE resource = '" + created.name() +
            "' AND outcome = 'READ_FULL' AND purpose = '核对志愿者证书信息' AND subject = "
            "'furong-staff'"),
      1);
  // A system caller reads the basic view only.
  context = service_->Context(kSystem);
  EXPECT_EQ(ErrorReasonOf(Stub()->GetVolunteer(context.get(), get, &full)),
            "PERSONAL_DATA_ACCESS_DENIED");

  // Nothing personal in clear in the table, nor in the event.
  for (const char* secret : {kZhangSanId, "13812345678", "张三"}) {
    // In any text column, and in the raw bytes of every sealed column.
    const std::string needle = std::string("convert_to('") + secret + "', 'UTF8')";
    EXPECT_EQ(Count("SELECT count(*) FROM registration.volunteers v WHERE position(" + needle +
                    " in convert_to(v::text, 'UTF8')) > 0 OR position(" + needle +
                    " in national_id_sealed) > 0 OR position(" + needle +
                    " in display_name_sealed) > 0 OR position(" + needle + " in phone_sealed) > 0"),
              0)
        << secret;
  }
  auto events =
      ReadTopicEvents(SharedKafka().BootstrapServers(), "jindu.registration.volunteer.v1", 1);
  bool registered = false;
  for (const auto& event : events) {
    for (const char* secret : {kZhangSanId, "13812345678", "张三", "5678"}) {
      EXPECT_EQ(event.envelope.SerializeAsString().find(secret), std::string::npos) << secret;
    }
    registration::events::v1::VolunteerRegistered payload;
    if (event.envelope.payload().UnpackTo(&payload) && payload.volunteer() == created.name()) {
      registered = true;
      EXPECT_EQ(payload.residence_region_code(), "430102001001");
    }
  }
  EXPECT_TRUE(registered);
}

TEST_F(RegistrationPeopleTest, OnePersonOneRecordAndNothingRevealedOutsideTheScope) {
  registration::v1::Volunteer first = Volunteer("王五", kWithXId);
  registration::v1::Volunteer again;
  // Same county: told which record it is (lower-case x is the same number).
  std::string lower = kWithXId;
  lower.back() = 'x';
  grpc::Status same_scope = CreateVolunteer(kFurongStaff, "王五", lower, "430102001002", &again);
  EXPECT_EQ(same_scope.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ErrorReasonOf(same_scope), "PERSON_ALREADY_REGISTERED");
  EXPECT_EQ(ResourceNameOf(same_scope), first.name());

  // Another county: told only that the person is registered elsewhere; the attempt is audited.
  grpc::Status elsewhere = CreateVolunteer(kTianxinOfficer, "王五", kWithXId, "430103", &again);
  EXPECT_EQ(elsewhere.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ErrorReasonOf(elsewhere), "PERSON_REGISTERED_ELSEWHERE");
  EXPECT_EQ(ResourceNameOf(elsewhere), "");
  EXPECT_EQ(elsewhere.error_message().find("430102"), std::string::npos);
  EXPECT_EQ(elsewhere.error_message().find(first.name()), std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM registration.access_audit WHERE subject = "
                  "'tianxin-officer' AND outcome = 'DUPLICATE_ELSEWHERE'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM registration.volunteers"),
            Count("SELECT count(DISTINCT national_id_hash) FROM registration.volunteers"));

  // A repeated request id returns the first answer instead of a duplicate error.
  registration::v1::Volunteer by_id, repeat;
  const std::string id = "0b8e4c1a-5d2f-4e6b-9a7c-3f1d2e4b5a60";
  ASSERT_TRUE(CreateVolunteer(kTianxinOfficer, "赵六", kTianxinId, "430103", &by_id, id).ok());
  ASSERT_TRUE(CreateVolunteer(kTianxinOfficer, "赵六", kTianxinId, "430103", &repeat, id).ok());
  EXPECT_EQ(repeat.name(), by_id.name());
}

TEST_F(RegistrationPeopleTest, IdNumbersAreCheckedAndBadFieldsNamed) {
  registration::v1::Volunteer created;
  auto violations_for = [&](const std::string& id_number) {
    return FieldViolationsOf(CreateVolunteer(kFurongStaff, "测试", id_number, "430102", &created));
  };
  std::string wrong_check = kLiSiId;
  wrong_check.back() = '8';
  EXPECT_EQ(violations_for(wrong_check),
            (std::vector<std::string>{"volunteer.national_id_number=CHECK_DIGIT_MISMATCH"}));
  EXPECT_EQ(violations_for(kFutureBirthId),
            (std::vector<std::string>{"volunteer.national_id_number=ID_NUMBER_INCONSISTENT"}));
  EXPECT_EQ(violations_for(kUnknownHunanCodeId),
            (std::vector<std::string>{"volunteer.national_id_number=ID_NUMBER_INCONSISTENT"}));
  EXPECT_EQ(violations_for("4301021990"),
            (std::vector<std::string>{"volunteer.national_id_number=FIELD_MALFORMED"}));
  // Born in Beijing, living in Changsha: accepted.
  ASSERT_TRUE(CreateVolunteer(kFurongStaff, "北京人", kBeijingBornId, "430102", &created).ok());

  registration::v1::CreateVolunteerRequest request;
  request.mutable_volunteer()->set_national_id_number(kLiSiId);
  request.mutable_volunteer()->set_phone("12345");
  request.mutable_volunteer()->set_residence_region_code("439999");
  request.mutable_volunteer()->add_roles(registration::v1::VOLUNTEER_ROLE_LECTURER);
  auto context = service_->Context(kFurongStaff);
  auto violations = FieldViolationsOf(Stub()->CreateVolunteer(context.get(), request, &created));
  for (const char* expected :
       {"volunteer.display_name=FIELD_REQUIRED", "volunteer.phone=FIELD_MALFORMED",
        "volunteer.residence_region_code=REFERENCE_NOT_FOUND",
        "volunteer.roles[0]=VALUE_NOT_ALLOWED"}) {
    EXPECT_NE(std::find(violations.begin(), violations.end(), expected), violations.end())
        << expected;
  }
  EXPECT_EQ(Count("SELECT count(*) FROM registration.volunteers WHERE residence_region_code = "
                  "'439999'"),
            0);
}

TEST_F(RegistrationPeopleTest, ACountyOfficerNeverSeesAnotherCountysPeople) {
  registration::v1::Volunteer furong = Volunteer("李四", kLiSiId);
  registration::v1::Organization association;
  ASSERT_TRUE(CreateOrganization(
                  kFurongStaff,
                  Organization("芙蓉区禁毒志愿服务队",
                               registration::v1::ORGANIZATION_KIND_VOLUNTEER_TEAM, "430102", ""),
                  &association)
                  .error_code() == grpc::StatusCode::INVALID_ARGUMENT);  // a team needs a parent

  registration::v1::GetVolunteerRequest get;
  get.set_name(furong.name());
  registration::v1::Volunteer volunteer;
  auto context = service_->Context(kTianxinOfficer);
  grpc::Status hidden = Stub()->GetVolunteer(context.get(), get, &volunteer);
  EXPECT_EQ(hidden.error_code(), grpc::StatusCode::NOT_FOUND);
  get.set_name("volunteers/doesnotexist");
  context = service_->Context(kTianxinOfficer);
  grpc::Status missing = Stub()->GetVolunteer(context.get(), get, &volunteer);
  // Exactly the answer for a name that does not exist.
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(hidden.error_message(), furong.name() + " not found");
  EXPECT_EQ(missing.error_message(), "volunteers/doesnotexist not found");
  EXPECT_EQ(ErrorReasonOf(hidden), ErrorReasonOf(missing));

  registration::v1::ListVolunteersRequest list;
  registration::v1::ListVolunteersResponse listed;
  context = service_->Context(kTianxinOfficer);
  ASSERT_TRUE(Stub()->ListVolunteers(context.get(), list, &listed).ok());
  for (const auto& each : listed.volunteers()) {
    EXPECT_TRUE(each.residence_region_code().starts_with("430103")) << each.name();
  }
  list.set_within_region_code("430102");
  context = service_->Context(kTianxinOfficer);
  grpc::Status denied = Stub()->ListVolunteers(context.get(), list, &listed);
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(denied), "REGION_OUT_OF_SCOPE");

  registration::v1::ListOrganizationsRequest organizations;
  organizations.set_within_region_code("430102");
  registration::v1::ListOrganizationsResponse organizations_listed;
  context = service_->Context(kTianxinOfficer);
  EXPECT_EQ(
      ErrorReasonOf(Stub()->ListOrganizations(context.get(), organizations, &organizations_listed)),
      "REGION_OUT_OF_SCOPE");
  organizations.clear_within_region_code();
  context = service_->Context(kTianxinOfficer);
  ASSERT_TRUE(Stub()->ListOrganizations(context.get(), organizations, &organizations_listed).ok());
  for (const auto& each : organizations_listed.organizations()) {
    EXPECT_TRUE(each.region_code().starts_with("430103")) << each.name();
  }
  // The certificate summary, counts and transfers follow the same rule.
  registration::v1::GetVolunteerServiceSummaryRequest summary;
  summary.set_volunteer(furong.name());
  summary.set_access_purpose("核查");
  registration::v1::VolunteerServiceSummary summary_response;
  context = service_->Context(kTianxinOfficer);
  EXPECT_EQ(
      Stub()->GetVolunteerServiceSummary(context.get(), summary, &summary_response).error_code(),
      grpc::StatusCode::NOT_FOUND);
  registration::v1::ComputeRegistrationCountsRequest counts;
  counts.set_region_code("430102");
  registration::v1::ComputeRegistrationCountsResponse counts_response;
  context = service_->Context(kTianxinOfficer);
  EXPECT_EQ(
      ErrorReasonOf(Stub()->ComputeRegistrationCounts(context.get(), counts, &counts_response)),
      "REGION_OUT_OF_SCOPE");
  // Writes on a hidden volunteer answer NOT_FOUND as well.
  registration::v1::ApproveVolunteerRequest approve;
  approve.set_name(furong.name());
  context = service_->Context(kTianxinOfficer);
  EXPECT_EQ(Stub()->ApproveVolunteer(context.get(), approve, &volunteer).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(RegistrationPeopleTest, LifecycleAndLecturerCertification) {
  registration::v1::Volunteer volunteer = Volunteer("宣讲员甲", "430102199208150219");
  registration::v1::Organization association, lecture_team;
  ASSERT_TRUE(
      CreateOrganization(kFurongStaff,
                         Organization("芙蓉区社会禁毒协会",
                                      registration::v1::ORGANIZATION_KIND_ASSOCIATION, "430102"),
                         &association)
          .ok());
  ASSERT_TRUE(CreateOrganization(
                  kFurongStaff,
                  Organization("芙蓉区讲师团", registration::v1::ORGANIZATION_KIND_LECTURE_TEAM,
                               "430102", association.name()),
                  &lecture_team)
                  .ok());
  registration::v1::CertifyLecturerRequest certify;
  certify.set_name(volunteer.name());
  certify.mutable_certification()->set_lecture_team(lecture_team.name());
  *certify.mutable_certification()->mutable_certified_date() = Day(2024, 7, 1);
  certify.mutable_certification()->add_topics("青少年毒品预防");
  registration::v1::Volunteer result;
  auto context = service_->Context(kFurongStaff);
  EXPECT_EQ(ErrorReasonOf(Stub()->CertifyLecturer(context.get(), certify, &result)),
            "VOLUNTEER_NOT_ACTIVE");

  auto step = [&](auto method, auto request) {
    registration::v1::Volunteer after;
    auto step_context = service_->Context(kFurongStaff);
    grpc::Status status = (Stub().get()->*method)(step_context.get(), request, &after);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return after;
  };
  registration::v1::ApproveVolunteerRequest approve;
  approve.set_name(volunteer.name());
  approve.set_etag(volunteer.audit().etag());
  result = step(&RegistrationService::Stub::ApproveVolunteer, approve);
  EXPECT_EQ(result.state(), registration::v1::VOLUNTEER_STATE_APPROVED);
  EXPECT_EQ(result.approval().subject(), "furong-staff");
  // A stale etag changes nothing.
  context = service_->Context(kFurongStaff);
  EXPECT_EQ(ErrorReasonOf(Stub()->ApproveVolunteer(context.get(), approve, &result)),
            "ETAG_MISMATCH");
  registration::v1::ActivateVolunteerRequest activate;
  activate.set_name(volunteer.name());
  result = step(&RegistrationService::Stub::ActivateVolunteer, activate);
  EXPECT_EQ(result.state(), registration::v1::VOLUNTEER_STATE_ACTIVE);

  // Not a lecture team: refused by field.
  certify.mutable_certification()->set_lecture_team(association.name());
  context = service_->Context(kFurongStaff);
  EXPECT_EQ(FieldViolationsOf(Stub()->CertifyLecturer(context.get(), certify, &result)),
            (std::vector<std::string>{"certification.lecture_team=VALUE_NOT_ALLOWED"}));
  certify.mutable_certification()->set_lecture_team(lecture_team.name());
  result = step(&RegistrationService::Stub::CertifyLecturer, certify);
  EXPECT_NE(std::find(result.roles().begin(), result.roles().end(),
                      registration::v1::VOLUNTEER_ROLE_LECTURER),
            result.roles().end());
  EXPECT_EQ(result.lecturer_certification().topics(0), "青少年毒品预防");

  registration::v1::SuspendVolunteerRequest suspend;
  suspend.set_name(volunteer.name());
  context = service_->Context(kFurongStaff);
  EXPECT_EQ(FieldViolationsOf(Stub()->SuspendVolunteer(context.get(), suspend, &result)),
            (std::vector<std::string>{"reason=FIELD_REQUIRED"}));
  suspend.set_reason("长期外出");
  result = step(&RegistrationService::Stub::SuspendVolunteer, suspend);
  EXPECT_EQ(result.state(), registration::v1::VOLUNTEER_STATE_SUSPENDED);
  registration::v1::WithdrawVolunteerRequest withdraw;
  withdraw.set_name(volunteer.name());
  withdraw.set_reason("本人申请退出");
  result = step(&RegistrationService::Stub::WithdrawVolunteer, withdraw);
  EXPECT_EQ(result.state(), registration::v1::VOLUNTEER_STATE_WITHDRAWN);
  approve.clear_etag();
  context = service_->Context(kFurongStaff);
  grpc::Status illegal = Stub()->ApproveVolunteer(context.get(), approve, &result);
  EXPECT_EQ(illegal.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(illegal), "ILLEGAL_STATE_TRANSITION");

  // The lecturer's published name went out as a public profile, once certified.
  auto profiles =
      ReadTopicEvents(SharedKafka().BootstrapServers(), "jindu.registration.public_profile.v1", 1);
  bool published = false;
  for (const auto& event : profiles) {
    registration::events::v1::PublicProfileUpserted profile;
    if (event.envelope.payload().UnpackTo(&profile) && profile.volunteer() == volunteer.name()) {
      published =
          profile.display_name() == "宣讲员甲" && profile.lecture_teams(0) == lecture_team.name();
    }
  }
  EXPECT_TRUE(published);
}

TEST_F(RegistrationPeopleTest, ListsPageFilterAndCount) {
  registration::v1::Organization association, team;
  ASSERT_TRUE(
      CreateOrganization(
          kTianxinOfficer,
          Organization("天心区禁毒协会", registration::v1::ORGANIZATION_KIND_ASSOCIATION, "430103"),
          &association)
          .ok());
  ASSERT_TRUE(CreateOrganization(kTianxinOfficer,
                                 Organization("坡子街志愿服务队",
                                              registration::v1::ORGANIZATION_KIND_VOLUNTEER_TEAM,
                                              "430103001", association.name()),
                                 &team)
                  .ok());
  const char* ids[] = {"430102199301010317", "430102199402020418", "430102199503030519"};
  std::vector<std::string> members;
  for (int i = 0; i < 3; ++i) {
    registration::v1::CreateVolunteerRequest request;
    auto* volunteer = request.mutable_volunteer();
    volunteer->set_display_name("队员" + std::to_string(i));
    volunteer->set_national_id_number(ids[i]);
    volunteer->set_phone("13900000000");
    volunteer->set_residence_region_code("430103001");
    volunteer->add_organizations(team.name());
    registration::v1::Volunteer created;
    auto context = service_->Context(kTianxinOfficer);
    grpc::Status status = Stub()->CreateVolunteer(context.get(), request, &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
    members.push_back(created.name());
  }
  registration::v1::ListVolunteersRequest list;
  list.set_organization(team.name());
  list.set_page_size(2);
  std::vector<std::string> seen;
  int pages = 0;
  do {
    registration::v1::ListVolunteersResponse page;
    auto context = service_->Context(kTianxinOfficer);
    grpc::Status status = Stub()->ListVolunteers(context.get(), list, &page);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(page.total_size(), 3);
    for (const auto& each : page.volunteers()) {
      seen.push_back(each.name());
      EXPECT_EQ(each.national_id_number().find("*"), 3u);  // masked
    }
    list.set_page_token(page.next_page_token());
    ++pages;
  } while (!list.page_token().empty());
  EXPECT_EQ(pages, 2);
  std::sort(seen.begin(), seen.end());
  std::sort(members.begin(), members.end());
  EXPECT_EQ(seen, members);

  // A token is valid only for the filters it was issued for.
  list.set_page_size(2);
  list.clear_page_token();
  registration::v1::ListVolunteersResponse first;
  auto context = service_->Context(kTianxinOfficer);
  ASSERT_TRUE(Stub()->ListVolunteers(context.get(), list, &first).ok());
  list.set_page_token(first.next_page_token());
  list.add_states(registration::v1::VOLUNTEER_STATE_ACTIVE);
  context = service_->Context(kTianxinOfficer);
  EXPECT_EQ(ErrorReasonOf(Stub()->ListVolunteers(context.get(), list, &first)),
            "INVALID_PAGE_TOKEN");
  list.clear_page_token();
  context = service_->Context(kTianxinOfficer);
  ASSERT_TRUE(Stub()->ListVolunteers(context.get(), list, &first).ok());
  EXPECT_EQ(first.total_size(), 0);  // nobody active yet
}

TEST_F(RegistrationPeopleTest, TransfersRevealNothingUntilTheHoldingSideApproves) {
  registration::v1::Volunteer mover = Volunteer("搬家者", "430102199505050513");
  auto transfers = [&](const TestCaller& caller) { return service_->Context(caller); };

  // Tianxin asks for the record knowing only the number; so does it for a number nobody holds.
  registration::v1::CreateVolunteerTransferRequest create;
  create.mutable_volunteer_transfer()->set_national_id_number("430102199505050513");
  create.mutable_volunteer_transfer()->set_to_region_code("430103001");
  create.mutable_volunteer_transfer()->set_reason("搬迁至天心区");
  registration::v1::VolunteerTransfer requested, unmatched;
  auto context = transfers(kTianxinOfficer);
  ASSERT_TRUE(Stub()->CreateVolunteerTransfer(context.get(), create, &requested).ok());
  EXPECT_EQ(requested.state(), registration::v1::VOLUNTEER_TRANSFER_STATE_PENDING);
  EXPECT_TRUE(requested.volunteer().empty());
  EXPECT_TRUE(requested.from_region_code().empty());
  EXPECT_TRUE(requested.national_id_number().empty());
  create.mutable_volunteer_transfer()->set_national_id_number("430102199606060614");
  context = transfers(kTianxinOfficer);
  ASSERT_TRUE(Stub()->CreateVolunteerTransfer(context.get(), create, &unmatched).ok());
  EXPECT_EQ(unmatched.state(), registration::v1::VOLUNTEER_TRANSFER_STATE_CANCELLED);

  // The receiving side cannot decide; the holding side sees who and from where.
  registration::v1::ApproveVolunteerTransferRequest approve;
  approve.set_name(requested.name());
  registration::v1::VolunteerTransfer decided;
  context = transfers(kTianxinOfficer);
  EXPECT_EQ(Stub()->ApproveVolunteerTransfer(context.get(), approve, &decided).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  registration::v1::ListVolunteerTransfersRequest outgoing;
  outgoing.set_direction(registration::v1::TRANSFER_DIRECTION_OUTGOING);
  registration::v1::ListVolunteerTransfersResponse listed;
  context = transfers(kFurongStaff);
  ASSERT_TRUE(Stub()->ListVolunteerTransfers(context.get(), outgoing, &listed).ok());
  ASSERT_EQ(listed.volunteer_transfers_size(), 1);
  EXPECT_EQ(listed.volunteer_transfers(0).volunteer(), mover.name());
  EXPECT_EQ(listed.volunteer_transfers(0).from_region_code(), "430102001001");

  context = transfers(kFurongStaff);
  ASSERT_TRUE(Stub()->ApproveVolunteerTransfer(context.get(), approve, &decided).ok());
  EXPECT_EQ(decided.state(), registration::v1::VOLUNTEER_TRANSFER_STATE_APPROVED);
  context = transfers(kFurongStaff);
  EXPECT_EQ(ErrorReasonOf(Stub()->ApproveVolunteerTransfer(context.get(), approve, &decided)),
            "ILLEGAL_STATE_TRANSITION");

  // The record moved: Tianxin now sees it, Furong no longer does.
  registration::v1::GetVolunteerRequest get;
  get.set_name(mover.name());
  registration::v1::Volunteer moved;
  context = transfers(kTianxinOfficer);
  ASSERT_TRUE(Stub()->GetVolunteer(context.get(), get, &moved).ok());
  EXPECT_EQ(moved.residence_region_code(), "430103001");
  context = transfers(kFurongStaff);
  EXPECT_EQ(Stub()->GetVolunteer(context.get(), get, &moved).error_code(),
            grpc::StatusCode::NOT_FOUND);
  registration::v1::GetVolunteerTransferRequest get_transfer;
  get_transfer.set_name(requested.name());
  registration::v1::VolunteerTransfer seen;
  context = transfers(kTianxinOfficer);
  ASSERT_TRUE(Stub()->GetVolunteerTransfer(context.get(), get_transfer, &seen).ok());
  EXPECT_EQ(seen.volunteer(), mover.name());  // revealed once approved

  // A third county sees neither the transfer nor anything about it.
  const TestCaller bystander{
      .subject = "bystander", .roles = {"county_officer"}, .regions = {"430105"}};
  context = transfers(bystander);
  EXPECT_EQ(Stub()->GetVolunteerTransfer(context.get(), get_transfer, &seen).error_code(),
            grpc::StatusCode::NOT_FOUND);
  registration::v1::ListVolunteerTransfersRequest all;
  context = transfers(bystander);
  ASSERT_TRUE(Stub()->ListVolunteerTransfers(context.get(), all, &listed).ok());
  EXPECT_EQ(listed.volunteer_transfers_size(), 0);
}

TEST_F(RegistrationPeopleTest, CountsSummaryAndTwelveMonthFieldsFollowTrainingAndHours) {
  // A county of its own for this test, so counts are exact whatever other tests created.
  const TestCaller officer{
      .subject = "changsha-officer", .roles = {"county_officer"}, .regions = {"430121"}};
  registration::v1::Organization association, team, lecture_team;
  ASSERT_TRUE(
      CreateOrganization(
          officer,
          Organization("长沙县禁毒协会", registration::v1::ORGANIZATION_KIND_ASSOCIATION, "430121"),
          &association)
          .ok());
  ASSERT_TRUE(CreateOrganization(officer,
                                 Organization("长沙县禁毒志愿服务队",
                                              registration::v1::ORGANIZATION_KIND_VOLUNTEER_TEAM,
                                              "430121", association.name()),
                                 &team)
                  .ok());
  ASSERT_TRUE(CreateOrganization(
                  officer,
                  Organization("长沙县讲师团", registration::v1::ORGANIZATION_KIND_LECTURE_TEAM,
                               "430121", association.name()),
                  &lecture_team)
                  .ok());
  auto activate = [&](const std::string& name, const std::string& id_number) {
    registration::v1::Volunteer volunteer;
    EXPECT_TRUE(CreateVolunteer(officer, name, id_number, "430121", &volunteer).ok());
    registration::v1::ApproveVolunteerRequest approve;
    approve.set_name(volunteer.name());
    auto context = service_->Context(officer);
    EXPECT_TRUE(Stub()->ApproveVolunteer(context.get(), approve, &volunteer).ok());
    registration::v1::ActivateVolunteerRequest activate_request;
    activate_request.set_name(volunteer.name());
    context = service_->Context(officer);
    EXPECT_TRUE(Stub()->ActivateVolunteer(context.get(), activate_request, &volunteer).ok());
    return volunteer;
  };
  registration::v1::Volunteer trained = activate("培训者", "430102199707070715");
  registration::v1::Volunteer untrained = activate("未培训者", "430102199808080816");
  registration::v1::Volunteer applicant;
  ASSERT_TRUE(CreateVolunteer(officer, "申请者", "430102199909090917", "430121", &applicant).ok());

  const runtime::CivilDate today = runtime::TodayInShanghai();
  google::type::Date today_date = Day(today.year, today.month, today.day);
  registration::v1::CreateTrainingSessionRequest session_request;
  auto* session_input = session_request.mutable_training_session();
  session_input->set_organizer(team.name());
  session_input->set_region_code("430121");
  session_input->set_topic("禁毒业务培训");
  *session_input->mutable_session_date() = today_date;
  session_input->set_duration_minutes(90);
  registration::v1::TrainingSession session;
  auto context = service_->Context(officer);
  ASSERT_TRUE(Stub()->CreateTrainingSession(context.get(), session_request, &session).ok());
  registration::v1::BatchCreateTrainingAttendancesRequest attend;
  attend.set_parent(session.name());
  attend.add_attendances()->set_volunteer(trained.name());
  registration::v1::BatchCreateTrainingAttendancesResponse attended;
  context = service_->Context(officer);
  ASSERT_TRUE(Stub()->BatchCreateTrainingAttendances(context.get(), attend, &attended).ok());
  registration::v1::CreateServiceHourRecordRequest hours;
  hours.mutable_service_hour_record()->set_volunteer(trained.name());
  hours.mutable_service_hour_record()->set_organizer(team.name());
  *hours.mutable_service_hour_record()->mutable_work_date() = today_date;
  hours.mutable_service_hour_record()->set_minutes(150);
  hours.set_source(registration::v1::SERVICE_HOUR_SOURCE_ORGANIZER_ENTERED);
  registration::v1::ServiceHourRecord record;
  context = service_->Context(officer);
  grpc::Status status = Stub()->CreateServiceHourRecord(context.get(), hours, &record);
  ASSERT_TRUE(status.ok()) << status.error_message();

  // The volunteer's rolling fields and the trained filter.
  registration::v1::GetVolunteerRequest get;
  get.set_name(trained.name());
  registration::v1::Volunteer read;
  context = service_->Context(officer);
  ASSERT_TRUE(Stub()->GetVolunteer(context.get(), get, &read).ok());
  EXPECT_TRUE(read.trained());
  EXPECT_EQ(read.service_minutes_last_12_months(), 150);
  registration::v1::ListVolunteersRequest list;
  list.set_trained(false);
  registration::v1::ListVolunteersResponse listed;
  context = service_->Context(officer);
  ASSERT_TRUE(Stub()->ListVolunteers(context.get(), list, &listed).ok());
  std::vector<std::string> names;
  for (const auto& each : listed.volunteers()) names.push_back(each.name());
  std::sort(names.begin(), names.end());
  std::vector<std::string> expected = {untrained.name(), applicant.name()};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(names, expected);

  // Counts for the county (seed 000's kind of figures).
  registration::v1::ComputeRegistrationCountsRequest counts_request;
  counts_request.set_region_code("430121");
  registration::v1::ComputeRegistrationCountsResponse counts;
  context = service_->Context(officer);
  ASSERT_TRUE(Stub()->ComputeRegistrationCounts(context.get(), counts_request, &counts).ok());
  EXPECT_EQ(counts.total().region_display_name(), "长沙县");
  ASSERT_EQ(counts.total().organizations_size(), 3);
  EXPECT_EQ(counts.total().organizations(0).kind(),
            registration::v1::ORGANIZATION_KIND_ASSOCIATION);
  ASSERT_EQ(counts.total().volunteers_size(), 2);
  EXPECT_EQ(counts.total().volunteers(0).state(), registration::v1::VOLUNTEER_STATE_APPLIED);
  EXPECT_EQ(counts.total().volunteers(0).count(), 1);
  EXPECT_EQ(counts.total().volunteers(1).state(), registration::v1::VOLUNTEER_STATE_ACTIVE);
  EXPECT_EQ(counts.total().volunteers(1).count(), 2);
  EXPECT_EQ(counts.total().trained_volunteers(), 1);
  counts_request.set_region_code("430102");
  context = service_->Context(officer);
  EXPECT_EQ(
      ErrorReasonOf(Stub()->ComputeRegistrationCounts(context.get(), counts_request, &counts)),
      "REGION_OUT_OF_SCOPE");
  // By child region: Changsha's districts, each with its own total.
  counts_request.set_region_code("430100");
  counts_request.set_by_child_region(true);
  context = service_->Context(kAdmin);
  ASSERT_TRUE(Stub()->ComputeRegistrationCounts(context.get(), counts_request, &counts).ok());
  EXPECT_GE(counts.by_child_region_size(), 9);
  bool saw_county = false;
  for (const auto& child : counts.by_child_region()) {
    if (child.region_code() == "430121") saw_county = child.trained_volunteers() == 1;
  }
  EXPECT_TRUE(saw_county);

  // The certificate summary: purpose required, audited.
  registration::v1::GetVolunteerServiceSummaryRequest summary_request;
  summary_request.set_volunteer(trained.name());
  registration::v1::VolunteerServiceSummary summary;
  context = service_->Context(officer);
  EXPECT_EQ(
      ErrorReasonOf(Stub()->GetVolunteerServiceSummary(context.get(), summary_request, &summary)),
      "ACCESS_PURPOSE_REQUIRED");
  summary_request.set_access_purpose("打印志愿服务证明");
  context = service_->Context(officer);
  ASSERT_TRUE(Stub()->GetVolunteerServiceSummary(context.get(), summary_request, &summary).ok());
  EXPECT_EQ(summary.display_name(), "培训者");
  EXPECT_EQ(summary.masked_national_id_number(), "430***********0715");
  EXPECT_EQ(summary.minutes_last_12_months(), 150);
  EXPECT_EQ(summary.trainings_last_12_months(), 1);
  ASSERT_EQ(summary.by_organizer_size(), 1);
  EXPECT_EQ(summary.by_organizer(0).organizer_display_name(), "长沙县禁毒志愿服务队");
  EXPECT_EQ(Count("SELECT count(*) FROM registration.access_audit WHERE outcome = "
                  "'READ_SUMMARY' AND purpose = '打印志愿服务证明'"),
            1);
}

TEST_F(RegistrationPeopleTest, ARegionMovedInTheTreeTakesItsPeopleAlong) {
  auto regions = registration::v1::RegionService::NewStub(service_->Channel());
  auto import = [&](const std::string& csv) {
    registration::v1::ImportRegionsRequest request;
    request.set_csv("code,name,level,parent,valid_from,valid_to\n" + csv);
    registration::v1::ImportRegionsResponse response;
    auto context = service_->Context(kAdmin);
    grpc::Status status = regions->ImportRegions(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
  };
  import(
      "430102009,划转街道,township,430102,2000-01-01,\n"
      "430102009001,划转社区,village,430102009,2000-01-01,\n");
  registration::v1::Volunteer moved = Volunteer("划转居民", "430102198001010011");
  registration::v1::UpdateVolunteerRequest update;
  update.mutable_volunteer()->set_name(moved.name());
  update.mutable_volunteer()->set_residence_region_code("430102009001");
  update.mutable_update_mask()->add_paths("residence_region_code");
  auto context = service_->Context(kFurongStaff);
  ASSERT_TRUE(Stub()->UpdateVolunteer(context.get(), update, &moved).ok());

  // The street is handed over to 天心区: its people go with it, for reads and for lists.
  import("430102009,划转街道,township,430103,2000-01-01,\n");
  registration::v1::GetVolunteerRequest get;
  get.set_name(moved.name());
  registration::v1::Volunteer read;
  context = service_->Context(kTianxinOfficer);
  grpc::Status status = Stub()->GetVolunteer(context.get(), get, &read);
  EXPECT_TRUE(status.ok()) << status.error_message();
  context = service_->Context(kFurongStaff);
  EXPECT_EQ(Stub()->GetVolunteer(context.get(), get, &read).error_code(),
            grpc::StatusCode::NOT_FOUND);
  registration::v1::ListVolunteersRequest list;
  list.set_within_region_code("430103");
  registration::v1::ListVolunteersResponse listed;
  context = service_->Context(kTianxinOfficer);
  ASSERT_TRUE(Stub()->ListVolunteers(context.get(), list, &listed).ok());
  bool found = false;
  for (const auto& each : listed.volunteers()) found |= each.name() == moved.name();
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace jindu::testing
