// Drug-free community creation (无毒社区) over real servers: a village with its population and
// students reached by an approved publicity activity, and no drug users, is evaluated passing on
// every figure criterion; with the county office's inspections it is approved; a new case in the
// village then breaks "no new users" and the certified community is flagged (and can be revoked).
// Unhappy paths: not a village, outside the caller's scope, approval with a failing criterion,
// rejection without a reason, a figure criterion entered as an inspection.

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>

#include "harness/calendar.h"
#include "harness/error_details.h"
#include "harness/registration_backed_suite.h"
#include "harness/shared_infrastructure.h"
#include "harness/topic_reader.h"
#include "jindu/casework/v1/casework_service.grpc.pb.h"
#include "jindu/publicity/v1/publicity_service.grpc.pb.h"
#include "jindu/registration/v1/region_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"
#include "jindu/reporting/events/v1/assessment_events.pb.h"
#include "jindu/reporting/v1/assessment_service.grpc.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::testing {
namespace {

namespace pub = publicity::v1;
namespace reg = registration::v1;
namespace rep = reporting::v1;
namespace cw = casework::v1;
using rep::AssessmentService;

const TestCaller kFurongOfficer{
    .subject = "furong-officer", .roles = {"county_officer"}, .regions = {"430102"}};
const TestCaller kTianxinOfficer{
    .subject = "tianxin-officer", .roles = {"county_officer"}, .regions = {"430103"}};
const TestCaller kRegistrar{
    .subject = "registrar", .roles = {"province_admin"}, .regions = {"430000"}};
const TestCaller kStaff{
    .subject = "furong-staff", .roles = {"association_staff"}, .regions = {"430100"}};
const TestCaller kReviewer{
    .subject = "changsha-officer", .roles = {"county_officer"}, .regions = {"430100"}};

constexpr char kVillages[] =
    "code,name,level,parent,valid_from,valid_to\n"
    "430102001,文艺路街道,township,430102,2000-01-01,\n"
    "430102001001,识字岭社区,village,430102001,2000-01-01,\n"
    "430102001002,燕山街社区,village,430102001,2000-01-01,\n";
constexpr char kVillage[] = "430102001001";
constexpr char kOtherVillage[] = "430102001002";

const int kYear = runtime::TodayInShanghai().year;

class ReportingDrugFreeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ = ReportingSuite::Start("reporting_drug_free", kVillages, "430102001002").release();
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

