// News reports (报道) of the publicity service, black-box over real servers: the publicity service
// beside registration (organisations and lecturers reach it only as registration's events), real
// PostgreSQL and Kafka. Covers recording, reading, listing by tier, correcting and retracting
// reports, every validation failure naming its field, idempotent creates, another county's staff
// meeting the reports as missing, and the events reporting counts them from.

#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "harness/calendar.h"
#include "harness/error_details.h"
#include "harness/registration_backed_suite.h"
#include "harness/shared_infrastructure.h"
#include "harness/topic_reader.h"
#include "jindu/publicity/events/v1/news_report_events.pb.h"
#include "jindu/publicity/v1/publicity_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"

namespace jindu::testing {
namespace {

namespace reg = registration::v1;
namespace pub = publicity::v1;
using pub::PublicityService;
using reg::RegistrationService;

const TestCaller kFurongStaff{
    .subject = "furong-staff", .roles = {"association_staff"}, .regions = {"430102"}};
const TestCaller kTianxinStaff{
    .subject = "tianxin-staff", .roles = {"association_staff"}, .regions = {"430103"}};
const TestCaller kProvinceAdmin{
    .subject = "province-admin", .roles = {"province_admin"}, .regions = {"430000"}};

std::string Id(const std::string& name) { return name.substr(name.find('/') + 1); }

class PublicityNewsReportsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ = RegistrationBackedSuite::Start("publicity_news_reports",
                                            "services/publicity/jindu-publicity", "publicity", "",
                                            "430104")
                 .release();
    association_ = new reg::Organization(
        CreateOrganization("芙蓉区禁毒协会", reg::ORGANIZATION_KIND_ASSOCIATION, "", "430102"));
    team_ = new reg::Organization(CreateOrganization(
        "芙蓉区讲师团", reg::ORGANIZATION_KIND_LECTURE_TEAM, association_->name(), "430102"));
    lecturer_ = new std::string(CreateLecturer(team_->name()));
    tianxin_association_ = new reg::Organization(
        CreateOrganization("天心区禁毒协会", reg::ORGANIZATION_KIND_ASSOCIATION, "", "430103"));
    WaitFor("SELECT count(*) FROM publicity.organization_replica", "3");
    WaitFor("SELECT count(*) FROM publicity.volunteer_replica WHERE lecture_team_id <> ''", "1");
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

