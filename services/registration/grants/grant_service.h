#pragma once
// jindu.registration.v1.GrantService: what each subject may do where. Admins grant and revoke only
// below their own level (a province admin also at the province); county officers never hand out
// province admin or system caller roles. Every change commits with its GrantGiven / GrantRevoked
// event, from which every service's GrantDirectory learns it within seconds.
#include "jindu/registration/v1/grant_service.grpc.pb.h"
#include "registration/access/caller_access.h"
#include "registration/registration_context.h"
#include "registration/storage/grant_store.h"

namespace jindu::registration {

class GrantServiceImpl final : public v1::GrantService::Service {
 public:
  explicit GrantServiceImpl(RegistrationContext& context);

  grpc::Status CreateGrant(grpc::ServerContext* context, const v1::CreateGrantRequest* request,
                           v1::Grant* response) override;
  grpc::Status GetGrant(grpc::ServerContext* context, const v1::GetGrantRequest* request,
                        v1::Grant* response) override;
  grpc::Status ListGrants(grpc::ServerContext* context, const v1::ListGrantsRequest* request,
                          v1::ListGrantsResponse* response) override;
  grpc::Status RevokeGrant(grpc::ServerContext* context, const v1::RevokeGrantRequest* request,
                           v1::Grant* response) override;
  grpc::Status GetCallerAccess(grpc::ServerContext* context,
                               const v1::GetCallerAccessRequest* request,
                               v1::CallerAccess* response) override;

 private:
  // OK when the caller may grant or revoke `role` at `region_code`; PERMISSION_DENIED otherwise.
  grpc::Status MayAdminister(const runtime::Principal& principal, common::v1::Role role,
                             const std::string& region_code) const;

  RegistrationContext& context_;
  GrantStore grants_;
};

}  // namespace jindu::registration
