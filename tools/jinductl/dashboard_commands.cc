// `jinductl dashboard show REGION`: the dashboard of a province, city or county (ReportingService
// .GetDashboard) as aligned tables with Chinese labels, or as the Dashboard message in JSON.
#include <cstdio>
#include <functional>

#include "jindu/reporting/v1/reporting_service.grpc.pb.h"
#include "jinductl/commands.h"
#include "jinductl/errors.h"
#include "jinductl/exit_codes.h"
#include "jinductl/values.h"

namespace jindu::jinductl {
namespace {

namespace rep = reporting::v1;

struct Column {
  std::string label;
  const rep::DashboardPanel* panel;
};

struct FigureRow {
  const char* label;
  std::function<std::string(const rep::RegionFigures&)> value;
};

std::string Count(long long value) { return std::to_string(value); }

long long OpenCases(const rep::CaseworkFigures& casework) {
  long long cases = 0;
  for (const auto& measure : casework.cases_by_measure()) cases += measure.cases();
  return cases;
}

// The rows people read first, in the order of the association's monthly report.
const std::vector<FigureRow>& FigureRows() {
  static const std::vector<FigureRow> kRows = {
      {"活动 activities (场)", [](const auto& f) { return Count(f.publicity().activities()); }},
      {"宣讲 lectures (场)", [](const auto& f) { return Count(f.publicity().lectures()); }},
      {"受众 audience (人次)", [](const auto& f) { return Count(f.publicity().audience()); }},
      {"新闻报道 news reports (篇)",
       [](const auto& f) { return Count(f.publicity().news_reports()); }},
      {"志愿者 在册/活跃 volunteers (人)",
       [](const auto& f) {
         return Count(f.registration().volunteers()) + "/" +
                Count(f.registration().active_volunteers());
       }},
      {"新注册志愿者 new volunteers (人)",
       [](const auto& f) { return Count(f.registration().new_volunteers()); }},
      {"宣讲员 lecturers (人)", [](const auto& f) { return Count(f.registration().lecturers()); }},
      {"案件 在管 open cases (人)", [](const auto& f) { return Count(OpenCases(f.casework())); }},
      {"新增案件 cases opened (人)",
       [](const auto& f) { return Count(f.casework().cases_opened()); }},
      {"结对 paired cases (人)", [](const auto& f) { return Count(f.casework().cases_paired()); }},
      {"帮教 contacts 联系/见面 (次)",
       [](const auto& f) {
         return Count(f.casework().contacts()) + "/" + Count(f.casework().contacts_reached());
       }},
      {"失控 lost contact (人)", [](const auto& f) { return Count(f.casework().lost_contact()); }},
  };
  return kRows;
}

struct IndicatorLabel {
  rep::Indicator indicator;
  const char* label;
  bool count;  // a count, not a ratio
};

// Chinese names and units of ../shared/DOMAIN.md's indicators (indicator.proto).
constexpr IndicatorLabel kIndicators[] = {
    {rep::INDICATOR_PUBLICITY_COVERAGE, "禁毒宣传覆盖率 publicity coverage", false},
    {rep::INDICATOR_YOUTH_EDUCATION_COVERAGE, "青少年教育覆盖率 youth education", false},
    {rep::INDICATOR_CONTROL_RATE, "管控率 control rate", false},
    {rep::INDICATOR_ASSISTANCE_RATE, "帮教率 assistance rate", false},
    {rep::INDICATOR_EXECUTION_RATE, "执行率 execution rate", false},
    {rep::INDICATOR_URINE_TEST_RATE, "尿检率 urine test rate", false},
    {rep::INDICATOR_NEW_USERS, "新增吸毒人员 new users (人)", true},
    {rep::INDICATOR_LOST_CONTACT, "失控人数 lost contact (人)", true},
    {rep::INDICATOR_RELAPSES, "复吸人数 relapses (人)", true},
    {rep::INDICATOR_ISOLATION_RATE, "强制隔离戒毒收戒率 isolation rate", false},
    {rep::INDICATOR_ABSTINENCE_CONSOLIDATION_RATE, "三年戒断巩固率 abstinence", false},
    {rep::INDICATOR_VOLUNTEER_TRAINING_RATE, "志愿者培训率 volunteer training", false},
};

// "85.0% (17/20)" for ratios, "3 人" for counts; "- (0/0)" when there is nothing to divide by.
std::string IndicatorText(const rep::IndicatorValue& value, bool count) {
  if (count) return std::to_string(value.numerator()) + " 人";
  const std::string fraction =
      "(" + std::to_string(value.numerator()) + "/" + std::to_string(value.denominator()) + ")";
  if (!value.has_rate()) return "- " + fraction;
  char percent[32];
  std::snprintf(percent, sizeof percent, "%.1f%%", value.rate() * 100.0);
  return std::string(percent) + " " + fraction;
}

const rep::IndicatorValue* FindIndicator(const rep::DashboardPanel& panel,
                                         rep::Indicator indicator) {
  for (const auto& value : panel.indicators()) {
    if (value.indicator() == indicator) return &value;
  }
  return nullptr;
}

const char* LevelLabel(common::v1::RegionLevel level) {
  switch (level) {
    case common::v1::REGION_LEVEL_PROVINCE:
      return "省级 province";
    case common::v1::REGION_LEVEL_CITY:
      return "市级 city";
    case common::v1::REGION_LEVEL_COUNTY:
      return "县级 county";
    default:
      return "-";
  }
}

const char* SourceLabel(rep::DashboardSource source) {
  switch (source) {
    case rep::DASHBOARD_SOURCE_CACHE:
      return "cache (Redis 缓存)";
    case rep::DASHBOARD_SOURCE_DATABASE:
      return "database (PostgreSQL 数据库)";
    default:
      return "unknown";
  }
}

void PrintDashboard(const rep::Dashboard& dashboard, const std::string& period) {
  std::vector<Column> columns;
  if (period == "month" || period == "all") {
    columns.push_back(
        {"本月 " + FormatPeriod(dashboard.month().figures().period()), &dashboard.month()});
  }
  if (period == "quarter" || period == "all") {
    columns.push_back(
        {"本季 " + FormatPeriod(dashboard.quarter().figures().period()), &dashboard.quarter()});
  }
  if (period == "year" || period == "all") {
    columns.push_back(
        {"本年 " + FormatPeriod(dashboard.year().figures().period()), &dashboard.year()});
  }
  const rep::RegionFigures& any = dashboard.year().figures();
  std::cout << any.region_display_name() << " " << any.region_code() << " · 仪表盘 dashboard · "
            << LevelLabel(dashboard.level()) << "\n\n";

  std::vector<std::string> headers = {"数字 figure"};
  std::vector<Table::Align> alignment = {Table::Align::kLeft};
  for (const Column& column : columns) {
    headers.push_back(column.label);
    alignment.push_back(Table::Align::kRight);
  }
  Table figures(headers, alignment);
  for (const FigureRow& row : FigureRows()) {
    std::vector<std::string> cells = {row.label};
    for (const Column& column : columns) cells.push_back(row.value(column.panel->figures()));
    figures.AddRow(cells);
  }
  figures.Print(std::cout);
  std::cout << "\n";

  headers[0] = "指标 indicator";
  Table indicators(headers, alignment);
  for (const IndicatorLabel& label : kIndicators) {
    std::vector<std::string> cells = {label.label};
    for (const Column& column : columns) {
      const rep::IndicatorValue* value = FindIndicator(*column.panel, label.indicator);
      cells.push_back(value == nullptr ? "-" : IndicatorText(*value, label.count));
    }
    indicators.AddRow(cells);
  }
  indicators.Print(std::cout);

  std::cout << "\n数据截至 freshness: last event "
            << FormatTimestampSeconds(dashboard.freshness().last_event_time().seconds());
  for (const auto& producer : dashboard.freshness().producers()) {
    std::cout << "; " << producer.producer() << " "
              << FormatTimestampSeconds(producer.last_event_time().seconds());
  }
  std::cout << "\n计算于 computed " << FormatTimestampSeconds(dashboard.compute_time().seconds())
            << " · 来源 source: " << SourceLabel(dashboard.source()) << "\n";
}

int Show(Invocation& invocation) {
  const std::string period = invocation.Flag("period", "all");
  if (period != "month" && period != "quarter" && period != "year" && period != "all") {
    throw UsageError("--period " + period + ": expected month, quarter, year or all");
  }
  std::string region = invocation.arg(0);
  if (region.starts_with("dashboards/")) region = region.substr(11);
  rep::GetDashboardRequest request;
  request.set_name("dashboards/" + region);
  auto stub = rep::ReportingService::NewStub(invocation.connection().Channel(Service::kReporting));
  rep::Dashboard dashboard;
  invocation.connection().Invoke(Service::kReporting, [&](grpc::ClientContext* context) {
    return stub->GetDashboard(context, request, &dashboard);
  });
  if (invocation.json()) {
    PrintJson(dashboard);
  } else {
    PrintDashboard(dashboard, period);
  }
  return kExitOk;
}

}  // namespace

NounSpec DashboardCommands() {
  return {"dashboard",
          "dashboards of a province, city or county (reporting)",
          {{"show",
            "REGION",
            1,
            1,
            "show the current month, quarter and year of a region (e.g. 430000); with --output\n"
            "json the Dashboard message itself (every period, whatever --period says)",
            {{"period", "PERIOD", "month, quarter, year or all (default all)"}},
            Show}}};
}

}  // namespace jindu::jinductl
