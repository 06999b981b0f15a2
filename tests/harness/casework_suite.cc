#include "harness/casework_suite.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "jindu/casework/v1/casework_service.grpc.pb.h"
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

// Casework knows a region once a province admin may name it in a list filter.
bool CaseworkKnows(ServiceProcess& casework, const std::string& code) {
  auto stub = casework::v1::CaseworkService::NewStub(casework.Channel());
  casework::v1::ListCasesRequest request;
  request.set_within_region_code(code);
  request.set_page_size(1);
  casework::v1::ListCasesResponse response;
  auto context = casework.Context(kRegionAdmin);
  return stub->ListCases(context.get(), request, &response).ok();
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

void WaitUntilKnown(ServiceProcess& casework, const std::string& code) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!CaseworkKnows(casework, code)) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline)
        << "casework never learned region " << code << "\n"
        << casework.Log();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

}  // namespace

std::unique_ptr<CaseworkSuite> CaseworkSuite::Start(
    const std::string& name, const std::string& extra_regions_csv,
    const std::string& last_region_code,
    const std::map<std::string, std::string>& casework_environment) {
  auto suite = std::unique_ptr<CaseworkSuite>(new CaseworkSuite());
  suite->registration_ =
      ServiceProcess::Start("services/registration/jindu-registration", name + "_registration");
  suite->casework_ = ServiceProcess::Start("services/casework/jindu-casework", name + "_casework",
                                           casework_environment);
  Import(*suite->registration_, SampleRegions());
  if (!extra_regions_csv.empty()) Import(*suite->registration_, extra_regions_csv);
  WaitUntilKnown(*suite->casework_, last_region_code);
  return suite;
}

void CaseworkSuite::ImportRegions(const std::string& csv, const std::string& last_region_code) {
  Import(*registration_, csv);
  WaitUntilKnown(*casework_, last_region_code);
}

}  // namespace jindu::testing
