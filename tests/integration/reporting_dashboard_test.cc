// Dashboards of the reporting service over real servers: a county's dashboard is computed from
// PostgreSQL once and then served from Redis; with Redis stopped it is still served (from
// PostgreSQL) without an error, and from Redis again once Redis is back; names that are not a
// province, city or county, and regions outside the caller's scope, are refused.

#include <gtest/gtest.h>

#include <thread>

#include "harness/calendar.h"
#include "harness/error_details.h"
#include "harness/metrics_scrape.h"
#include "harness/redis_server.h"
#include "harness/registration_backed_suite.h"
#include "harness/shared_infrastructure.h"
#include "jindu/casework/v1/casework_service.grpc.pb.h"
#include "jindu/reporting/v1/reporting_service.grpc.pb.h"

namespace jindu::testing {
namespace {

namespace rep = reporting::v1;
using rep::ReportingService;

const TestCaller kFurongOfficer{
    .subject = "furong-officer", .roles = {"county_officer"}, .regions = {"430102"}};
const TestCaller kProvinceAdmin{
    .subject = "province-admin", .roles = {"province_admin"}, .regions = {"430000"}};

class ReportingDashboardTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ = ReportingSuite::Start("reporting_dashboard", "", "430104").release();
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }
  static grpc::Status Get(const std::string& name, const TestCaller& caller,
                          rep::Dashboard* dashboard) {
    auto stub = ReportingService::NewStub(suite_->reporting().Channel());
    auto context = suite_->reporting().Context(caller);
    rep::GetDashboardRequest request;
    request.set_name(name);
    return stub->GetDashboard(context.get(), request, dashboard);
  }
  // Calls until the answer comes from `source` (the invalidation watcher bumps the version once
  // at start), at most 10 s.
  static rep::Dashboard GetUntil(const std::string& name, rep::DashboardSource source) {
    rep::Dashboard dashboard;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      grpc::Status status = Get(name, kFurongOfficer, &dashboard);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (dashboard.source() == source) return dashboard;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << name << " never came from source " << source;
    return dashboard;
  }

  static ReportingSuite* suite_;
};

ReportingSuite* ReportingDashboardTest::suite_ = nullptr;

