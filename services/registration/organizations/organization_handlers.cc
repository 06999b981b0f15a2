#include "registration/organizations/organization_handlers.h"

#include "registration/organizations/organization_events.h"
#include "registration/organizations/organization_validation.h"
#include "registration/organizations/village_budget.h"
#include "runtime/api/paging.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/request_log.h"
#include "runtime/api/text_fields.h"
#include "runtime/ids/resource_ids.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::registration {
namespace {

constexpr const char* kOrganizationType = "jindu.registration.v1.Organization";
const std::vector<std::string> kCreatePaths = {"display_name", "kind",          "sector",
                                               "region_code",  "founding_date", "officers"};
const std::vector<std::string> kMutablePaths = {"display_name", "parent", "region_code",
                                                "founding_date", "officers"};

}  // namespace

OrganizationHandlers::OrganizationHandlers(RegistrationContext& context)
    : context_(context),
      organizations_(context.schema(), context.personal_data.cipher),
      denominators_(context.schema()) {}

v1::Organization OrganizationHandlers::Present(pqxx::transaction_base& tx,
                                               StoredOrganization stored) const {
  v1::Organization organization = std::move(stored.organization);
  if (organization.kind() == v1::ORGANIZATION_KIND_VILLAGE_MEMBER_GROUP &&
      organization.state() == v1::ORGANIZATION_STATE_ACTIVE) {
    if (auto budget =
            ComputeVillageBudget(tx, denominators_, context_.village_budget,
                                 organization.region_code(), runtime::TodayInShanghai().year)) {
      *organization.mutable_annual_budget() = *budget;
    }
  }
  return organization;
}

void OrganizationHandlers::Publish(pqxx::work& tx, const v1::Organization& organization,
                                   int64_t revision, bool created) const {
  const std::string id = organization.name().substr(organization.name().find('/') + 1);
  events::v1::OrganizationCreated created_event;
  events::v1::OrganizationChanged changed_event;
  *created_event.mutable_organization() = OrganizationFactsOf(organization);
  *changed_event.mutable_organization() = created_event.organization();
  context_.outbox.Append(
      tx, {.aggregate_type = "organization",
           .aggregate_id = id,
           .aggregate_version = revision,
           .region_code = organization.region_code(),
           .payload = created ? static_cast<const google::protobuf::Message*>(&created_event)
                              : &changed_event});
  for (const auto& profile :
       OfficerProfilesOf(organization, context_.personal_data.lookup, runtime::TodayInShanghai())) {
    context_.outbox.Append(tx, {.aggregate_type = "public_profile",
                                .aggregate_id = profile.profile_id(),
                                .aggregate_version = revision,
                                .region_code = organization.region_code(),
                                .payload = &profile});
  }
}

void OrganizationHandlers::CheckParent(pqxx::transaction_base& tx,
                                       const runtime::CallerAccess& caller,
                                       const std::string& parent_name, v1::OrganizationKind kind,
                                       const std::string& region_code,
                                       runtime::FieldViolations* violations,
                                       std::string* parent_id) const {
  parent_id->clear();
  if (parent_name.empty()) {
    if (kind != v1::ORGANIZATION_KIND_ASSOCIATION) {
      violations->Add("organization.parent", common::v1::FIELD_REQUIRED,
                      "only an association may stand at the top; name the parent organisation");
    }
    return;
  }
  std::string id = runtime::CheckResourceName(*violations, "organization.parent", parent_name,
                                              "organizations/", /*required=*/true);
  if (id.empty()) return;
  auto parent = organizations_.Find(tx, id);
  // A parent the caller cannot see is reported exactly like a missing one.
  if (!parent.has_value() || !caller.Covers(parent->organization.region_code())) {
    violations->Add("organization.parent", common::v1::REFERENCE_NOT_FOUND,
                    parent_name + " does not exist");
    return;
  }
  if (parent->organization.state() != v1::ORGANIZATION_STATE_ACTIVE) {
    violations->Add("organization.parent", common::v1::VALUE_NOT_ALLOWED,
                    parent_name + " is dissolved");
    return;
  }
  if (!region_code.empty() &&
      !context_.regions.Contains(parent->organization.region_code(), region_code)) {
    violations->Add("organization.region_code", common::v1::VALUE_NOT_ALLOWED,
                    "region " + region_code + " is not inside the parent's region " +
                        parent->organization.region_code());
    return;
  }
  *parent_id = id;
}

