// jindu-region-import: imports a region tree or yearly denominators from a CSV file through the
// registration service's RegionService, for county IT staff and scripts.
//
//   jindu-region-import --target 127.0.0.1:50061 --regions regions.csv [--validate-only]
//   jindu-region-import --target ... --denominators denominators.csv
//
// The bearer token comes from $JINDU_TOKEN (never a flag: flags show in `ps`). Exit codes: 0
// imported (or validated), 1 the file was refused (each bad row is printed), 2 usage, 3 the
// service could not be reached or failed.
#include <grpcpp/grpcpp.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "jindu/registration/v1/region_service.grpc.pb.h"

namespace {

constexpr int kRefused = 1;
constexpr int kUsage = 2;
constexpr int kFailed = 3;

int Usage(const char* problem) {
  std::cerr << "jindu-region-import: " << problem << "\n"
            << "usage: jindu-region-import --target HOST:PORT (--regions FILE | --denominators "
               "FILE)\n"
               "                           [--validate-only] [--request-id UUID]\n"
               "The bearer token is read from $JINDU_TOKEN.\n";
  return kUsage;
}

int Report(const grpc::Status& status) {
  std::cerr << "refused: " << status.error_message() << "\n";
  google::rpc::Status details;
  if (details.ParseFromString(status.error_details())) {
    for (const auto& detail : details.details()) {
      google::rpc::BadRequest bad_request;
      if (!detail.Is<google::rpc::BadRequest>() || !detail.UnpackTo(&bad_request)) continue;
      for (const auto& violation : bad_request.field_violations()) {
        std::cerr << "  " << violation.field() << ": " << violation.description() << " ("
                  << violation.reason() << ")\n";
      }
    }
  }
  switch (status.error_code()) {
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::PERMISSION_DENIED:
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::ALREADY_EXISTS:
      return kRefused;
    default:
      return kFailed;
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> flags;
  bool validate_only = false;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--validate-only") {
      validate_only = true;
    } else if ((flag == "--target" || flag == "--regions" || flag == "--denominators" ||
                flag == "--request-id") &&
               i + 1 < argc) {
      flags[flag] = argv[++i];
    } else if (flag == "--help" || flag == "-h") {
      Usage("imports regions or denominators");
      return 0;
    } else {
      return Usage(("unknown or incomplete flag " + flag).c_str());
    }
  }
  if (!flags.contains("--target")) return Usage("--target is required");
  if (flags.contains("--regions") == flags.contains("--denominators")) {
    return Usage("give exactly one of --regions and --denominators");
  }
  const char* token = std::getenv("JINDU_TOKEN");
  if (token == nullptr || *token == '\0') return Usage("set JINDU_TOKEN to a bearer token");
  const std::string path =
      flags.contains("--regions") ? flags["--regions"] : flags["--denominators"];
  std::ifstream in(path, std::ios::binary);
  if (!in) return Usage(("cannot read " + path).c_str());
  std::stringstream content;
  content << in.rdbuf();

  auto stub = jindu::registration::v1::RegionService::NewStub(
      grpc::CreateChannel(flags["--target"], grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(5));
  context.AddMetadata("authorization", std::string("Bearer ") + token);
  grpc::Status status;
  int rows_read = 0, created = 0, updated = 0, unchanged = 0;
  if (flags.contains("--regions")) {
    jindu::registration::v1::ImportRegionsRequest request;
    request.set_csv(content.str());
    request.set_validate_only(validate_only);
    request.set_request_id(flags["--request-id"]);
    jindu::registration::v1::ImportRegionsResponse response;
    status = stub->ImportRegions(&context, request, &response);
    rows_read = response.rows_read(), created = response.created();
    updated = response.updated(), unchanged = response.unchanged();
  } else {
    jindu::registration::v1::ImportRegionDenominatorsRequest request;
    request.set_csv(content.str());
    request.set_validate_only(validate_only);
    request.set_request_id(flags["--request-id"]);
    jindu::registration::v1::ImportRegionDenominatorsResponse response;
    status = stub->ImportRegionDenominators(&context, request, &response);
    rows_read = response.rows_read(), created = response.created();
    updated = response.updated(), unchanged = response.unchanged();
  }
  if (!status.ok()) return Report(status);
  std::printf("%s: %d rows read, %d created, %d updated, %d unchanged\n",
              validate_only ? "validated (nothing applied)" : "imported", rows_read, created,
              updated, unchanged);
  return 0;
}
