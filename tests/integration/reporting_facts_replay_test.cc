// The reporting service's publicity and registration figures over real servers: facts enter
// through registration's and publicity's public APIs (organisations, volunteers in every state, a
// lecturer, training with a deleted attendance, activities approved, rejected, left in draft and
// corrected into revision 2, volunteers' minutes flowing back as service hours, news reports
// published, changed and retracted, a campaign's participation), and ComputeRegionFigures answers
// every field the facts support. Then the replay: a reporting service with an empty database
// reads every topic from the start (its consumer groups deleted) and answers identical figures.

#include <google/protobuf/util/message_differencer.h>
#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>

#include <pqxx/pqxx>
#include <thread>

#include "harness/calendar.h"
#include "harness/query_wait.h"
#include "harness/registration_backed_suite.h"
#include "harness/shared_infrastructure.h"
#include "jindu/publicity/v1/publicity_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"
#include "jindu/reporting/v1/reporting_service.grpc.pb.h"

namespace jindu::testing {
namespace {

namespace pub = publicity::v1;
namespace reg = registration::v1;
namespace rep = reporting::v1;
using publicity::v1::PublicityService;
using registration::v1::RegistrationService;
using reporting::v1::ReportingService;

const TestCaller kRegistrar{
    .subject = "registrar", .roles = {"province_admin"}, .regions = {"430000"}};
const TestCaller kStaff{
    .subject = "furong-staff", .roles = {"association_staff"}, .regions = {"430100"}};
// Above the district associations (whose parent is the city's): the city's officer.
const TestCaller kReviewer{
    .subject = "changsha-officer", .roles = {"county_officer"}, .regions = {"430100"}};
const TestCaller kReader{
    .subject = "furong-reader", .roles = {"county_officer"}, .regions = {"430100"}};
const TestCaller kSource{
    .subject = "pledge-app", .roles = {"system_caller"}, .regions = {"430100"}};

std::string NationalId(int serial) {
  std::string base = "43010219900101";
  base += static_cast<char>('0' + serial / 100 % 10);
  base += static_cast<char>('0' + serial / 10 % 10);
  base += static_cast<char>('0' + serial % 10);
  static const int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (base[i] - '0') * kWeights[i];
  return base + "10X98765432"[sum % 11];
}

// Forgets where reporting's consumers stood, so the next one reads every topic from the start.
// The members must have left (the service stopped).
void DeleteConsumerGroups(const std::vector<std::string>& groups) {
  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  ASSERT_EQ(rd_kafka_conf_set(conf, "bootstrap.servers", SharedKafka().BootstrapServers().c_str(),
                              error, sizeof error),
            RD_KAFKA_CONF_OK);
  rd_kafka_t* handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  ASSERT_NE(handle, nullptr) << error;
  std::vector<rd_kafka_DeleteGroup_t*> deletes;
  for (const std::string& group : groups)
    deletes.push_back(rd_kafka_DeleteGroup_new(group.c_str()));
  rd_kafka_queue_t* queue = rd_kafka_queue_new(handle);
  rd_kafka_DeleteGroups(handle, deletes.data(), deletes.size(), nullptr, queue);
  rd_kafka_event_t* event = rd_kafka_queue_poll(queue, 30000);
  ASSERT_NE(event, nullptr);
  EXPECT_EQ(rd_kafka_event_error(event), RD_KAFKA_RESP_ERR_NO_ERROR)
      << rd_kafka_event_error_string(event);
  size_t count = 0;
  const rd_kafka_group_result_t** results =
      rd_kafka_DeleteGroups_result_groups(rd_kafka_event_DeleteGroups_result(event), &count);
  for (size_t i = 0; i < count; ++i) {
    const rd_kafka_error_t* failure = rd_kafka_group_result_error(results[i]);
    EXPECT_TRUE(failure == nullptr)
        << rd_kafka_group_result_name(results[i]) << ": " << rd_kafka_error_string(failure);
  }
  rd_kafka_event_destroy(event);
  rd_kafka_queue_destroy(queue);
  rd_kafka_DeleteGroup_destroy_array(deletes.data(), deletes.size());
  rd_kafka_destroy(handle);
}

class ReportingFactsReplayTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ = ReportingSuite::Start("reporting_facts_replay", "", "430104").release();
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

