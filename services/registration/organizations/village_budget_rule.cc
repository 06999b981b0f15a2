#include "registration/organizations/village_budget_rule.h"

#include <charconv>
#include <vector>

namespace jindu::registration {

std::optional<VillageBudgetRule> ParseVillageBudgetRule(const std::string& text) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t end = text.find(':', start);
    parts.push_back(text.substr(start, end == std::string::npos ? end : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (parts.size() != 4 || parts[0].empty()) return std::nullopt;
  VillageBudgetRule rule;
  rule.version = parts[0];
  int64_t* numbers[] = {&rule.population_threshold, &rule.fen_at_or_above, &rule.fen_below};
  for (int i = 0; i < 3; ++i) {
    const std::string& part = parts[i + 1];
    auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), *numbers[i]);
    if (error != std::errc() || end != part.data() + part.size() || *numbers[i] < 0) {
      return std::nullopt;
    }
  }
  return rule;
}

}  // namespace jindu::registration
