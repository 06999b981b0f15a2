#pragma once

// The gRPC C++ API offers no way from a grpc::Service* to its full name ("jindu.casework.v1.
// CaseService"), which per-service health status needs. Server reflection learns the names from a
// builder plugin, handed the list while the server is built; this option installs such a plugin.

#include <grpcpp/impl/server_builder_option.h>

#include <memory>
#include <string>
#include <vector>

namespace jindu::runtime {

// After ServerBuilder::BuildAndStart, *names holds the full names of the services registered on the
// builder. names must outlive the build.
std::unique_ptr<grpc::ServerBuilderOption> CaptureServiceNames(std::vector<std::string>* names);

}  // namespace jindu::runtime
