#pragma once
// The rules a rubric's caller-set fields follow (assessment.proto), checked on create and on the
// fields an update changes, so every revision stored can be scored.
#include <string>

#include "jindu/reporting/v1/assessment.pb.h"
#include "runtime/api/api_error.h"
#include "runtime/regions/region_directory.h"

namespace jindu::reporting {

// Largest max_points of one criterion and of the positive criteria together (a rubric scores out of
// at most 1000 points), largest target and points_per_unit.
inline constexpr int kMaxCriterionPoints = 1000;
inline constexpr int kMaxRubricPoints = 1000;
inline constexpr int64_t kMaxTarget = 1000000000;
inline constexpr int kMaxPointsPerUnit = 1000;

void CheckRubricDisplayName(const std::string& field, const std::string& value,
                            runtime::FieldViolations* violations);
void CheckOrganizationKinds(const std::string& field, const v1::AssessmentRubric& rubric,
                            runtime::FieldViolations* violations);
// Criteria at `field` ("assessment_rubric.criteria"): 1..50, distinct lower_snake_case ids, a
// metric and a rule each, max_points 1..1000, target for PROPORTIONAL / THRESHOLD only,
// points_per_unit for DEDUCTION only, positive points adding up to at most 1000.
void CheckCriteria(const std::string& field, const v1::AssessmentRubric& rubric,
                   runtime::FieldViolations* violations);
// Everything a create needs: the above, a known region_code and a MONTH / QUARTER / YEAR
// granularity.
void CheckNewRubric(const v1::AssessmentRubric& rubric, const runtime::RegionDirectory& regions,
                    runtime::FieldViolations* violations);

}  // namespace jindu::reporting
