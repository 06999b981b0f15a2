#include "registration/organizations/village_budget.h"

namespace jindu::registration {

std::optional<v1::VillageBudget> ComputeVillageBudget(pqxx::transaction_base& tx,
                                                      const DenominatorStore& denominators,
                                                      const VillageBudgetRule& rule,
                                                      const std::string& region_code, int year) {
  auto population = denominators.FindLatest(tx, region_code, year);
  if (!population.has_value()) return std::nullopt;
  v1::VillageBudget budget;
  budget.set_year(year);
  budget.mutable_amount()->set_currency_code("CNY");
  budget.mutable_amount()->set_minor_units(rule.BudgetFen(population->population));
  budget.set_population(population->population);
  budget.set_rule_version(rule.version);
  return budget;
}

}  // namespace jindu::registration
