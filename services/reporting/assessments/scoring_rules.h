#pragma once
// How a criterion's figure becomes points (assessment.proto ScoringRule), in hundredths of a point,
// and how totals become ranks. Pure functions: the unit test pins every rule's edges.
#include <cstdint>
#include <vector>

#include "jindu/reporting/v1/assessment.pb.h"

namespace jindu::reporting {

// PROPORTIONAL: max_points * min(1, figure / target), rounded down to 0.01 points;
// THRESHOLD: max_points when figure >= target, else 0;
// DEDUCTION: -min(max_points, figure * points_per_unit).
// A negative figure counts as 0. Validation bounds the inputs, so nothing overflows.
int64_t CriterionCentipoints(const v1::AssessmentCriterion& criterion, int64_t figure);

// Competition ranks of totals already sorted best first: 1 for the best, ties share the rank and
// the next distinct total skips past them (100, 90, 90, 80 -> 1, 2, 2, 4).
std::vector<int32_t> CompetitionRanks(const std::vector<int64_t>& totals_best_first);

}  // namespace jindu::reporting
