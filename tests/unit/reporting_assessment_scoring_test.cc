// Assessment rules that need no database (reporting/assessments/): how each scoring rule turns a
// figure into centipoints, how totals become ranks, and what makes criteria invalid.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "reporting/assessments/rubric_validation.h"
#include "reporting/assessments/scoring_rules.h"

namespace jindu::reporting {
namespace {

v1::AssessmentCriterion Criterion(v1::ScoringRule rule, int max_points, int64_t target,
                                  int points_per_unit = 0) {
  v1::AssessmentCriterion criterion;
  criterion.set_criterion_id("c");
  criterion.set_display_name("c");
  criterion.set_metric(v1::ASSESSMENT_METRIC_ACTIVITIES);
  criterion.set_rule(rule);
  criterion.set_max_points(max_points);
  criterion.set_target(target);
  criterion.set_points_per_unit(points_per_unit);
  return criterion;
}

std::vector<std::string> Fields(const runtime::FieldViolations& violations) {
  std::vector<std::string> fields;
  for (const auto& violation : violations.violations()) {
    fields.push_back(violation.field + "=" +
                     common::v1::FieldViolationReason_Name(violation.reason));
  }
  return fields;
}

TEST(AssessmentScoring, ProportionalRoundsDownToHundredthsAndCapsAtMax) {
  const auto criterion = Criterion(v1::SCORING_RULE_PROPORTIONAL, 20, 3);
  EXPECT_EQ(CriterionCentipoints(criterion, 0), 0);
  EXPECT_EQ(CriterionCentipoints(criterion, 1), 666);  // 6.666.. points -> 6.66
  EXPECT_EQ(CriterionCentipoints(criterion, 2), 1333);
  EXPECT_EQ(CriterionCentipoints(criterion, 3), 2000);
  EXPECT_EQ(CriterionCentipoints(criterion, 300), 2000);
  EXPECT_EQ(CriterionCentipoints(criterion, -5), 0);
}

TEST(AssessmentScoring, ThresholdIsAllOrNothing) {
  const auto criterion = Criterion(v1::SCORING_RULE_THRESHOLD, 15, 100);
  EXPECT_EQ(CriterionCentipoints(criterion, 99), 0);
  EXPECT_EQ(CriterionCentipoints(criterion, 100), 1500);
  EXPECT_EQ(CriterionCentipoints(criterion, 5000), 1500);
}

TEST(AssessmentScoring, DeductionIsBoundedByMaxPoints) {
  const auto criterion = Criterion(v1::SCORING_RULE_DEDUCTION, 10, 0, 4);
  EXPECT_EQ(CriterionCentipoints(criterion, 0), 0);
  EXPECT_EQ(CriterionCentipoints(criterion, 1), -400);
  EXPECT_EQ(CriterionCentipoints(criterion, 2), -800);
  EXPECT_EQ(CriterionCentipoints(criterion, 3), -1000);
  EXPECT_EQ(CriterionCentipoints(criterion, 4000000000), -1000);
}

TEST(AssessmentScoring, TiesShareARankAndTheNextSkips) {
  EXPECT_EQ(CompetitionRanks({9000, 8000, 8000, 7000, 7000, 7000, 10}),
            (std::vector<int32_t>{1, 2, 2, 4, 4, 4, 7}));
  EXPECT_TRUE(CompetitionRanks({}).empty());
}

TEST(AssessmentValidation, NamesEveryWrongCriterionField) {
  v1::AssessmentRubric rubric;
  *rubric.add_criteria() = Criterion(v1::SCORING_RULE_PROPORTIONAL, 10, 5);
  *rubric.add_criteria() = Criterion(v1::SCORING_RULE_DEDUCTION, 0, 3, 0);  // dup id too
  auto* bad = rubric.add_criteria();
  *bad = Criterion(v1::SCORING_RULE_UNSPECIFIED, 10, 5);
  bad->set_criterion_id("Bad-Id");
  bad->set_metric(v1::ASSESSMENT_METRIC_UNSPECIFIED);
  runtime::FieldViolations violations;
  CheckCriteria("assessment_rubric.criteria", rubric, &violations);
  EXPECT_EQ(Fields(violations),
            (std::vector<std::string>{
                "assessment_rubric.criteria[1].criterion_id=DUPLICATE_IN_REQUEST",
                "assessment_rubric.criteria[1].points_per_unit=FIELD_OUT_OF_RANGE",
                "assessment_rubric.criteria[1].target=VALUE_NOT_ALLOWED",
                "assessment_rubric.criteria[1].max_points=FIELD_OUT_OF_RANGE",
                "assessment_rubric.criteria[2].criterion_id=FIELD_MALFORMED",
                "assessment_rubric.criteria[2].metric=FIELD_REQUIRED",
                "assessment_rubric.criteria[2].rule=FIELD_REQUIRED",
            }));
}

TEST(AssessmentValidation, PositivePointsAddUpToAtMostAThousand) {
  v1::AssessmentRubric rubric;
  for (int i = 0; i < 2; ++i) {
    *rubric.add_criteria() = Criterion(v1::SCORING_RULE_THRESHOLD, 600, 1);
    rubric.mutable_criteria(i)->set_criterion_id("c" + std::to_string(i));
  }
  runtime::FieldViolations violations;
  CheckCriteria("criteria", rubric, &violations);
  EXPECT_EQ(Fields(violations), (std::vector<std::string>{"criteria=FIELD_OUT_OF_RANGE"}));
}

}  // namespace
}  // namespace jindu::reporting
