// Indicator rules: the catalogue holds one definition per indicator with its words, and values
// follow the definitions from figures alone (counts have no denominator, ratios no rate without
// one).
#include <gtest/gtest.h>

#include <set>

#include "reporting/indicators/indicator_catalogue.h"
#include "reporting/indicators/indicator_values.h"

namespace jindu::reporting {
namespace {

v1::RegionFigures CaseloadFigures() {
  v1::RegionFigures figures;
  auto* casework = figures.mutable_casework();
  auto add_measure = [&](casework::v1::MeasureType type, int64_t cases) {
    auto* each = casework->add_cases_by_measure();
    each->set_measure_type(type);
    each->set_cases(cases);
  };
  add_measure(casework::v1::MEASURE_TYPE_COMMUNITY_REHABILITATION, 30);
  add_measure(casework::v1::MEASURE_TYPE_COMMUNITY_RECOVERY, 10);
  add_measure(casework::v1::MEASURE_TYPE_COMPULSORY_ISOLATION, 20);
  auto add_status = [&](casework::v1::CaseStatus status, int64_t cases) {
    auto* each = casework->add_cases_by_status();
    each->set_status(status);
    each->set_cases(cases);
  };
  add_status(casework::v1::CASE_STATUS_ACTIVE, 35);
  add_status(casework::v1::CASE_STATUS_LOST_CONTACT, 2);
  add_status(casework::v1::CASE_STATUS_ABSTINENCE_CONFIRMED, 8);
  add_status(casework::v1::CASE_STATUS_CLOSED, 15);
  casework->set_lost_contact(2);
  casework->set_cases_paired(36);
  casework->set_urine_tests_due(50);
  casework->set_urine_tests_done_on_schedule(45);
  casework->set_new_users(3);
  figures.mutable_publicity()->set_audience(12600);
  auto* schools = figures.mutable_publicity()->add_by_six_into_category();
  schools->set_category(publicity::v1::SIX_INTO_CATEGORY_SCHOOLS);
  schools->set_audience(6100);
  figures.mutable_registration()->set_active_volunteers(200);
  figures.mutable_registration()->set_volunteers_trained(50);
  return figures;
}

v1::IndicatorValue Value(v1::Indicator indicator, const v1::RegionFigures& figures,
                         RegionDenominators denominators = {}) {
  return IndicatorValueOf(DefinitionOn(indicator, {2024, 7, 1}), figures, denominators);
}

TEST(IndicatorCatalogue, EveryIndicatorIsDefinedOnceWithItsWords) {
  std::set<int> defined;
  for (const auto& definition : IndicatorDefinitions()) {
    EXPECT_TRUE(defined.insert(definition.indicator()).second) << definition.version();
    EXPECT_FALSE(definition.display_name().empty());
    EXPECT_FALSE(definition.numerator_definition().empty());
    EXPECT_EQ(definition.denominator_definition().empty(),
              definition.unit() == v1::INDICATOR_UNIT_COUNT)
        << definition.version();
    EXPECT_TRUE(definition.version().ends_with(".v1"));
  }
  for (int i = v1::Indicator_MIN + 1; i <= v1::Indicator_MAX; ++i) {
    EXPECT_TRUE(defined.contains(i)) << v1::Indicator_Name(i);
  }
  EXPECT_EQ(DefinitionOn(v1::INDICATOR_CONTROL_RATE, {2024, 1, 1}).display_name(), "管控率");
}

TEST(IndicatorValues, CaseloadRatesFollowTheirDefinitions) {
  const v1::RegionFigures figures = CaseloadFigures();
  const auto control = Value(v1::INDICATOR_CONTROL_RATE, figures);
  EXPECT_EQ(control.definition_version(), "control_rate.v1");
  EXPECT_EQ(control.numerator(), 38);  // 40 under 社戒/社康, 2 lost contact
  EXPECT_EQ(control.denominator(), 40);
  EXPECT_DOUBLE_EQ(control.rate(), 0.95);
  EXPECT_EQ(Value(v1::INDICATOR_ASSISTANCE_RATE, figures).numerator(), 36);
  EXPECT_EQ(Value(v1::INDICATOR_EXECUTION_RATE, figures).numerator(), 35);
  const auto urine = Value(v1::INDICATOR_URINE_TEST_RATE, figures);
  EXPECT_EQ(urine.numerator(), 45);
  EXPECT_EQ(urine.denominator(), 50);
  const auto isolation = Value(v1::INDICATOR_ISOLATION_RATE, figures);
  EXPECT_EQ(isolation.numerator(), 20);
  EXPECT_EQ(isolation.denominator(), 60);
  const auto abstinence = Value(v1::INDICATOR_ABSTINENCE_CONSOLIDATION_RATE, figures);
  EXPECT_EQ(abstinence.numerator(), 8);
  EXPECT_EQ(abstinence.denominator(), 60);
  EXPECT_EQ(Value(v1::INDICATOR_VOLUNTEER_TRAINING_RATE, figures).numerator(), 50);
}

TEST(IndicatorValues, CountsHaveNoDenominatorAndRatiosNoRateWithoutOne) {
  const v1::RegionFigures figures = CaseloadFigures();
  const auto new_users = Value(v1::INDICATOR_NEW_USERS, figures);
  EXPECT_EQ(new_users.numerator(), 3);
  EXPECT_EQ(new_users.denominator(), 0);
  EXPECT_FALSE(new_users.has_rate());
  // No population known yet: a coverage without a rate, not a division by zero.
  const auto coverage = Value(v1::INDICATOR_PUBLICITY_COVERAGE, figures);
  EXPECT_EQ(coverage.numerator(), 12600);
  EXPECT_EQ(coverage.denominator(), 0);
  EXPECT_FALSE(coverage.has_rate());
  const auto youth = Value(v1::INDICATOR_YOUTH_EDUCATION_COVERAGE, figures,
                           {.population = 630000, .students_enrolled = 61000});
  EXPECT_EQ(youth.numerator(), 6100);
  EXPECT_EQ(youth.denominator(), 61000);
  EXPECT_DOUBLE_EQ(youth.rate(), 0.1);
}

}  // namespace
}  // namespace jindu::reporting
