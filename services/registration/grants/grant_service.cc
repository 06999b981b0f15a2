#include "registration/grants/grant_service.h"

#include "jindu/registration/events/v1/grant_events.pb.h"
#include "runtime/api/paging.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/request_log.h"
#include "runtime/api/role_check.h"
#include "runtime/api/text_fields.h"
#include "runtime/grpc/handle_call.h"
#include "runtime/ids/resource_ids.h"

namespace jindu::registration {
namespace {

using common::v1::Role;
constexpr const char* kGrantType = "jindu.registration.v1.Grant";
constexpr std::initializer_list<Role> kAdministrators = {common::v1::ROLE_PROVINCE_ADMIN,
                                                         common::v1::ROLE_COUNTY_OFFICER};
constexpr std::initializer_list<Role> kReaders = {
    common::v1::ROLE_PROVINCE_ADMIN, common::v1::ROLE_COUNTY_OFFICER, common::v1::ROLE_AUDITOR,
    common::v1::ROLE_SYSTEM_CALLER};

void Publish(const RegistrationContext& context, pqxx::work& tx, const v1::Grant& grant,
             int64_t revision, bool revoked) {
  const std::string id = grant.name().substr(grant.name().find('/') + 1);
  events::v1::GrantGiven given;
  events::v1::GrantRevoked revocation;
  const google::protobuf::Message* payload = nullptr;
  if (revoked) {
    revocation.set_grant(grant.name());
    revocation.set_subject(grant.subject());
    revocation.set_role(grant.role());
    revocation.set_region_code(grant.region_code());
    payload = &revocation;
  } else {
    given.set_grant(grant.name());
    given.set_subject(grant.subject());
    given.set_role(grant.role());
    given.set_region_code(grant.region_code());
    if (grant.has_expire_time()) *given.mutable_expire_time() = grant.expire_time();
    payload = &given;
  }
  context.outbox.Append(tx, {.aggregate_type = "grant",
                             .aggregate_id = id,
                             .aggregate_version = revision,
                             .region_code = grant.region_code(),
                             .payload = payload});
}

}  // namespace

GrantServiceImpl::GrantServiceImpl(RegistrationContext& context)
    : context_(context), grants_(context.schema(), context.personal_data.cipher) {}

grpc::Status GrantServiceImpl::MayAdminister(const runtime::Principal& principal, Role role,
                                             const std::string& region_code) const {
  const std::string admin = runtime::RoleClaim(common::v1::ROLE_PROVINCE_ADMIN);
  const std::string officer = runtime::RoleClaim(common::v1::ROLE_COUNTY_OFFICER);
  const bool top_roles =
      role == common::v1::ROLE_PROVINCE_ADMIN || role == common::v1::ROLE_SYSTEM_CALLER;
  for (const std::string& scope : principal.ScopesFor({admin})) {
    if (context_.regions.Contains(scope, region_code)) return grpc::Status::OK;
  }
  if (!top_roles) {
    for (const std::string& scope : principal.ScopesFor({officer})) {
      if (scope != region_code && context_.regions.Contains(scope, region_code)) {
        return grpc::Status::OK;
      }
    }
  }
  return runtime::ApiError(grpc::StatusCode::PERMISSION_DENIED, common::v1::REGION_OUT_OF_SCOPE,
                           "grant.region_code: only an administrator of a higher level may grant "
                           "or revoke " +
                               runtime::RoleClaim(role) + " at " + region_code,
                           {{"region_code", region_code}});
}

grpc::Status GrantServiceImpl::CreateGrant(grpc::ServerContext* server_context,
                                           const v1::CreateGrantRequest* request,
                                           v1::Grant* response) {
  return runtime::HandleCall(
      server_context, context_.resources.call_policy, [&](const runtime::CallContext& call) {
        runtime::CallerAccess caller(call.principal(), context_.regions);
        if (auto status = caller.RequireRole("CreateGrant", kAdministrators); !status.ok()) {
          return status;
        }
        const v1::Grant& input = request->grant();
        runtime::FieldViolations violations;
        runtime::CheckTextLength("grant.subject", input.subject(), 1, 255, &violations);
        runtime::CheckTextLength("grant.subject_display_name", input.subject_display_name(), 0, 64,
                                 &violations);
        if (input.role() == common::v1::ROLE_UNSPECIFIED ||
            !common::v1::Role_IsValid(input.role())) {
          violations.Add("grant.role", common::v1::FIELD_REQUIRED, "must name a role");
        }
        if (input.region_code().empty()) {
          violations.Add("grant.region_code", common::v1::FIELD_REQUIRED, "the scope of the grant");
        } else if (!context_.regions.Knows(input.region_code())) {
          violations.Add("grant.region_code", common::v1::REFERENCE_NOT_FOUND,
                         "not a region of the tree");
        }
        if (input.has_expire_time() && input.expire_time().seconds() <=
                                           std::chrono::duration_cast<std::chrono::seconds>(
                                               std::chrono::system_clock::now().time_since_epoch())
                                               .count()) {
          violations.Add("grant.expire_time", common::v1::FIELD_OUT_OF_RANGE,
                         "must be in the future");
        }
        if (!violations.empty()) return violations.ToStatus();
        if (auto status = MayAdminister(call.principal(), input.role(), input.region_code());
            !status.ok()) {
          return status;
        }

        auto connection = context_.resources.database.Acquire();
        pqxx::work tx(*connection);
        runtime::RequestLog log(tx, context_.schema(), "CreateGrant", request->request_id(),
                                *request, call.principal().subject);
        if (!log.status().ok()) return log.status();
        if (log.Earlier().has_value()) {
          auto earlier = grants_.Find(tx, *log.Earlier());
          if (!earlier.has_value()) return runtime::NotFoundError(kGrantType, *log.Earlier());
          *response = earlier->grant;
          return grpc::Status::OK;
        }
        // One active grant per subject, role and region; racing creates meet on the unique index.
        tx.exec_params(
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            input.subject() + "/" + std::to_string(input.role()) + "/" + input.region_code());
        if (auto existing =
                grants_.FindActive(tx, input.subject(), input.role(), input.region_code())) {
          return runtime::AlreadyExistsError(common::v1::RESOURCE_ALREADY_EXISTS,
                                             "the subject already holds this role for this region",
                                             kGrantType, "grants/" + *existing);
        }
        const std::string id = runtime::NewResourceId();
        grants_.Insert(tx, id, input, context_.regions.EnclosingPath(input.region_code()),
                       caller.subject());
        auto created = grants_.Find(tx, id);
        Publish(context_, tx, created->grant, created->revision, /*revoked=*/false);
        log.Record(id);
        tx.commit();
        *response = created->grant;
        return grpc::Status::OK;
      });
}

grpc::Status GrantServiceImpl::GetGrant(grpc::ServerContext* server_context,
                                        const v1::GetGrantRequest* request, v1::Grant* response) {
  return runtime::HandleCall(
      server_context, context_.resources.call_policy, [&](const runtime::CallContext& call) {
        runtime::CallerAccess caller(call.principal(), context_.regions);
        if (auto status = caller.RequireRole("GetGrant", kReaders); !status.ok()) return status;
        runtime::FieldViolations violations;
        const std::string id = runtime::CheckResourceName(violations, "name", request->name(),
                                                          "grants/", /*required=*/true);
        if (!violations.empty()) return violations.ToStatus();
        auto connection = context_.resources.database.Acquire();
        pqxx::read_transaction tx(*connection);
        auto stored = grants_.Find(tx, id);
        if (!stored.has_value() || !caller.Covers(stored->grant.region_code())) {
          return runtime::NotFoundError(kGrantType, request->name());
        }
        *response = stored->grant;
        return grpc::Status::OK;
      });
}

grpc::Status GrantServiceImpl::ListGrants(grpc::ServerContext* server_context,
                                          const v1::ListGrantsRequest* request,
                                          v1::ListGrantsResponse* response) {
  return runtime::HandleCall(
      server_context, context_.resources.call_policy, [&](const runtime::CallContext& call) {
        runtime::CallerAccess caller(call.principal(), context_.regions);
        if (auto status = caller.RequireRole("ListGrants", kReaders); !status.ok()) return status;
        runtime::FieldViolations violations;
        if (!common::v1::Role_IsValid(request->role())) {
          violations.Add("role", common::v1::VALUE_NOT_ALLOWED, "unknown role");
        }
        if (!v1::GrantState_IsValid(request->state())) {
          violations.Add("state", common::v1::VALUE_NOT_ALLOWED, "unknown state");
        }
        runtime::CheckRegionFilter(violations, context_.regions, "within_region_code",
                                   request->within_region_code());
        runtime::PageRequest page;
        if (auto status = runtime::ReadPageRequest(*request, &page); !status.ok()) return status;
        if (!violations.empty()) return violations.ToStatus();
        std::vector<std::string> regions;
        bool all = false;
        if (auto status = caller.ListScope("within_region_code", request->within_region_code(),
                                           &regions, &all);
            !status.ok()) {
          return status;
        }
        GrantListQuery query{.subject = request->subject(),
                             .role = request->role(),
                             .state = request->state(),
                             .after_cursor = page.cursor,
                             .limit = page.page_size};
        auto connection = context_.resources.database.Acquire();
        pqxx::read_transaction tx(*connection);
        query.region_condition = runtime::RegionPathCondition(tx, "region_path", regions, all);
        auto rows = grants_.List(tx, query);
        const bool more = static_cast<int>(rows.size()) > page.page_size;
        if (more) rows.pop_back();
        std::string cursor;
        for (auto& stored : rows) {
          const auto& created = stored.grant.audit().create_time();
          cursor = runtime::JoinCursor(
              {std::to_string(created.seconds() * 1000000 + created.nanos() / 1000), stored.id});
          *response->add_grants() = std::move(stored.grant);
        }
        if (more) response->set_next_page_token(runtime::NextPageToken(*request, cursor));
        return grpc::Status::OK;
      });
}

grpc::Status GrantServiceImpl::RevokeGrant(grpc::ServerContext* server_context,
                                           const v1::RevokeGrantRequest* request,
                                           v1::Grant* response) {
  return runtime::HandleCall(
      server_context, context_.resources.call_policy, [&](const runtime::CallContext& call) {
        runtime::CallerAccess caller(call.principal(), context_.regions);
        if (auto status = caller.RequireRole("RevokeGrant", kAdministrators); !status.ok()) {
          return status;
        }
        runtime::FieldViolations violations;
        const std::string id = runtime::CheckResourceName(violations, "name", request->name(),
                                                          "grants/", /*required=*/true);
        runtime::CheckTextLength("reason", request->reason(), 1, 500, &violations);
        if (!violations.empty()) return violations.ToStatus();
        auto connection = context_.resources.database.Acquire();
        pqxx::work tx(*connection);
        auto stored = grants_.Find(tx, id, /*lock=*/true);
        if (!stored.has_value() || !caller.Covers(stored->grant.region_code())) {
          return runtime::NotFoundError(kGrantType, request->name());
        }
        if (auto status =
                MayAdminister(call.principal(), stored->grant.role(), stored->grant.region_code());
            !status.ok()) {
          return status;
        }
        if (!request->etag().empty() && request->etag() != std::to_string(stored->revision)) {
          return runtime::EtagMismatchError(request->name());
        }
        if (stored->grant.state() == v1::GRANT_STATE_REVOKED) {
          return runtime::FailedPreconditionError(common::v1::ILLEGAL_STATE_TRANSITION,
                                                  "the grant is already revoked", request->name());
        }
        grants_.Revoke(tx, id, request->reason(), caller.subject());
        auto revoked = grants_.Find(tx, id);
        Publish(context_, tx, revoked->grant, revoked->revision, /*revoked=*/true);
        tx.commit();
        *response = revoked->grant;
        return grpc::Status::OK;
      });
}

grpc::Status GrantServiceImpl::GetCallerAccess(grpc::ServerContext* server_context,
                                               const v1::GetCallerAccessRequest*,
                                               v1::CallerAccess* response) {
  return runtime::HandleCall(server_context, context_.resources.call_policy,
                             [&](const runtime::CallContext& call) {
                               auto connection = context_.resources.database.Acquire();
                               pqxx::read_transaction tx(*connection);
                               response->set_subject(call.principal().subject);
                               for (auto& stored : grants_.ActiveOf(tx, call.principal().subject)) {
                                 *response->add_grants() = std::move(stored.grant);
                               }
                               return grpc::Status::OK;
                             });
}

}  // namespace jindu::registration
