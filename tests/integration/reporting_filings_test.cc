// Filings and period close over real servers (reporting beside registration, publicity and
// casework): a county files a past month and its figures freeze; a case opened later but dated in
// that month leaves the answered figures unchanged and shows only in the late delta until the
// county reconciles it as a new revision; the filing events reach Kafka. The unhappy paths (not
// ended, already filed, another county, stale revision, bad names) and the province's list of who
// filed and who is late. The deadline is set to 40 days so last month is always DUE.

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <set>
#include <string>
#include <thread>

#include "harness/calendar.h"
#include "harness/error_details.h"
#include "harness/metrics_scrape.h"
#include "harness/registration_backed_suite.h"
#include "harness/shared_infrastructure.h"
#include "harness/topic_reader.h"
#include "jindu/casework/v1/casework_service.grpc.pb.h"
#include "jindu/reporting/events/v1/filing_events.pb.h"
#include "jindu/reporting/v1/filing_service.grpc.pb.h"
#include "jindu/reporting/v1/reporting_service.grpc.pb.h"

namespace jindu::testing {
namespace {

namespace rep = reporting::v1;
namespace cw = casework::v1;
using google::protobuf::util::MessageDifferencer;
using rep::FilingService;
using rep::ReportingService;

const TestCaller kProvinceAdmin{
    .subject = "province-admin", .roles = {"province_admin"}, .regions = {"430000"}};
const TestCaller kFurongOfficer{
    .subject = "furong-officer", .roles = {"county_officer"}, .regions = {"430102"}};
const TestCaller kTianxinOfficer{
    .subject = "tianxin-officer", .roles = {"county_officer"}, .regions = {"430103"}};
const TestCaller kYueluOfficer{
    .subject = "yuelu-officer", .roles = {"county_officer"}, .regions = {"430104"}};
const TestCaller kPoliceSystem{
    .subject = "gongan-system", .roles = {"system_caller"}, .regions = {}};

std::string NationalId(int serial) {
  std::string base = "43010219850101";
  base += static_cast<char>('0' + serial / 100 % 10);
  base += static_cast<char>('0' + serial / 10 % 10);
  base += static_cast<char>('0' + serial % 10);
  static const int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (base[i] - '0') * kWeights[i];
  return base + "10X98765432"[sum % 11];
}

struct Month {
  int year = 0;
  int month = 0;
  std::string id() const {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", year, month);
    return text;
  }
};

Month ThisMonth() {
  const runtime::CivilDate today = CivilDaysFromToday(0);
  return {today.year, today.month};
}

Month LastMonth() {
  const Month now = ThisMonth();
  return now.month == 1 ? Month{now.year - 1, 12} : Month{now.year, now.month - 1};
}

common::v1::Period MonthPeriod(const Month& month) {
  common::v1::Period period;
  period.mutable_month()->set_year(month.year);
  period.mutable_month()->set_month(month.month);
  return period;
}

// The same days as `month`, as a range: never frozen, so always the figures computed now.
common::v1::Period RangeOf(const Month& month) {
  common::v1::Period period;
  *period.mutable_range()->mutable_start_date() = ProtoDay(month.year, month.month, 1);
  *period.mutable_range()->mutable_end_date() =
      month.month == 12 ? ProtoDay(month.year + 1, 1, 1) : ProtoDay(month.year, month.month + 1, 1);
  return period;
}

std::string FilingOf(const std::string& region, const std::string& period_id) {
  return "regions/" + region + "/filings/" + period_id;
}

// The numeric parts of figures, equal.
bool SameParts(const rep::RegionFigures& a, const rep::RegionFigures& b) {
  return MessageDifferencer::Equals(a.publicity(), b.publicity()) &&
         MessageDifferencer::Equals(a.registration(), b.registration()) &&
         MessageDifferencer::Equals(a.casework(), b.casework());
}

class ReportingFilingsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ = ReportingSuite::Start("reporting_filings", "", "430523",
                                   {{"JINDU_FILING_DEADLINE_DAYS", "40"},
                                    // The missing-filings gauges, refreshed 5 times a second.
                                    {"JINDU_GAUGE_REFRESH_MS", "200"}})
                 .release();
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

