#include "reporting/assessments/scoring_rules.h"

#include <algorithm>

namespace jindu::reporting {

int64_t CriterionCentipoints(const v1::AssessmentCriterion& criterion, int64_t figure) {
  const int64_t value = std::max<int64_t>(figure, 0);
  const int64_t max_centipoints = int64_t{criterion.max_points()} * 100;
  switch (criterion.rule()) {
    case v1::SCORING_RULE_PROPORTIONAL: {
      if (criterion.target() <= 0) return 0;
      // Integer arithmetic rounds down exactly (no floating point drift at 0.01).
      return max_centipoints * std::min(value, criterion.target()) / criterion.target();
    }
    case v1::SCORING_RULE_THRESHOLD:
      return criterion.target() > 0 && value >= criterion.target() ? max_centipoints : 0;
    case v1::SCORING_RULE_DEDUCTION: {
      // Capping the figure at max_points first keeps the product small (points_per_unit >= 1).
      const int64_t units = std::min<int64_t>(value, criterion.max_points());
      return -std::min(max_centipoints, units * criterion.points_per_unit() * 100);
    }
    default:
      return 0;
  }
}

std::vector<int32_t> CompetitionRanks(const std::vector<int64_t>& totals_best_first) {
  std::vector<int32_t> ranks(totals_best_first.size());
  for (size_t i = 0; i < totals_best_first.size(); ++i) {
    ranks[i] = i > 0 && totals_best_first[i] == totals_best_first[i - 1]
                   ? ranks[i - 1]
                   : static_cast<int32_t>(i + 1);
  }
  return ranks;
}

}  // namespace jindu::reporting
