// Branch assessment (考评) over real servers: organisations created in registration, activities
// approved and news reports created in publicity, a rubric of the three scoring rules created in
// reporting; the scores and ranks of three township branches of 芙蓉区 for July 2024 follow exactly
// from those facts, an update makes revision 2 with other scores while revision 1 still answers
// its own, and wrong criteria, scopes and etags are refused.

#include <gtest/gtest.h>

#include <chrono>
#include <pqxx/pqxx>
#include <thread>

#include "harness/calendar.h"
#include "harness/error_details.h"
#include "harness/query_wait.h"
#include "harness/registration_backed_suite.h"
#include "harness/shared_infrastructure.h"
#include "harness/topic_reader.h"
#include "jindu/publicity/v1/publicity_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"
#include "jindu/reporting/events/v1/assessment_events.pb.h"
#include "jindu/reporting/v1/assessment_service.grpc.pb.h"
#include "jindu/reporting/v1/reporting_service.grpc.pb.h"

namespace jindu::testing {
namespace {

namespace pub = publicity::v1;
namespace reg = registration::v1;
namespace rep = reporting::v1;
using publicity::v1::PublicityService;
using registration::v1::RegistrationService;
using reporting::v1::AssessmentService;

const TestCaller kRegistrar{
    .subject = "registrar", .roles = {"province_admin"}, .regions = {"430000"}};
const TestCaller kStaff{
    .subject = "association-staff", .roles = {"association_staff"}, .regions = {"430000"}};
// Reviews the branches' activities (their parent, the district association, stands in 430102) and
// writes the district's rubric.
const TestCaller kFurongOfficer{
    .subject = "furong-officer", .roles = {"county_officer"}, .regions = {"430102"}};
const TestCaller kTianxinOfficer{
    .subject = "tianxin-officer", .roles = {"county_officer"}, .regions = {"430103"}};
const TestCaller kAuditor{.subject = "auditor", .roles = {"auditor"}, .regions = {"430000"}};
const TestCaller kCaseworker{
    .subject = "furong-caseworker", .roles = {"caseworker"}, .regions = {"430102"}};

rep::AssessmentCriterion Criterion(const std::string& id, rep::AssessmentMetric metric,
                                   rep::ScoringRule rule, int max_points, int64_t target,
                                   int points_per_unit = 0) {
  rep::AssessmentCriterion criterion;
  criterion.set_criterion_id(id);
  criterion.set_display_name("考评项 " + id);
  criterion.set_metric(metric);
  criterion.set_rule(rule);
  criterion.set_max_points(max_points);
  criterion.set_target(target);
  criterion.set_points_per_unit(points_per_unit);
  return criterion;
}

class ReportingAssessmentTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ = ReportingSuite::Start("reporting_assessment", "", "430104").release();
    association_ =
        Organization("芙蓉区社会禁毒协会", reg::ORGANIZATION_KIND_ASSOCIATION, "430102", "");
    branch_a_ = Organization("文艺路街道分会", reg::ORGANIZATION_KIND_TOWNSHIP_BRANCH, "430102",
                             association_);
    branch_b_ = Organization("韭菜园街道分会", reg::ORGANIZATION_KIND_TOWNSHIP_BRANCH, "430102",
                             association_);
    branch_c_ = Organization("五里牌街道分会", reg::ORGANIZATION_KIND_TOWNSHIP_BRANCH, "430102",
                             association_);
    // Not assessed: another kind in the district, a branch of another district.
    const std::string team = Organization("芙蓉区志愿者队", reg::ORGANIZATION_KIND_VOLUNTEER_TEAM,
                                          "430102", association_);
    const std::string tianxin =
        Organization("天心区社会禁毒协会", reg::ORGANIZATION_KIND_ASSOCIATION, "430103", "");
    const std::string tianxin_branch =
        Organization("坡子街街道分会", reg::ORGANIZATION_KIND_TOWNSHIP_BRANCH, "430103", tianxin);

    // Publicity checks activities against its replica of registration: wait until it knows all 7.
    WaitForIn(suite_->publicity(), "SELECT count(*) FROM publicity.organization_replica", "7");