  template <typename Response, typename Request, typename Method>
  static grpc::Status Call(Method method, const Request& request, Response* response,
                           const TestCaller& caller = kFurongOfficer) {
    auto stub = AssessmentService::NewStub(suite_->reporting().Channel());
    auto context = suite_->reporting().Context(caller);
    return (stub.get()->*method)(context.get(), request, response);
  }
  static grpc::Status Create(const std::string& region, const std::string& request_id,
                             rep::DrugFreeCommunityApplication* application,
                             const TestCaller& caller = kFurongOfficer) {
    rep::CreateDrugFreeCommunityApplicationRequest request;
    request.mutable_application()->set_region_code(region);
    request.mutable_application()->set_year(kYear);
    request.mutable_application()->set_settlement_type(rep::SETTLEMENT_TYPE_TOWN);
    request.set_request_id(request_id);
    return Call(&AssessmentService::Stub::CreateDrugFreeCommunityApplication, request, application,
                caller);
  }
  static rep::DrugFreeCommunityApplication Evaluate(const std::string& name) {
    rep::EvaluateDrugFreeCommunityApplicationRequest request;
    request.set_name(name);
    rep::DrugFreeCommunityApplication application;
    grpc::Status status =
        Call(&AssessmentService::Stub::EvaluateDrugFreeCommunityApplication, request, &application);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return application;
  }
  static const rep::CriterionResult& Of(const rep::DrugFreeCommunityApplication& application,
                                        rep::DrugFreeCriterion criterion) {
    for (const auto& result : application.criteria()) {
      if (result.criterion() == criterion) return result;
    }
    static const rep::CriterionResult missing;
    ADD_FAILURE() << "criterion missing";
    return missing;
  }
  static grpc::Status Approve(const std::string& name, rep::DrugFreeCommunityApplication* out) {
    rep::ApproveDrugFreeCommunityApplicationRequest request;
    request.set_name(name);
    return Call(&AssessmentService::Stub::ApproveDrugFreeCommunityApplication, request, out);
  }
  static grpc::Status Reject(const std::string& name, const std::string& reason,
                             rep::DrugFreeCommunityApplication* out) {
    rep::RejectDrugFreeCommunityApplicationRequest request;
    request.set_name(name);
    request.set_reason(reason);
    return Call(&AssessmentService::Stub::RejectDrugFreeCommunityApplication, request, out);
  }
  static rep::RecordInspectionResultsRequest AllInspectionsMet(const std::string& name) {
    rep::RecordInspectionResultsRequest request;
    request.set_name(name);
    for (auto criterion :
         {rep::DRUG_FREE_CRITERION_NO_CRIMES_BY_USERS, rep::DRUG_FREE_CRITERION_NO_VENUE_PROBLEMS,
          rep::DRUG_FREE_CRITERION_NO_PRECURSOR_DIVERSION,
          rep::DRUG_FREE_CRITERION_MIGRANT_AWARENESS,
          rep::DRUG_FREE_CRITERION_VENUE_STAFF_AWARENESS}) {
      rep::InspectionResult* result = request.add_results();
      result->set_criterion(criterion);
      result->set_met(true);
      *result->mutable_inspection_date() = DaysFromToday(0);
      result->set_note("走访核查无异常");
    }
    return request;
  }

  // The village's population and students (registration), and an approved activity in the
  // village reaching all of them at a school (publicity).
  static void EveryoneReached() {
    auto regions = reg::RegionService::NewStub(suite_->registration().Channel());
    reg::ImportRegionDenominatorsRequest import;
    import.set_csv("code,year,population,students_enrolled\n" + std::string(kVillage) + "," +
                   std::to_string(kYear) + ",500,50\n");
    reg::ImportRegionDenominatorsResponse imported;
    auto context = suite_->registration().Context(kRegistrar);
    grpc::Status status = regions->ImportRegionDenominators(context.get(), import, &imported);
    ASSERT_TRUE(status.ok()) << status.error_message();

    auto registration = reg::RegistrationService::NewStub(suite_->registration().Channel());
    auto organization = [&](const std::string& name, const std::string& region,
                            const std::string& parent) {
      reg::CreateOrganizationRequest request;
      request.mutable_organization()->set_display_name(name);
      request.mutable_organization()->set_kind(reg::ORGANIZATION_KIND_ASSOCIATION);
      request.mutable_organization()->set_region_code(region);
      request.mutable_organization()->set_parent(parent);
      *request.mutable_organization()->mutable_founding_date() = ProtoDay(2019, 6, 26);
      reg::Organization created;
      auto call = suite_->registration().Context(kRegistrar);
      grpc::Status created_status = registration->CreateOrganization(call.get(), request, &created);
      EXPECT_TRUE(created_status.ok()) << created_status.error_message();
      return created.name();
    };
    const std::string city = organization("长沙市社会禁毒协会", "430100", "");
    const std::string furong = organization("芙蓉区社会禁毒协会", "430102", city);

    auto publicity = pub::PublicityService::NewStub(suite_->publicity().Channel());
    pub::CreateActivityRequest create;
    pub::Activity* activity = create.mutable_activity();
    activity->set_organization(furong);
    activity->set_region_code(kVillage);
    activity->set_title("识字岭社区禁毒宣传进校园");
    activity->set_kind(pub::ACTIVITY_KIND_EXHIBITION);
    activity->set_six_into_category(pub::SIX_INTO_CATEGORY_SCHOOLS);
    *activity->mutable_activity_date() = DaysFromToday(0);
    activity->set_audience_count(600);
    create.set_submit(true);
    pub::Activity created;
    // The organisation reaches publicity's replica through events: retry for a bounded time.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (true) {
      auto call = suite_->publicity().Context(kStaff);
      status = publicity->CreateActivity(call.get(), create, &created);
      if (status.ok() || std::chrono::steady_clock::now() > deadline) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    ASSERT_TRUE(status.ok()) << status.error_message();
    pub::ApproveActivityRequest approve;
    approve.set_name(created.name());
    pub::Activity approved;
    auto call = suite_->publicity().Context(kReviewer);
    status = publicity->ApproveActivity(call.get(), approve, &approved);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  static ReportingSuite* suite_;
};

ReportingSuite* ReportingDrugFreeTest::suite_ = nullptr;

TEST_F(ReportingDrugFreeTest, PassingVillageIsCertifiedAndFlaggedByANewCase) {
  ASSERT_NO_FATAL_FAILURE(EveryoneReached());

  rep::DrugFreeCommunityApplication application;
  grpc::Status status = Create(kVillage, "7c1e4a52-0d5b-4a8e-9d0e-3f1c2b6a9e01", &application);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(application.state(), rep::DRUG_FREE_APPLICATION_STATE_SUBMITTED);
  EXPECT_EQ(application.criteria_size(), 13);
  const std::string name = application.name();
  // The same request again answers the same application.
  rep::DrugFreeCommunityApplication again;
  ASSERT_TRUE(Create(kVillage, "7c1e4a52-0d5b-4a8e-9d0e-3f1c2b6a9e01", &again).ok());
  EXPECT_EQ(again.name(), name);
  // Another request for the same village and year: one application per region and year.
  status = Create(kVillage, "7c1e4a52-0d5b-4a8e-9d0e-3f1c2b6a9e02", &again);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);

