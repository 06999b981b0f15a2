// The criteria of seed 003 as EvaluateDrugFreeCriteria states them: counts that must be 0, rates
// with their thresholds (30% isolation, 90% rural / 100% town awareness, 100% for the rest),
// empty denominators, and inspection criteria pending until the county office records them.

#include <gtest/gtest.h>

#include "reporting/drug_free/drug_free_criteria.h"

namespace jindu::reporting {
namespace {

v1::IndicatorValue Value(int64_t numerator, int64_t denominator) {
  v1::IndicatorValue value;
  value.set_numerator(numerator);
  value.set_denominator(denominator);
  value.set_definition_version("test.v1");
  return value;
}

// A village meeting every figure criterion: no users, full coverage.
std::map<v1::Indicator, v1::IndicatorValue> Clean() {
  return {{v1::INDICATOR_NEW_USERS, Value(0, 0)},
          {v1::INDICATOR_LOST_CONTACT, Value(0, 0)},
          {v1::INDICATOR_ISOLATION_RATE, Value(0, 0)},
          {v1::INDICATOR_PUBLICITY_COVERAGE, Value(1000, 1000)},
          {v1::INDICATOR_YOUTH_EDUCATION_COVERAGE, Value(100, 100)},
          {v1::INDICATOR_URINE_TEST_RATE, Value(0, 0)},
          {v1::INDICATOR_CONTROL_RATE, Value(0, 0)},
          {v1::INDICATOR_ASSISTANCE_RATE, Value(0, 0)}};
}

std::vector<v1::InspectionResult> AllInspected(bool met) {
  std::vector<v1::InspectionResult> inspections;
  for (v1::DrugFreeCriterion criterion : AllDrugFreeCriteria()) {
    if (!IsInspectionCriterion(criterion)) continue;
    v1::InspectionResult& result = inspections.emplace_back();
    result.set_criterion(criterion);
    result.set_met(met);
  }
  return inspections;
}

const v1::CriterionResult& Of(const std::vector<v1::CriterionResult>& results,
                              v1::DrugFreeCriterion criterion) {
  for (const auto& result : results) {
    if (result.criterion() == criterion) return result;
  }
  throw std::runtime_error("criterion missing");
}

TEST(DrugFreeCriteria, EveryCriterionOnceWithItsSource) {
  const auto results = EvaluateDrugFreeCriteria(v1::SETTLEMENT_TYPE_TOWN, Clean(), {});
  ASSERT_EQ(results.size(), 13u);
  int inspected = 0;
  for (const auto& result : results) {
    if (result.source() == v1::CRITERION_SOURCE_INSPECTION) {
      ++inspected;
      EXPECT_TRUE(result.pending_inspection());
      EXPECT_FALSE(result.met());
    } else {
      EXPECT_EQ(result.source(), v1::CRITERION_SOURCE_FIGURES);
      EXPECT_TRUE(result.met()) << v1::DrugFreeCriterion_Name(result.criterion());
      EXPECT_EQ(result.definition_version(), "test.v1");
    }
  }
  EXPECT_EQ(inspected, 5);
  EXPECT_FALSE(AllMet(results));
  EXPECT_TRUE(
      AllMet(EvaluateDrugFreeCriteria(v1::SETTLEMENT_TYPE_TOWN, Clean(), AllInspected(true))));
  const auto failed =
      EvaluateDrugFreeCriteria(v1::SETTLEMENT_TYPE_TOWN, Clean(), AllInspected(false));
  EXPECT_FALSE(Of(failed, v1::DRUG_FREE_CRITERION_NO_CRIMES_BY_USERS).met());
  EXPECT_FALSE(Of(failed, v1::DRUG_FREE_CRITERION_NO_CRIMES_BY_USERS).pending_inspection());
}

TEST(DrugFreeCriteria, CountsMustBeZero) {
  auto values = Clean();
  values[v1::INDICATOR_NEW_USERS] = Value(1, 0);
  values[v1::INDICATOR_LOST_CONTACT] = Value(2, 0);
  const auto results =
      EvaluateDrugFreeCriteria(v1::SETTLEMENT_TYPE_TOWN, values, AllInspected(true));
  EXPECT_FALSE(Of(results, v1::DRUG_FREE_CRITERION_NO_NEW_USERS).met());
  EXPECT_EQ(Of(results, v1::DRUG_FREE_CRITERION_NO_NEW_USERS).numerator(), 1);
  EXPECT_EQ(Of(results, v1::DRUG_FREE_CRITERION_NO_NEW_USERS).threshold(), "= 0");
  EXPECT_FALSE(Of(results, v1::DRUG_FREE_CRITERION_NONE_LOST_CONTACT).met());
  EXPECT_FALSE(AllMet(results));
}

TEST(DrugFreeCriteria, RateThresholdsAreExact) {
  auto values = Clean();
  values[v1::INDICATOR_ISOLATION_RATE] = Value(3, 10);          // exactly 30%
  values[v1::INDICATOR_PUBLICITY_COVERAGE] = Value(899, 1000);  // below 90%
  values[v1::INDICATOR_CONTROL_RATE] = Value(9, 10);
  auto rural = EvaluateDrugFreeCriteria(v1::SETTLEMENT_TYPE_RURAL, values, {});
  EXPECT_TRUE(Of(rural, v1::DRUG_FREE_CRITERION_ISOLATION_RATE).met());
  EXPECT_EQ(Of(rural, v1::DRUG_FREE_CRITERION_ISOLATION_RATE).threshold(), ">= 30%");
  EXPECT_FALSE(Of(rural, v1::DRUG_FREE_CRITERION_PUBLIC_AWARENESS).met());
  EXPECT_FALSE(Of(rural, v1::DRUG_FREE_CRITERION_CONTROL_RATE).met());
  EXPECT_EQ(Of(rural, v1::DRUG_FREE_CRITERION_CONTROL_RATE).denominator(), 10);

  values[v1::INDICATOR_ISOLATION_RATE] = Value(29, 100);
  values[v1::INDICATOR_PUBLICITY_COVERAGE] = Value(900, 1000);  // 90%: rural yes, town no
  rural = EvaluateDrugFreeCriteria(v1::SETTLEMENT_TYPE_RURAL, values, {});
  EXPECT_FALSE(Of(rural, v1::DRUG_FREE_CRITERION_ISOLATION_RATE).met());
  EXPECT_TRUE(Of(rural, v1::DRUG_FREE_CRITERION_PUBLIC_AWARENESS).met());
  EXPECT_EQ(Of(rural, v1::DRUG_FREE_CRITERION_PUBLIC_AWARENESS).threshold(), ">= 90%");
  const auto town = EvaluateDrugFreeCriteria(v1::SETTLEMENT_TYPE_TOWN, values, {});
  EXPECT_FALSE(Of(town, v1::DRUG_FREE_CRITERION_PUBLIC_AWARENESS).met());
  EXPECT_EQ(Of(town, v1::DRUG_FREE_CRITERION_PUBLIC_AWARENESS).threshold(), "= 100%");
}

TEST(DrugFreeCriteria, EmptyDenominators) {
  // Nobody under measures: the rates over them are met. No population recorded: awareness is not.
  auto values = Clean();
  values[v1::INDICATOR_PUBLICITY_COVERAGE] = Value(500, 0);
  values.erase(v1::INDICATOR_YOUTH_EDUCATION_COVERAGE);
  const auto results = EvaluateDrugFreeCriteria(v1::SETTLEMENT_TYPE_TOWN, values, {});
  EXPECT_TRUE(Of(results, v1::DRUG_FREE_CRITERION_CONTROL_RATE).met());
  EXPECT_TRUE(Of(results, v1::DRUG_FREE_CRITERION_ISOLATION_RATE).met());
  EXPECT_FALSE(Of(results, v1::DRUG_FREE_CRITERION_PUBLIC_AWARENESS).met());
  EXPECT_FALSE(Of(results, v1::DRUG_FREE_CRITERION_SCHOOL_AWARENESS).met());
}

}  // namespace
}  // namespace jindu::reporting