  template <typename Response, typename Request, typename Method>
  static Response RegCall(Method method, const Request& request,
                          const TestCaller& caller = kRegistrar) {
    Response response;
    auto stub = RegistrationService::NewStub(suite_->registration().Channel());
    auto context = suite_->registration().Context(caller);
    grpc::Status status = (stub.get()->*method)(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
  template <typename Response, typename Request, typename Method>
  static Response PubCall(Method method, const Request& request,
                          const TestCaller& caller = kStaff) {
    Response response;
    auto stub = PublicityService::NewStub(suite_->publicity().Channel());
    auto context = suite_->publicity().Context(caller);
    grpc::Status status = (stub.get()->*method)(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
  static std::string Organization(const std::string& name, reg::OrganizationKind kind,
                                  const std::string& region, const std::string& parent) {
    reg::CreateOrganizationRequest request;
    request.mutable_organization()->set_display_name(name);
    request.mutable_organization()->set_kind(kind);
    request.mutable_organization()->set_region_code(region);
    request.mutable_organization()->set_parent(parent);
    *request.mutable_organization()->mutable_founding_date() = ProtoDay(2019, 6, 26);
    return RegCall<reg::Organization>(&RegistrationService::Stub::CreateOrganization, request)
        .name();
  }
  // A volunteer of 芙蓉区 taken to `state` (1 applied, 3 active, 5 withdrawn).
  static std::string Volunteer(const std::string& name, int serial, int state) {
    reg::CreateVolunteerRequest create;
    create.mutable_volunteer()->set_display_name(name);
    create.mutable_volunteer()->set_national_id_number(NationalId(serial));
    create.mutable_volunteer()->set_phone("+8613812345678");
    create.mutable_volunteer()->set_residence_region_code("430102");
    const std::string volunteer =
        RegCall<reg::Volunteer>(&RegistrationService::Stub::CreateVolunteer, create).name();
    if (state >= 3) {
      reg::ApproveVolunteerRequest approve;
      approve.set_name(volunteer);
      RegCall<reg::Volunteer>(&RegistrationService::Stub::ApproveVolunteer, approve);
      reg::ActivateVolunteerRequest activate;
      activate.set_name(volunteer);
      RegCall<reg::Volunteer>(&RegistrationService::Stub::ActivateVolunteer, activate);
    }
    if (state == 5) {
      reg::WithdrawVolunteerRequest withdraw;
      withdraw.set_name(volunteer);
      withdraw.set_reason("本人申请退出");
      RegCall<reg::Volunteer>(&RegistrationService::Stub::WithdrawVolunteer, withdraw);
    }
    return volunteer;
  }
  static void WaitForIn(ServiceProcess& service, const std::string& sql,
                        const std::string& expected,
                        std::chrono::seconds timeout = std::chrono::seconds(60)) {
    WaitForQueryValue(service, sql, expected, timeout);
  }
  static pub::Activity NewActivity(const std::string& organization, pub::ActivityKind kind,
                                   pub::SixIntoCategory category, int days_ago, int audience) {
    pub::Activity activity;
    activity.set_organization(organization);
    activity.set_region_code("430102");
    activity.set_title("禁毒宣传");
    activity.set_kind(kind);
    activity.set_six_into_category(category);
    *activity.mutable_activity_date() = DaysFromToday(-days_ago);
    activity.set_audience_count(audience);
    return activity;
  }
  static std::string Create(const pub::Activity& activity, bool submit) {
    pub::CreateActivityRequest create;
    *create.mutable_activity() = activity;
    create.set_submit(submit);
    return PubCall<pub::Activity>(&PublicityService::Stub::CreateActivity, create).name();
  }
  static void Approve(const std::string& name) {
    pub::ApproveActivityRequest approve;
    approve.set_name(name);
    PubCall<pub::Activity>(&PublicityService::Stub::ApproveActivity, approve, kReviewer);
  }
  static std::string Report(const std::string& organization, const std::string& outlet,
                            pub::MediaTier tier, pub::MediaChannel channel, int days_ago) {
    pub::CreateNewsReportRequest create;
    pub::NewsReport* report = create.mutable_news_report();
    report->set_title("禁毒报道");
    report->set_outlet_name(outlet);
    report->set_media_tier(tier);
    report->set_channel(channel);
    *report->mutable_publish_date() = DaysFromToday(-days_ago);
    report->set_organization(organization);
    return PubCall<pub::NewsReport>(&PublicityService::Stub::CreateNewsReport, create).name();
  }
  static rep::ComputeRegionFiguresResponse Figures(ServiceProcess& reporting,
                                                   const std::string& region) {
    rep::ComputeRegionFiguresRequest request;
    request.set_region_code(region);
    *request.mutable_period()->mutable_range()->mutable_start_date() = DaysFromToday(-40);
    *request.mutable_period()->mutable_range()->mutable_end_date() = DaysFromToday(1);
    request.set_by_child_region(true);
    rep::ComputeRegionFiguresResponse response;
    auto stub = ReportingService::NewStub(reporting.Channel());
    auto context = reporting.Context(kReader);
    grpc::Status status = stub->ComputeRegionFigures(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  static ReportingSuite* suite_;
};

ReportingSuite* ReportingFactsReplayTest::suite_ = nullptr;

TEST_F(ReportingFactsReplayTest, FiguresFromEveryFactAndIdenticalAfterReplay) {
  // --- registration: organisations, volunteers, a lecturer, training ---
  const std::string city =
      Organization("长沙市社会禁毒协会", reg::ORGANIZATION_KIND_ASSOCIATION, "430100", "");
  const std::string furong =
      Organization("芙蓉区社会禁毒协会", reg::ORGANIZATION_KIND_ASSOCIATION, "430102", city);
  const std::string team =
      Organization("芙蓉区讲师团", reg::ORGANIZATION_KIND_LECTURE_TEAM, "430102", city);
  Organization("文艺路街道分会", reg::ORGANIZATION_KIND_TOWNSHIP_BRANCH, "430102", furong);
  const std::string dissolved =
      Organization("朝阳街街道分会", reg::ORGANIZATION_KIND_TOWNSHIP_BRANCH, "430102", furong);
  reg::DissolveOrganizationRequest dissolve;
  dissolve.set_name(dissolved);
  *dissolve.mutable_dissolution_date() = DaysFromToday(-20);
  dissolve.set_reason("合并");
  RegCall<reg::Organization>(&RegistrationService::Stub::DissolveOrganization, dissolve);
  const std::string tianxin =
      Organization("天心区社会禁毒协会", reg::ORGANIZATION_KIND_ASSOCIATION, "430103", city);

  const std::string helper = Volunteer("志愿者甲", 11, 3);
  const std::string helper2 = Volunteer("志愿者乙", 12, 3);
  const std::string lecturer = Volunteer("宣讲员丙", 13, 3);
  Volunteer("申请人丁", 14, 1);
  Volunteer("退出者戊", 15, 5);
  reg::CertifyLecturerRequest certify;
  certify.set_name(lecturer);
  certify.mutable_certification()->set_lecture_team(team);
  *certify.mutable_certification()->mutable_certified_date() = DaysFromToday(-100);
  RegCall<reg::Volunteer>(&RegistrationService::Stub::CertifyLecturer, certify);

  reg::CreateTrainingSessionRequest session_request;
  session_request.mutable_training_session()->set_organizer(furong);
  session_request.mutable_training_session()->set_region_code("430102");
  session_request.mutable_training_session()->set_topic("禁毒业务培训");
  *session_request.mutable_training_session()->mutable_session_date() = DaysFromToday(-7);
  session_request.mutable_training_session()->set_duration_minutes(120);
  const auto session = RegCall<reg::TrainingSession>(
      &RegistrationService::Stub::CreateTrainingSession, session_request);
  reg::BatchCreateTrainingAttendancesRequest attend;
  attend.set_parent(session.name());
  attend.add_attendances()->set_volunteer(helper);
  attend.add_attendances()->set_volunteer(helper2);
  const auto attended = RegCall<reg::BatchCreateTrainingAttendancesResponse>(
      &RegistrationService::Stub::BatchCreateTrainingAttendances, attend);
  ASSERT_EQ(attended.attendances_size(), 2);
  reg::DeleteTrainingAttendanceRequest forget;
  forget.set_name(attended.attendances(1).name());
  RegCall<google::protobuf::Empty>(&RegistrationService::Stub::DeleteTrainingAttendance, forget);

  WaitForIn(suite_->publicity(), "SELECT count(*) FROM publicity.volunteer_replica WHERE state = 3",
            "3");
  WaitForIn(suite_->publicity(),
            "SELECT count(*) FROM publicity.volunteer_replica WHERE lecture_team_id <> ''", "1");
  WaitForIn(suite_->publicity(), "SELECT count(*) FROM publicity.organization_replica", "6");

  // --- publicity ---
  // A street campaign with two volunteers (their 150 minutes become service hours), materials.
  pub::Activity street = NewActivity(furong, pub::ACTIVITY_KIND_STREET_CAMPAIGN,
                                     pub::SIX_INTO_CATEGORY_COMMUNITIES, 10, 200);
  auto* served = street.add_volunteers();
  served->set_volunteer(helper);
  served->set_minutes(90);
  served = street.add_volunteers();
  served->set_volunteer(helper2);
  served->set_minutes(60);
  auto* leaflets = street.add_materials();
  leaflets->set_kind(pub::MATERIAL_KIND_LEAFLET);
  leaflets->set_count(300);
  auto* banners = street.add_materials();
  banners->set_kind(pub::MATERIAL_KIND_BANNER);
  banners->set_count(2);
  Approve(Create(street, true));
  // A lecture approved with 120 people, corrected to 150 (revision 2 replaces revision 1).
  pub::Activity lecture =
      NewActivity(team, pub::ACTIVITY_KIND_LECTURE, pub::SIX_INTO_CATEGORY_SCHOOLS, 5, 120);
  lecture.add_lecturers(lecturer);
  auto* booklets = lecture.add_materials();
  booklets->set_kind(pub::MATERIAL_KIND_LEAFLET);
  booklets->set_count(50);
  const std::string lecture_name = Create(lecture, true);
  Approve(lecture_name);
  pub::ProposeActivityCorrectionRequest propose;
  propose.mutable_activity()->set_name(lecture_name);
  propose.mutable_activity()->set_audience_count(150);
  propose.mutable_update_mask()->add_paths("audience_count");
  propose.set_reason("人数统计有误");
  PubCall<pub::Activity>(&PublicityService::Stub::ProposeActivityCorrection, propose);
  Approve(lecture_name);
  // Not counted: a draft, a rejected one; counted only in the city: 天心区's exhibition.
  pub::Activity draft =
      NewActivity(team, pub::ACTIVITY_KIND_LECTURE, pub::SIX_INTO_CATEGORY_SCHOOLS, 4, 999);
  draft.add_lecturers(lecturer);
  Create(draft, false);
  pub::RejectActivityRequest reject;
  reject.set_name(Create(
      NewActivity(furong, pub::ACTIVITY_KIND_EXHIBITION, pub::SIX_INTO_CATEGORY_VENUES, 3, 888),
      true));
  reject.set_reason("照片不清晰");
  PubCall<pub::Activity>(&PublicityService::Stub::RejectActivity, reject, kReviewer);
  pub::Activity exhibition =
      NewActivity(tianxin, pub::ACTIVITY_KIND_EXHIBITION, pub::SIX_INTO_CATEGORY_VENUES, 3, 70);
  exhibition.set_region_code("430103");
  Approve(Create(exhibition, true));

  // News reports: one as published, one changed (tier and outlet), one retracted.
  Report(furong, "今日头条", pub::MEDIA_TIER_ONLINE, pub::MEDIA_CHANNEL_NEWS_SITE, 3);
  pub::UpdateNewsReportRequest change;
  change.mutable_news_report()->set_name(Report(
      team, "湖南日报", pub::MEDIA_TIER_PROVINCIAL_MAINSTREAM, pub::MEDIA_CHANNEL_NEWSPAPER, 2));
  change.mutable_news_report()->set_outlet_name("人民日报");
  change.mutable_news_report()->set_media_tier(pub::MEDIA_TIER_CENTRAL_MAINSTREAM);
  change.mutable_update_mask()->add_paths("outlet_name");
  change.mutable_update_mask()->add_paths("media_tier");
  PubCall<pub::NewsReport>(&PublicityService::Stub::UpdateNewsReport, change);
  pub::DeleteNewsReportRequest retract;
  retract.set_name(Report(furong, "红网", pub::MEDIA_TIER_ONLINE, pub::MEDIA_CHANNEL_NEWS_SITE, 1));
  PubCall<google::protobuf::Empty>(&PublicityService::Stub::DeleteNewsReport, retract);

  // A pledge campaign for 芙蓉区 with a target of 100: two people pledge, one of them twice.
  pub::CreateCampaignRequest campaign_request;
  pub::Campaign* campaign = campaign_request.mutable_campaign();
  campaign->set_display_name("全民禁毒宣誓");
  campaign->set_tag(pub::CAMPAIGN_TAG_JUNE_26);
  campaign->set_organizer(furong);
  *campaign->mutable_date_range()->mutable_start_date() = DaysFromToday(-30);
  *campaign->mutable_date_range()->mutable_end_date() = DaysFromToday(1);
  campaign->add_region_codes("430102");
  auto* target = campaign->add_targets();
  target->set_region_code("430102");
  target->set_kind(pub::PARTICIPATION_KIND_PLEDGE);
  target->set_target_count(100);
  const std::string campaign_name =
      PubCall<pub::Campaign>(&PublicityService::Stub::CreateCampaign, campaign_request).name();
  pub::BatchIngestParticipationEntriesRequest batch;
  int entry = 0;
  for (const char* phone : {"13800000001", "13800000002", "13800000001"}) {
    pub::ParticipationEntry* pledge = batch.add_entries();
    pledge->set_entry_id("00000000-0000-4000-8000-00000000000" + std::to_string(++entry));
    pledge->set_campaign(campaign_name);
    pledge->set_kind(pub::PARTICIPATION_KIND_PLEDGE);
    pledge->set_region_code("430102");
    *pledge->mutable_occur_time() = google::protobuf::util::TimeUtil::GetCurrentTime() -
                                    google::protobuf::util::TimeUtil::HoursToDuration(1);
    pledge->set_participant_identifier(phone);
    pledge->set_participant_identifier_kind(pub::PARTICIPANT_IDENTIFIER_KIND_PHONE);
  }
  PubCall<pub::BatchIngestParticipationEntriesResponse>(
      &PublicityService::Stub::BatchIngestParticipationEntries, batch, kSource);

  // --- reporting ---
  ServiceProcess& reporting = suite_->reporting();
  WaitForIn(reporting, "SELECT count(*) FROM reporting.activity_facts", "3");
  WaitForIn(reporting, "SELECT count(*) FROM reporting.activity_facts WHERE approved_revision = 2",
            "1");
  WaitForIn(reporting, "SELECT count(*) FROM reporting.news_report_facts WHERE retracted", "1");
  WaitForIn(reporting, "SELECT count(*) FROM reporting.news_report_facts WHERE media_tier = 1",
            "1");
  WaitForIn(reporting, "SELECT coalesce(sum(accepted), 0) FROM reporting.participation_facts", "2");
  WaitForIn(reporting, "SELECT coalesce(sum(minutes), 0) FROM reporting.service_hour_facts", "150");
  WaitForIn(reporting, "SELECT count(*) FROM reporting.training_attendance_facts WHERE deleted",
            "1");
  WaitForIn(reporting, "SELECT count(*) FROM reporting.volunteer_state_facts WHERE state = 5", "1");
  WaitForIn(reporting, "SELECT count(*) FROM reporting.organization_facts WHERE state = 2", "1");
  WaitForIn(reporting, "SELECT count(*) FROM reporting.organization_facts", "6");
  WaitForIn(reporting, "SELECT count(*) FROM reporting.lecturer_certification_facts", "1");
  WaitForIn(reporting, "SELECT count(*) FROM reporting.training_session_facts", "1");
  WaitForIn(reporting, "SELECT count(*) FROM reporting.activity_fact_materials", "3");
  WaitForIn(reporting, "SELECT count(*) FROM reporting.campaign_target_facts", "1");

  const auto answer = Figures(reporting, "430100");
  const rep::RegionFigures* furong_figures = nullptr;
  for (const auto& child : answer.by_child_region()) {
    if (child.region_code() == "430102") furong_figures = &child;
  }
  ASSERT_NE(furong_figures, nullptr);
  const rep::PublicityFigures& publicity = furong_figures->publicity();
  EXPECT_EQ(publicity.activities(), 2);
  EXPECT_EQ(publicity.lectures(), 1);
  EXPECT_EQ(publicity.audience(), 350);  // 200 + the corrected 150
  ASSERT_EQ(publicity.by_six_into_category_size(), 2);
  EXPECT_EQ(publicity.by_six_into_category(0).category(), pub::SIX_INTO_CATEGORY_SCHOOLS);
  EXPECT_EQ(publicity.by_six_into_category(0).lectures(), 1);
  EXPECT_EQ(publicity.by_six_into_category(0).audience(), 150);
  EXPECT_EQ(publicity.by_six_into_category(1).category(), pub::SIX_INTO_CATEGORY_COMMUNITIES);
  EXPECT_EQ(publicity.by_six_into_category(1).activities(), 1);
  ASSERT_EQ(publicity.by_activity_kind_size(), 2);
  EXPECT_EQ(publicity.by_activity_kind(0).kind(), pub::ACTIVITY_KIND_LECTURE);
  EXPECT_EQ(publicity.by_activity_kind(1).audience(), 200);
  ASSERT_EQ(publicity.materials_size(), 2);
  EXPECT_EQ(publicity.materials(0).kind(), pub::MATERIAL_KIND_LEAFLET);
  EXPECT_EQ(publicity.materials(0).count(), 350);
  EXPECT_EQ(publicity.materials(1).count(), 2);
  EXPECT_EQ(publicity.news_reports(), 2);
  EXPECT_EQ(publicity.distinct_outlets(), 2);
  ASSERT_EQ(publicity.by_media_tier_size(), 2);
  EXPECT_EQ(publicity.by_media_tier(0).tier(), pub::MEDIA_TIER_CENTRAL_MAINSTREAM);
  EXPECT_EQ(publicity.by_media_tier(1).tier(), pub::MEDIA_TIER_ONLINE);
  ASSERT_EQ(publicity.by_channel_size(), 2);
  EXPECT_EQ(publicity.by_channel(0).channel(), pub::MEDIA_CHANNEL_NEWS_SITE);
  EXPECT_EQ(publicity.by_channel(1).channel(), pub::MEDIA_CHANNEL_NEWSPAPER);
  ASSERT_EQ(publicity.participation_size(), 1);
  EXPECT_EQ(publicity.participation(0).campaign(), campaign_name);
  EXPECT_EQ(publicity.participation(0).campaign_display_name(), "全民禁毒宣誓");
  EXPECT_EQ(publicity.participation(0).kind(), pub::PARTICIPATION_KIND_PLEDGE);
  EXPECT_EQ(publicity.participation(0).participants(), 2);
  EXPECT_EQ(publicity.participation(0).target(), 100);
  // The city adds 天心区's exhibition; the city has no target of its own.
  EXPECT_EQ(answer.figures().publicity().activities(), 3);
  EXPECT_EQ(answer.figures().publicity().participation(0).target(), 0);

  const rep::RegistrationFigures& registration = furong_figures->registration();
  std::map<reg::OrganizationKind, int64_t> kinds;
  for (const auto& kind : registration.organizations()) kinds[kind.kind()] = kind.count();
  EXPECT_EQ(kinds, (std::map<reg::OrganizationKind, int64_t>{
                       {reg::ORGANIZATION_KIND_ASSOCIATION, 1},
                       {reg::ORGANIZATION_KIND_TOWNSHIP_BRANCH, 1},  // not the dissolved one
                       {reg::ORGANIZATION_KIND_LECTURE_TEAM, 1}}));
  EXPECT_EQ(registration.volunteers(), 4);  // not the withdrawn one
  EXPECT_EQ(registration.active_volunteers(), 3);
  EXPECT_EQ(registration.new_volunteers(), 5);
  EXPECT_EQ(registration.lecturers(), 1);
  EXPECT_EQ(registration.training_sessions(), 1);
  EXPECT_EQ(registration.training_attendances(), 1);  // one attendance was deleted
  EXPECT_EQ(registration.volunteers_trained(), 1);
  EXPECT_EQ(registration.service_minutes(), 150);
  EXPECT_EQ(answer.figures().registration().organizations_size(), 3);  // and the city's

  // --- replay: an empty database, every topic from the start ---
  ASSERT_EQ(reporting.Stop(), 0);
  DeleteConsumerGroups(
      {"reporting.regions", "reporting.publicity_facts", "reporting.registration_facts"});
  auto replayed =
      ServiceProcess::Start("services/reporting/jindu-reporting", "reporting_facts_replay_again");
  WaitForIn(*replayed, "SELECT count(*) FROM reporting.activity_facts", "3");
  WaitForIn(*replayed, "SELECT count(*) FROM reporting.news_report_facts", "3");
  WaitForIn(*replayed, "SELECT count(*) FROM reporting.news_report_facts WHERE retracted", "1");
  WaitForIn(*replayed, "SELECT coalesce(sum(minutes), 0) FROM reporting.service_hour_facts", "150");
  WaitForIn(*replayed, "SELECT count(*) FROM reporting.training_attendance_facts WHERE deleted",
            "1");
  WaitForIn(*replayed, "SELECT count(*) FROM reporting.volunteer_state_facts",
            "14");  // 5 registered, 4 x (approved, activated), 1 withdrawn
  WaitForIn(*replayed, "SELECT count(*) FROM reporting.organization_facts WHERE state = 2", "1");
  WaitForIn(*replayed, "SELECT count(*) FROM reporting.organization_facts", "6");
  WaitForIn(*replayed, "SELECT count(*) FROM reporting.lecturer_certification_facts", "1");
  WaitForIn(*replayed, "SELECT count(*) FROM reporting.campaign_target_facts", "1");
  WaitForIn(*replayed, "SELECT count(*) FROM reporting.training_session_facts", "1");
  WaitForIn(*replayed, "SELECT count(*) FROM reporting.activity_fact_materials", "3");
  WaitForIn(*replayed, "SELECT coalesce(sum(accepted), 0) FROM reporting.participation_facts", "2");
  auto again = Figures(*replayed, "430100");
  google::protobuf::util::MessageDifferencer same;
  std::string difference;
  same.ReportDifferencesToString(&difference);
  ASSERT_EQ(again.by_child_region_size(), answer.by_child_region_size());
  EXPECT_TRUE(same.Compare(again.figures(), answer.figures())) << difference;
  for (int i = 0; i < answer.by_child_region_size(); ++i) {
    EXPECT_TRUE(same.Compare(again.by_child_region(i), answer.by_child_region(i))) << difference;
  }
}

}  // namespace
}  // namespace jindu::testing