  // The figures settle: everyone reached, no users.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    application = Evaluate(name);
    if (Of(application, rep::DRUG_FREE_CRITERION_PUBLIC_AWARENESS).met() &&
        Of(application, rep::DRUG_FREE_CRITERION_SCHOOL_AWARENESS).met()) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  const auto& awareness = Of(application, rep::DRUG_FREE_CRITERION_PUBLIC_AWARENESS);
  EXPECT_TRUE(awareness.met());
  EXPECT_EQ(awareness.source(), rep::CRITERION_SOURCE_FIGURES);
  EXPECT_EQ(awareness.numerator(), 600);
  EXPECT_EQ(awareness.denominator(), 500);
  EXPECT_FALSE(awareness.definition_version().empty());
  EXPECT_EQ(Of(application, rep::DRUG_FREE_CRITERION_SCHOOL_AWARENESS).denominator(), 50);
  EXPECT_TRUE(Of(application, rep::DRUG_FREE_CRITERION_NO_NEW_USERS).met());
  EXPECT_TRUE(Of(application, rep::DRUG_FREE_CRITERION_CONTROL_RATE).met());
  const auto& crimes = Of(application, rep::DRUG_FREE_CRITERION_NO_CRIMES_BY_USERS);
  EXPECT_EQ(crimes.source(), rep::CRITERION_SOURCE_INSPECTION);
  EXPECT_TRUE(crimes.pending_inspection());
  EXPECT_FALSE(application.all_criteria_met());

