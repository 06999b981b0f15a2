#pragma once
// Every gRPC service of the suite, for the scenarios that call each method of each one (the
// authentication and hostile-input attacks): which process hosts which services, found from the
// contracts' descriptors so that a method added to a .proto is attacked without editing a list.
#include <google/protobuf/descriptor.h>

#include <string>
#include <vector>

#include "jindu/casework/v1/access_audit_service.grpc.pb.h"
#include "jindu/casework/v1/casework_service.grpc.pb.h"
#include "jindu/casework/v1/tip_service.grpc.pb.h"
#include "jindu/publicity/v1/publicity_service.grpc.pb.h"
#include "jindu/registration/v1/grant_service.grpc.pb.h"
#include "jindu/registration/v1/region_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"
#include "jindu/reporting/v1/assessment_service.grpc.pb.h"
#include "jindu/reporting/v1/filing_service.grpc.pb.h"
#include "jindu/reporting/v1/reporting_service.grpc.pb.h"
#include "reliability_support.h"

namespace jindu::testing::reliability {

struct Target {
  std::string name;
  ServiceProcess* process;
  std::vector<const google::protobuf::ServiceDescriptor*> services;  // the gRPC services it hosts
};

// The service of the .proto file that defines `Request` (one of its request messages: naming the
// message links the file's descriptors into this program).
template <typename Request>
const google::protobuf::ServiceDescriptor* ServiceOf() {
  const google::protobuf::FileDescriptor* file = Request::descriptor()->file();
  return file->service_count() == 1 ? file->service(0) : nullptr;
}

// The four services of `suite` with every gRPC service each hosts.
inline std::vector<Target> EveryServiceOf(ReportingSuite& suite) {
  namespace reg = registration::v1;
  namespace cw = casework::v1;
  namespace rep = reporting::v1;
  return {
      {"registration",
       &suite.registration(),
       {ServiceOf<reg::CreateOrganizationRequest>(), ServiceOf<reg::GetRegionRequest>(),
        ServiceOf<reg::CreateGrantRequest>()}},
      {"casework",
       &suite.casework(),
       {ServiceOf<cw::CreateCaseRequest>(), ServiceOf<cw::CreateTipRequest>(),
        ServiceOf<cw::ListAccessAuditEntriesRequest>()}},
      {"publicity", &suite.publicity(), {ServiceOf<publicity::v1::CreateActivityRequest>()}},
      {"reporting",
       &suite.reporting(),
       {ServiceOf<rep::ComputeRegionFiguresRequest>(),
        ServiceOf<rep::CreateAssessmentRubricRequest>(), ServiceOf<rep::GetFilingRequest>()}},
  };
}

}  // namespace jindu::testing::reliability