grpc::Status OrganizationHandlers::LoadForChange(pqxx::work& tx,
                                                 const runtime::CallerAccess& caller,
                                                 const std::string& id, const std::string& name,
                                                 const std::string& etag,
                                                 std::optional<StoredOrganization>* stored) const {
  *stored = organizations_.Find(tx, id, /*lock=*/true);
  if (!stored->has_value() || !caller.Covers((*stored)->organization.region_code())) {
    return runtime::NotFoundError(kOrganizationType, name);
  }
  if (!etag.empty() && etag != std::to_string((*stored)->revision)) {
    return runtime::EtagMismatchError(name);
  }
  return grpc::Status::OK;
}

grpc::Status OrganizationHandlers::SaveAndAnswer(pqxx::work& tx,
                                                 const runtime::CallerAccess& caller,
                                                 StoredOrganization* stored,
                                                 v1::Organization* response) const {
  ++stored->revision;
  organizations_.Update(tx, *stored,
                        context_.regions.EnclosingPath(stored->organization.region_code()),
                        caller.subject());
  *response = Present(tx, *organizations_.Find(tx, stored->id));
  Publish(tx, *response, stored->revision, /*created=*/false);
  tx.commit();
  return grpc::Status::OK;
}

grpc::Status OrganizationHandlers::Create(const runtime::CallContext& call,
                                          const v1::CreateOrganizationRequest& request,
                                          v1::Organization* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("CreateOrganization", kStaff); !status.ok()) return status;
  const v1::Organization& input = request.organization();
  runtime::FieldViolations violations;
  ValidateOrganizationFields(input, kCreatePaths, "organization.", context_.regions,
                             runtime::TodayInShanghai(), &violations);
  if (!violations.empty()) return violations.ToStatus();
  if (auto status = caller.RequireNamedRegion("organization.region_code", input.region_code());
      !status.ok()) {
    return status;
  }

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  runtime::RequestLog log(tx, context_.schema(), "CreateOrganization", request.request_id(),
                          request, call.principal().subject);
  if (!log.status().ok()) return log.status();
  if (log.Earlier().has_value()) {
    auto earlier = organizations_.Find(tx, *log.Earlier());
    if (!earlier.has_value()) return runtime::NotFoundError(kOrganizationType, *log.Earlier());
    *response = Present(tx, std::move(*earlier));
    return grpc::Status::OK;
  }
  StoredOrganization stored;
  CheckParent(tx, caller, input.parent(), input.kind(), input.region_code(), &violations,
              &stored.parent_id);
  if (!violations.empty()) return violations.ToStatus();
  if (auto existing = organizations_.FindByNaturalKey(tx, stored.parent_id, input.kind(),
                                                      input.display_name())) {
    return runtime::AlreadyExistsError(
        common::v1::RESOURCE_ALREADY_EXISTS,
        "an organisation of this kind and name already exists under the same parent",
        kOrganizationType, OrganizationName(*existing));
  }
  stored.id = runtime::NewResourceId();
  stored.revision = 1;
  v1::Organization& organization = stored.organization;
  organization.set_name(OrganizationName(stored.id));
  organization.set_display_name(input.display_name());
  organization.set_kind(input.kind());
  organization.set_sector(input.sector());
  organization.set_parent(input.parent());
  organization.set_region_code(input.region_code());
  *organization.mutable_founding_date() = input.founding_date();
  organization.set_state(v1::ORGANIZATION_STATE_ACTIVE);
  *organization.mutable_officers() = input.officers();
  organizations_.Insert(tx, stored, context_.regions.EnclosingPath(input.region_code()),
                        caller.subject());
  auto created = organizations_.Find(tx, stored.id);
  *response = Present(tx, std::move(*created));
  Publish(tx, *response, 1, /*created=*/true);
  log.Record(stored.id);
  tx.commit();
  return grpc::Status::OK;
}