  // Not yet: the inspections are pending.
  rep::DrugFreeCommunityApplication decided;
  status = Approve(name, &decided);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(status), "ILLEGAL_STATE_TRANSITION");

  // A figure criterion is not an inspection's to decide.
  rep::RecordInspectionResultsRequest wrong = AllInspectionsMet(name);
  wrong.mutable_results(1)->set_criterion(rep::DRUG_FREE_CRITERION_NO_NEW_USERS);
  *wrong.mutable_results(2)->mutable_inspection_date() = DaysFromToday(2);
  status = Call(&AssessmentService::Stub::RecordInspectionResults, wrong, &decided);
  EXPECT_EQ(FieldViolationsOf(status),
            (std::vector<std::string>{"results[1].criterion=VALUE_NOT_ALLOWED",
                                      "results[2].inspection_date=DATE_IN_FUTURE"}));

  status = Call(&AssessmentService::Stub::RecordInspectionResults, AllInspectionsMet(name),
                &application);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(application.all_criteria_met());
  EXPECT_EQ(application.inspections_size(), 5);
  EXPECT_EQ(application.inspections(0).inspector_subject(), "furong-officer");

  status = Approve(name, &decided);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(decided.state(), rep::DRUG_FREE_APPLICATION_STATE_CERTIFIED);
  EXPECT_TRUE(decided.decision().certified());
  EXPECT_EQ(decided.decision().subject(), "furong-officer");
  EXPECT_FALSE(decided.flagged());

  // The police's system files a decision for a resident of the village: a new user.
  cw::IngestMeasureDecisionsRequest ingest;
  cw::MeasureDecision* decision = ingest.add_decisions();
  decision->set_decision_number("芙公(禁)决字[2026]第501号");
  decision->set_issuing_authority("长沙市公安局芙蓉分局");
  decision->set_measure_type(cw::MEASURE_TYPE_COMMUNITY_REHABILITATION);
  *decision->mutable_decision_date() = DaysFromToday(0);
  *decision->mutable_start_date() = DaysFromToday(0);
  *decision->mutable_end_date() = DaysFromToday(3 * 365);
  decision->mutable_person()->set_full_name("钱多多");
  decision->mutable_person()->set_national_id_number("43010219800101002X");
  decision->mutable_person()->set_phone("+8613877770001");
  decision->set_residence_region_code(kVillage);
  cw::IngestMeasureDecisionsResponse ingested;
  auto context = suite_->casework().Context(
      {.subject = "gongan-system", .roles = {"system_caller"}, .regions = {}});
  status = cw::CaseworkService::NewStub(suite_->casework().Channel())
               ->IngestMeasureDecisions(context.get(), ingest, &ingested);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(ingested.results(0).outcome(), cw::MEASURE_DECISION_OUTCOME_OPENED)
      << ingested.results(0).error().message();

  // Get re-evaluates: within seconds the certified community is flagged.
  rep::GetDrugFreeCommunityApplicationRequest get;
  get.set_name(name);
  const auto flag_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < flag_deadline) {
    ASSERT_TRUE(
        Call(&AssessmentService::Stub::GetDrugFreeCommunityApplication, get, &application).ok());
    if (application.flagged()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_TRUE(application.flagged());
  EXPECT_EQ(application.state(), rep::DRUG_FREE_APPLICATION_STATE_CERTIFIED);
  EXPECT_FALSE(Of(application, rep::DRUG_FREE_CRITERION_NO_NEW_USERS).met());
  EXPECT_EQ(Of(application, rep::DRUG_FREE_CRITERION_NO_NEW_USERS).numerator(), 1);

  rep::ListDrugFreeCommunityApplicationsRequest list;
  list.set_flagged_only(true);
  rep::ListDrugFreeCommunityApplicationsResponse listed;
  ASSERT_TRUE(
      Call(&AssessmentService::Stub::ListDrugFreeCommunityApplications, list, &listed).ok());
  ASSERT_EQ(listed.applications_size(), 1);
  EXPECT_EQ(listed.applications(0).name(), name);

  // Revoking needs a reason.
  status = Reject(name, "", &decided);
  EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{"reason=FIELD_REQUIRED"});
  ASSERT_TRUE(Reject(name, "新增吸毒人员，撤销无毒社区称号", &decided).ok());
  EXPECT_EQ(decided.state(), rep::DRUG_FREE_APPLICATION_STATE_REVOKED);
  EXPECT_FALSE(decided.flagged());

  // Published: submitted, inspections, certified, flagged, revoked.
  const auto events =
      ReadTopicEvents(SharedKafka().BootstrapServers(), "jindu.reporting.drug_free_application.v1",
                      5, std::chrono::seconds(30));
  std::vector<std::string> types;
  for (const auto& event : events) {
    if (event.key == name.substr(name.find('/') + 1)) {
      types.push_back(event.envelope.payload().type_url().substr(
          event.envelope.payload().type_url().rfind('.') + 1));
    }
  }
  EXPECT_EQ(types,
            (std::vector<std::string>{"DrugFreeApplicationSubmitted", "InspectionResultsRecorded",
                                      "DrugFreeApplicationDecided", "DrugFreeCommunityFlagChanged",
                                      "DrugFreeApplicationDecided"}));
}

