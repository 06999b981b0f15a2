#pragma once
// What every handler of the publicity service works with: the shared runtime's resources, the
// region tree (a replica fed by the registration service's events), the keyed hash that counts a
// participant once without storing who they are, and the outbox. Built once in main.cc; lives as
// long as the process.
#include <string>

#include "runtime/crypto/personal_data_protection.h"
#include "runtime/outbox/outbox_writer.h"
#include "runtime/regions/region_directory.h"
#include "runtime/service/service_main.h"

namespace jindu::publicity {

struct PublicityContext {
  const runtime::ServiceResources& resources;
  runtime::RegionDirectory& regions;
  const runtime::PersonalDataProtection& personal_data;
  runtime::OutboxWriter outbox;

  const std::string& schema() const { return resources.schema; }
};

}  // namespace jindu::publicity
