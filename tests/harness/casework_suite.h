#pragma once
// The casework service as its tests meet it: the registration service runs beside it, because the
// region tree reaches casework only as registration's events, exactly as in production. Start
// imports the seeds' sample tree (tests/data/regions_hunan_sample.csv) plus `extra_regions_csv`
// into registration and returns once casework's replica knows `last_region_code`.
//
//   auto suite = CaseworkSuite::Start("casework_cases", kTownshipsCsv, "430103001");
//   auto stub = casework::v1::CaseworkService::NewStub(suite->casework().Channel());
#include <map>
#include <memory>
#include <string>

#include "harness/service_process.h"

namespace jindu::testing {

class CaseworkSuite {
 public:
  // `name` prefixes the two databases. Extra environment goes to the casework service.
  static std::unique_ptr<CaseworkSuite> Start(
      const std::string& name, const std::string& extra_regions_csv,
      const std::string& last_region_code,
      const std::map<std::string, std::string>& casework_environment = {});

  ServiceProcess& registration() { return *registration_; }
  ServiceProcess& casework() { return *casework_; }

  // Imports more regions (a CSV with the header of region_import) and waits for casework to know
  // `last_region_code`.
  void ImportRegions(const std::string& csv, const std::string& last_region_code);

 private:
  std::unique_ptr<ServiceProcess> registration_;
  std::unique_ptr<ServiceProcess> casework_;
};

// The header line of a region CSV.
inline constexpr char kRegionCsvHeader[] = "code,name,level,parent,valid_from,valid_to\n";

}  // namespace jindu::testing
