#pragma once
// What every handler of the registration service works with: the shared runtime's resources, the
// region tree in memory, the personal-data keys, the outbox and the configured rules. Built once in
// main.cc; lives as long as the process.
#include <string>

#include "registration/organizations/village_budget_rule.h"
#include "runtime/crypto/personal_data_protection.h"
#include "runtime/outbox/outbox_writer.h"
#include "runtime/regions/region_directory.h"
#include "runtime/service/service_main.h"

namespace jindu::registration {

struct RegistrationContext {
  const runtime::ServiceResources& resources;
  runtime::RegionDirectory& regions;
  const runtime::PersonalDataProtection& personal_data;
  runtime::OutboxWriter outbox;
  VillageBudgetRule village_budget;

  const std::string& schema() const { return resources.schema; }
};

}  // namespace jindu::registration