  static grpc::Status Get(const std::string& name, const TestCaller& caller, rep::Filing* filing) {
    auto context = suite_->reporting().Context(caller);
    rep::GetFilingRequest request;
    request.set_name(name);
    return FilingService::NewStub(suite_->reporting().Channel())
        ->GetFiling(context.get(), request, filing);
  }
  static grpc::Status Submit(const std::string& name, const TestCaller& caller, rep::Filing* filing,
                             const std::string& request_id = "") {
    auto context = suite_->reporting().Context(caller);
    rep::SubmitFilingRequest request;
    request.set_name(name);
    request.set_request_id(request_id);
    return FilingService::NewStub(suite_->reporting().Channel())
        ->SubmitFiling(context.get(), request, filing);
  }
  static grpc::Status Reconcile(const std::string& name, int revision, const TestCaller& caller,
                                rep::Filing* filing) {
    auto context = suite_->reporting().Context(caller);
    rep::ReconcileFilingRequest request;
    request.set_name(name);
    request.set_revision(revision);
    request.set_reason("补录逾期病例");
    return FilingService::NewStub(suite_->reporting().Channel())
        ->ReconcileFiling(context.get(), request, filing);
  }
  static grpc::Status List(const rep::ListFilingsRequest& request, const TestCaller& caller,
                           rep::ListFilingsResponse* response) {
    auto context = suite_->reporting().Context(caller);
    return FilingService::NewStub(suite_->reporting().Channel())
        ->ListFilings(context.get(), request, response);
  }
  static rep::ComputeRegionFiguresResponse Figures(const std::string& region,
                                                   const common::v1::Period& period) {
    auto context = suite_->reporting().Context(kProvinceAdmin);
    rep::ComputeRegionFiguresRequest request;
    request.set_region_code(region);
    *request.mutable_period() = period;
    rep::ComputeRegionFiguresResponse response;
    grpc::Status status = ReportingService::NewStub(suite_->reporting().Channel())
                              ->ComputeRegionFigures(context.get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  // The police's system files a community rehabilitation decision for a Furong resident whose
  // measure started on `day` of `month`: the case opens on that day.
  static void OpenCase(int serial, const Month& month, int day) {
    cw::IngestMeasureDecisionsRequest request;
    cw::MeasureDecision* decision = request.add_decisions();
    decision->set_decision_number("芙公(禁)决字[2026]第" + std::to_string(500 + serial) + "号");
    decision->set_issuing_authority("长沙市公安局芙蓉分局");
    decision->set_measure_type(cw::MEASURE_TYPE_COMMUNITY_REHABILITATION);
    *decision->mutable_decision_date() = ProtoDay(month.year, month.month, day - 2);
    *decision->mutable_start_date() = ProtoDay(month.year, month.month, day);
    *decision->mutable_end_date() = ProtoDay(month.year + 3, month.month, day);
    decision->mutable_person()->set_full_name("测试人员" + std::to_string(serial));
    decision->mutable_person()->set_national_id_number(NationalId(serial));
    decision->mutable_person()->set_phone("+86138777700" + std::to_string(10 + serial));
    decision->set_residence_region_code("430102");
    cw::IngestMeasureDecisionsResponse response;
    auto context = suite_->casework().Context(kPoliceSystem);
    grpc::Status status = cw::CaseworkService::NewStub(suite_->casework().Channel())
                              ->IngestMeasureDecisions(context.get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_EQ(response.results(0).outcome(), cw::MEASURE_DECISION_OUTCOME_OPENED)
        << response.results(0).error().message();
  }

  // Polls the range figures (never frozen) until `cases` cases opened in `month`, at most 20 s.
  static rep::RegionFigures WaitForCases(const Month& month, int64_t cases) {
    rep::RegionFigures figures;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      figures = Figures("430102", RangeOf(month)).figures();
      if (figures.casework().cases_opened() >= cases) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_EQ(figures.casework().cases_opened(), cases);
    return figures;
  }

  static ReportingSuite* suite_;
};

ReportingSuite* ReportingFilingsTest::suite_ = nullptr;

TEST_F(ReportingFilingsTest, FilingFreezesFiguresAndLateEventsWaitForReconciliation) {
  const Month month = LastMonth();
  const std::string name = FilingOf("430102", month.id());
  OpenCase(1, month, 15);
  const rep::RegionFigures before = WaitForCases(month, 1);

  // Not filed yet: due (the deadline is 40 days after the month), figures not frozen.
  rep::Filing filing;
  ASSERT_TRUE(Get(name, kFurongOfficer, &filing).ok());
  EXPECT_EQ(filing.state(), rep::FILING_STATE_DUE);
  EXPECT_EQ(filing.revision(), 0);
  EXPECT_EQ(filing.region_code(), "430102");
  EXPECT_EQ(filing.period().month().month(), month.month);
  // 40 days after the month's end, Asia/Shanghai midnight (UTC+8).
  const runtime::CivilDate deadline_day =
      runtime::AddDays({ThisMonth().year, ThisMonth().month, 1}, 40);
  const std::chrono::sys_days deadline_utc{
      std::chrono::year(deadline_day.year) /
      std::chrono::month(static_cast<unsigned>(deadline_day.month)) /
      std::chrono::day(static_cast<unsigned>(deadline_day.day))};
  EXPECT_EQ(
      filing.deadline_time().seconds(),
      std::chrono::duration_cast<std::chrono::seconds>(deadline_utc.time_since_epoch()).count() -
          8 * 3600);
  EXPECT_FALSE(Figures("430102", MonthPeriod(month)).frozen());

  ASSERT_TRUE(Submit(name, kFurongOfficer, &filing, "8a6f0e52-3c1d-4f7e-9b2a-5d4c3b2a1f01").ok());
  EXPECT_EQ(filing.name(), name);
  EXPECT_EQ(filing.state(), rep::FILING_STATE_FILED);
  EXPECT_EQ(filing.revision(), 1);
  EXPECT_EQ(filing.filer_subject(), "furong-officer");
  EXPECT_GT(filing.file_time().seconds(), 0);
  EXPECT_TRUE(SameParts(filing.frozen_figures(), before));
  EXPECT_EQ(filing.late_event_count(), 0);
  EXPECT_FALSE(filing.late_delta().has_casework());
  // The same request again answers the same filing; another request is refused.
  rep::Filing again;
  ASSERT_TRUE(Submit(name, kFurongOfficer, &again, "8a6f0e52-3c1d-4f7e-9b2a-5d4c3b2a1f01").ok());
  EXPECT_EQ(again.revision(), 1);
  EXPECT_EQ(again.file_time().seconds(), filing.file_time().seconds());
  grpc::Status status =
      Submit(name, kFurongOfficer, &again, "8a6f0e52-3c1d-4f7e-9b2a-5d4c3b2a1f02");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(status), "ILLEGAL_STATE_TRANSITION");

  // A late case, dated in the filed month.
  OpenCase(2, month, 20);
  const rep::RegionFigures now = WaitForCases(month, 2);
  // The month's figures are still the filed ones; the late case shows only in the delta.
  rep::ComputeRegionFiguresResponse answered = Figures("430102", MonthPeriod(month));
  EXPECT_TRUE(answered.frozen());
  EXPECT_EQ(answered.figures().casework().cases_opened(), 1);
  EXPECT_TRUE(SameParts(answered.figures(), before));
  EXPECT_EQ(answered.late_delta().casework().cases_opened(), 1);
  EXPECT_FALSE(answered.late_delta().has_publicity());
  EXPECT_FALSE(answered.late_delta().has_registration());
  // Exactly the late case: frozen + delta is what the month's figures are now, cell by cell.
  ASSERT_TRUE(Get(name, kProvinceAdmin, &filing).ok());
  EXPECT_TRUE(SameParts(filing.late_delta(), answered.late_delta()));
  EXPECT_EQ(now.casework().cases_opened() - filing.frozen_figures().casework().cases_opened(),
            filing.late_delta().casework().cases_opened());
  EXPECT_EQ(now.casework().new_users() - before.casework().new_users(),
            filing.late_delta().casework().new_users());
  for (const auto& measure : filing.late_delta().casework().cases_by_measure()) {
    EXPECT_EQ(measure.measure_type(), cw::MEASURE_TYPE_COMMUNITY_REHABILITATION);
    EXPECT_EQ(measure.cases(), 1);
  }
  EXPECT_GE(filing.late_event_count(), 1);
  // A city is never frozen: it holds the late case.
  EXPECT_FALSE(Figures("430100", MonthPeriod(month)).frozen());
  // The indicators of the filed month come from the frozen figures.
  {
    auto context = suite_->reporting().Context(kFurongOfficer);
    rep::ComputeIndicatorsRequest request;
    request.set_region_code("430102");
    *request.mutable_period() = MonthPeriod(month);
    rep::ComputeIndicatorsResponse response;
    ASSERT_TRUE(ReportingService::NewStub(suite_->reporting().Channel())
                    ->ComputeIndicators(context.get(), request, &response)
                    .ok());
    EXPECT_TRUE(response.frozen());
  }

  // Reconciling a revision that is not the current one is refused; the current one files the delta.
  const int64_t late_events = filing.late_event_count();
  status = Reconcile(name, 2, kFurongOfficer, &filing);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(ErrorReasonOf(status), "ETAG_MISMATCH");
  ASSERT_TRUE(Reconcile(name, 1, kFurongOfficer, &filing).ok());
  EXPECT_EQ(filing.revision(), 2);
  EXPECT_EQ(filing.state(), rep::FILING_STATE_FILED);
  EXPECT_TRUE(SameParts(filing.frozen_figures(), now));
  EXPECT_EQ(filing.late_event_count(), 0);
  EXPECT_FALSE(filing.late_delta().has_casework());
  status = Reconcile(name, 1, kFurongOfficer, &filing);
  EXPECT_EQ(ErrorReasonOf(status), "ETAG_MISMATCH");
  answered = Figures("430102", MonthPeriod(month));
  EXPECT_TRUE(answered.frozen());
  EXPECT_EQ(answered.figures().casework().cases_opened(), 2);
  EXPECT_FALSE(answered.late_delta().has_casework());

  // FilingSubmitted at revision 1, then FilingReconciled at 2, under "430102~YYYY-MM".
  std::vector<std::string> seen;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (seen.size() < 2 && std::chrono::steady_clock::now() < deadline) {
    seen.clear();
    for (const auto& event :
         ReadTopicEvents(SharedKafka().BootstrapServers(), "jindu.reporting.filing.v1", 2)) {
      if (event.key != "430102~" + month.id()) continue;
      const auto& payload = event.envelope.payload();
      seen.push_back(payload.type_url().substr(payload.type_url().rfind('.') + 1) + "@" +
                     std::to_string(event.envelope.aggregate_version()));
      EXPECT_EQ(event.envelope.region_code(), "430102");
      reporting::events::v1::FilingSubmitted submitted;
      if (payload.UnpackTo(&submitted)) {
        EXPECT_EQ(submitted.filing(), name);
        EXPECT_EQ(submitted.period().month().month(), month.month);
        EXPECT_FALSE(submitted.late());
      }
      reporting::events::v1::FilingReconciled reconciled;
      if (payload.UnpackTo(&reconciled)) {
        EXPECT_EQ(reconciled.revision(), 2);
        EXPECT_EQ(reconciled.late_event_count(), late_events);
      }
    }
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"FilingSubmitted@1", "FilingReconciled@2"}));
}

TEST_F(ReportingFilingsTest, RefusesWhatCannotBeFiled) {
  rep::Filing filing;
  // The month and the quarter under way have not ended.
  const Month now = ThisMonth();
  grpc::Status status = Submit(FilingOf("430102", now.id()), kFurongOfficer, &filing);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(status), "ILLEGAL_STATE_TRANSITION");
  const std::string quarter =
      std::to_string(now.year) + "-Q" + std::to_string((now.month - 1) / 3 + 1);
  status = Submit(FilingOf("430102", quarter), kFurongOfficer, &filing);
  EXPECT_EQ(ErrorReasonOf(status), "ILLEGAL_STATE_TRANSITION");
  ASSERT_TRUE(Get(FilingOf("430102", now.id()), kFurongOfficer, &filing).ok());
  EXPECT_EQ(filing.state(), rep::FILING_STATE_OPEN);

