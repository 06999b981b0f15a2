#pragma once
// Organisations: associations, branches, groups, teams, lecture teams and stations; officers;
// the village member group budget.
#include "jindu/registration/v1/registration_service.pb.h"
#include "registration/access/caller_access.h"
#include "registration/registration_context.h"
#include "registration/storage/denominator_store.h"
#include "registration/storage/organization_store.h"
#include "runtime/api/api_error.h"
#include "runtime/grpc/call_context.h"

namespace jindu::registration {

class OrganizationHandlers {
 public:
  explicit OrganizationHandlers(RegistrationContext& context);

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
  // The organisation as the API shows it (with this year's budget for a village member group).
  v1::Organization Present(pqxx::transaction_base& tx, StoredOrganization stored) const;
  // Appends OrganizationCreated/Changed and the officers' public profiles.
  void Publish(pqxx::work& tx, const v1::Organization& organization, int64_t revision,
               bool created) const;
  // Loads an organisation for a change, locked: NOT_FOUND outside the caller's scope (as when
  // missing), ABORTED / ETAG_MISMATCH when `etag` is given and stale.
  grpc::Status LoadForChange(pqxx::work& tx, const runtime::CallerAccess& caller,
                             const std::string& id, const std::string& name,
                             const std::string& etag,
                             std::optional<StoredOrganization>* stored) const;
  // Writes the changed organisation at its next revision, publishes, commits and answers.
  grpc::Status SaveAndAnswer(pqxx::work& tx, const runtime::CallerAccess& caller,
                             StoredOrganization* stored, v1::Organization* response) const;
  // Checks the parent named by `parent_name` for an organisation in `region_code`; sets *parent_id.
  void CheckParent(pqxx::transaction_base& tx, const runtime::CallerAccess& caller,
                   const std::string& parent_name, v1::OrganizationKind kind,
                   const std::string& region_code, runtime::FieldViolations* violations,
                   std::string* parent_id) const;

  RegistrationContext& context_;
  OrganizationStore organizations_;
  DenominatorStore denominators_;
};

}  // namespace jindu::registration
