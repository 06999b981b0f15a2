#pragma once
// What every handler and projection of the reporting service works with: the shared runtime's
// resources and the region tree (a replica fed by the registration service's events), which rolls
// figures up through the tree and special zones. Built once in main.cc; lives as long as the
// process.
#include <string>

#include "runtime/regions/region_directory.h"
#include "runtime/service/service_main.h"

namespace jindu::reporting {

struct ReportingContext {
  const runtime::ServiceResources& resources;
  runtime::RegionDirectory& regions;

  const std::string& schema() const { return resources.schema; }
};

}  // namespace jindu::reporting
