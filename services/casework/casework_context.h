#pragma once
// What every handler of the casework service works with: the shared runtime's resources, the region
// tree (a replica fed by the registration service's events), the personal-data keys, the outbox and
// the configured rules. Built once in main.cc; lives as long as the process.
#include <string>

#include "runtime/crypto/personal_data_protection.h"
#include "runtime/outbox/outbox_writer.h"
#include "runtime/regions/region_directory.h"
#include "runtime/service/service_main.h"

namespace jindu::casework {

// The county's rules, from settings.
struct CaseworkRules {
  int contact_overdue_days = 30;      // no reached contact for longer: contact_overdue
  int measure_ending_soon_days = 60;  // measure ends within: measure_ending_soon
  // Days between scheduled urine tests under each measure (urine_tests/urine_test_schedule.h).
  int urine_test_interval_days_rehabilitation = 30;
  int urine_test_interval_days_recovery = 60;
};

struct CaseworkContext {
  const runtime::ServiceResources& resources;
  runtime::RegionDirectory& regions;
  const runtime::PersonalDataProtection& personal_data;
  runtime::OutboxWriter outbox;
  CaseworkRules rules;

  const std::string& schema() const { return resources.schema; }
};

}  // namespace jindu::casework
