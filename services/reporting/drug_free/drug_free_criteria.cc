#include "reporting/drug_free/drug_free_criteria.h"

namespace jindu::reporting {
namespace {

// How a figure criterion reads its indicator.
struct FigureRule {
  v1::Indicator indicator;
  // A count that must be 0, or a rate of at least percent / 100.
  bool zero_count = false;
  int64_t percent = 0;
  // A rate over an empty denominator is met (nobody to count) or not (coverage unknown).
  bool empty_met = true;
};

FigureRule RuleOf(v1::DrugFreeCriterion criterion, v1::SettlementType settlement) {
  switch (criterion) {
    case v1::DRUG_FREE_CRITERION_NO_NEW_USERS:
      return {.indicator = v1::INDICATOR_NEW_USERS, .zero_count = true};
    case v1::DRUG_FREE_CRITERION_NONE_LOST_CONTACT:
      return {.indicator = v1::INDICATOR_LOST_CONTACT, .zero_count = true};
    case v1::DRUG_FREE_CRITERION_ISOLATION_RATE:
      return {.indicator = v1::INDICATOR_ISOLATION_RATE, .percent = 30};
    case v1::DRUG_FREE_CRITERION_PUBLIC_AWARENESS:
      return {.indicator = v1::INDICATOR_PUBLICITY_COVERAGE,
              .percent = settlement == v1::SETTLEMENT_TYPE_RURAL ? 90 : 100,
              .empty_met = false};
    case v1::DRUG_FREE_CRITERION_SCHOOL_AWARENESS:
      return {
          .indicator = v1::INDICATOR_YOUTH_EDUCATION_COVERAGE, .percent = 100, .empty_met = false};
    case v1::DRUG_FREE_CRITERION_URINE_TEST_RATE:
      return {.indicator = v1::INDICATOR_URINE_TEST_RATE, .percent = 100};
    case v1::DRUG_FREE_CRITERION_CONTROL_RATE:
      return {.indicator = v1::INDICATOR_CONTROL_RATE, .percent = 100};
    case v1::DRUG_FREE_CRITERION_ASSISTANCE_RATE:
      return {.indicator = v1::INDICATOR_ASSISTANCE_RATE, .percent = 100};
    default:
      return {};
  }
}

}  // namespace

const std::vector<v1::DrugFreeCriterion>& AllDrugFreeCriteria() {
  static const std::vector<v1::DrugFreeCriterion> all = [] {
    std::vector<v1::DrugFreeCriterion> criteria;
    for (int i = 1; i <= v1::DrugFreeCriterion_MAX; ++i) {
      if (v1::DrugFreeCriterion_IsValid(i)) {
        criteria.push_back(static_cast<v1::DrugFreeCriterion>(i));
      }
    }
    return criteria;
  }();
  return all;
}

bool IsInspectionCriterion(v1::DrugFreeCriterion criterion) {
  switch (criterion) {
    case v1::DRUG_FREE_CRITERION_NO_CRIMES_BY_USERS:
    case v1::DRUG_FREE_CRITERION_NO_VENUE_PROBLEMS:
    case v1::DRUG_FREE_CRITERION_NO_PRECURSOR_DIVERSION:
    case v1::DRUG_FREE_CRITERION_MIGRANT_AWARENESS:
    case v1::DRUG_FREE_CRITERION_VENUE_STAFF_AWARENESS:
      return true;
    default:
      return false;
  }
}

const std::vector<v1::Indicator>& DrugFreeIndicators() {
  static const std::vector<v1::Indicator> indicators = [] {
    std::vector<v1::Indicator> used;
    for (v1::DrugFreeCriterion criterion : AllDrugFreeCriteria()) {
      if (!IsInspectionCriterion(criterion)) {
        used.push_back(RuleOf(criterion, v1::SETTLEMENT_TYPE_TOWN).indicator);
      }
    }
    return used;
  }();
  return indicators;
}

std::vector<v1::CriterionResult> EvaluateDrugFreeCriteria(
    v1::SettlementType settlement, const std::map<v1::Indicator, v1::IndicatorValue>& values,
    const std::vector<v1::InspectionResult>& inspections) {
  std::vector<v1::CriterionResult> results;
  for (v1::DrugFreeCriterion criterion : AllDrugFreeCriteria()) {
    v1::CriterionResult& result = results.emplace_back();
    result.set_criterion(criterion);
    if (IsInspectionCriterion(criterion)) {
      result.set_source(v1::CRITERION_SOURCE_INSPECTION);
      result.set_threshold("met on inspection");
      result.set_pending_inspection(true);
      for (const v1::InspectionResult& inspection : inspections) {
        if (inspection.criterion() == criterion) {
          result.set_pending_inspection(false);
          result.set_met(inspection.met());
        }
      }
      continue;
    }
    const FigureRule rule = RuleOf(criterion, settlement);
    result.set_source(v1::CRITERION_SOURCE_FIGURES);
    v1::IndicatorValue value;
    if (auto it = values.find(rule.indicator); it != values.end()) value = it->second;
    result.set_definition_version(value.definition_version());
    result.set_numerator(value.numerator());
    if (rule.zero_count) {
      result.set_threshold("= 0");
      result.set_met(value.numerator() == 0);
      continue;
    }
    result.set_denominator(value.denominator());
    result.set_threshold(rule.percent == 100 ? "= 100%"
                                             : ">= " + std::to_string(rule.percent) + "%");
    // Exact integer comparison: numerator / denominator >= percent / 100.
    result.set_met(value.denominator() == 0
                       ? rule.empty_met
                       : value.numerator() * 100 >= rule.percent * value.denominator());
  }
  return results;
}

bool AllMet(const std::vector<v1::CriterionResult>& results) {
  for (const v1::CriterionResult& result : results) {
    if (!result.met()) return false;
  }
  return true;
}

}  // namespace jindu::reporting
