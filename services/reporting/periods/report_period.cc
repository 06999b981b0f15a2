#include "reporting/periods/report_period.h"

#include "runtime/postgres/row_conversions.h"

namespace jindu::reporting {
namespace {

constexpr int kFirstYear = 2000;
constexpr int kLastYear = 9999;

bool YearInRange(int year) { return year >= kFirstYear && year <= kLastYear; }

runtime::CivilDate FirstOfMonth(int year, int month) { return {year, month, 1}; }

runtime::CivilDate FirstOfNextMonth(int year, int month) {
  return month == 12 ? runtime::CivilDate{year + 1, 1, 1} : runtime::CivilDate{year, month + 1, 1};
}

}  // namespace

std::optional<runtime::CivilDateRange> ResolvePeriod(const common::v1::Period& period,
                                                     const std::string& field,
                                                     runtime::FieldViolations* violations) {
  switch (period.kind_case()) {
    case common::v1::Period::kDay: {
      const runtime::CivilDate day = runtime::FromProtoDate(period.day());
      if (!runtime::IsValidCivilDate(day) || !YearInRange(day.year)) {
        violations->Add(field + ".day", common::v1::FIELD_MALFORMED,
                        "a full calendar date in 2000..9999");
        return std::nullopt;
      }
      return runtime::CivilDateRange{day, runtime::AddDays(day, 1)};
    }
    case common::v1::Period::kMonth: {
      const auto& month = period.month();
      if (!YearInRange(month.year())) {
        violations->Add(field + ".month.year", common::v1::FIELD_OUT_OF_RANGE, "2000..9999");
        return std::nullopt;
      }
      if (month.month() < 1 || month.month() > 12) {
        violations->Add(field + ".month.month", common::v1::FIELD_OUT_OF_RANGE, "1..12");
        return std::nullopt;
      }
      return runtime::CivilDateRange{FirstOfMonth(month.year(), month.month()),
                                     FirstOfNextMonth(month.year(), month.month())};
    }
    case common::v1::Period::kQuarter: {
      const auto& quarter = period.quarter();
      if (!YearInRange(quarter.year())) {
        violations->Add(field + ".quarter.year", common::v1::FIELD_OUT_OF_RANGE, "2000..9999");
        return std::nullopt;
      }
      if (quarter.quarter() < 1 || quarter.quarter() > 4) {
        violations->Add(field + ".quarter.quarter", common::v1::FIELD_OUT_OF_RANGE, "1..4");
        return std::nullopt;
      }
      const int first_month = (quarter.quarter() - 1) * 3 + 1;
      return runtime::CivilDateRange{FirstOfMonth(quarter.year(), first_month),
                                     FirstOfNextMonth(quarter.year(), first_month + 2)};
    }
    case common::v1::Period::kYear:
      if (!YearInRange(period.year())) {
        violations->Add(field + ".year", common::v1::FIELD_OUT_OF_RANGE, "2000..9999");
        return std::nullopt;
      }
      return runtime::CivilDateRange{{period.year(), 1, 1}, {period.year() + 1, 1, 1}};
    case common::v1::Period::kRange: {
      runtime::FieldViolations range_violations;
      auto range =
          runtime::CheckDateRangeFilter(range_violations, field + ".range", true, period.range());
      for (const auto& violation : range_violations.violations()) {
        violations->Add(violation.field, violation.reason, violation.description);
      }
      return range;
    }
    case common::v1::Period::KIND_NOT_SET:
      break;
  }
  violations->Add(field, common::v1::FIELD_REQUIRED,
                  "set one of day, month, quarter, year or range");
  return std::nullopt;
}

common::v1::Period MonthOf(runtime::CivilDate day) {
  common::v1::Period period;
  period.mutable_month()->set_year(day.year);
  period.mutable_month()->set_month(day.month);
  return period;
}

common::v1::Period QuarterOf(runtime::CivilDate day) {
  common::v1::Period period;
  period.mutable_quarter()->set_year(day.year);
  period.mutable_quarter()->set_quarter((day.month - 1) / 3 + 1);
  return period;
}

common::v1::Period YearOf(runtime::CivilDate day) {
  common::v1::Period period;
  period.set_year(day.year);
  return period;
}

std::string RangeLabel(const runtime::CivilDateRange& range) {
  return runtime::FormatIsoDate(range.start) + ".." + runtime::FormatIsoDate(range.end);
}

}  // namespace jindu::reporting
