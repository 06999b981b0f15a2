// The publicity service's activities, black-box over real servers: registration runs beside it,
// and the organisations, volunteers and lecturers the activities name reach publicity only as
// registration's events. A township branch records its activities; the county above reviews them
// (submit, approve, reject with a reason, resubmit, corrections approved into revision 2 or
// rejected); another county's reviewer and staff cannot tell an activity from a missing one; the
// submitter never approves their own; every bad field is named; creates are idempotent by request
// id; each review step's event is on jindu.publicity.activity.v1 with the countable facts only.

#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "harness/calendar.h"
#include "harness/error_details.h"
#include "harness/metrics_scrape.h"
#include "harness/query_wait.h"
#include "harness/registration_backed_suite.h"
#include "harness/shared_infrastructure.h"
#include "harness/topic_reader.h"
#include "jindu/publicity/events/v1/activity_events.pb.h"
#include "jindu/publicity/v1/publicity_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"

namespace jindu::testing {
namespace {

using publicity::v1::PublicityService;
using registration::v1::RegistrationService;
namespace pub = publicity::v1;
namespace pev = publicity::events::v1;
namespace reg = registration::v1;

const TestCaller kRegistrar{
    .subject = "registrar", .roles = {"province_admin"}, .regions = {"430000"}};
// The township branch's own staff (文艺路街道, inside 芙蓉区).
const TestCaller kBranchStaff{
    .subject = "wenyilu-staff", .roles = {"association_staff"}, .regions = {"430102001"}};
const TestCaller kBranchStaff2{
    .subject = "wenyilu-staff-2", .roles = {"association_staff"}, .regions = {"430102001"}};
// The level above: the county's officer reviews the branch's activities.
const TestCaller kFurongOfficer{
    .subject = "furong-officer", .roles = {"county_officer"}, .regions = {"430102"}};
const TestCaller kFurongOfficer2{
    .subject = "furong-officer-2", .roles = {"county_officer"}, .regions = {"430102"}};
// An officer whose scope is only the township: sees the activities, may not review them.
const TestCaller kTownshipOfficer{
    .subject = "wenyilu-officer", .roles = {"county_officer"}, .regions = {"430102001"}};
const TestCaller kTianxinOfficer{
    .subject = "tianxin-officer", .roles = {"county_officer"}, .regions = {"430103"}};
const TestCaller kTianxinStaff{
    .subject = "tianxin-staff", .roles = {"association_staff"}, .regions = {"430103"}};

constexpr char kTownships[] =
    "code,name,level,parent,valid_from,valid_to\n"
    "430102001,文艺路街道,township,430102,2000-01-01,\n"
    "430102001001,识字岭社区,village,430102001,2000-01-01,\n"
    "430102002,朝阳街街道,township,430102,2000-01-01,\n"
    "430103001,坡子街街道,township,430103,2000-01-01,\n";

constexpr char kTopic[] = "jindu.publicity.activity.v1";
// Text that must never leave the service in an event.
constexpr char kSecretTitle[] = "识字岭社区禁毒讲座";
constexpr char kSecretDescription[] = "现场居民王五参与互动";

class PublicityActivitiesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ =
        RegistrationBackedSuite::Start("publicity_activities", "services/publicity/jindu-publicity",
                                       "publicity", kTownships, "430103001",
                                       // The review backlog gauge, refreshed 5 times a second.
                                       {{"JINDU_GAUGE_REFRESH_MS", "200"}})
            .release();
    association_ = Organization("芙蓉区禁毒协会", reg::ORGANIZATION_KIND_ASSOCIATION, "430102");
    branch_ = Organization("文艺路街道禁毒分会", reg::ORGANIZATION_KIND_TOWNSHIP_BRANCH,
                           "430102001", association_.name());
    team_ = Organization("芙蓉区讲师团", reg::ORGANIZATION_KIND_LECTURE_TEAM, "430102",
                         association_.name());
    dissolved_ = Organization("朝阳街街道禁毒分会", reg::ORGANIZATION_KIND_TOWNSHIP_BRANCH,
                              "430102002", association_.name());
    reg::DissolveOrganizationRequest dissolve;
    dissolve.set_name(dissolved_.name());
    *dissolve.mutable_dissolution_date() = DaysFromToday(0);
    dissolve.set_reason("合并");
    RegCall<reg::Organization>(&RegistrationService::Stub::DissolveOrganization, dissolve);

    lecturer_ = Volunteer("宣讲员甲", "430102199003071234", /*activate=*/true);
    reg::CertifyLecturerRequest certify;
    certify.set_name(lecturer_);
    certify.mutable_certification()->set_lecture_team(team_.name());
    *certify.mutable_certification()->mutable_certified_date() = DaysFromToday(-30);
    certify.mutable_certification()->add_topics("青少年毒品预防");
    RegCall<reg::Volunteer>(&RegistrationService::Stub::CertifyLecturer, certify);
    helper_ = Volunteer("志愿者乙", "430102198511110047", /*activate=*/true);
    helper2_ = Volunteer("志愿者丙", "430102199301010317", /*activate=*/true);
    applicant_ = Volunteer("志愿者丁", "430102199402020418", /*activate=*/false);

    // Everything above reaches publicity's replica as registration's events.
    WaitFor(
        "SELECT count(*) FROM publicity.organization_replica WHERE state = 1 AND "
        "organization_id IN ('" +
            Id(association_.name()) + "', '" + Id(branch_.name()) + "')",
        "2");
    WaitFor("SELECT state::text FROM publicity.organization_replica WHERE organization_id = '" +
                Id(dissolved_.name()) + "'",
            "2");
    WaitFor(
        "SELECT state || '|' || lecture_team_id FROM publicity.volunteer_replica WHERE "
        "volunteer_id = '" +
            Id(lecturer_) + "'",
        "3|" + Id(team_.name()));
    WaitFor(
        "SELECT string_agg(state::text, ',' ORDER BY state) FROM publicity.volunteer_replica "
        "WHERE volunteer_id IN ('" +
            Id(helper_) + "', '" + Id(helper2_) + "', '" + Id(applicant_) + "')",
        "1,3,3");

