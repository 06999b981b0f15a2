#include "reporting/indicators/indicator_catalogue.h"

#include <stdexcept>

#include "runtime/postgres/row_conversions.h"

namespace jindu::reporting {
namespace {

v1::IndicatorDefinition Define(v1::Indicator indicator, const char* version,
                               runtime::CivilDate effective_from, const char* display_name,
                               v1::IndicatorUnit unit, const char* numerator,
                               const char* denominator, const char* target = "") {
  v1::IndicatorDefinition definition;
  definition.set_indicator(indicator);
  definition.set_version(version);
  *definition.mutable_effective_from() = runtime::ToProtoDate(effective_from);
  definition.set_display_name(display_name);
  definition.set_unit(unit);
  definition.set_numerator_definition(numerator);
  definition.set_denominator_definition(denominator);
  definition.set_target(target);
  return definition;
}

std::vector<v1::IndicatorDefinition> Build() {
  constexpr runtime::CivilDate kStart{2000, 1, 1};
  using enum v1::Indicator;
  const auto ratio = v1::INDICATOR_UNIT_RATIO;
  const auto count = v1::INDICATOR_UNIT_COUNT;
  return {
      Define(INDICATOR_PUBLICITY_COVERAGE, "publicity_coverage.v1", kStart, "禁毒宣传覆盖率", ratio,
             "people reached by approved activities held in the region and period (audience "
             "counts, 人次)",
             "resident population of the region for the period's first year (registration's "
             "denominators)"),
      Define(INDICATOR_YOUTH_EDUCATION_COVERAGE, "youth_education_coverage.v1", kStart,
             "青少年毒品预防教育覆盖率", ratio,
             "students reached by approved activities of the six-into category schools (进学校)",
             "students enrolled in the region for the period's first year"),
      Define(INDICATOR_CONTROL_RATE, "control_rate.v1", kStart, "管控率", ratio,
             "persons under community rehabilitation or recovery at period end who are not lost "
             "contact",
             "persons under community rehabilitation or recovery at period end", "100%"),
      Define(INDICATOR_ASSISTANCE_RATE, "assistance_rate.v1", kStart, "帮教率", ratio,
             "persons under community rehabilitation or recovery with an active pairing at period "
             "end",
             "persons under community rehabilitation or recovery at period end", "100%"),
      Define(INDICATOR_EXECUTION_RATE, "execution_rate.v1", kStart, "执行率", ratio,
             "persons under community rehabilitation or recovery at period end whose case is "
             "active (reported and executing: neither lost contact nor relapsed)",
             "persons under community rehabilitation or recovery at period end"),
      Define(INDICATOR_URINE_TEST_RATE, "urine_test_rate.v1", kStart, "尿检率", ratio,
             "scheduled urine tests due in the period that were done by their due day",
             "scheduled urine tests due in the period", "100%"),
      Define(INDICATOR_NEW_USERS, "new_users.v1", kStart, "新增吸毒人员", count,
             "cases opened in the period for persons never registered before", "", "0"),
      Define(INDICATOR_LOST_CONTACT, "lost_contact.v1", kStart, "失控人数", count,
             "persons under a measure whose case is lost contact at period end", "", "0"),
      Define(INDICATOR_RELAPSES, "relapses.v1", kStart, "复吸人数", count,
             "relapses confirmed in the period", ""),
      Define(INDICATOR_ISOLATION_RATE, "isolation_rate.v1", kStart, "强制隔离戒毒收戒率", ratio,
             "registered persons in compulsory isolation at period end",
             "registered persons under any measure at period end", ">= 30%"),
      Define(INDICATOR_ABSTINENCE_CONSOLIDATION_RATE, "abstinence_consolidation_rate.v1", kStart,
             "三年戒断巩固率", ratio,
             "registered persons whose abstinence is confirmed (three years without relapse) at "
             "period end",
             "registered persons at period end, in any status"),
      Define(INDICATOR_VOLUNTEER_TRAINING_RATE, "volunteer_training_rate.v1", kStart,
             "志愿者培训率", ratio, "volunteers who attended a training in the period",
             "active volunteers at period end"),
  };
}

}  // namespace

const std::vector<v1::IndicatorDefinition>& IndicatorDefinitions() {
  static const std::vector<v1::IndicatorDefinition> definitions = Build();
  return definitions;
}

const v1::IndicatorDefinition& DefinitionOn(v1::Indicator indicator, runtime::CivilDate day) {
  const v1::IndicatorDefinition* chosen = nullptr;
  for (const auto& definition : IndicatorDefinitions()) {
    if (definition.indicator() != indicator) continue;
    if (chosen == nullptr || runtime::FromProtoDate(definition.effective_from()) <= day) {
      chosen = &definition;
    }
  }
  if (chosen == nullptr) {
    throw std::logic_error("no definition for indicator " + v1::Indicator_Name(indicator));
  }
  return *chosen;
}

}  // namespace jindu::reporting