TEST_F(ReportingDashboardTest, ComputedOnceThenServedFromRedisAndWithoutIt) {
  const rep::Dashboard computed = GetUntil("dashboards/430102", rep::DASHBOARD_SOURCE_DATABASE);
  EXPECT_EQ(computed.name(), "dashboards/430102");
  EXPECT_EQ(computed.level(), common::v1::REGION_LEVEL_COUNTY);
  EXPECT_EQ(computed.month().figures().region_code(), "430102");
  EXPECT_EQ(computed.month().figures().region_display_name(), "芙蓉区");
  EXPECT_TRUE(computed.month().figures().period().has_month());
  EXPECT_TRUE(computed.quarter().figures().period().has_quarter());
  EXPECT_GT(computed.year().figures().period().year(), 2025);
  EXPECT_GT(computed.compute_time().seconds(), 0);
  // Every indicator, each naming its definition version.
  ASSERT_EQ(computed.month().indicators_size(), 12);
  EXPECT_EQ(computed.month().indicators(2).indicator(), rep::INDICATOR_CONTROL_RATE);
  EXPECT_EQ(computed.month().indicators(2).definition_version(), "control_rate.v1");

  const rep::Dashboard cached = GetUntil("dashboards/430102", rep::DASHBOARD_SOURCE_CACHE);
  // The stored answer, not a new computation.
  EXPECT_EQ(cached.compute_time().SerializeAsString(), computed.compute_time().SerializeAsString());
  EXPECT_EQ(cached.month().SerializeAsString(), computed.month().SerializeAsString());
  const std::string metrics = ScrapeMetrics(suite_->reporting().metrics_port());
  EXPECT_NE(metrics.find("cache=\"dashboards\""), std::string::npos);

  // Redis stopped: still served, from PostgreSQL, without an error.
  SharedRedis().Stop();
  for (int i = 0; i < 5; ++i) {
    rep::Dashboard dashboard;
    grpc::Status status = Get("dashboards/430102", kFurongOfficer, &dashboard);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(dashboard.source(), rep::DASHBOARD_SOURCE_DATABASE);
    EXPECT_EQ(dashboard.month().figures().region_display_name(), "芙蓉区");
  }
  // Back: the cache fills again (Redis restarted empty; the service probes it after its back-off).
  SharedRedis().Restart();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  rep::Dashboard dashboard;
  while (std::chrono::steady_clock::now() < deadline) {
    ASSERT_TRUE(Get("dashboards/430102", kFurongOfficer, &dashboard).ok());
    if (dashboard.source() == rep::DASHBOARD_SOURCE_CACHE) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(dashboard.source(), rep::DASHBOARD_SOURCE_CACHE);
}

TEST_F(ReportingDashboardTest, AnAppliedEventRefreshesTheStoredDashboard) {
  const rep::Dashboard before = GetUntil("dashboards/430102", rep::DASHBOARD_SOURCE_CACHE);
  const int64_t opened = before.month().figures().casework().cases_opened();

  // The police's system files a community rehabilitation decision for a Furong resident today.
  namespace cw = casework::v1;
  cw::IngestMeasureDecisionsRequest request;
  cw::MeasureDecision* decision = request.add_decisions();
  decision->set_decision_number("芙公(禁)决字[2026]第301号");
  decision->set_issuing_authority("长沙市公安局芙蓉分局");
  decision->set_measure_type(cw::MEASURE_TYPE_COMMUNITY_REHABILITATION);
  *decision->mutable_decision_date() = DaysFromToday(0);
  *decision->mutable_start_date() = DaysFromToday(0);
  *decision->mutable_end_date() = DaysFromToday(3 * 365);
  decision->mutable_person()->set_full_name("孙立新");
  decision->mutable_person()->set_national_id_number("43010219800101002X");
  decision->mutable_person()->set_phone("+8613877778888");
  decision->set_residence_region_code("430102");
  cw::IngestMeasureDecisionsResponse response;
  auto context = suite_->casework().Context(
      {.subject = "gongan-system", .roles = {"system_caller"}, .regions = {}});
  grpc::Status status = cw::CaseworkService::NewStub(suite_->casework().Channel())
                            ->IngestMeasureDecisions(context.get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.results(0).outcome(), cw::MEASURE_DECISION_OUTCOME_OPENED)
      << response.results(0).error().message();

  // Within seconds the stored dashboard is replaced: the next answer is computed afresh and holds
  // the case, and later ones are hits again.
  rep::Dashboard after;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    ASSERT_TRUE(Get("dashboards/430102", kFurongOfficer, &after).ok());
    if (after.month().figures().casework().cases_opened() != opened) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(after.month().figures().casework().cases_opened(), opened + 1);
  EXPECT_EQ(after.year().figures().casework().cases_opened(),
            before.year().figures().casework().cases_opened() + 1);
  EXPECT_GT(after.freshness().last_event_time().seconds(), 0);
  const rep::Dashboard cached = GetUntil("dashboards/430102", rep::DASHBOARD_SOURCE_CACHE);
  EXPECT_EQ(cached.month().figures().casework().cases_opened(), opened + 1);

  // Operators see the lag of each projection and how fresh its figures are.
  const std::string metrics = ScrapeMetrics(suite_->reporting().metrics_port());
  EXPECT_NE(metrics.find("jindu_inbox_consumer_lag{"), std::string::npos);
  EXPECT_NE(metrics.find("topic=\"jindu.casework.case.v1\""), std::string::npos);
  EXPECT_NE(metrics.find("jindu_projection_last_event_timestamp_seconds{producer=\"casework\"}"),
            std::string::npos)
      << "metrics scraped";
}

TEST_F(ReportingDashboardTest, RefusesWhatIsNotADashboardOfTheCallersScope) {
  rep::Dashboard dashboard;
  grpc::Status status = Get("dashboards/439999", kFurongOfficer, &dashboard);
  EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{"name=REFERENCE_NOT_FOUND"});
  status = Get("regions/430102", kFurongOfficer, &dashboard);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  // A special zone has figures (ComputeRegionFigures) but no dashboard.
  status = Get("dashboards/Z43010001", kProvinceAdmin, &dashboard);
  EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{"name=VALUE_NOT_ALLOWED"});
  status = Get("dashboards/430103", kFurongOfficer, &dashboard);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");
  status = Get("dashboards/430100", kFurongOfficer, &dashboard);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");
  // Caseworkers hold no reporting role: refused before the region is looked at.
  status = Get("dashboards/430102",
               {.subject = "furong-caseworker", .roles = {"caseworker"}, .regions = {"430102"}},
               &dashboard);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "ROLE_NOT_GRANTED");
  // The province sees every dashboard.
  ASSERT_TRUE(Get("dashboards/430000", kProvinceAdmin, &dashboard).ok());
  EXPECT_EQ(dashboard.level(), common::v1::REGION_LEVEL_PROVINCE);
}

}  // namespace
}  // namespace jindu::testing
