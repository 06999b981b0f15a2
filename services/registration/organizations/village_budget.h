#pragma once
// A village member group's budget this year: the configured rule applied to the newest population
// figure of its village not after this year. Unset when no figure was imported.
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "jindu/registration/v1/organization.pb.h"
#include "registration/organizations/village_budget_rule.h"
#include "registration/storage/denominator_store.h"

namespace jindu::registration {

std::optional<v1::VillageBudget> ComputeVillageBudget(pqxx::transaction_base& tx,
                                                      const DenominatorStore& denominators,
                                                      const VillageBudgetRule& rule,
                                                      const std::string& region_code, int year);

}  // namespace jindu::registration
