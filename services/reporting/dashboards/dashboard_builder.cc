#include "reporting/dashboards/dashboard_builder.h"

#include <chrono>

#include "reporting/figures/region_figures.h"
#include "reporting/freshness/freshness_store.h"
#include "reporting/indicators/indicator_catalogue.h"
#include "reporting/indicators/indicator_values.h"
#include "reporting/periods/report_period.h"
#include "reporting/projections/denominator_projection.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::reporting {
namespace {

v1::DashboardPanel Panel(pqxx::transaction_base& tx, const ReportingContext& context,
                         const std::string& region_code, const common::v1::Period& period) {
  runtime::FieldViolations unused;
  const auto dates = ResolvePeriod(period, "period", &unused);
  v1::DashboardPanel panel;
  *panel.mutable_figures() = ComputeFiguresOf(tx, context, region_code, period, *dates);
  const RegionDenominators denominators =
      DenominatorsOf(tx, context.schema(), region_code, dates->start.year);
  for (int i = v1::Indicator_MIN + 1; i <= v1::Indicator_MAX; ++i) {
    if (!v1::Indicator_IsValid(i)) continue;
    const auto& definition = DefinitionOn(static_cast<v1::Indicator>(i), dates->start);
    *panel.add_indicators() = IndicatorValueOf(definition, panel.figures(), denominators);
  }
  return panel;
}

}  // namespace

v1::Dashboard BuildDashboard(pqxx::transaction_base& tx, const ReportingContext& context,
                             const runtime::RegionEntry& region, runtime::CivilDate today) {
  v1::Dashboard dashboard;
  dashboard.set_name("dashboards/" + region.code);
  dashboard.set_level(region.level);
  // Freshness first: the figures read after it hold at least what it claims.
  *dashboard.mutable_freshness() = ReadFreshness(tx, context.schema());
  *dashboard.mutable_month() = Panel(tx, context, region.code, MonthOf(today));
  *dashboard.mutable_quarter() = Panel(tx, context, region.code, QuarterOf(today));
  *dashboard.mutable_year() = Panel(tx, context, region.code, YearOf(today));
  const int64_t now_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
  *dashboard.mutable_compute_time() = runtime::TimestampFromMicros(now_micros);
  dashboard.set_source(v1::DASHBOARD_SOURCE_DATABASE);
  return dashboard;
}

}  // namespace jindu::reporting