    // July 2024: A holds 3 approved activities (300 people), B 1 (50 people), C none; B has two
    // news reports, C one that is retracted. Decoys: A's activity on 1 August, A's unapproved one,
    // the team's and the Tianxin branch's.
    for (int day : {3, 10, 31}) Activity(branch_a_, runtime::CivilDate{2024, 7, day}, 100, true);
    Activity(branch_a_, runtime::CivilDate{2024, 8, 1}, 100, true);
    Activity(branch_a_, runtime::CivilDate{2024, 7, 20}, 100, false);
    Activity(branch_b_, runtime::CivilDate{2024, 7, 15}, 50, true);
    Activity(team, runtime::CivilDate{2024, 7, 15}, 70, true);
    Activity(tianxin_branch, runtime::CivilDate{2024, 7, 15}, 70, true, kTianxinOfficer);
    Report(branch_b_, runtime::CivilDate{2024, 7, 2});
    Report(branch_b_, runtime::CivilDate{2024, 7, 30});
    Report(branch_b_, runtime::CivilDate{2024, 6, 30});
    Retract(Report(branch_c_, runtime::CivilDate{2024, 7, 5}));
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

  // Polls a service's database until `sql` (one value) returns `expected`.
  static void WaitForIn(ServiceProcess& service, const std::string& sql,
                        const std::string& expected) {
    WaitForQueryValue(service, sql, expected, std::chrono::seconds(30));
  }
  static std::string Organization(const std::string& name, reg::OrganizationKind kind,
                                  const std::string& region, const std::string& parent) {
    reg::CreateOrganizationRequest request;
    request.mutable_organization()->set_display_name(name);
    request.mutable_organization()->set_kind(kind);
    request.mutable_organization()->set_region_code(region);
    request.mutable_organization()->set_parent(parent);
    *request.mutable_organization()->mutable_founding_date() = ProtoDay(2019, 6, 26);
    reg::Organization created;
    auto stub = RegistrationService::NewStub(suite_->registration().Channel());
    auto context = suite_->registration().Context(kRegistrar);
    grpc::Status status = stub->CreateOrganization(context.get(), request, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created.name();
  }
  static void Activity(const std::string& organization, runtime::CivilDate date, int audience,
                       bool approve, const TestCaller& reviewer = kFurongOfficer) {
    auto stub = PublicityService::NewStub(suite_->publicity().Channel());
    pub::CreateActivityRequest create;
    pub::Activity* activity = create.mutable_activity();
    activity->set_organization(organization);
    activity->set_region_code(reviewer.regions[0]);
    activity->set_title("禁毒宣传进社区");
    activity->set_kind(pub::ACTIVITY_KIND_STREET_CAMPAIGN);
    activity->set_six_into_category(pub::SIX_INTO_CATEGORY_COMMUNITIES);
    *activity->mutable_activity_date() = ProtoDay(date);
    activity->set_audience_count(audience);
    create.set_submit(true);
    pub::Activity created;
    auto context = suite_->publicity().Context(kStaff);
    grpc::Status status = stub->CreateActivity(context.get(), create, &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
    if (!approve) return;
    pub::ApproveActivityRequest request;
    request.set_name(created.name());
    pub::Activity approved;
    auto review = suite_->publicity().Context(reviewer);
    status = stub->ApproveActivity(review.get(), request, &approved);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  static std::string Report(const std::string& organization, runtime::CivilDate date) {
    auto stub = PublicityService::NewStub(suite_->publicity().Channel());
    pub::CreateNewsReportRequest create;
    pub::NewsReport* report = create.mutable_news_report();
    report->set_title("街道禁毒工作报道");
    report->set_outlet_name("芙蓉区社会禁毒协会微信公众号");
    report->set_media_tier(pub::MEDIA_TIER_SELF_MEDIA);
    report->set_channel(pub::MEDIA_CHANNEL_ASSOCIATION_WEBSITE);
    *report->mutable_publish_date() = ProtoDay(date);
    report->set_organization(organization);
    pub::NewsReport created;
    auto context = suite_->publicity().Context(kStaff);
    grpc::Status status = stub->CreateNewsReport(context.get(), create, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created.name();
  }
  static void Retract(const std::string& name) {
    auto stub = PublicityService::NewStub(suite_->publicity().Channel());
    pub::DeleteNewsReportRequest request;
    request.set_name(name);
    google::protobuf::Empty empty;
    auto context = suite_->publicity().Context(kStaff);
    grpc::Status status = stub->DeleteNewsReport(context.get(), request, &empty);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  static rep::AssessmentRubric Rubric() {
    rep::AssessmentRubric rubric;
    rubric.set_display_name("2024年街道分会工作考评");
    rubric.add_organization_kinds(reg::ORGANIZATION_KIND_TOWNSHIP_BRANCH);
    rubric.set_region_code("430102");
    rubric.set_granularity(common::v1::PERIOD_GRANULARITY_MONTH);
    *rubric.add_criteria() = Criterion("activities", rep::ASSESSMENT_METRIC_ACTIVITIES,
                                       rep::SCORING_RULE_PROPORTIONAL, 40, 3);
    *rubric.add_criteria() = Criterion("news_reports", rep::ASSESSMENT_METRIC_NEWS_REPORTS,
                                       rep::SCORING_RULE_THRESHOLD, 30, 2);
    // July 2024 was never filed by 芙蓉区 and its deadline has passed: one missing filing each.
    *rubric.add_criteria() = Criterion("missing_filings", rep::ASSESSMENT_METRIC_MISSING_FILINGS,
                                       rep::SCORING_RULE_DEDUCTION, 10, 0, 5);
    return rubric;
  }

  static grpc::Status Create(const rep::AssessmentRubric& rubric, const std::string& request_id,
                             const TestCaller& caller, rep::AssessmentRubric* created) {
    auto stub = AssessmentService::NewStub(suite_->reporting().Channel());
    rep::CreateAssessmentRubricRequest request;
    *request.mutable_assessment_rubric() = rubric;
    request.set_request_id(request_id);
    auto context = suite_->reporting().Context(caller);
    return stub->CreateAssessmentRubric(context.get(), request, created);
  }
  static grpc::Status Scores(const std::string& rubric, int revision, const TestCaller& caller,
                             rep::ComputeAssessmentScoresResponse* response, int month = 7) {
    auto stub = AssessmentService::NewStub(suite_->reporting().Channel());
    rep::ComputeAssessmentScoresRequest request;
    request.set_assessment_rubric(rubric);
    request.set_revision(revision);
    request.mutable_period()->mutable_month()->set_year(2024);
    request.mutable_period()->mutable_month()->set_month(month);
    auto context = suite_->reporting().Context(caller);
    return stub->ComputeAssessmentScores(context.get(), request, response);
  }
  // "name total rank [figure/centipoints ...]" per score, best first.
  static std::vector<std::string> Lines(const rep::ComputeAssessmentScoresResponse& response) {
    std::vector<std::string> lines;
    for (const auto& score : response.scores()) {
      std::string line = score.organization_display_name() + " " +
                         std::to_string(score.total_centipoints()) + " #" +
                         std::to_string(score.rank());
      for (const auto& criterion : score.criteria()) {
        line += " " + criterion.criterion_id() + "=" + std::to_string(criterion.figure()) + "/" +
                std::to_string(criterion.centipoints());
      }
      lines.push_back(line);
    }
    return lines;
  }
  // Polls until the projections have applied the facts (bounded).
  static std::vector<std::string> SettledLines(const std::string& rubric, int revision,
                                               const std::vector<std::string>& expected,
                                               rep::ComputeAssessmentScoresResponse* response) {
    std::vector<std::string> lines;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      response->Clear();
      grpc::Status status = Scores(rubric, revision, kAuditor, response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      lines = Lines(*response);
      if (lines == expected) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return lines;
  }

  static ReportingSuite* suite_;
  static std::string association_, branch_a_, branch_b_, branch_c_;
};

ReportingSuite* ReportingAssessmentTest::suite_ = nullptr;
std::string ReportingAssessmentTest::association_;
std::string ReportingAssessmentTest::branch_a_;
std::string ReportingAssessmentTest::branch_b_;
std::string ReportingAssessmentTest::branch_c_;

TEST_F(ReportingAssessmentTest, ScoresRanksAndRevisesARubric) {
  rep::AssessmentRubric created;
  grpc::Status status =
      Create(Rubric(), "6f1c1f0e-8a55-4d59-9a55-0c9a3a4b0001", kFurongOfficer, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(created.name().starts_with("assessmentRubrics/"));
  EXPECT_EQ(created.revision(), 1);
  EXPECT_EQ(created.audit().etag(), "1");
  EXPECT_EQ(created.audit().create_subject(), "furong-officer");
  // The same request again answers the same rubric.
  rep::AssessmentRubric again;
  ASSERT_TRUE(
      Create(Rubric(), "6f1c1f0e-8a55-4d59-9a55-0c9a3a4b0001", kFurongOfficer, &again).ok());
  EXPECT_EQ(again.name(), created.name());

  // A: 3 of 3 activities = 40, no reports, -5: 35.00. B: 1 of 3 = 13.33 (rounded down), 2 reports
  // = 30, -5: 38.33. C: nothing, -5.
  WaitForIn(suite_->reporting(),
            "SELECT count(*) || ' ' || count(*) FILTER (WHERE retracted) || ' ' || "
            "count(DISTINCT organization_id) || ' ' || min(publish_date) FROM "
            "reporting.news_report_facts",
            "4 1 2 2024-06-30");
  rep::ComputeAssessmentScoresResponse response;
  const std::vector<std::string> revision1 = {
      "韭菜园街道分会 3833 #1 activities=1/1333 news_reports=2/3000 missing_filings=1/-500",
      "文艺路街道分会 3500 #2 activities=3/4000 news_reports=0/0 missing_filings=1/-500",
      "五里牌街道分会 -500 #3 activities=0/0 news_reports=0/0 missing_filings=1/-500"};
  EXPECT_EQ(SettledLines(created.name(), 0, revision1, &response), revision1);
  EXPECT_EQ(response.revision(), 1);
  EXPECT_EQ(response.scores(0).organization(), branch_b_);
  EXPECT_EQ(response.scores(0).region_code(), "430102");
  EXPECT_TRUE(response.freshness().has_last_event_time());

  // The same scores as a spreadsheet officials open: rank, branch, total, each criterion.
  rep::ExportTableRequest export_request;
  export_request.set_table(rep::REPORT_TABLE_ASSESSMENT_SCORES);
  export_request.set_format(rep::EXPORT_FORMAT_CSV);
  export_request.set_region_code("430102");
  export_request.mutable_period()->mutable_month()->set_year(2024);
  export_request.mutable_period()->mutable_month()->set_month(7);
  export_request.set_assessment_rubric(created.name());
  auto exports = rep::ReportingService::NewStub(suite_->reporting().Channel());
  auto export_context = suite_->reporting().Context(kAuditor);
  auto reader = exports->ExportTable(export_context.get(), export_request);
  std::string csv;
  rep::ExportTableResponse chunk;
  while (reader->Read(&chunk)) csv += chunk.data();
  ASSERT_TRUE(reader->Finish().ok());
  EXPECT_TRUE(
      csv.starts_with("\xEF\xBB\xBF名次,组织,地区代码,总分,activities 数值,activities 得分,"));
  EXPECT_NE(csv.find("\r\n1,韭菜园街道分会,430102,38.33,1,13.33,2,30.00,1,-5.00\r\n"),
            std::string::npos)
      << csv;

  // Revision 2: any activity gives the full 50 points; reports no longer count. A and B tie.
  rep::UpdateAssessmentRubricRequest update;
  update.mutable_assessment_rubric()->set_name(created.name());
  update.mutable_assessment_rubric()->set_display_name("2024年街道分会工作考评(修订)");
  *update.mutable_assessment_rubric()->add_criteria() = Criterion(
      "activities", rep::ASSESSMENT_METRIC_ACTIVITIES, rep::SCORING_RULE_PROPORTIONAL, 50, 1);
  *update.mutable_assessment_rubric()->add_criteria() =
      Criterion("missing_filings", rep::ASSESSMENT_METRIC_MISSING_FILINGS,
                rep::SCORING_RULE_DEDUCTION, 10, 0, 5);
  update.mutable_update_mask()->add_paths("display_name");
  update.mutable_update_mask()->add_paths("criteria");
  update.set_etag("1");
  auto stub = AssessmentService::NewStub(suite_->reporting().Channel());
  rep::AssessmentRubric revised;
  {
    auto context = suite_->reporting().Context(kFurongOfficer);
    status = stub->UpdateAssessmentRubric(context.get(), update, &revised);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  EXPECT_EQ(revised.revision(), 2);
  EXPECT_EQ(revised.audit().etag(), "2");
  EXPECT_EQ(revised.region_code(), "430102");
  EXPECT_EQ(revised.criteria_size(), 2);

  response.Clear();
  ASSERT_TRUE(Scores(created.name(), 0, kAuditor, &response).ok());
  EXPECT_EQ(response.revision(), 2);
  // Ties share the rank (in organisation id order), the next rank skips.
  ASSERT_EQ(response.scores_size(), 3);
  EXPECT_EQ(response.scores(0).total_centipoints(), 4500);
  EXPECT_EQ(response.scores(1).total_centipoints(), 4500);
  EXPECT_EQ(response.scores(0).rank(), 1);
  EXPECT_EQ(response.scores(1).rank(), 1);
  EXPECT_LT(response.scores(0).organization(), response.scores(1).organization());
  EXPECT_EQ(response.scores(2).organization_display_name(), "五里牌街道分会");
  EXPECT_EQ(response.scores(2).total_centipoints(), -500);
  EXPECT_EQ(response.scores(2).rank(), 3);

  // Revision 1 stays explainable: asked for, it answers its own scores.
  response.Clear();
  ASSERT_TRUE(Scores(created.name(), 1, kAuditor, &response).ok());
  EXPECT_EQ(response.revision(), 1);
  EXPECT_EQ(Lines(response), revision1);
  rep::GetAssessmentRubricRequest get;
  get.set_name(created.name());
  get.set_revision(1);
  rep::AssessmentRubric first;
  {
    auto context = suite_->reporting().Context(kAuditor);
    ASSERT_TRUE(stub->GetAssessmentRubric(context.get(), get, &first).ok());
  }
  EXPECT_EQ(first.display_name(), "2024年街道分会工作考评");
  EXPECT_EQ(first.criteria_size(), 3);

  // A stale etag is refused and writes nothing.
  {
    auto context = suite_->reporting().Context(kFurongOfficer);
    rep::AssessmentRubric ignored;
    status = stub->UpdateAssessmentRubric(context.get(), update, &ignored);
  }
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(ErrorReasonOf(status), "ETAG_MISMATCH");
  get.set_revision(0);
  rep::AssessmentRubric latest;
  {
    auto context = suite_->reporting().Context(kAuditor);
    ASSERT_TRUE(stub->GetAssessmentRubric(context.get(), get, &latest).ok());
  }
  EXPECT_EQ(latest.revision(), 2);

  // Listed newest first, for the district and the province, not for Tianxin.
  rep::ListAssessmentRubricsRequest list;
  rep::ListAssessmentRubricsResponse listed;
  {
    auto context = suite_->reporting().Context(kFurongOfficer);
    ASSERT_TRUE(stub->ListAssessmentRubrics(context.get(), list, &listed).ok());
  }
  ASSERT_GE(listed.assessment_rubrics_size(), 1);
  EXPECT_EQ(listed.assessment_rubrics(0).name(), created.name());
  EXPECT_EQ(listed.assessment_rubrics(0).revision(), 2);
  listed.Clear();
  {
    auto context = suite_->reporting().Context(kTianxinOfficer);
    ASSERT_TRUE(stub->ListAssessmentRubrics(context.get(), list, &listed).ok());
  }
  for (const auto& rubric : listed.assessment_rubrics()) EXPECT_NE(rubric.name(), created.name());

  // Each revision published whole, keyed by the rubric id at its revision.
  const std::string id = created.name().substr(std::string("assessmentRubrics/").size());
  std::vector<std::string> seen;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (seen.size() < 2 && std::chrono::steady_clock::now() < deadline) {
    seen.clear();
    for (const auto& event : ReadTopicEvents(SharedKafka().BootstrapServers(),
                                             "jindu.reporting.assessment_rubric.v1", 2)) {
      if (event.key != id) continue;
      reporting::events::v1::AssessmentRubricRevised revised_event;
      ASSERT_TRUE(event.envelope.payload().UnpackTo(&revised_event));
      EXPECT_EQ(event.envelope.region_code(), "430102");
      EXPECT_EQ(revised_event.assessment_rubric(), created.name());
      seen.push_back(std::to_string(event.envelope.aggregate_version()) + ":" +
                     std::to_string(revised_event.revision()) + ":" +
                     std::to_string(revised_event.criteria_size()));
    }
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"1:1:3", "2:2:2"}));
}

TEST_F(ReportingAssessmentTest, RefusesBadCriteriaWrongScopesAndPeriods) {
  rep::AssessmentRubric bad = Rubric();
  bad.mutable_criteria(1)->set_criterion_id("activities");
  bad.mutable_criteria(2)->set_max_points(0);
  bad.mutable_criteria(0)->set_rule(rep::SCORING_RULE_UNSPECIFIED);
  bad.set_granularity(common::v1::PERIOD_GRANULARITY_DAY);
  rep::AssessmentRubric created;
  grpc::Status status = Create(bad, "", kFurongOfficer, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(
      FieldViolationsOf(status),
      (std::vector<std::string>{"assessment_rubric.granularity=VALUE_NOT_ALLOWED",
                                "assessment_rubric.criteria[0].rule=FIELD_REQUIRED",
                                "assessment_rubric.criteria[1].criterion_id=DUPLICATE_IN_REQUEST",
                                "assessment_rubric.criteria[2].max_points=FIELD_OUT_OF_RANGE"}));

  // A county officer writes rubrics for the county only; a caseworker not at all.
  rep::AssessmentRubric tianxin = Rubric();
  tianxin.set_region_code("430103");
  status = Create(tianxin, "", kFurongOfficer, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");
  status = Create(Rubric(), "", kCaseworker, &created);
  EXPECT_EQ(ErrorReasonOf(status), "ROLE_NOT_GRANTED");

  // Another county's officer meets the rubric as if it did not exist.
  ASSERT_TRUE(Create(Rubric(), "", kFurongOfficer, &created).ok());
  auto stub = AssessmentService::NewStub(suite_->reporting().Channel());
  rep::GetAssessmentRubricRequest get;
  get.set_name(created.name());
  rep::AssessmentRubric got;
  {
    auto context = suite_->reporting().Context(kTianxinOfficer);
    status = stub->GetAssessmentRubric(context.get(), get, &got);
  }
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  rep::ComputeAssessmentScoresResponse scores;
  status = Scores(created.name(), 0, kTianxinOfficer, &scores);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  rep::UpdateAssessmentRubricRequest update;
  update.mutable_assessment_rubric()->set_name(created.name());
  update.mutable_assessment_rubric()->set_display_name("改名");
  update.mutable_update_mask()->add_paths("display_name");
  {
    auto context = suite_->reporting().Context(kTianxinOfficer);
    status = stub->UpdateAssessmentRubric(context.get(), update, &got);
  }
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  // Immutable and unknown paths; bad criteria in an update.
  update.mutable_update_mask()->add_paths("region_code");
  update.mutable_update_mask()->add_paths("criteria");
  {
    auto context = suite_->reporting().Context(kFurongOfficer);
    status = stub->UpdateAssessmentRubric(context.get(), update, &got);
  }
  EXPECT_EQ(FieldViolationsOf(status),
            (std::vector<std::string>{"update_mask.paths[1]=FIELD_IMMUTABLE",
                                      "assessment_rubric.criteria=FIELD_REQUIRED"}));

  // The period must be of the rubric's granularity; missing rubrics are NOT_FOUND.
  auto context = suite_->reporting().Context(kAuditor);
  rep::ComputeAssessmentScoresRequest quarter;
  quarter.set_assessment_rubric(created.name());
  quarter.mutable_period()->mutable_quarter()->set_year(2024);
  quarter.mutable_period()->mutable_quarter()->set_quarter(3);
  status = stub->ComputeAssessmentScores(context.get(), quarter, &scores);
  EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{"period=VALUE_NOT_ALLOWED"});
  status = Scores("assessmentRubrics/nosuchrubric", 0, kAuditor, &scores);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  status = Scores(created.name(), 7, kAuditor, &scores);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace jindu::testing
