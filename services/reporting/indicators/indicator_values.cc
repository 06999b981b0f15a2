#include "reporting/indicators/indicator_values.h"

#include <algorithm>

namespace jindu::reporting {
namespace {

using casework::v1::CaseStatus;
using casework::v1::MeasureType;

int64_t OpenCases(const v1::CaseworkFigures& casework, MeasureType measure) {
  int64_t total = 0;
  for (const auto& each : casework.cases_by_measure()) {
    if (each.measure_type() == measure) total += each.cases();
  }
  return total;
}

int64_t CasesIn(const v1::CaseworkFigures& casework, CaseStatus status) {
  int64_t total = 0;
  for (const auto& each : casework.cases_by_status()) {
    if (each.status() == status) total += each.cases();
  }
  return total;
}

int64_t AllCases(const v1::CaseworkFigures& casework) {
  int64_t total = 0;
  for (const auto& each : casework.cases_by_status()) total += each.cases();
  return total;
}

int64_t OpenCasesUnderAnyMeasure(const v1::CaseworkFigures& casework) {
  int64_t total = 0;
  for (const auto& each : casework.cases_by_measure()) total += each.cases();
  return total;
}

// Persons under 社戒 or 社康 at period end.
int64_t UnderCommunityMeasure(const v1::CaseworkFigures& casework) {
  return OpenCases(casework, casework::v1::MEASURE_TYPE_COMMUNITY_REHABILITATION) +
         OpenCases(casework, casework::v1::MEASURE_TYPE_COMMUNITY_RECOVERY);
}

int64_t StudentsReached(const v1::PublicityFigures& publicity) {
  for (const auto& each : publicity.by_six_into_category()) {
    if (each.category() == publicity::v1::SIX_INTO_CATEGORY_SCHOOLS) return each.audience();
  }
  return 0;
}

struct Counts {
  int64_t numerator = 0;
  int64_t denominator = 0;
};

Counts CountsOf(v1::Indicator indicator, const v1::RegionFigures& figures,
                const RegionDenominators& denominators) {
  const auto& casework = figures.casework();
  const int64_t under = UnderCommunityMeasure(casework);
  switch (indicator) {
    case v1::INDICATOR_PUBLICITY_COVERAGE:
      return {figures.publicity().audience(), denominators.population};
    case v1::INDICATOR_YOUTH_EDUCATION_COVERAGE:
      return {StudentsReached(figures.publicity()), denominators.students_enrolled};
    case v1::INDICATOR_CONTROL_RATE:
      return {std::max<int64_t>(0, under - casework.lost_contact()), under};
    case v1::INDICATOR_ASSISTANCE_RATE:
      return {std::min(casework.cases_paired(), under), under};
    case v1::INDICATOR_EXECUTION_RATE:
      return {std::min(CasesIn(casework, casework::v1::CASE_STATUS_ACTIVE), under), under};
    case v1::INDICATOR_URINE_TEST_RATE:
      return {casework.urine_tests_done_on_schedule(), casework.urine_tests_due()};
    case v1::INDICATOR_NEW_USERS:
      return {casework.new_users(), 0};
    case v1::INDICATOR_LOST_CONTACT:
      return {casework.lost_contact(), 0};
    case v1::INDICATOR_RELAPSES:
      return {casework.relapses(), 0};
    case v1::INDICATOR_ISOLATION_RATE:
      return {OpenCases(casework, casework::v1::MEASURE_TYPE_COMPULSORY_ISOLATION),
              OpenCasesUnderAnyMeasure(casework)};
    case v1::INDICATOR_ABSTINENCE_CONSOLIDATION_RATE:
      return {CasesIn(casework, casework::v1::CASE_STATUS_ABSTINENCE_CONFIRMED),
              AllCases(casework)};
    case v1::INDICATOR_VOLUNTEER_TRAINING_RATE:
      return {figures.registration().volunteers_trained(),
              figures.registration().active_volunteers()};
    default:
      return {};
  }
}

}  // namespace

v1::IndicatorValue IndicatorValueOf(const v1::IndicatorDefinition& definition,
                                    const v1::RegionFigures& figures,
                                    const RegionDenominators& denominators) {
  const Counts counts = CountsOf(definition.indicator(), figures, denominators);
  v1::IndicatorValue value;
  value.set_indicator(definition.indicator());
  value.set_definition_version(definition.version());
  value.set_numerator(counts.numerator);
  value.set_denominator(counts.denominator);
  if (definition.unit() == v1::INDICATOR_UNIT_RATIO && counts.denominator > 0) {
    value.set_rate(static_cast<double>(counts.numerator) / static_cast<double>(counts.denominator));
  }
  return value;
}

}  // namespace jindu::reporting
