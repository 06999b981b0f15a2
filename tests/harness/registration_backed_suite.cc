#include "harness/registration_backed_suite.h"

#include <gtest/gtest.h>

#include <fstream>
#include <pqxx/pqxx>
#include <sstream>
#include <thread>

#include "jindu/registration/v1/region_service.grpc.pb.h"

namespace jindu::testing {
namespace {

const TestCaller kRegionAdmin{
    .subject = "suite-admin", .roles = {"province_admin"}, .regions = {"430000"}};

std::string SampleRegions() {
  std::ifstream in(std::string(JINDU_SOURCE_DIR) + "/tests/data/regions_hunan_sample.csv");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The service knows a region once its region replica holds it.
bool ServiceKnows(ServiceProcess& service, const std::string& schema, const std::string& code) {
  pqxx::connection connection(service.postgres_url());
  pqxx::nontransaction tx(connection);
  return !tx.exec_params(
                "SELECT 1 FROM " + tx.quote_name(schema) + ".region_replica WHERE region_code = $1",
                code)
              .empty();
}

void Import(ServiceProcess& registration, const std::string& csv) {
  auto stub = registration::v1::RegionService::NewStub(registration.Channel());
  registration::v1::ImportRegionsRequest request;
  request.set_csv(csv);
  registration::v1::ImportRegionsResponse response;
  auto context = registration.Context(kRegionAdmin);
  grpc::Status status = stub->ImportRegions(context.get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
}

void WaitUntilKnown(ServiceProcess& service, const std::string& schema, const std::string& code) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!ServiceKnows(service, schema, code)) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline)
        << schema << " never learned region " << code << "\n"
        << service.Log();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

}  // namespace

void RegistrationBackedSuite::Launch(const std::string& name, const std::string& binary,
                                     const std::string& schema,
                                     const std::string& extra_regions_csv,
                                     const std::string& last_region_code,
                                     const std::map<std::string, std::string>& environment) {
  schema_ = schema;
  registration_ =
      ServiceProcess::Start("services/registration/jindu-registration", name + "_registration");
  service_ = ServiceProcess::Start(binary, name + "_" + schema, environment);
  Import(*registration_, SampleRegions());
  if (!extra_regions_csv.empty()) Import(*registration_, extra_regions_csv);
  WaitUntilKnown(*service_, schema_, last_region_code);
}

std::unique_ptr<RegistrationBackedSuite> RegistrationBackedSuite::Start(
    const std::string& name, const std::string& binary, const std::string& schema,
    const std::string& extra_regions_csv, const std::string& last_region_code,
    const std::map<std::string, std::string>& environment) {
  auto suite = std::unique_ptr<RegistrationBackedSuite>(new RegistrationBackedSuite());
  suite->Launch(name, binary, schema, extra_regions_csv, last_region_code, environment);
  return suite;
}

void RegistrationBackedSuite::ImportRegions(const std::string& csv,
                                            const std::string& last_region_code) {
  Import(*registration_, csv);
  WaitUntilKnown(*service_, schema_, last_region_code);
}

std::unique_ptr<CaseworkSuite> CaseworkSuite::Start(
    const std::string& name, const std::string& extra_regions_csv,
    const std::string& last_region_code,
    const std::map<std::string, std::string>& casework_environment) {
  auto suite = std::unique_ptr<CaseworkSuite>(new CaseworkSuite());
  suite->Launch(name, "services/casework/jindu-casework", "casework", extra_regions_csv,
                last_region_code, casework_environment);
  return suite;
}

}  // namespace jindu::testing