  // Another county's filing is not Furong's to see or file; the province files nothing.
  status = Submit(FilingOf("430103", "2024-07"), kFurongOfficer, &filing);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  status = Get(FilingOf("430103", "2024-07"), kFurongOfficer, &filing);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  status = Submit(FilingOf("430102", "2024-07"), kProvinceAdmin, &filing);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "ROLE_NOT_GRANTED");

  // Names: malformed, unknown regions and regions that do not file are refused.
  for (const char* bad : {"regions/430102/filings/2024-13", "regions/430102/filings/2024-Q5",
                          "regions/430102/filings/202407", "filings/2024-07", ""}) {
    status = Get(bad, kProvinceAdmin, &filing);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_EQ(FieldViolationsOf(status).size(), 1u) << bad;
  }
  EXPECT_EQ(Get(FilingOf("439999", "2024-07"), kProvinceAdmin, &filing).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Get(FilingOf("430100", "2024-07"), kProvinceAdmin, &filing).error_code(),
            grpc::StatusCode::NOT_FOUND);

  // Reconciling what is not filed, or without a revision.
  status = Reconcile(FilingOf("430102", "2024-08"), 1, kFurongOfficer, &filing);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(status), "ILLEGAL_STATE_TRANSITION");
  status = Reconcile(FilingOf("430102", "2024-08"), 0, kFurongOfficer, &filing);
  EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{"revision=FIELD_REQUIRED"});

  // Lists need a month or quarter and a region in scope.
  rep::ListFilingsRequest request;
  request.set_within_region_code("430000");
  rep::ListFilingsResponse response;
  status = List(request, kProvinceAdmin, &response);
  EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{"period=FIELD_REQUIRED"});
  request.mutable_period()->set_year(2024);
  status = List(request, kProvinceAdmin, &response);
  EXPECT_EQ(FieldViolationsOf(status), std::vector<std::string>{"period=VALUE_NOT_ALLOWED"});
  *request.mutable_period() = MonthPeriod({2024, 7});
  request.set_within_region_code("430100");
  status = List(request, kFurongOfficer, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReasonOf(status), "REGION_OUT_OF_SCOPE");
}