grpc::Status OrganizationHandlers::Get(const runtime::CallContext& call,
                                       const v1::GetOrganizationRequest& request,
                                       v1::Organization* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("GetOrganization", kStaffAndSystem); !status.ok()) {
    return status;
  }
  const std::string id = runtime::ResourceIdFromName(request.name(), "organizations/");
  if (id.empty()) {
    return runtime::InvalidFieldError(
        "name", request.name().empty() ? common::v1::FIELD_REQUIRED : common::v1::FIELD_MALFORMED,
        "must be organizations/{id}");
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  auto stored = organizations_.Find(tx, id);
  if (!stored.has_value() || !caller.Covers(stored->organization.region_code())) {
    return runtime::NotFoundError(kOrganizationType, request.name());
  }
  *response = Present(tx, std::move(*stored));
  return grpc::Status::OK;
}

grpc::Status OrganizationHandlers::List(const runtime::CallContext& call,
                                        const v1::ListOrganizationsRequest& request,
                                        v1::ListOrganizationsResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ListOrganizations", kStaffAndSystem); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  OrganizationListQuery query;
  for (int i = 0; i < request.kinds_size(); ++i) {
    if (request.kinds(i) == v1::ORGANIZATION_KIND_UNSPECIFIED) {
      violations.Add("kinds[" + std::to_string(i) + "]", common::v1::VALUE_NOT_ALLOWED,
                     "must be a kind other than UNSPECIFIED");
    }
    query.kinds.push_back(request.kinds(i));
  }
  if (!request.parent().empty()) {
    query.parent_id =
        runtime::CheckResourceName(violations, "parent", request.parent(), "organizations/",
                                   /*required=*/true);
  }
  runtime::CheckRegionFilter(violations, context_.regions, "within_region_code",
                             request.within_region_code());
  runtime::PageRequest page;
  if (auto status = runtime::ReadPageRequest(request, &page); !status.ok()) return status;
  if (!violations.empty()) return violations.ToStatus();
  std::vector<std::string> regions;
  bool all = false;
  if (auto status =
          caller.ListScope("within_region_code", request.within_region_code(), &regions, &all);
      !status.ok()) {
    return status;
  }
  query.state = request.state() == v1::ORGANIZATION_STATE_UNSPECIFIED
                    ? v1::ORGANIZATION_STATE_ACTIVE
                    : request.state();
  query.after_cursor = page.cursor;
  query.limit = page.page_size;

  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  query.region_condition = runtime::RegionPathCondition(tx, "region_path", regions, all);
  auto rows = organizations_.List(tx, query);
  const bool more = static_cast<int>(rows.size()) > page.page_size;
  if (more) rows.pop_back();
  std::string cursor;
  for (auto& stored : rows) {
    cursor = runtime::JoinCursor(
        {stored.organization.region_code(), stored.organization.display_name(), stored.id});
    *response->add_organizations() = Present(tx, std::move(stored));
  }
  if (more) response->set_next_page_token(runtime::NextPageToken(request, cursor));
  return grpc::Status::OK;
}

