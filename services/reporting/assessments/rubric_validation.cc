#include "reporting/assessments/rubric_validation.h"

#include <set>

#include "runtime/api/text_fields.h"

namespace jindu::reporting {
namespace {

constexpr int kMaxCriteria = 50;

bool IsLowerSnakeCase(const std::string& id) {
  if (id.empty() || id.size() > 40 || id.front() < 'a' || id.front() > 'z') return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

void CheckRubricDisplayName(const std::string& field, const std::string& value,
                            runtime::FieldViolations* violations) {
  runtime::CheckTextLength(field, value, 1, 128, violations);
}

void CheckOrganizationKinds(const std::string& field, const v1::AssessmentRubric& rubric,
                            runtime::FieldViolations* violations) {
  if (rubric.organization_kinds_size() == 0) {
    violations->Add(field, common::v1::FIELD_REQUIRED, "name the kinds of organisation assessed");
    return;
  }
  std::set<int> seen;
  for (int i = 0; i < rubric.organization_kinds_size(); ++i) {
    const int kind = rubric.organization_kinds(i);
    const std::string path = field + "[" + std::to_string(i) + "]";
    if (kind == registration::v1::ORGANIZATION_KIND_UNSPECIFIED ||
        !registration::v1::OrganizationKind_IsValid(kind)) {
      violations->Add(path, common::v1::VALUE_NOT_ALLOWED, "unknown organisation kind");
    } else if (!seen.insert(kind).second) {
      violations->Add(path, common::v1::DUPLICATE_IN_REQUEST, "kind listed twice");
    }
  }
}

void CheckCriteria(const std::string& field, const v1::AssessmentRubric& rubric,
                   runtime::FieldViolations* violations) {
  if (rubric.criteria_size() == 0) {
    violations->Add(field, common::v1::FIELD_REQUIRED, "1..50 criteria");
    return;
  }
  if (rubric.criteria_size() > kMaxCriteria) {
    violations->Add(field, common::v1::FIELD_OUT_OF_RANGE, "at most 50 criteria");
    return;
  }
  std::set<std::string> ids;
  int64_t positive_points = 0;
  for (int i = 0; i < rubric.criteria_size(); ++i) {
    const v1::AssessmentCriterion& criterion = rubric.criteria(i);
    const std::string path = field + "[" + std::to_string(i) + "].";
    if (criterion.criterion_id().empty()) {
      violations->Add(path + "criterion_id", common::v1::FIELD_REQUIRED, "a stable key");
    } else if (!IsLowerSnakeCase(criterion.criterion_id())) {
      violations->Add(path + "criterion_id", common::v1::FIELD_MALFORMED,
                      "lower_snake_case, 1..40 characters, starting with a letter");
    } else if (!ids.insert(criterion.criterion_id()).second) {
      violations->Add(path + "criterion_id", common::v1::DUPLICATE_IN_REQUEST,
                      "criterion_id used by an earlier criterion");
    }
    runtime::CheckTextLength(path + "display_name", criterion.display_name(), 1, 200, violations);
    if (criterion.metric() == v1::ASSESSMENT_METRIC_UNSPECIFIED ||
        !v1::AssessmentMetric_IsValid(criterion.metric())) {
      violations->Add(path + "metric", common::v1::FIELD_REQUIRED, "set a known metric");
    }
    const bool deduction = criterion.rule() == v1::SCORING_RULE_DEDUCTION;
    if (criterion.rule() == v1::SCORING_RULE_UNSPECIFIED ||
        !v1::ScoringRule_IsValid(criterion.rule())) {
      violations->Add(path + "rule", common::v1::FIELD_REQUIRED, "set a known scoring rule");
    } else if (deduction) {
      if (criterion.points_per_unit() < 1 || criterion.points_per_unit() > kMaxPointsPerUnit) {
        violations->Add(path + "points_per_unit", common::v1::FIELD_OUT_OF_RANGE,
                        "1..1000 points per unit for DEDUCTION");
      }
      if (criterion.target() != 0) {
        violations->Add(path + "target", common::v1::VALUE_NOT_ALLOWED,
                        "DEDUCTION takes no target");
      }
    } else {
      if (criterion.target() < 1 || criterion.target() > kMaxTarget) {
        violations->Add(path + "target", common::v1::FIELD_OUT_OF_RANGE,
                        "1..1000000000 for PROPORTIONAL and THRESHOLD");
      }
      if (criterion.points_per_unit() != 0) {
        violations->Add(path + "points_per_unit", common::v1::VALUE_NOT_ALLOWED,
                        "only DEDUCTION takes points per unit");
      }
    }
    if (criterion.max_points() < 1 || criterion.max_points() > kMaxCriterionPoints) {
      violations->Add(path + "max_points", common::v1::FIELD_OUT_OF_RANGE, "1..1000 points");
    } else if (!deduction) {
      positive_points += criterion.max_points();
    }
  }
  if (positive_points > kMaxRubricPoints) {
    violations->Add(field, common::v1::FIELD_OUT_OF_RANGE,
                    "the max_points of PROPORTIONAL and THRESHOLD criteria add up to more than "
                    "1000");
  }
}

void CheckNewRubric(const v1::AssessmentRubric& rubric, const runtime::RegionDirectory& regions,
                    runtime::FieldViolations* violations) {
  const std::string prefix = "assessment_rubric.";
  CheckRubricDisplayName(prefix + "display_name", rubric.display_name(), violations);
  CheckOrganizationKinds(prefix + "organization_kinds", rubric, violations);
  if (rubric.region_code().empty()) {
    violations->Add(prefix + "region_code", common::v1::FIELD_REQUIRED,
                    "where the rubric applies, e.g. 430102");
  } else if (!regions.Knows(rubric.region_code())) {
    violations->Add(prefix + "region_code", common::v1::REFERENCE_NOT_FOUND,
                    "not a known region code");
  }
  const auto granularity = rubric.granularity();
  if (granularity != common::v1::PERIOD_GRANULARITY_MONTH &&
      granularity != common::v1::PERIOD_GRANULARITY_QUARTER &&
      granularity != common::v1::PERIOD_GRANULARITY_YEAR) {
    violations->Add(prefix + "granularity",
                    granularity == 0 ? common::v1::FIELD_REQUIRED : common::v1::VALUE_NOT_ALLOWED,
                    "MONTH, QUARTER or YEAR");
  }
  CheckCriteria(prefix + "criteria", rubric, violations);
}

}  // namespace jindu::reporting