TEST_F(ReportingFilingsTest, TheProvinceSeesWhoFiledAndWhoIsLate) {
  const Month last = LastMonth();
  rep::Filing filing;
  // Yuelu files last month in time; Tianxin files 2024's third quarter long after its deadline.
  ASSERT_TRUE(Submit(FilingOf("430104", last.id()), kYueluOfficer, &filing).ok());
  EXPECT_EQ(filing.state(), rep::FILING_STATE_FILED);
  ASSERT_TRUE(Submit(FilingOf("430103", "2024-Q3"), kTianxinOfficer, &filing).ok());
  EXPECT_EQ(filing.state(), rep::FILING_STATE_FILED_LATE);

  auto states = [&](const common::v1::Period& period, std::vector<rep::FilingState> only,
                    int page_size) {
    std::map<std::string, rep::FilingState> seen;
    rep::ListFilingsRequest request;
    request.set_within_region_code("430000");
    *request.mutable_period() = period;
    for (auto state : only) request.add_states(state);
    request.set_page_size(page_size);
    std::string last_code;
    for (int pages = 0; pages < 20; ++pages) {
      rep::ListFilingsResponse response;
      grpc::Status status = List(request, kProvinceAdmin, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      for (const auto& each : response.filings()) {
        EXPECT_GT(each.region_code(), last_code);  // by region code, no repeats
        last_code = each.region_code();
        EXPECT_EQ(each.name(),
                  FilingOf(each.region_code(), each.name().substr(each.name().rfind('/') + 1)));
        EXPECT_FALSE(each.has_frozen_figures());
        seen[each.region_code()] = each.state();
      }
      if (response.next_page_token().empty()) break;
      request.set_page_token(response.next_page_token());
    }
    return seen;
  };

  // Every county of the province (Changsha's, Hengyang's and Shaoyang's, 宁乡县 gone since 2017),
  // paged two at a time.
  const auto last_month = states(MonthPeriod(last), {}, 2);
  EXPECT_EQ(last_month.size(), 11u);
  EXPECT_FALSE(last_month.contains("430124"));
  EXPECT_EQ(last_month.at("430104"), rep::FILING_STATE_FILED);
  EXPECT_EQ(last_month.at("430103"), rep::FILING_STATE_DUE);
  EXPECT_EQ(last_month.at("430523"), rep::FILING_STATE_DUE);
  EXPECT_EQ(states(MonthPeriod(ThisMonth()), {}, 50).at("430104"), rep::FILING_STATE_OPEN);

  common::v1::Period q3;
  q3.mutable_quarter()->set_year(2024);
  q3.mutable_quarter()->set_quarter(3);
  const auto quarter = states(q3, {}, 0);
  EXPECT_EQ(quarter.at("430103"), rep::FILING_STATE_FILED_LATE);
  EXPECT_EQ(quarter.at("430102"), rep::FILING_STATE_LATE);
  // Who is late, only.
  const auto late = states(q3, {rep::FILING_STATE_LATE}, 3);
  EXPECT_EQ(late.size(), quarter.size() - 1);
  EXPECT_FALSE(late.contains("430103"));

  // A county officer lists its county.
  rep::ListFilingsRequest request;
  request.set_within_region_code("430103");
  *request.mutable_period() = q3;
  rep::ListFilingsResponse response;
  ASSERT_TRUE(List(request, kTianxinOfficer, &response).ok());
  ASSERT_EQ(response.filings_size(), 1);
  EXPECT_EQ(response.filings(0).state(), rep::FILING_STATE_FILED_LATE);
  EXPECT_EQ(response.filings(0).revision(), 1);
}

// The missing-filings gauges count, province-wide, the counties ListFilings shows LATE for the
// latest month and quarter whose deadline (40 days here) has passed, and export that deadline; a
// county filing late leaves the count.
TEST_F(ReportingFilingsTest, TheMissingFilingsGaugesCountTheLateCounties) {
  const runtime::CivilDate today = CivilDaysFromToday(0);
  // The latest period, going back from the one containing today, whose deadline day has come:
  // `first` is its first day, `months` its length.
  struct Overdue {
    common::v1::Period period;
    std::string id;
    runtime::CivilDate deadline_day;
  };
  const auto overdue = [&](bool quarter) {
    const int months = quarter ? 3 : 1;
    int year = today.year;
    int first_month = quarter ? (today.month - 1) / 3 * 3 + 1 : today.month;
    while (true) {
      const int end_month = first_month + months;
      const runtime::CivilDate end = end_month > 12
                                         ? runtime::CivilDate{year + 1, end_month - 12, 1}
                                         : runtime::CivilDate{year, end_month, 1};
      const runtime::CivilDate deadline_day = runtime::AddDays(end, 40);
      if (deadline_day <= today) {
        Overdue found;
        if (quarter) {
          found.period.mutable_quarter()->set_year(year);
          found.period.mutable_quarter()->set_quarter((first_month - 1) / 3 + 1);
          found.id = std::to_string(year) + "-Q" + std::to_string((first_month - 1) / 3 + 1);
        } else {
          found.period = MonthPeriod({year, first_month});
          found.id = Month{year, first_month}.id();
        }
        found.deadline_day = deadline_day;
        return found;
      }
      first_month -= months;
      if (first_month < 1) {
        first_month += 12;
        --year;
      }
    }
  };
  // The counties ListFilings shows LATE for the period, province-wide.
  const auto late_counties = [&](const common::v1::Period& period) {
    std::set<std::string> late;
    rep::ListFilingsRequest request;
    request.set_within_region_code("430000");
    *request.mutable_period() = period;
    request.add_states(rep::FILING_STATE_LATE);
    request.set_page_size(100);
    for (int pages = 0; pages < 20; ++pages) {
      rep::ListFilingsResponse response;
      grpc::Status status = List(request, kProvinceAdmin, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      for (const auto& filing : response.filings()) late.insert(filing.region_code());
      if (response.next_page_token().empty()) break;
      request.set_page_token(response.next_page_token());
    }
    return late;
  };
  // Polls /metrics until the gauge of `kind` shows `expected`, at most 10 s; returns the scrape.
  const auto gauge_reaches = [](const std::string& kind, double expected) {
    std::string metrics;
    double seen = -1;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      metrics = ScrapeMetrics(suite_->reporting().metrics_port());
      seen = SampleValue(metrics, "jindu_reporting_filings_missing", {{"period_kind", kind}});
      if (seen == expected) return metrics;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << kind << ": " << seen << " missing, expected " << expected;
    return metrics;
  };
  const auto unix_seconds = [](runtime::CivilDate day) {
    const std::chrono::sys_days utc{std::chrono::year(day.year) /
                                    std::chrono::month(static_cast<unsigned>(day.month)) /
                                    std::chrono::day(static_cast<unsigned>(day.day))};
    return static_cast<double>(
        std::chrono::duration_cast<std::chrono::seconds>(utc.time_since_epoch()).count() -
        8 * 3600);
  };

  for (const bool quarter : {false, true}) {
    const Overdue period = overdue(quarter);
    const std::string kind = quarter ? "quarter" : "month";
    const std::set<std::string> late = late_counties(period.period);
    ASSERT_FALSE(late.empty()) << period.id;
    const std::string metrics = gauge_reaches(kind, static_cast<double>(late.size()));
    EXPECT_EQ(SampleValue(metrics, "jindu_reporting_filing_deadline_timestamp_seconds",
                          {{"period_kind", kind}}),
              unix_seconds(period.deadline_day))
        << period.id;
  }

  // 天心区 files the overdue month, late: one county fewer is missing.
  const Overdue month = overdue(false);
  const size_t before = late_counties(month.period).size();
  ASSERT_TRUE(late_counties(month.period).contains("430103"));
  rep::Filing filing;
  ASSERT_TRUE(Submit(FilingOf("430103", month.id), kTianxinOfficer, &filing).ok());
  EXPECT_EQ(filing.state(), rep::FILING_STATE_FILED_LATE);
  EXPECT_EQ(late_counties(month.period).size(), before - 1);
  gauge_reaches("month", static_cast<double>(before - 1));
}

}  // namespace
}  // namespace jindu::testing
