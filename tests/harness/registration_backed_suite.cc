#include "harness/registration_backed_suite.h"

#include <gtest/gtest.h>

#include <algorithm>
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

// The region codes of a region CSV (the first field of every line after the header).
std::vector<std::string> CodesOf(const std::string& csv) {
  std::vector<std::string> codes;
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);  // header
  while (std::getline(lines, line)) {
    const std::string code = line.substr(0, line.find(','));
    if (!code.empty() && code != "\r") codes.push_back(code);
  }
  return codes;
}

// How many of `codes` the service's region replica holds.
size_t KnownCount(ServiceProcess& service, const std::string& schema,
                  const std::vector<std::string>& codes) {
  std::string list;
  for (const std::string& code : codes) list += (list.empty() ? "" : ",") + code;
  pqxx::connection connection(service.postgres_url());
  pqxx::nontransaction tx(connection);
  return tx
      .exec_params("SELECT count(*) FROM " + tx.quote_name(schema) +
                       ".region_replica WHERE region_code = ANY(string_to_array($1, ','))",
                   list)[0][0]
      .as<size_t>();
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

// Region events are keyed by code and spread over partitions, so the last code of an import can
// arrive before others: the suite waits for every code it imported.
void WaitUntilKnown(ServiceProcess& service, const std::string& schema,
                    std::vector<std::string> codes) {
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  size_t known = 0;
  while ((known = KnownCount(service, schema, codes)) < codes.size()) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline)
        << schema << " learned " << known << " of " << codes.size() << " regions\n"
        << service.Log();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

}  // namespace

void RegistrationBackedSuite::Launch(
    const std::string& name, const std::string& binary, const std::string& schema,
    const std::string& extra_regions_csv, const std::string& last_region_code,
    const std::map<std::string, std::string>& environment, const std::vector<Companion>& companions,
    const std::map<std::string, std::string>& every_service_environment) {
  schema_ = schema;
  std::map<std::string, std::string> service_environment = every_service_environment;
  for (const auto& [variable, value] : environment) service_environment[variable] = value;
  // Launched side by side, then awaited: their start-ups overlap.
  registration_ = ServiceProcess::Launch("services/registration/jindu-registration",
                                         name + "_registration", every_service_environment);
  for (const Companion& companion : companions) {
    companions_[companion.schema] = ServiceProcess::Launch(
        companion.binary, name + "_" + companion.schema, every_service_environment);
  }
  service_ = ServiceProcess::Launch(binary, name + "_" + schema, service_environment);
  registration_->AwaitServing();
  for (auto& [companion_schema, companion] : companions_) companion->AwaitServing();
  service_->AwaitServing();
  const std::string sample = SampleRegions();
  Import(*registration_, sample);
  std::vector<std::string> codes = CodesOf(sample);
  if (!extra_regions_csv.empty()) {
    Import(*registration_, extra_regions_csv);
    for (const std::string& code : CodesOf(extra_regions_csv)) codes.push_back(code);
  }
  codes.push_back(last_region_code);
  WaitUntilKnown(*service_, schema_, codes);
  for (auto& [companion_schema, companion] : companions_) {
    WaitUntilKnown(*companion, companion_schema, codes);
  }
}

RegistrationBackedSuite::~RegistrationBackedSuite() {
  // Every service drains at once; the members' destructors then wait for each.
  if (service_ != nullptr) service_->BeginStop();
  for (auto& [schema, companion] : companions_) companion->BeginStop();
  if (registration_ != nullptr) registration_->BeginStop();
}

ServiceProcess& RegistrationBackedSuite::companion(const std::string& schema) {
  return *companions_.at(schema);
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
  std::vector<std::string> codes = CodesOf(csv);
  codes.push_back(last_region_code);
  WaitUntilKnown(*service_, schema_, codes);
  for (auto& [companion_schema, companion] : companions_) {
    WaitUntilKnown(*companion, companion_schema, codes);
  }
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

std::unique_ptr<ReportingSuite> ReportingSuite::Start(
    const std::string& name, const std::string& extra_regions_csv,
    const std::string& last_region_code,
    const std::map<std::string, std::string>& reporting_environment,
    const std::map<std::string, std::string>& every_service_environment) {
  auto suite = std::unique_ptr<ReportingSuite>(new ReportingSuite());
  suite->Launch(name, "services/reporting/jindu-reporting", "reporting", extra_regions_csv,
                last_region_code, reporting_environment,
                {{"services/publicity/jindu-publicity", "publicity"},
                 {"services/casework/jindu-casework", "casework"}},
                every_service_environment);
  return suite;
}

}  // namespace jindu::testing