TEST_F(ReportingDrugFreeTest, RefusesWhatIsNotAVillageOfTheCallersScope) {
  rep::DrugFreeCommunityApplication application;
  // A county does not apply.
  grpc::Status status = Create("430102", "", &application);
  EXPECT_EQ(FieldViolationsOf(status),
            std::vector<std::string>{"application.region_code=VALUE_NOT_ALLOWED"});
  // Tianxin's officer cannot apply for a Furong village.
  status = Create(kOtherVillage, "", &application, kTianxinOfficer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");

  ASSERT_TRUE(Create(kOtherVillage, "", &application).ok());
  // Nobody reached (no denominators): awareness is not met, so approval is refused.
  EXPECT_FALSE(Of(application, rep::DRUG_FREE_CRITERION_PUBLIC_AWARENESS).met());
  rep::DrugFreeCommunityApplication decided;
  status = Approve(application.name(), &decided);
  EXPECT_EQ(ErrorReasonOf(status), "ILLEGAL_STATE_TRANSITION");

  // Outside Tianxin's scope it is as if missing.
  rep::GetDrugFreeCommunityApplicationRequest get;
  get.set_name(application.name());
  status = Call(&AssessmentService::Stub::GetDrugFreeCommunityApplication, get, &decided,
                kTianxinOfficer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  rep::ListDrugFreeCommunityApplicationsRequest list;
  rep::ListDrugFreeCommunityApplicationsResponse listed;
  ASSERT_TRUE(Call(&AssessmentService::Stub::ListDrugFreeCommunityApplications, list, &listed,
                   kTianxinOfficer)
                  .ok());
  EXPECT_EQ(listed.applications_size(), 0);

  // Furong's officer pages through the township's applications one at a time.
  list.set_within_region_code("430102001");
  list.set_page_size(1);
  std::vector<std::string> names;
  for (int page = 0; page < 5; ++page) {
    listed.Clear();
    status = Call(&AssessmentService::Stub::ListDrugFreeCommunityApplications, list, &listed);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_LE(listed.applications_size(), 1);
    for (const auto& each : listed.applications()) names.push_back(each.name());
    if (listed.next_page_token().empty()) break;
    list.set_page_token(listed.next_page_token());
  }
  EXPECT_NE(std::find(names.begin(), names.end(), application.name()), names.end());
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size());
  list.set_within_region_code("430103");
  list.clear_page_token();
  status = Call(&AssessmentService::Stub::ListDrugFreeCommunityApplications, list, &listed);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");

  status = Reject(application.name(), "", &decided);
  EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{"reason=FIELD_REQUIRED"});
  ASSERT_TRUE(Reject(application.name(), "宣传覆盖率未达标", &decided).ok());
  EXPECT_EQ(decided.state(), rep::DRUG_FREE_APPLICATION_STATE_REJECTED);
  EXPECT_EQ(decided.decision().reason(), "宣传覆盖率未达标");
  // Rejected is final.
  status = Approve(application.name(), &decided);
  EXPECT_EQ(ErrorReasonOf(status), "ILLEGAL_STATE_TRANSITION");
}

}  // namespace
}  // namespace jindu::testing