grpc::Status OrganizationHandlers::Update(const runtime::CallContext& call,
                                          const v1::UpdateOrganizationRequest& request,
                                          v1::Organization* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("UpdateOrganization", kStaff); !status.ok()) return status;
  const v1::Organization& input = request.organization();
  const std::string id = runtime::ResourceIdFromName(input.name(), "organizations/");
  if (id.empty()) {
    return runtime::InvalidFieldError("organization.name", common::v1::FIELD_MALFORMED,
                                      "must be organizations/{id}");
  }
  runtime::FieldViolations violations;
  std::vector<std::string> paths(request.update_mask().paths().begin(),
                                 request.update_mask().paths().end());
  if (paths.empty()) {
    violations.Add("update_mask", common::v1::FIELD_REQUIRED,
                   "name the paths to change: display_name, parent, region_code, founding_date, "
                   "officers");
  }
  for (size_t i = 0; i < paths.size(); ++i) {
    if (std::find(kMutablePaths.begin(), kMutablePaths.end(), paths[i]) == kMutablePaths.end()) {
      violations.Add("update_mask.paths[" + std::to_string(i) + "]", common::v1::UNKNOWN_FIELD_PATH,
                     "not a mutable path (display_name, parent, region_code, founding_date, "
                     "officers)");
    }
  }
  ValidateOrganizationFields(input, paths, "organization.", context_.regions,
                             runtime::TodayInShanghai(), &violations);
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  std::optional<StoredOrganization> stored;
  if (auto status = LoadForChange(tx, caller, id, input.name(), request.etag(), &stored);
      !status.ok()) {
    return status;
  }
  v1::Organization& organization = stored->organization;
  if (organization.state() != v1::ORGANIZATION_STATE_ACTIVE) {
    return runtime::FailedPreconditionError(common::v1::ILLEGAL_STATE_TRANSITION,
                                            "a dissolved organisation cannot change", input.name());
  }
  auto has = [&](const char* path) {
    return std::find(paths.begin(), paths.end(), path) != paths.end();
  };
  if (has("display_name")) organization.set_display_name(input.display_name());
  if (has("region_code")) {
    if (auto status = caller.RequireNamedRegion("organization.region_code", input.region_code());
        !status.ok()) {
      return status;
    }
    organization.set_region_code(input.region_code());
  }
  if (has("founding_date")) *organization.mutable_founding_date() = input.founding_date();
  if (has("officers")) *organization.mutable_officers() = input.officers();
  if (has("parent") || has("region_code")) {
    const std::string parent_name = has("parent") ? input.parent() : organization.parent();
    CheckParent(tx, caller, parent_name, organization.kind(), organization.region_code(),
                &violations, &stored->parent_id);
    if (!stored->parent_id.empty() && stored->parent_id == id) {
      violations.Add("organization.parent", common::v1::VALUE_NOT_ALLOWED,
                     "an organisation cannot be its own parent");
    }
    if (!violations.empty()) return violations.ToStatus();
    organization.set_parent(stored->parent_id.empty() ? "" : OrganizationName(stored->parent_id));
  }
  if (auto existing = organizations_.FindByNaturalKey(tx, stored->parent_id, organization.kind(),
                                                      organization.display_name());
      existing.has_value() && *existing != id) {
    return runtime::AlreadyExistsError(
        common::v1::RESOURCE_ALREADY_EXISTS,
        "an organisation of this kind and name already exists under the same parent",
        kOrganizationType, OrganizationName(*existing));
  }
  return SaveAndAnswer(tx, caller, &*stored, response);
}

grpc::Status OrganizationHandlers::Dissolve(const runtime::CallContext& call,
                                            const v1::DissolveOrganizationRequest& request,
                                            v1::Organization* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("DissolveOrganization", kStaff); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const std::string id = runtime::CheckResourceName(violations, "name", request.name(),
                                                    "organizations/", /*required=*/true);
  runtime::CheckTextLength("reason", request.reason(), 1, 500, &violations);
  runtime::CheckPastDate(violations, "dissolution_date", request.has_dissolution_date(),
                         request.dissolution_date());
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  std::optional<StoredOrganization> stored;
  if (auto status = LoadForChange(tx, caller, id, request.name(), request.etag(), &stored);
      !status.ok()) {
    return status;
  }
  v1::Organization& organization = stored->organization;
  if (organization.state() == v1::ORGANIZATION_STATE_DISSOLVED) {
    return runtime::FailedPreconditionError(common::v1::ILLEGAL_STATE_TRANSITION,
                                            "the organisation is already dissolved",
                                            request.name());
  }
  if (runtime::FromProtoDate(request.dissolution_date()) <
      runtime::FromProtoDate(organization.founding_date())) {
    return runtime::InvalidFieldError("dissolution_date", common::v1::END_BEFORE_START,
                                      "must not be before the founding date");
  }
  if (int children = organizations_.CountActiveChildren(tx, id); children > 0) {
    return runtime::FailedPreconditionError(
        common::v1::ILLEGAL_STATE_TRANSITION,
        std::to_string(children) +
            " active organisations still have it as parent; dissolve or "
            "move them first",
        request.name());
  }
  organization.set_state(v1::ORGANIZATION_STATE_DISSOLVED);
  *organization.mutable_dissolution_date() = request.dissolution_date();
  return SaveAndAnswer(tx, caller, &*stored, response);
}

}  // namespace jindu::registration