  template <typename Request, typename Response, typename Method>
  static Response Register(Method method, const Request& request, const TestCaller& caller) {
    Response response;
    auto stub = RegistrationService::NewStub(suite_->registration().Channel());
    auto context = suite_->registration().Context(caller);
    grpc::Status status = (stub.get()->*method)(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
  static reg::Organization CreateOrganization(const std::string& name, reg::OrganizationKind kind,
                                              const std::string& parent,
                                              const std::string& region) {
    reg::CreateOrganizationRequest request;
    request.mutable_organization()->set_display_name(name);
    request.mutable_organization()->set_kind(kind);
    request.mutable_organization()->set_region_code(region);
    request.mutable_organization()->set_parent(parent);
    *request.mutable_organization()->mutable_founding_date() = ProtoDay(2019, 6, 26);
    return Register<reg::CreateOrganizationRequest, reg::Organization>(
        &RegistrationService::Stub::CreateOrganization, request,
        region == "430103" ? kTianxinStaff : kFurongStaff);
  }
  // A volunteer certified as a lecturer of `team`; returns its name.
  static std::string CreateLecturer(const std::string& team) {
    reg::CreateVolunteerRequest create;
    create.mutable_volunteer()->set_display_name("宣讲员甲");
    create.mutable_volunteer()->set_national_id_number("430102199003071234");
    create.mutable_volunteer()->set_phone("+8613812345678");
    create.mutable_volunteer()->set_residence_region_code("430102");
    const auto volunteer = Register<reg::CreateVolunteerRequest, reg::Volunteer>(
        &RegistrationService::Stub::CreateVolunteer, create, kFurongStaff);
    reg::ApproveVolunteerRequest approve;
    approve.set_name(volunteer.name());
    Register<reg::ApproveVolunteerRequest, reg::Volunteer>(
        &RegistrationService::Stub::ApproveVolunteer, approve, kFurongStaff);
    reg::ActivateVolunteerRequest activate;
    activate.set_name(volunteer.name());
    Register<reg::ActivateVolunteerRequest, reg::Volunteer>(
        &RegistrationService::Stub::ActivateVolunteer, activate, kFurongStaff);
    reg::CertifyLecturerRequest certify;
    certify.set_name(volunteer.name());
    certify.mutable_certification()->set_lecture_team(team);
    *certify.mutable_certification()->mutable_certified_date() = ProtoDay(2024, 7, 1);
    certify.mutable_certification()->add_topics("青少年毒品预防");
    Register<reg::CertifyLecturerRequest, reg::Volunteer>(
        &RegistrationService::Stub::CertifyLecturer, certify, kFurongStaff);
    return volunteer.name();
  }
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
    FAIL() << sql << " gave " << seen << ", expected " << expected;
  }

  std::unique_ptr<PublicityService::Stub> Publicity() {
    return PublicityService::NewStub(suite_->service().Channel());
  }
  // A complete, valid report of the Furong association.
  static pub::NewsReport Report(const std::string& title) {
    pub::NewsReport report;
    report.set_title(title);
    report.set_outlet_name("湖南日报");
    report.set_media_tier(pub::MEDIA_TIER_PROVINCIAL_MAINSTREAM);
    report.set_channel(pub::MEDIA_CHANNEL_NEWSPAPER);
    report.set_uri("https://hnrb.example.cn/2024/06/26/1.html");
    *report.mutable_publish_date() = DaysFromToday(-3);
    report.set_organization(association_->name());
    report.add_featured_lecturers(*lecturer_);
    report.add_featured_branch_heads(association_->name());
    return report;
  }
  // A draft activity of the Furong association; returns its name.
  std::string CreateActivity() {
    pub::CreateActivityRequest request;
    pub::Activity* activity = request.mutable_activity();
    activity->set_organization(association_->name());
    activity->set_region_code("430102");
    activity->set_title("禁毒宣传进社区");
    activity->set_kind(pub::ACTIVITY_KIND_STREET_CAMPAIGN);
    activity->set_six_into_category(pub::SIX_INTO_CATEGORY_COMMUNITIES);
    *activity->mutable_activity_date() = DaysFromToday(-4);
    activity->set_audience_count(300);
    pub::Activity created;
    auto context = suite_->service().Context(kFurongStaff);
    grpc::Status status = Publicity()->CreateActivity(context.get(), request, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created.name();
  }
  grpc::Status Create(const pub::NewsReport& report, pub::NewsReport* created,
                      const TestCaller& caller = kFurongStaff, const std::string& request_id = "") {
    pub::CreateNewsReportRequest request;
    *request.mutable_news_report() = report;
    request.set_request_id(request_id);
    auto context = suite_->service().Context(caller);
    return Publicity()->CreateNewsReport(context.get(), request, created);
  }
  pub::NewsReport MustCreate(const pub::NewsReport& report) {
    pub::NewsReport created;
    grpc::Status status = Create(report, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  }
  grpc::Status Get(const std::string& name, const TestCaller& caller, pub::NewsReport* report) {
    pub::GetNewsReportRequest request;
    request.set_name(name);
    auto context = suite_->service().Context(caller);
    return Publicity()->GetNewsReport(context.get(), request, report);
  }
  grpc::Status List(pub::ListNewsReportsRequest request, const TestCaller& caller,
                    std::vector<pub::NewsReport>* reports) {
    reports->clear();
    request.set_page_size(2);  // several pages, so paging is exercised
    while (true) {
      pub::ListNewsReportsResponse response;
      auto context = suite_->service().Context(caller);
      grpc::Status status = Publicity()->ListNewsReports(context.get(), request, &response);
      if (!status.ok()) return status;
      for (const auto& report : response.news_reports()) reports->push_back(report);
      if (response.next_page_token().empty()) return status;
      request.set_page_token(response.next_page_token());
    }
  }
  static std::set<std::string> Names(const std::vector<pub::NewsReport>& reports) {
    std::set<std::string> names;
    for (const auto& report : reports) names.insert(report.name());
    return names;
  }

  static RegistrationBackedSuite* suite_;
  static reg::Organization* association_;
  static reg::Organization* team_;
  static reg::Organization* tianxin_association_;
  static std::string* lecturer_;
};

RegistrationBackedSuite* PublicityNewsReportsTest::suite_ = nullptr;
reg::Organization* PublicityNewsReportsTest::association_ = nullptr;
reg::Organization* PublicityNewsReportsTest::team_ = nullptr;
reg::Organization* PublicityNewsReportsTest::tianxin_association_ = nullptr;
std::string* PublicityNewsReportsTest::lecturer_ = nullptr;

TEST_F(PublicityNewsReportsTest, RecordsReadsAndListsReportsByTier) {
  const pub::NewsReport created = MustCreate(Report("芙蓉区开展禁毒宣传进校园活动"));
  EXPECT_TRUE(created.name().starts_with("newsReports/"));
  EXPECT_EQ(created.region_code(), "430102");  // the organisation's district counts it
  EXPECT_EQ(created.audit().create_subject(), kFurongStaff.subject);
  EXPECT_EQ(created.audit().etag(), "1");
  EXPECT_EQ(created.featured_lecturers(0), *lecturer_);

  pub::NewsReport read;
  ASSERT_TRUE(Get(created.name(), kFurongStaff, &read).ok());
  EXPECT_EQ(read.SerializeAsString(), created.SerializeAsString());
  // The province sees every county's reports.
  ASSERT_TRUE(Get(created.name(), kProvinceAdmin, &read).ok());

  pub::NewsReport online = Report("禁毒网络直播");
  online.set_media_tier(pub::MEDIA_TIER_ONLINE);
  online.set_channel(pub::MEDIA_CHANNEL_DOUYIN);
  *online.mutable_publish_date() = DaysFromToday(-40);
  const pub::NewsReport second = MustCreate(online);
  pub::NewsReport about_activity = Report("禁毒宣传进社区");
  about_activity.set_activity(CreateActivity());
  const pub::NewsReport third = MustCreate(about_activity);
  EXPECT_EQ(third.activity(), about_activity.activity());
  // Another county cannot hang its report on Furong's activity: it does not exist for them.
  pub::NewsReport borrowed = Report("借用活动");
  borrowed.set_organization(tianxin_association_->name());
  borrowed.clear_featured_lecturers();
  borrowed.clear_featured_branch_heads();
  borrowed.set_activity(about_activity.activity());
  pub::NewsReport refused;
  grpc::Status borrowed_status = Create(borrowed, &refused, kTianxinStaff);
  EXPECT_EQ(FieldViolationsOf(borrowed_status),
            std::vector<std::string>{"news_report.activity=REFERENCE_NOT_FOUND"});

  pub::ListNewsReportsRequest by_tier;
  by_tier.add_media_tiers(pub::MEDIA_TIER_ONLINE);
  std::vector<pub::NewsReport> listed;
  ASSERT_TRUE(List(by_tier, kFurongStaff, &listed).ok());
  EXPECT_EQ(Names(listed), std::set<std::string>{second.name()});

  pub::ListNewsReportsRequest recent;
  *recent.mutable_date_range()->mutable_start_date() = DaysFromToday(-10);
  *recent.mutable_date_range()->mutable_end_date() = DaysFromToday(1);
  recent.set_organization(association_->name());
  ASSERT_TRUE(List(recent, kFurongStaff, &listed).ok());
  EXPECT_TRUE(Names(listed).contains(created.name()));
  EXPECT_TRUE(Names(listed).contains(third.name()));
  EXPECT_FALSE(Names(listed).contains(second.name()));
  // Newest publish date first.
  pub::ListNewsReportsRequest all;
  ASSERT_TRUE(List(all, kFurongStaff, &listed).ok());
  ASSERT_GE(listed.size(), 3u);
  EXPECT_EQ(listed.back().name(), second.name());

  pub::ListNewsReportsRequest bad_tier;
  bad_tier.add_media_tiers(static_cast<pub::MediaTier>(99));
  grpc::Status status = List(bad_tier, kFurongStaff, &listed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldViolationsOf(status),
            std::vector<std::string>{"media_tiers[0]=VALUE_NOT_ALLOWED"});
}

TEST_F(PublicityNewsReportsTest, BadInputNamesEveryWrongField) {
  pub::NewsReport report = Report("");
  report.set_outlet_name(std::string(129, 'x'));
  report.set_media_tier(pub::MEDIA_TIER_UNSPECIFIED);
  report.set_channel(static_cast<pub::MediaChannel>(42));
  report.set_uri("ftp://example.cn/a");
  *report.mutable_publish_date() = DaysFromToday(2);
  report.set_activity("events/1");
  report.add_featured_lecturers(*lecturer_);  // twice
  pub::NewsReport created;
  grpc::Status status = Create(report, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ErrorReasonOf(status), "INVALID_FIELD");
  const std::vector<std::string> expected = {
      "news_report.title=FIELD_REQUIRED",
      "news_report.outlet_name=FIELD_TOO_LONG",
      "news_report.media_tier=FIELD_REQUIRED",
      "news_report.channel=VALUE_NOT_ALLOWED",
      "news_report.uri=FIELD_MALFORMED",
      "news_report.publish_date=DATE_IN_FUTURE",
      "news_report.activity=FIELD_MALFORMED",
      "news_report.featured_lecturers[1]=DUPLICATE_IN_REQUEST"};
  const auto violations = FieldViolationsOf(status);
  EXPECT_EQ(std::set<std::string>(violations.begin(), violations.end()),
            std::set<std::string>(expected.begin(), expected.end()));

  // References are checked against registration's replica.
  pub::NewsReport unknown = Report("未知机构");
  unknown.set_organization("organizations/00000000-0000-0000-0000-000000000000");
  unknown.clear_featured_lecturers();
  unknown.add_featured_lecturers("volunteers/00000000-0000-0000-0000-000000000001");
  unknown.set_activity("activities/00000000-0000-0000-0000-000000000002");
  status = Create(unknown, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const auto missing = FieldViolationsOf(status);
  EXPECT_EQ(std::set<std::string>(missing.begin(), missing.end()),
            (std::set<std::string>{"news_report.organization=REFERENCE_NOT_FOUND",
                                   "news_report.activity=REFERENCE_NOT_FOUND",
                                   "news_report.featured_lecturers[0]=REFERENCE_NOT_FOUND"}));

  // Nothing was written by any refused call.
  WaitFor("SELECT count(*) FROM publicity.news_reports WHERE title IN ('', '未知机构')", "0");
}

TEST_F(PublicityNewsReportsTest, CreatesAreIdempotentByRequestId) {
  const std::string request_id = "6f1d7a62-3c0e-4f5e-9a51-2b7c1c1f0a01";
  pub::NewsReport first, again, conflict;
  ASSERT_TRUE(Create(Report("幂等报道"), &first, kFurongStaff, request_id).ok());
  ASSERT_TRUE(Create(Report("幂等报道"), &again, kFurongStaff, request_id).ok());
  EXPECT_EQ(again.name(), first.name());
  grpc::Status status = Create(Report("另一篇报道"), &conflict, kFurongStaff, request_id);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ErrorReasonOf(status), "DUPLICATE_REQUEST_ID_CONFLICT");
  WaitFor("SELECT count(*) FROM publicity.news_reports WHERE title IN ('幂等报道', '另一篇报道')",
          "1");
}

TEST_F(PublicityNewsReportsTest, AnotherCountyMeetsReportsAsMissing) {
  const pub::NewsReport created = MustCreate(Report("芙蓉区报道"));
  pub::NewsReport read;
  grpc::Status status = Get(created.name(), kTianxinStaff, &read);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ErrorReasonOf(status), "RESOURCE_NOT_FOUND");
  // Exactly like a report that does not exist.
  grpc::Status missing =
      Get("newsReports/00000000-0000-0000-0000-000000000000", kTianxinStaff, &read);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);

  pub::UpdateNewsReportRequest update;
  *update.mutable_news_report() = created;
  update.mutable_news_report()->set_title("篡改");
  update.mutable_update_mask()->add_paths("title");
  pub::NewsReport updated;
  auto context = suite_->service().Context(kTianxinStaff);
  status = Publicity()->UpdateNewsReport(context.get(), update, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  pub::DeleteNewsReportRequest remove;
  remove.set_name(created.name());
  google::protobuf::Empty empty;
  context = suite_->service().Context(kTianxinStaff);
  status = Publicity()->DeleteNewsReport(context.get(), remove, &empty);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);

  std::vector<pub::NewsReport> listed;
  ASSERT_TRUE(List(pub::ListNewsReportsRequest(), kTianxinStaff, &listed).ok());
  EXPECT_FALSE(Names(listed).contains(created.name()));
  pub::ListNewsReportsRequest furong;
  furong.set_within_region_code("430102");
  status = List(furong, kTianxinStaff, &listed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");

  // Nor may they record a report for Furong's association.
  pub::NewsReport recorded;
  status = Create(Report("越权报道"), &recorded, kTianxinStaff);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");
  WaitFor("SELECT title FROM publicity.news_reports WHERE news_report_id = '" + Id(created.name()) +
              "'",
          "芙蓉区报道");
}

TEST_F(PublicityNewsReportsTest, CorrectionsAndRetractionsPublishTheirEvents) {
  const pub::NewsReport created = MustCreate(Report("待更正报道"));
  pub::UpdateNewsReportRequest update;
  *update.mutable_news_report() = created;
  update.mutable_news_report()->set_media_tier(pub::MEDIA_TIER_CENTRAL_NEW_MEDIA);
  update.mutable_news_report()->clear_featured_lecturers();
  update.mutable_update_mask()->add_paths("media_tier");
  update.mutable_update_mask()->add_paths("featured_lecturers");
  update.set_etag("7");
  pub::NewsReport updated;
  auto context = suite_->service().Context(kFurongStaff);
  grpc::Status status = Publicity()->UpdateNewsReport(context.get(), update, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(ErrorReasonOf(status), "ETAG_MISMATCH");

  update.set_etag(created.audit().etag());
  context = suite_->service().Context(kFurongStaff);
  status = Publicity()->UpdateNewsReport(context.get(), update, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(updated.media_tier(), pub::MEDIA_TIER_CENTRAL_NEW_MEDIA);
  EXPECT_EQ(updated.featured_lecturers_size(), 0);
  EXPECT_EQ(updated.title(), created.title());  // not in the mask: unchanged
  EXPECT_EQ(updated.audit().etag(), "2");

  pub::UpdateNewsReportRequest immutable = update;
  immutable.clear_etag();
  immutable.mutable_update_mask()->Clear();
  immutable.mutable_update_mask()->add_paths("organization");
  immutable.mutable_update_mask()->add_paths("views");
  context = suite_->service().Context(kFurongStaff);
  status = Publicity()->UpdateNewsReport(context.get(), immutable, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(
      FieldViolationsOf(status),
      (std::vector<std::string>{"update_mask=FIELD_IMMUTABLE", "update_mask=UNKNOWN_FIELD_PATH"}));

  pub::DeleteNewsReportRequest remove;
  remove.set_name(created.name());
  google::protobuf::Empty empty;
  context = suite_->service().Context(kFurongStaff);
  ASSERT_TRUE(Publicity()->DeleteNewsReport(context.get(), remove, &empty).ok());
  pub::NewsReport read;
  EXPECT_EQ(Get(created.name(), kFurongStaff, &read).error_code(), grpc::StatusCode::NOT_FOUND);
  std::vector<pub::NewsReport> listed;
  ASSERT_TRUE(List(pub::ListNewsReportsRequest(), kFurongStaff, &listed).ok());
  EXPECT_FALSE(Names(listed).contains(created.name()));

  // Published, changed and retracted, in order, under the report's id, at versions 1, 2, 3. The
  // relay publishes after the commit, so the topic is read until all three are there.
  std::vector<std::string> seen;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (seen.size() < 3 && std::chrono::steady_clock::now() < deadline) {
    seen.clear();
    const auto events =
        ReadTopicEvents(SharedKafka().BootstrapServers(), "jindu.publicity.news_report.v1", 3);
    for (const auto& event : events) {
      if (event.key != Id(created.name())) continue;
      const auto& payload = event.envelope.payload();
      seen.push_back(payload.type_url().substr(payload.type_url().rfind('.') + 1) + "@" +
                     std::to_string(event.envelope.aggregate_version()));
      EXPECT_EQ(event.envelope.region_code(), "430102");
      publicity::events::v1::NewsReportChanged changed;
      if (payload.UnpackTo(&changed)) {
        EXPECT_EQ(changed.news_report().media_tier(), pub::MEDIA_TIER_CENTRAL_NEW_MEDIA);
        EXPECT_EQ(changed.news_report().organization(), association_->name());
        EXPECT_EQ(changed.news_report().featured_branch_heads(0), association_->name());
      }
      publicity::events::v1::NewsReportPublished published;
      if (payload.UnpackTo(&published)) {
        EXPECT_EQ(published.news_report().media_tier(), pub::MEDIA_TIER_PROVINCIAL_MAINSTREAM);
        EXPECT_EQ(published.news_report().featured_lecturers(0), *lecturer_);
      }
    }
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"NewsReportPublished@1", "NewsReportChanged@2",
                                            "NewsReportRetracted@3"}));
}

}  // namespace
}  // namespace jindu::testing
