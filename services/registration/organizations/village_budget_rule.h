#pragma once
// The annual budget of a village member group (村级会员小组), by village population (seed 002:
// 3000 yuan for villages of 3000 people or more, 2500 below). Configurable, versioned: the version
// travels with every computed budget so a figure can be traced to the rule that made it.
//
//   --village-budget-rule="village-budget-2021:3000:300000:250000"
//     version : population threshold : yuan-fen at or above : yuan-fen below
#include <cstdint>
#include <optional>
#include <string>

namespace jindu::registration {

struct VillageBudgetRule {
  std::string version = "village-budget-2021";
  int64_t population_threshold = 3000;
  int64_t fen_at_or_above = 300000;  // 3000.00 yuan
  int64_t fen_below = 250000;        // 2500.00 yuan

  int64_t BudgetFen(int64_t population) const {
    return population >= population_threshold ? fen_at_or_above : fen_below;
  }
};

// Parses "version:threshold:fen_at_or_above:fen_below"; nullopt when malformed.
std::optional<VillageBudgetRule> ParseVillageBudgetRule(const std::string& text);

}  // namespace jindu::registration
