#pragma once
// Organisations: associations, branches, groups, teams, lecture teams and stations; officers;
// the village member group budget.
#include "jindu/registration/v1/registration_service.pb.h"
#include "registration/registration_context.h"
#include "runtime/grpc/call_context.h"

namespace jindu::registration {

class OrganizationHandlers {
 public:
  explicit OrganizationHandlers(RegistrationContext& context) : context_(context) {}

  grpc::Status Create(const runtime::CallContext& call,
                      const v1::CreateOrganizationRequest& request, v1::Organization* response);
  grpc::Status Get(const runtime::CallContext& call, const v1::GetOrganizationRequest& request,
                   v1::Organization* response);
  grpc::Status List(const runtime::CallContext& call, const v1::ListOrganizationsRequest& request,
                    v1::ListOrganizationsResponse* response);
  grpc::Status Update(const runtime::CallContext& call,
                      const v1::UpdateOrganizationRequest& request, v1::Organization* response);
  grpc::Status Dissolve(const runtime::CallContext& call,
                        const v1::DissolveOrganizationRequest& request, v1::Organization* response);

 private:
  RegistrationContext& context_;
};

}  // namespace jindu::registration