    // The county's campaign the branch's activities may belong to: the last 30 days and today.
    pub::CreateCampaignRequest campaign;
    campaign.mutable_campaign()->set_display_name("开学第一课");
    campaign.mutable_campaign()->set_tag(pub::CAMPAIGN_TAG_FIRST_LESSON);
    campaign.mutable_campaign()->set_organizer(association_.name());
    *campaign.mutable_campaign()->mutable_date_range()->mutable_start_date() = DaysFromToday(-30);
    *campaign.mutable_campaign()->mutable_date_range()->mutable_end_date() = DaysFromToday(1);
    campaign.mutable_campaign()->add_region_codes("430102");
    pub::Campaign created;
    grpc::Status status =
        Call(kFurongOfficer, &PublicityService::Stub::CreateCampaign, campaign, &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
    campaign_ = created.name();
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

  // --- registration ---

  template <typename Response, typename Request, typename Method>
  static Response RegCall(Method method, const Request& request) {
    Response response;
    auto stub = RegistrationService::NewStub(suite_->registration().Channel());
    auto context = suite_->registration().Context(kRegistrar);
    grpc::Status status = (stub.get()->*method)(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
  static reg::Organization Organization(const std::string& name, reg::OrganizationKind kind,
                                        const std::string& region, const std::string& parent = "") {
    reg::CreateOrganizationRequest request;
    request.mutable_organization()->set_display_name(name);
    request.mutable_organization()->set_kind(kind);
    request.mutable_organization()->set_region_code(region);
    request.mutable_organization()->set_parent(parent);
    *request.mutable_organization()->mutable_founding_date() = ProtoDay(2019, 6, 26);
    return RegCall<reg::Organization>(&RegistrationService::Stub::CreateOrganization, request);
  }
  static std::string Volunteer(const std::string& name, const std::string& id_number,
                               bool activate) {
    reg::CreateVolunteerRequest create;
    create.mutable_volunteer()->set_display_name(name);
    create.mutable_volunteer()->set_national_id_number(id_number);
    create.mutable_volunteer()->set_phone("+8613812345678");
    create.mutable_volunteer()->set_residence_region_code("430102001");
    const std::string volunteer =
        RegCall<reg::Volunteer>(&RegistrationService::Stub::CreateVolunteer, create).name();
    if (activate) {
      reg::ApproveVolunteerRequest approve;
      approve.set_name(volunteer);
      RegCall<reg::Volunteer>(&RegistrationService::Stub::ApproveVolunteer, approve);
      reg::ActivateVolunteerRequest active;
      active.set_name(volunteer);
      RegCall<reg::Volunteer>(&RegistrationService::Stub::ActivateVolunteer, active);
    }
    return volunteer;
  }
  // Polls a service's database until `sql` (one value) returns `expected`.
  static void WaitForIn(ServiceProcess& service, const std::string& sql,
                        const std::string& expected) {
    WaitForQueryValue(service, sql, expected, std::chrono::seconds(30));
  }
  static void WaitFor(const std::string& sql, const std::string& expected) {
    WaitForIn(suite_->service(), sql, expected);
  }
  static pqxx::result Query(const std::string& sql) {
    pqxx::connection connection(suite_->service().postgres_url());
    pqxx::nontransaction tx(connection);
    return tx.exec(sql);
  }
  static int64_t ActivityRows() {
    return Query("SELECT count(*) FROM publicity.activities")[0][0].as<int64_t>();
  }
  static std::string Id(const std::string& name) { return name.substr(name.find('/') + 1); }

  // --- publicity ---

  static std::unique_ptr<PublicityService::Stub> Stub() {
    return PublicityService::NewStub(suite_->service().Channel());
  }
  template <typename Request, typename Response, typename Method>
  static grpc::Status Call(const TestCaller& caller, Method method, const Request& request,
                           Response* response) {
    auto context = suite_->service().Context(caller);
    return (Stub().get()->*method)(context.get(), request, response);
  }

  // A street campaign of the branch three days ago, with a volunteer, leaflets and a photo.
  static pub::Activity NewActivity() {
    pub::Activity activity;
    activity.set_organization(branch_.name());
    activity.set_region_code("430102001001");
    activity.set_title(kSecretTitle);
    activity.set_kind(pub::ACTIVITY_KIND_STREET_CAMPAIGN);
    activity.set_six_into_category(pub::SIX_INTO_CATEGORY_COMMUNITIES);
    activity.add_campaign_tags(pub::CAMPAIGN_TAG_JUNE_26);
    *activity.mutable_activity_date() = DaysFromToday(-3);
    activity.set_audience_count(200);
    auto* served = activity.add_volunteers();
    served->set_volunteer(helper_);
    served->set_minutes(90);
    auto* leaflets = activity.add_materials();
    leaflets->set_kind(pub::MATERIAL_KIND_LEAFLET);
    leaflets->set_count(300);
    auto* photo = activity.add_attachments();
    photo->set_kind(pub::ATTACHMENT_KIND_PHOTO);
    photo->set_uri("s3://publicity/wenyilu/photo-1.jpg");
    photo->set_sha256(std::string(64, 'c'));
    photo->set_size_bytes(204800);
    photo->set_content_type("image/jpeg");
    activity.set_description(kSecretDescription);
    return activity;
  }
  static pub::Activity NewLecture() {
    pub::Activity activity = NewActivity();
    activity.set_kind(pub::ACTIVITY_KIND_LECTURE);
    activity.set_six_into_category(pub::SIX_INTO_CATEGORY_SCHOOLS);
    activity.add_lecturers(lecturer_);
    return activity;
  }

  static grpc::Status Create(const TestCaller& caller, const pub::Activity& activity,
                             pub::Activity* created, bool submit = false,
                             const std::string& request_id = "") {
    pub::CreateActivityRequest request;
    *request.mutable_activity() = activity;
    request.set_submit(submit);
    request.set_request_id(request_id);
    return Call(caller, &PublicityService::Stub::CreateActivity, request, created);
  }
  static pub::Activity Made(const pub::Activity& activity, bool submit = false,
                            const TestCaller& caller = kBranchStaff) {
    pub::Activity created;
    grpc::Status status = Create(caller, activity, &created, submit);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  }
  static grpc::Status Get(const TestCaller& caller, const std::string& name, pub::Activity* got) {
    pub::GetActivityRequest request;
    request.set_name(name);
    return Call(caller, &PublicityService::Stub::GetActivity, request, got);
  }
  static grpc::Status Submit(const TestCaller& caller, const std::string& name,
                             pub::Activity* answer, const std::string& etag = "") {
    pub::SubmitActivityRequest request;
    request.set_name(name);
    request.set_etag(etag);
    return Call(caller, &PublicityService::Stub::SubmitActivity, request, answer);
  }
  static grpc::Status Approve(const TestCaller& caller, const std::string& name,
                              pub::Activity* answer) {
    pub::ApproveActivityRequest request;
    request.set_name(name);
    request.set_reason("材料齐全");
    return Call(caller, &PublicityService::Stub::ApproveActivity, request, answer);
  }
  static grpc::Status Reject(const TestCaller& caller, const std::string& name,
                             const std::string& reason, pub::Activity* answer) {
    pub::RejectActivityRequest request;
    request.set_name(name);
    request.set_reason(reason);
    return Call(caller, &PublicityService::Stub::RejectActivity, request, answer);
  }
  static grpc::Status Update(const TestCaller& caller, const pub::Activity& activity,
                             const std::vector<std::string>& paths, pub::Activity* answer,
                             const std::string& etag = "") {
    pub::UpdateActivityRequest request;
    *request.mutable_activity() = activity;
    for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
    request.set_etag(etag);
    return Call(caller, &PublicityService::Stub::UpdateActivity, request, answer);
  }
  static grpc::Status Propose(const TestCaller& caller, const pub::Activity& activity,
                              const std::vector<std::string>& paths, const std::string& reason,
                              pub::Activity* answer) {
    pub::ProposeActivityCorrectionRequest request;
    *request.mutable_activity() = activity;
    for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
    request.set_reason(reason);
    return Call(caller, &PublicityService::Stub::ProposeActivityCorrection, request, answer);
  }
  static grpc::Status Delete(const TestCaller& caller, const std::string& name,
                             const std::string& etag = "") {
    pub::DeleteActivityRequest request;
    request.set_name(name);
    request.set_etag(etag);
    google::protobuf::Empty empty;
    return Call(caller, &PublicityService::Stub::DeleteActivity, request, &empty);
  }
  static grpc::Status List(const TestCaller& caller, const pub::ListActivitiesRequest& request,
                           pub::ListActivitiesResponse* response) {
    return Call(caller, &PublicityService::Stub::ListActivities, request, response);
  }
  // Names of every activity of a list, page by page.
  static std::vector<std::string> ListAll(const TestCaller& caller,
                                          pub::ListActivitiesRequest request) {
    std::vector<std::string> names;
    for (int page = 0; page < 100; ++page) {
      pub::ListActivitiesResponse response;
      grpc::Status status = List(caller, request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      for (const auto& activity : response.activities()) names.push_back(activity.name());
      if (!status.ok() || response.next_page_token().empty()) break;
      request.set_page_token(response.next_page_token());
    }
    return names;
  }
  static bool Contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  }

  // The events of one activity on the topic, in order, once `expected` of them arrived.
  static std::vector<TopicEvent> EventsOf(const std::string& name, size_t expected) {
    std::vector<TopicEvent> mine;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      mine.clear();
      for (auto& event :
           ReadTopicEvents(SharedKafka().BootstrapServers(), kTopic, 1, std::chrono::seconds(10),
                           std::chrono::milliseconds(500))) {
        if (event.key == Id(name)) mine.push_back(std::move(event));
      }
      if (mine.size() >= expected) break;
    }
    std::sort(mine.begin(), mine.end(), [](const TopicEvent& a, const TopicEvent& b) {
      return a.envelope.aggregate_version() < b.envelope.aggregate_version();
    });
    return mine;
  }

  static RegistrationBackedSuite* suite_;
  static reg::Organization association_;
  static std::string campaign_;
  static reg::Organization branch_;
  static reg::Organization dissolved_;
  static reg::Organization team_;
  static std::string lecturer_;
  static std::string helper_;
  static std::string helper2_;
  static std::string applicant_;
};

RegistrationBackedSuite* PublicityActivitiesTest::suite_ = nullptr;
reg::Organization PublicityActivitiesTest::association_;
reg::Organization PublicityActivitiesTest::branch_;
reg::Organization PublicityActivitiesTest::dissolved_;
reg::Organization PublicityActivitiesTest::team_;
std::string PublicityActivitiesTest::lecturer_;
std::string PublicityActivitiesTest::campaign_;
std::string PublicityActivitiesTest::helper_;
std::string PublicityActivitiesTest::helper2_;
std::string PublicityActivitiesTest::applicant_;

TEST_F(PublicityActivitiesTest, CreateGetAndListWithFilters) {
  pub::Activity old_lecture = NewLecture();
  *old_lecture.mutable_activity_date() = DaysFromToday(-20);
  old_lecture.set_campaign(campaign_);
  const pub::Activity lecture = Made(old_lecture);
  EXPECT_EQ(lecture.review_state(), pub::REVIEW_STATE_DRAFT);
  EXPECT_EQ(lecture.approved_revision(), 0);
  EXPECT_EQ(lecture.audit().create_subject(), kBranchStaff.subject);
  EXPECT_EQ(lecture.audit().etag(), "1");
  EXPECT_EQ(lecture.lecturers(0), lecturer_);
  const pub::Activity street = Made(NewActivity(), /*submit=*/true);
  EXPECT_EQ(street.review_state(), pub::REVIEW_STATE_SUBMITTED);
  pub::Activity recent = NewActivity();
  *recent.mutable_activity_date() = DaysFromToday(0);
  recent.set_kind(pub::ACTIVITY_KIND_EXHIBITION);
  recent.set_six_into_category(pub::SIX_INTO_CATEGORY_VENUES);
  const pub::Activity exhibition = Made(recent);

  // Stored as a row: the region path lists use, and the people named as queryable ids.
  const pqxx::result row = Query(
      "SELECT region_path, lecturers::text, volunteers->0->>'minutes', review_state, "
      "campaign_id FROM publicity.activities WHERE activity_id = '" +
      Id(lecture.name()) + "'");
  ASSERT_EQ(row.size(), 1u);
  EXPECT_NE(row[0][0].as<std::string>().find(";430102001;"), std::string::npos);
  EXPECT_EQ(row[0][1].as<std::string>(), "[\"" + Id(lecturer_) + "\"]");
  EXPECT_EQ(row[0][2].as<std::string>(), "90");
  EXPECT_EQ(row[0][3].as<int>(), pub::REVIEW_STATE_DRAFT);
  EXPECT_EQ(row[0][4].as<std::string>(), Id(campaign_));

  pub::Activity got;
  ASSERT_TRUE(Get(kBranchStaff, street.name(), &got).ok());
  EXPECT_EQ(got.SerializeAsString(), street.SerializeAsString());
  ASSERT_TRUE(Get(kFurongOfficer, lecture.name(), &got).ok());
  EXPECT_EQ(got.title(), kSecretTitle);
  EXPECT_EQ(got.campaign(), campaign_);
  EXPECT_EQ(got.attachments(0).sha256(), std::string(64, 'c'));

  // Newest activity date first, across pages of one.
  pub::ListActivitiesRequest by_branch;
  by_branch.set_organization(branch_.name());
  by_branch.set_page_size(1);
  std::vector<std::string> names = ListAll(kBranchStaff, by_branch);
  const auto at = [&](const std::string& name) {
    return std::find(names.begin(), names.end(), name) - names.begin();
  };
  ASSERT_TRUE(Contains(names, lecture.name()) && Contains(names, street.name()) &&
              Contains(names, exhibition.name()));
  EXPECT_LT(at(exhibition.name()), at(street.name()));
  EXPECT_LT(at(street.name()), at(lecture.name()));

  pub::ListActivitiesRequest kinds;
  kinds.add_kinds(pub::ACTIVITY_KIND_LECTURE);
  kinds.add_kinds(pub::ACTIVITY_KIND_EXHIBITION);
  names = ListAll(kBranchStaff, kinds);
  EXPECT_TRUE(Contains(names, lecture.name()) && Contains(names, exhibition.name()));
  EXPECT_FALSE(Contains(names, street.name()));

  pub::ListActivitiesRequest category;
  category.set_six_into_category(pub::SIX_INTO_CATEGORY_VENUES);
  EXPECT_EQ(ListAll(kBranchStaff, category), (std::vector<std::string>{exhibition.name()}));

  pub::ListActivitiesRequest campaign;
  campaign.set_campaign(campaign_);
  EXPECT_EQ(ListAll(kFurongOfficer, campaign), (std::vector<std::string>{lecture.name()}));

  pub::ListActivitiesRequest dates;
  *dates.mutable_date_range()->mutable_start_date() = DaysFromToday(-21);
  *dates.mutable_date_range()->mutable_end_date() = DaysFromToday(-19);
  EXPECT_EQ(ListAll(kBranchStaff, dates), (std::vector<std::string>{lecture.name()}));

  pub::ListActivitiesRequest submitted;
  submitted.add_review_states(pub::REVIEW_STATE_SUBMITTED);
  submitted.set_within_region_code("430102001");
  names = ListAll(kFurongOfficer, submitted);
  EXPECT_TRUE(Contains(names, street.name()));
  EXPECT_FALSE(Contains(names, lecture.name()) || Contains(names, exhibition.name()));

  // Another county lists none of it; naming a region outside the scope is refused.
  EXPECT_TRUE(ListAll(kTianxinStaff, pub::ListActivitiesRequest()).empty());
  pub::ListActivitiesResponse response;
  pub::ListActivitiesRequest foreign;
  foreign.set_within_region_code("430102");
  grpc::Status status = List(kTianxinStaff, foreign, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");

  // A token is bound to the filters it was made for.
  ASSERT_TRUE(List(kBranchStaff, by_branch, &response).ok());
  ASSERT_FALSE(response.next_page_token().empty());
  pub::ListActivitiesRequest other = kinds;
  other.set_page_token(response.next_page_token());
  status = List(kBranchStaff, other, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ErrorReasonOf(status), "INVALID_PAGE_TOKEN");
  pub::ListActivitiesRequest bad;
  bad.add_review_states(static_cast<pub::ReviewState>(42));
  bad.set_page_size(-1);
  EXPECT_EQ(List(kBranchStaff, bad, &response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(PublicityActivitiesTest, EveryBadFieldIsNamedAndNothingIsWritten) {
  struct Case {
    std::string what;
    std::function<void(pub::Activity&)> change;
    std::string violation;
  };
  const std::vector<Case> cases = {
      {"no organisation", [](pub::Activity& a) { a.clear_organization(); },
       "activity.organization=FIELD_REQUIRED"},
      {"unknown organisation",
       [](pub::Activity& a) { a.set_organization("organizations/nosuchorg"); },
       "activity.organization=REFERENCE_NOT_FOUND"},
      {"dissolved organisation",
       [](pub::Activity& a) {
         a.set_organization(dissolved_.name());
         a.set_region_code("430102002");
       },
       "activity.organization=REFERENCE_NOT_FOUND"},  // outside the branch staff's scope too
      {"region outside the organisation", [](pub::Activity& a) { a.set_region_code("430102"); },
       "activity.region_code=VALUE_NOT_ALLOWED"},
      {"unknown region", [](pub::Activity& a) { a.set_region_code("430102999"); },
       "activity.region_code=REFERENCE_NOT_FOUND"},
      {"no region", [](pub::Activity& a) { a.clear_region_code(); },
       "activity.region_code=FIELD_REQUIRED"},
      {"no title", [](pub::Activity& a) { a.clear_title(); }, "activity.title=FIELD_REQUIRED"},
      {"long title", [](pub::Activity& a) { a.set_title(std::string(201 * 3, 'x')); },
       "activity.title=FIELD_TOO_LONG"},
      {"no kind", [](pub::Activity& a) { a.clear_kind(); }, "activity.kind=FIELD_REQUIRED"},
      {"no category", [](pub::Activity& a) { a.clear_six_into_category(); },
       "activity.six_into_category=FIELD_REQUIRED"},
      {"no date", [](pub::Activity& a) { a.clear_activity_date(); },
       "activity.activity_date=FIELD_REQUIRED"},
      {"future date", [](pub::Activity& a) { *a.mutable_activity_date() = DaysFromToday(1); },
       "activity.activity_date=DATE_IN_FUTURE"},
      {"negative audience", [](pub::Activity& a) { a.set_audience_count(-1); },
       "activity.audience_count=FIELD_OUT_OF_RANGE"},
      {"lecture without lecturer", [](pub::Activity& a) { a.set_kind(pub::ACTIVITY_KIND_LECTURE); },
       "activity.lecturers=FIELD_REQUIRED"},
      {"unknown lecturer", [](pub::Activity& a) { a.add_lecturers("volunteers/nosuchperson"); },
       "activity.lecturers[0]=REFERENCE_NOT_FOUND"},
      {"uncertified lecturer",
       [](pub::Activity& a) {
         a.add_lecturers(lecturer_);
         a.add_lecturers(helper_);
       },
       "activity.lecturers[1]=REFERENCE_NOT_FOUND"},
      {"repeated lecturer",
       [](pub::Activity& a) {
         a.add_lecturers(lecturer_);
         a.add_lecturers(lecturer_);
       },
       "activity.lecturers[1]=DUPLICATE_IN_REQUEST"},
      {"malformed lecturer", [](pub::Activity& a) { a.add_lecturers("lecturer"); },
       "activity.lecturers[0]=FIELD_MALFORMED"},
      {"inactive volunteer",
       [](pub::Activity& a) { a.mutable_volunteers(0)->set_volunteer(applicant_); },
       "activity.volunteers[0].volunteer=VALUE_NOT_ALLOWED"},
      {"unknown volunteer",
       [](pub::Activity& a) { a.mutable_volunteers(0)->set_volunteer("volunteers/nobody"); },
       "activity.volunteers[0].volunteer=REFERENCE_NOT_FOUND"},
      {"no minutes", [](pub::Activity& a) { a.mutable_volunteers(0)->set_minutes(0); },
       "activity.volunteers[0].minutes=FIELD_OUT_OF_RANGE"},
      {"more than a day", [](pub::Activity& a) { a.mutable_volunteers(0)->set_minutes(1441); },
       "activity.volunteers[0].minutes=FIELD_OUT_OF_RANGE"},
      {"repeated volunteer", [](pub::Activity& a) { *a.add_volunteers() = a.volunteers(0); },
       "activity.volunteers[1].volunteer=DUPLICATE_IN_REQUEST"},
      {"material kind twice", [](pub::Activity& a) { *a.add_materials() = a.materials(0); },
       "activity.materials[1].kind=DUPLICATE_IN_REQUEST"},
      {"no material count", [](pub::Activity& a) { a.mutable_materials(0)->set_count(0); },
       "activity.materials[0].count=FIELD_OUT_OF_RANGE"},
      {"no material kind", [](pub::Activity& a) { a.mutable_materials(0)->clear_kind(); },
       "activity.materials[0].kind=FIELD_REQUIRED"},
      {"51 attachments",
       [](pub::Activity& a) {
         for (int i = 0; i < 50; ++i) *a.add_attachments() = a.attachments(0);
       },
       "activity.attachments=FIELD_OUT_OF_RANGE"},
      {"attachment without kind", [](pub::Activity& a) { a.mutable_attachments(0)->clear_kind(); },
       "activity.attachments[0].kind=FIELD_REQUIRED"},
      {"attachment without uri", [](pub::Activity& a) { a.mutable_attachments(0)->clear_uri(); },
       "activity.attachments[0].uri=FIELD_REQUIRED"},
      {"long uri",
       [](pub::Activity& a) { a.mutable_attachments(0)->set_uri(std::string(1025, 'u')); },
       "activity.attachments[0].uri=FIELD_TOO_LONG"},
      {"attachment without hash",
       [](pub::Activity& a) { a.mutable_attachments(0)->clear_sha256(); },
       "activity.attachments[0].sha256=FIELD_REQUIRED"},
      {"upper-case hash",
       [](pub::Activity& a) { a.mutable_attachments(0)->set_sha256(std::string(64, 'C')); },
       "activity.attachments[0].sha256=FIELD_MALFORMED"},
      {"short hash",
       [](pub::Activity& a) { a.mutable_attachments(0)->set_sha256(std::string(63, 'c')); },
       "activity.attachments[0].sha256=FIELD_MALFORMED"},
      {"empty file", [](pub::Activity& a) { a.mutable_attachments(0)->set_size_bytes(0); },
       "activity.attachments[0].size_bytes=FIELD_OUT_OF_RANGE"},
      {"long description", [](pub::Activity& a) { a.set_description(std::string(4001, 'd')); },
       "activity.description=FIELD_TOO_LONG"},
      {"malformed campaign", [](pub::Activity& a) { a.set_campaign("campaign-626"); },
       "activity.campaign=FIELD_MALFORMED"},
  };
  const int64_t rows = ActivityRows();
  for (const Case& each : cases) {
    pub::Activity activity = NewActivity();
    each.change(activity);
    pub::Activity created;
    grpc::Status status = Create(kBranchStaff, activity, &created, /*submit=*/true);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << each.what;
    EXPECT_EQ(ErrorReasonOf(status), "INVALID_FIELD") << each.what;
    const std::vector<std::string> violations = FieldViolationsOf(status);
    EXPECT_TRUE(Contains(violations, each.violation))
        << each.what << ": " << ::testing::PrintToString(violations);
  }
  // A county officer sees the dissolved branch's region, so the state is what is wrong.
  pub::Activity dissolved = NewActivity();
  dissolved.set_organization(dissolved_.name());
  dissolved.set_region_code("430102002");
  pub::Activity created;
  grpc::Status status = Create(kFurongOfficer, dissolved, &created);
  EXPECT_EQ(FieldViolationsOf(status),
            (std::vector<std::string>{"activity.organization=VALUE_NOT_ALLOWED"}));
  // A campaign's activities are held inside its dates (the last 30 days and today).
  pub::Activity unknown_campaign = NewActivity();
  unknown_campaign.set_campaign("campaigns/00000000-0000-0000-0000-000000000000");
  status = Create(kBranchStaff, unknown_campaign, &created);
  EXPECT_EQ(FieldViolationsOf(status),
            (std::vector<std::string>{"activity.campaign=REFERENCE_NOT_FOUND"}));
  pub::Activity before_campaign = NewActivity();
  before_campaign.set_campaign(campaign_);
  *before_campaign.mutable_activity_date() = DaysFromToday(-31);
  status = Create(kBranchStaff, before_campaign, &created);
  EXPECT_EQ(FieldViolationsOf(status),
            (std::vector<std::string>{"activity.activity_date=VALUE_NOT_ALLOWED"}));
  // Another county's staff cannot tell the branch from a missing organisation.
  status = Create(kTianxinStaff, NewActivity(), &created);
  EXPECT_EQ(FieldViolationsOf(status),
            (std::vector<std::string>{"activity.organization=REFERENCE_NOT_FOUND"}));
  // A caller without a publicity role.
  status = Create({.subject = "caseworker", .roles = {"caseworker"}, .regions = {"430102"}},
                  NewActivity(), &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ActivityRows(), rows);
}

TEST_F(PublicityActivitiesTest, CreatesAreIdempotentByRequestId) {
  const std::string request_id = "5c1f7a9e-2b3d-4e6f-8a0b-1c2d3e4f5a6b";
  pub::Activity first;
  ASSERT_TRUE(Create(kBranchStaff, NewLecture(), &first, true, request_id).ok());
  const int64_t rows = ActivityRows();
  pub::Activity again;
  ASSERT_TRUE(Create(kBranchStaff, NewLecture(), &again, true, request_id).ok());
  EXPECT_EQ(again.name(), first.name());
  EXPECT_EQ(again.audit().etag(), first.audit().etag());
  EXPECT_EQ(ActivityRows(), rows);

  pub::Activity different = NewLecture();
  different.set_audience_count(999);
  grpc::Status status = Create(kBranchStaff, different, &again, true, request_id);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ErrorReasonOf(status), "DUPLICATE_REQUEST_ID_CONFLICT");
  // The same id and content from someone else is not their request either.
  status = Create(kBranchStaff2, NewLecture(), &again, true, request_id);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  status = Create(kBranchStaff, NewLecture(), &again, true, "not-a-uuid");
  EXPECT_EQ(FieldViolationsOf(status), (std::vector<std::string>{"request_id=FIELD_MALFORMED"}));
  EXPECT_EQ(ActivityRows(), rows);
  // One ActivitySubmitted only.
  EXPECT_EQ(EventsOf(first.name(), 1).size(), 1u);
}

TEST_F(PublicityActivitiesTest, DraftsAreEditedWithMasksAndEtagsAndDeleted) {
  const pub::Activity draft = Made(NewActivity());
  pub::Activity change;
  change.set_name(draft.name());
  change.set_title("识字岭社区禁毒宣传（更正）");
  change.set_audience_count(-5);  // not in the mask: ignored
  pub::Activity updated;
  ASSERT_TRUE(Update(kBranchStaff, change, {"title"}, &updated, draft.audit().etag()).ok());
  EXPECT_EQ(updated.title(), "识字岭社区禁毒宣传（更正）");
  EXPECT_EQ(updated.audience_count(), 200);
  EXPECT_EQ(updated.audit().etag(), "2");
  // A stale etag changes nothing.
  grpc::Status status = Update(kBranchStaff, change, {"title"}, &updated, draft.audit().etag());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(ErrorReasonOf(status), "ETAG_MISMATCH");
  status = Update(kBranchStaff, change, {}, &updated);
  EXPECT_EQ(FieldViolationsOf(status), (std::vector<std::string>{"update_mask=FIELD_REQUIRED"}));
  status = Update(kBranchStaff, change, {"organization", "review_state"}, &updated);
  EXPECT_EQ(FieldViolationsOf(status),
            (std::vector<std::string>{"update_mask.paths[0]=FIELD_IMMUTABLE",
                                      "update_mask.paths[1]=UNKNOWN_FIELD_PATH"}));
  status = Update(kBranchStaff, change, {"audience_count"}, &updated);
  EXPECT_EQ(FieldViolationsOf(status),
            (std::vector<std::string>{"activity.audience_count=FIELD_OUT_OF_RANGE"}));
  // Making it a lecture needs a lecturer in the result.
  change.set_kind(pub::ACTIVITY_KIND_LECTURE);
  status = Update(kBranchStaff, change, {"kind"}, &updated);
  EXPECT_EQ(FieldViolationsOf(status),
            (std::vector<std::string>{"activity.lecturers=FIELD_REQUIRED"}));
  change.add_lecturers(helper_);
  status = Update(kBranchStaff, change, {"kind", "lecturers"}, &updated);
  EXPECT_EQ(FieldViolationsOf(status),
            (std::vector<std::string>{"activity.lecturers[0]=REFERENCE_NOT_FOUND"}));
  change.set_lecturers(0, lecturer_);
  ASSERT_TRUE(Update(kBranchStaff, change, {"kind", "lecturers"}, &updated).ok());
  EXPECT_EQ(updated.kind(), pub::ACTIVITY_KIND_LECTURE);
  // Another county's staff: like a missing activity.
  status = Update(kTianxinStaff, change, {"title"}, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);

  // Awaiting review: neither edited nor deleted.
  pub::Activity submitted;
  ASSERT_TRUE(Submit(kBranchStaff, draft.name(), &submitted).ok());
  status = Update(kBranchStaff, change, {"title"}, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(status), "ILLEGAL_STATE_TRANSITION");
  status = Delete(kBranchStaff, draft.name());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  // A draft is deleted, with its etag checked.
  const pub::Activity doomed = Made(NewActivity());
  EXPECT_EQ(Delete(kBranchStaff, doomed.name(), "99").error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(Delete(kTianxinStaff, doomed.name()).error_code(), grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(Delete(kBranchStaff, doomed.name(), doomed.audit().etag()).ok());
  pub::Activity got;
  EXPECT_EQ(Get(kBranchStaff, doomed.name(), &got).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Delete(kBranchStaff, doomed.name()).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(PublicityActivitiesTest, ReviewFlowWithCorrectionsAndItsEvents) {
  pub::Activity lecture = NewLecture();
  auto* second = lecture.add_volunteers();
  second->set_volunteer(helper2_);
  second->set_minutes(45);
  const pub::Activity draft = Made(lecture);
  const std::string name = draft.name();
  pub::Activity answer;
  // Nothing to review yet.
  grpc::Status status = Approve(kFurongOfficer, name, &answer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(status), "ILLEGAL_STATE_TRANSITION");
  ASSERT_TRUE(Submit(kBranchStaff, name, &answer, draft.audit().etag()).ok());
  EXPECT_EQ(answer.review_state(), pub::REVIEW_STATE_SUBMITTED);
  status = Submit(kBranchStaff, name, &answer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  // Staff do not review; a township officer is not the level above; another county's officer
  // cannot tell it from a missing activity.
  status = Approve(kBranchStaff, name, &answer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "ROLE_NOT_GRANTED");
  status = Approve(kTownshipOfficer, name, &answer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");
  status = Approve(kTianxinOfficer, name, &answer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ErrorReasonOf(status), "RESOURCE_NOT_FOUND");
  status = Reject(kTianxinOfficer, name, "不符合要求", &answer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);

  // Rejected with a reason (required), edited, resubmitted, approved.
  status = Reject(kFurongOfficer, name, "", &answer);
  EXPECT_EQ(FieldViolationsOf(status), (std::vector<std::string>{"reason=FIELD_REQUIRED"}));
  ASSERT_TRUE(Reject(kFurongOfficer, name, "缺少现场照片", &answer).ok());
  EXPECT_EQ(answer.review_state(), pub::REVIEW_STATE_REJECTED);
  EXPECT_FALSE(answer.last_review().approved());
  EXPECT_EQ(answer.last_review().reason(), "缺少现场照片");
  EXPECT_EQ(answer.last_review().reviewer_subject(), kFurongOfficer.subject);
  pub::Activity change;
  change.set_name(name);
  change.set_audience_count(240);
  ASSERT_TRUE(Update(kBranchStaff, change, {"audience_count"}, &answer).ok());
  EXPECT_EQ(answer.review_state(), pub::REVIEW_STATE_REJECTED);
  ASSERT_TRUE(Submit(kBranchStaff, name, &answer).ok());
  pub::ApproveActivityRequest stale;
  stale.set_name(name);
  stale.set_etag(draft.audit().etag());
  status = Call(kFurongOfficer, &PublicityService::Stub::ApproveActivity, stale, &answer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(ErrorReasonOf(status), "ETAG_MISMATCH");
  ASSERT_TRUE(Approve(kFurongOfficer, name, &answer).ok());
  EXPECT_EQ(answer.review_state(), pub::REVIEW_STATE_APPROVED);
  EXPECT_EQ(answer.approved_revision(), 1);
  EXPECT_TRUE(answer.last_review().approved());

  // Approved: immutable except through a reviewed correction.
  change.set_audience_count(260);
  status = Update(kBranchStaff, change, {"audience_count"}, &answer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(status), "APPROVED_RESOURCE_IMMUTABLE");
  status = Delete(kBranchStaff, name);
  EXPECT_EQ(ErrorReasonOf(status), "APPROVED_RESOURCE_IMMUTABLE");
  status = Propose(kBranchStaff, change, {"audience_count"}, "", &answer);
  EXPECT_EQ(FieldViolationsOf(status), (std::vector<std::string>{"reason=FIELD_REQUIRED"}));
  ASSERT_TRUE(Propose(kBranchStaff, change, {"audience_count"}, "漏记一个班级", &answer).ok());
  EXPECT_EQ(answer.review_state(), pub::REVIEW_STATE_CORRECTION_SUBMITTED);
  EXPECT_EQ(answer.audience_count(), 240);  // the approved revision keeps counting
  EXPECT_EQ(answer.approved_revision(), 1);
  EXPECT_EQ(answer.pending_correction().proposed().audience_count(), 260);
  ASSERT_EQ(answer.pending_correction().changed_paths_size(), 1);
  EXPECT_EQ(answer.pending_correction().changed_paths(0), "audience_count");
  EXPECT_EQ(answer.pending_correction().proposer_subject(), kBranchStaff.subject);
  status = Propose(kBranchStaff, change, {"audience_count"}, "再次更正", &answer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(Approve(kFurongOfficer, name, &answer).ok());
  EXPECT_EQ(answer.review_state(), pub::REVIEW_STATE_APPROVED);
  EXPECT_EQ(answer.approved_revision(), 2);
  EXPECT_EQ(answer.audience_count(), 260);
  EXPECT_FALSE(answer.has_pending_correction());

  // A second correction, rejected: discarded, revision 2 keeps counting.
  pub::Activity minutes;
  minutes.set_name(name);
  *minutes.add_volunteers() = lecture.volunteers(0);
  minutes.mutable_volunteers(0)->set_minutes(120);
  ASSERT_TRUE(Propose(kBranchStaff, minutes, {"volunteers"}, "时长记录有误", &answer).ok());
  status = Approve(kBranchStaff2, name, &answer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(Reject(kFurongOfficer2, name, "无签到表", &answer).ok());
  EXPECT_EQ(answer.review_state(), pub::REVIEW_STATE_APPROVED);
  EXPECT_EQ(answer.approved_revision(), 2);
  EXPECT_EQ(answer.volunteers_size(), 2);
  EXPECT_FALSE(answer.has_pending_correction());
  EXPECT_EQ(answer.last_review().reason(), "无签到表");
  status = Reject(kFurongOfficer, name, "再驳回", &answer);
  EXPECT_EQ(ErrorReasonOf(status), "ILLEGAL_STATE_TRANSITION");

  // Submitted, rejected, submitted, approved, correction submitted, corrected, correction
  // submitted, correction rejected.
  const std::vector<TopicEvent> events = EventsOf(name, 8);
  ASSERT_EQ(events.size(), 8u);
  std::vector<std::string> types;
  for (const TopicEvent& event : events) {
    const std::string& url = event.envelope.payload().type_url();
    types.push_back(url.substr(url.rfind('.') + 1));
    EXPECT_EQ(event.envelope.aggregate_type(), "activity");
    EXPECT_EQ(event.envelope.aggregate_id(), Id(name));
    EXPECT_EQ(event.envelope.region_code(), "430102001001");
    const std::string bytes = event.envelope.SerializeAsString();
    for (const std::string& secret :
         {std::string(kSecretTitle), std::string(kSecretDescription), std::string("缺少现场照片"),
          std::string("漏记一个班级"), std::string("s3://publicity"), kBranchStaff.subject}) {
      EXPECT_EQ(bytes.find(secret), std::string::npos) << secret;
    }
  }
  EXPECT_EQ(types,
            (std::vector<std::string>{"ActivitySubmitted", "ActivityRejected", "ActivitySubmitted",
                                      "ActivityApproved", "ActivitySubmitted", "ActivityCorrected",
                                      "ActivitySubmitted", "ActivityRejected"}));
  pev::ActivitySubmitted submitted;
  ASSERT_TRUE(events[0].envelope.payload().UnpackTo(&submitted));
  EXPECT_EQ(submitted.activity(), name);
  EXPECT_EQ(submitted.organization(), branch_.name());
  EXPECT_FALSE(submitted.correction());
  ASSERT_TRUE(events[4].envelope.payload().UnpackTo(&submitted));
  EXPECT_TRUE(submitted.correction());
  pev::ActivityRejected rejected;
  ASSERT_TRUE(events[1].envelope.payload().UnpackTo(&rejected));
  EXPECT_FALSE(rejected.correction());
  ASSERT_TRUE(events[7].envelope.payload().UnpackTo(&rejected));
  EXPECT_TRUE(rejected.correction());
  pev::ActivityApproved approved;
  ASSERT_TRUE(events[3].envelope.payload().UnpackTo(&approved));
  EXPECT_EQ(approved.activity().approved_revision(), 1);
  EXPECT_EQ(approved.activity().audience_count(), 240);
  EXPECT_EQ(approved.activity().kind(), pub::ACTIVITY_KIND_LECTURE);
  EXPECT_EQ(approved.activity().region_code(), "430102001001");
  ASSERT_EQ(approved.activity().lecturers_size(), 1);
  EXPECT_EQ(approved.activity().lecturers(0), lecturer_);
  ASSERT_EQ(approved.activity().volunteers_size(), 2);
  EXPECT_EQ(approved.activity().volunteers(0).volunteer(), helper_);
  EXPECT_EQ(approved.activity().volunteers(0).minutes(), 90);
  EXPECT_EQ(approved.activity().volunteers(1).minutes(), 45);
  EXPECT_EQ(approved.activity().materials(0).count(), 300);
  pev::ActivityCorrected corrected;
  ASSERT_TRUE(events[5].envelope.payload().UnpackTo(&corrected));
  EXPECT_EQ(corrected.previous_revision(), 1);
  EXPECT_EQ(corrected.activity().approved_revision(), 2);
  EXPECT_EQ(corrected.activity().audience_count(), 260);

  // Registration turns the approved volunteers' minutes into service hours (its own projection).
  const auto hours = [&](const std::string& volunteer) {
    return "SELECT minutes::text FROM registration.service_hour_records WHERE activity = '" + name +
           "' AND volunteer_id = '" + Id(volunteer) + "'";
  };
  WaitForIn(suite_->registration(), hours(helper_), "90");
  WaitForIn(suite_->registration(), hours(helper2_), "45");
}

TEST_F(PublicityActivitiesTest, TheSubmitterNeverReviewsTheirOwn) {
  // The county officer records an activity of the branch and submits it: another officer decides.
  const pub::Activity own = Made(NewActivity(), /*submit=*/true, kFurongOfficer);
  pub::Activity answer;
  grpc::Status status = Approve(kFurongOfficer, own.name(), &answer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");
  status = Reject(kFurongOfficer, own.name(), "自己驳回", &answer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  pub::Activity got;
  ASSERT_TRUE(Get(kFurongOfficer, own.name(), &got).ok());
  EXPECT_EQ(got.review_state(), pub::REVIEW_STATE_SUBMITTED);

  // The reviewer's queue: what awaits this caller's review, never what they submitted.
  pub::ListActivitiesRequest queue;
  queue.set_awaiting_caller_review(true);
  std::vector<std::string> mine = ListAll(kFurongOfficer, queue);
  std::vector<std::string> theirs = ListAll(kFurongOfficer2, queue);
  EXPECT_FALSE(Contains(mine, own.name()));
  EXPECT_TRUE(Contains(theirs, own.name()));
  const pub::Activity branch = Made(NewActivity(), /*submit=*/true);
  mine = ListAll(kFurongOfficer, queue);
  EXPECT_TRUE(Contains(mine, branch.name()));
  EXPECT_TRUE(ListAll(kTownshipOfficer, queue).empty());
  EXPECT_TRUE(ListAll(kTianxinOfficer, queue).empty());
  pub::ListActivitiesResponse response;
  EXPECT_EQ(List(kBranchStaff, queue, &response).error_code(), grpc::StatusCode::PERMISSION_DENIED);

  ASSERT_TRUE(Approve(kFurongOfficer2, own.name(), &answer).ok());
  EXPECT_EQ(answer.approved_revision(), 1);
  EXPECT_EQ(answer.last_review().reviewer_subject(), kFurongOfficer2.subject);
  EXPECT_FALSE(Contains(ListAll(kFurongOfficer2, queue), own.name()));
}

TEST_F(PublicityActivitiesTest, OutOfScopeIsAnsweredLikeMissing) {
  const pub::Activity activity = Made(NewActivity());
  pub::Activity got;
  grpc::Status missing = Get(kTianxinStaff, "activities/nosuchactivity", &got);
  for (const TestCaller& foreign : {kTianxinStaff, kTianxinOfficer}) {
    grpc::Status status = Get(foreign, activity.name(), &got);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
    EXPECT_EQ(ErrorReasonOf(status), ErrorReasonOf(missing));
    EXPECT_EQ(ResourceNameOf(status), activity.name());
    EXPECT_EQ(Submit(foreign, activity.name(), &got).error_code(), grpc::StatusCode::NOT_FOUND);
    EXPECT_EQ(Delete(foreign, activity.name()).error_code(), grpc::StatusCode::NOT_FOUND);
  }
  EXPECT_EQ(Get(kBranchStaff, "activity/x", &got).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_TRUE(Get(kTownshipOfficer, activity.name(), &got).ok());
}

TEST_F(PublicityActivitiesTest, ApprovalRechecksTheVolunteers) {
  const std::string volunteer = Volunteer("志愿者戊", "430102199503030519", /*activate=*/true);
  WaitFor("SELECT state::text FROM publicity.volunteer_replica WHERE volunteer_id = '" +
              Id(volunteer) + "'",
          "3");
  pub::Activity activity = NewActivity();
  activity.mutable_volunteers(0)->set_volunteer(volunteer);
  const pub::Activity submitted = Made(activity, /*submit=*/true);
  reg::SuspendVolunteerRequest suspend;
  suspend.set_name(volunteer);
  suspend.set_reason("长期外出");
  RegCall<reg::Volunteer>(&RegistrationService::Stub::SuspendVolunteer, suspend);
  WaitFor("SELECT state::text FROM publicity.volunteer_replica WHERE volunteer_id = '" +
              Id(volunteer) + "'",
          "4");
  pub::Activity answer;
  grpc::Status status = Approve(kFurongOfficer, submitted.name(), &answer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(status), "VOLUNTEER_NOT_ACTIVE");
  ASSERT_TRUE(Get(kFurongOfficer, submitted.name(), &answer).ok());
  EXPECT_EQ(answer.review_state(), pub::REVIEW_STATE_SUBMITTED);
  ASSERT_TRUE(Reject(kFurongOfficer, submitted.name(), "志愿者已暂停服务", &answer).ok());
}

TEST_F(PublicityActivitiesTest, ApprovalRechecksTheLecturers) {
  const std::string lecturer = Volunteer("宣讲员己", "430102199705050710", /*activate=*/true);
  reg::CertifyLecturerRequest certify;
  certify.set_name(lecturer);
  certify.mutable_certification()->set_lecture_team(team_.name());
  *certify.mutable_certification()->mutable_certified_date() = DaysFromToday(-10);
  certify.mutable_certification()->add_topics("禁毒法");
  RegCall<reg::Volunteer>(&RegistrationService::Stub::CertifyLecturer, certify);
  const std::string row =
      "SELECT lecture_team_id FROM publicity.volunteer_replica WHERE volunteer_id = '" +
      Id(lecturer) + "'";
  WaitFor(row, Id(team_.name()));
  pub::Activity lecture = NewLecture();
  lecture.set_lecturers(0, lecturer);
  const pub::Activity submitted = Made(lecture, /*submit=*/true);
  reg::RevokeLecturerCertificationRequest revoke;
  revoke.set_name(lecturer);
  revoke.set_reason("未参加年度复训");
  RegCall<reg::Volunteer>(&RegistrationService::Stub::RevokeLecturerCertification, revoke);
  WaitFor(row, "");
  pub::Activity answer;
  grpc::Status status = Approve(kFurongOfficer, submitted.name(), &answer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(status), "LECTURER_NOT_CERTIFIED");
  ASSERT_TRUE(Get(kFurongOfficer, submitted.name(), &answer).ok());
  EXPECT_EQ(answer.review_state(), pub::REVIEW_STATE_SUBMITTED);
  // And a new activity cannot name them any more.
  status = Create(kBranchStaff, lecture, &answer);
  EXPECT_EQ(FieldViolationsOf(status),
            (std::vector<std::string>{"activity.lecturers[0]=REFERENCE_NOT_FOUND"}));
}

// The approval backlog on /metrics: a submitted activity of 文艺路街道 counts for 芙蓉区 (its
// county) until it is approved; a correction awaits review again. The gauge equals the database's
// count of 芙蓉区's activities awaiting review at every step.
TEST_F(PublicityActivitiesTest, TheReviewBacklogGaugeFollowsSubmissionsAndReviews) {
  const auto awaiting = [] {
    return Query(
               "SELECT count(*) FROM publicity.activities WHERE review_state IN (2, 5) AND "
               "region_code LIKE '430102%'")[0][0]
        .as<double>();
  };
  // Polls /metrics until the gauge of 芙蓉区 shows `expected`, at most 10 s.
  const auto gauge_reaches = [](double expected) {
    double seen = -1;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      seen = SampleValue(ScrapeMetrics(suite_->service().metrics_port()),
                         "jindu_publicity_activities_awaiting_review", {{"county", "430102"}});
      if (seen == expected) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "awaiting review in 430102: " << seen << ", expected " << expected;
    return false;
  };
  const double before = awaiting();
  ASSERT_TRUE(gauge_reaches(before));

  const pub::Activity submitted = Made(NewActivity(), /*submit=*/true);
  EXPECT_EQ(awaiting(), before + 1);
  ASSERT_TRUE(gauge_reaches(before + 1));
  pub::Activity answer;
  ASSERT_TRUE(Approve(kFurongOfficer, submitted.name(), &answer).ok());
  ASSERT_TRUE(gauge_reaches(before));
  pub::Activity change;
  change.set_name(submitted.name());
  change.set_audience_count(210);
  ASSERT_TRUE(Propose(kBranchStaff, change, {"audience_count"}, "补记人数", &answer).ok());
  ASSERT_TRUE(gauge_reaches(before + 1));
  ASSERT_TRUE(Reject(kFurongOfficer, submitted.name(), "无签到表", &answer).ok());
  ASSERT_TRUE(gauge_reaches(before));

  // The events went out under 芙蓉区 (not under the village's own code), and the service's
  // database pool is on /metrics beside them.
  const std::string metrics = ScrapeMetrics(suite_->service().metrics_port());
  EXPECT_EQ(SampleValue(metrics, "jindu_outbox_events_published_total",
                        {{"aggregate_type", "activity"}, {"county", "430102001001"}}),
            0);
  const auto published = [&] {
    return SampleValue(ScrapeMetrics(suite_->service().metrics_port()),
                       "jindu_outbox_events_published_total",
                       {{"aggregate_type", "activity"}, {"county", "430102"}});
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (published() < 4 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_GE(published(), 4);  // submitted, approved, correction submitted, correction rejected
  EXPECT_EQ(SampleValue(metrics, "jindu_db_pool_max_connections", {{"schema", "publicity"}}), 8);
  EXPECT_GT(SampleValue(metrics, "jindu_db_pool_acquire_seconds_count", {{"schema", "publicity"}}),
            0);
}

}  // namespace
}  // namespace jindu::testing
