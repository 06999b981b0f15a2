#pragma once
// A service as its tests meet it: the registration service runs beside it, because the region tree
// (and organisations, volunteers) reach other services only as registration's events, exactly as in
// production. Start imports the seeds' sample tree (tests/data/regions_hunan_sample.csv) plus
// `extra_regions_csv` into registration and returns once the service's replica knows every region
// imported and `last_region_code`.
//
//   auto suite = CaseworkSuite::Start("casework_cases", kTownshipsCsv, "430103001");
//   auto stub = casework::v1::CaseworkService::NewStub(suite->casework().Channel());
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/service_process.h"

namespace jindu::testing {

// Any service beside registration: `binary` relative to the build directory, `schema` the
// service's schema (its region replica is what the suite waits on).
class RegistrationBackedSuite {
 public:
  // `name` prefixes the two databases. Extra environment goes to the service.
  static std::unique_ptr<RegistrationBackedSuite> Start(
      const std::string& name, const std::string& binary, const std::string& schema,
      const std::string& extra_regions_csv, const std::string& last_region_code,
      const std::map<std::string, std::string>& environment = {});
  virtual ~RegistrationBackedSuite();

  ServiceProcess& registration() { return *registration_; }
  ServiceProcess& service() { return *service_; }
  // A companion service started with the suite, by schema ("publicity").
  ServiceProcess& companion(const std::string& schema);

  // Imports more regions (a CSV with the header of region_import) and waits for the service to
  // know every region of it and `last_region_code`.
  void ImportRegions(const std::string& csv, const std::string& last_region_code);

 protected:
  // More services beside the one under test, each learning the same regions.
  struct Companion {
    std::string binary;
    std::string schema;
  };
  RegistrationBackedSuite() = default;
  void Launch(const std::string& name, const std::string& binary, const std::string& schema,
              const std::string& extra_regions_csv, const std::string& last_region_code,
              const std::map<std::string, std::string>& environment,
              const std::vector<Companion>& companions = {},
              const std::map<std::string, std::string>& every_service_environment = {});

 private:
  std::unique_ptr<ServiceProcess> registration_;
  std::unique_ptr<ServiceProcess> service_;
  std::map<std::string, std::unique_ptr<ServiceProcess>> companions_;
  std::string schema_;
};

class CaseworkSuite : public RegistrationBackedSuite {
 public:
  static std::unique_ptr<CaseworkSuite> Start(
      const std::string& name, const std::string& extra_regions_csv,
      const std::string& last_region_code,
      const std::map<std::string, std::string>& casework_environment = {});

  ServiceProcess& casework() { return service(); }
};

// The reporting service as its tests meet it: every service whose events it projects runs beside
// it (registration, publicity, casework), and facts enter through their public APIs.
class ReportingSuite : public RegistrationBackedSuite {
 public:
  // `every_service_environment` goes to all four services (e.g. JINDU_KAFKA_BOOTSTRAP of a
  // broker the test stops and restarts itself, which must not be the shared one).
  static std::unique_ptr<ReportingSuite> Start(
      const std::string& name, const std::string& extra_regions_csv,
      const std::string& last_region_code,
      const std::map<std::string, std::string>& reporting_environment = {},
      const std::map<std::string, std::string>& every_service_environment = {});

  ServiceProcess& reporting() { return service(); }
  ServiceProcess& publicity() { return companion("publicity"); }
  ServiceProcess& casework() { return companion("casework"); }
};

// The header line of a region CSV.
inline constexpr char kRegionCsvHeader[] = "code,name,level,parent,valid_from,valid_to\n";

}  // namespace jindu::testing
