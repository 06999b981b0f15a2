#include "registration/volunteers/volunteer_transfer_handlers.h"

#include "registration/organizations/organization_validation.h"
#include "registration/storage/access_audit.h"
#include "registration/volunteers/id_number_lookup.h"
#include "registration/volunteers/volunteer_events.h"
#include "registration/volunteers/volunteer_validation.h"
#include "runtime/access/national_id_field.h"
#include "runtime/api/paging.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/request_log.h"
#include "runtime/api/text_fields.h"
#include "runtime/ids/resource_ids.h"

namespace jindu::registration {
namespace {

constexpr const char* kTransferType = "jindu.registration.v1.VolunteerTransfer";

std::string TransferName(const std::string& id) { return "volunteerTransfers/" + id; }

}  // namespace

VolunteerTransferHandlers::VolunteerTransferHandlers(RegistrationContext& context)
    : context_(context),
      transfers_(context.schema()),
      volunteers_(context.schema(), context.personal_data.cipher) {}

std::optional<v1::VolunteerTransfer> VolunteerTransferHandlers::Present(
    const StoredTransfer& transfer, const runtime::CallerAccess& caller) const {
  const bool deciding =
      !transfer.from_region_code.empty() && caller.Covers(transfer.from_region_code);
  const bool receiving = caller.Covers(transfer.to_region_code);
  if (!deciding && !receiving) return std::nullopt;
  v1::VolunteerTransfer shown;
  shown.set_name(TransferName(transfer.id));
  shown.set_to_region_code(transfer.to_region_code);
  shown.set_reason(transfer.reason);
  shown.set_state(transfer.state);
  if (deciding || transfer.state == v1::VOLUNTEER_TRANSFER_STATE_APPROVED) {
    if (!transfer.volunteer_id.empty()) shown.set_volunteer(VolunteerName(transfer.volunteer_id));
  }
  if (deciding) shown.set_from_region_code(transfer.from_region_code);
  if (transfer.decision.has_value()) *shown.mutable_decision() = *transfer.decision;
  *shown.mutable_audit() = transfer.audit;
  return shown;
}

grpc::Status VolunteerTransferHandlers::Create(const runtime::CallContext& call,
                                               const v1::CreateVolunteerTransferRequest& request,
                                               v1::VolunteerTransfer* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("CreateVolunteerTransfer", kStaff); !status.ok()) {
    return status;
  }
  const v1::VolunteerTransfer& input = request.volunteer_transfer();
  runtime::FieldViolations violations;
  auto id_number = runtime::CheckNationalIdField("volunteer_transfer.national_id_number",
                                                 input.national_id_number(), context_.regions,
                                                 runtime::TodayInShanghai(), &violations);
  if (input.to_region_code().empty()) {
    violations.Add("volunteer_transfer.to_region_code", common::v1::FIELD_REQUIRED,
                   "the new residence region");
  } else if (!context_.regions.Knows(input.to_region_code())) {
    violations.Add("volunteer_transfer.to_region_code", common::v1::REFERENCE_NOT_FOUND,
                   "not a region of the tree");
  }
  runtime::CheckTextLength("volunteer_transfer.reason", input.reason(), 0, 500, &violations);
  if (!violations.empty()) return violations.ToStatus();
  if (auto status =
          caller.RequireNamedRegion("volunteer_transfer.to_region_code", input.to_region_code());
      !status.ok()) {
    return status;
  }

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  runtime::RequestLog log(tx, context_.schema(), "CreateVolunteerTransfer", request.request_id(),
                          request, call.principal().subject);
  if (!log.status().ok()) return log.status();
  if (log.Earlier().has_value()) {
    auto earlier = transfers_.Find(tx, *log.Earlier());
    if (!earlier.has_value()) return runtime::NotFoundError(kTransferType, *log.Earlier());
    *response = *Present(*earlier, caller);
    return grpc::Status::OK;
  }
  const std::string hash =
      VolunteerIdNumberLookup(context_.personal_data.lookup, id_number->normalized);
  StoredTransfer transfer{.id = runtime::NewResourceId(),
                          .to_region_code = input.to_region_code(),
                          .reason = input.reason(),
                          .state = v1::VOLUNTEER_TRANSFER_STATE_CANCELLED};
  std::string from_path;
  if (auto existing = volunteers_.FindByIdNumberHash(tx, hash)) {
    transfer.volunteer_id = existing->first;
    transfer.from_region_code = existing->second;
    transfer.state = v1::VOLUNTEER_TRANSFER_STATE_PENDING;
    from_path = context_.regions.EnclosingPath(transfer.from_region_code);
  }
  transfers_.Insert(tx, transfer, hash, context_.regions.EnclosingPath(transfer.to_region_code),
                    from_path, caller.subject());
  RecordAccess(
      tx, context_.schema(), caller, call,
      {.method = "CreateVolunteerTransfer",
       .resource = TransferName(transfer.id),
       .outcome = transfer.volunteer_id.empty() ? "TRANSFER_UNMATCHED" : "TRANSFER_REQUESTED"});
  log.Record(transfer.id);
  auto created = transfers_.Find(tx, transfer.id);
  tx.commit();
  *response = *Present(*created, caller);
  return grpc::Status::OK;
}

grpc::Status VolunteerTransferHandlers::Get(const runtime::CallContext& call,
                                            const v1::GetVolunteerTransferRequest& request,
                                            v1::VolunteerTransfer* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("GetVolunteerTransfer", kStaff); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const std::string id = runtime::CheckResourceName(violations, "name", request.name(),
                                                    "volunteerTransfers/", /*required=*/true);
  if (!violations.empty()) return violations.ToStatus();
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  auto stored = transfers_.Find(tx, id);
  std::optional<v1::VolunteerTransfer> shown;
  if (stored.has_value()) shown = Present(*stored, caller);
  if (!shown.has_value()) return runtime::NotFoundError(kTransferType, request.name());
  *response = std::move(*shown);
  return grpc::Status::OK;
}

grpc::Status VolunteerTransferHandlers::List(const runtime::CallContext& call,
                                             const v1::ListVolunteerTransfersRequest& request,
                                             v1::ListVolunteerTransfersResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ListVolunteerTransfers", kStaff); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  if (!v1::TransferDirection_IsValid(request.direction())) {
    violations.Add("direction", common::v1::VALUE_NOT_ALLOWED, "unknown direction");
  }
  if (!v1::VolunteerTransferState_IsValid(request.state())) {
    violations.Add("state", common::v1::VALUE_NOT_ALLOWED, "unknown state");
  }
  runtime::PageRequest page;
  if (auto status = runtime::ReadPageRequest(request, &page); !status.ok()) return status;
  if (!violations.empty()) return violations.ToStatus();
  std::vector<std::string> regions;
  bool all = false;
  if (auto status = caller.ListScope("", "", &regions, &all); !status.ok()) return status;

  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  const std::string incoming = runtime::RegionPathCondition(tx, "to_region_path", regions, all);
  const std::string outgoing = runtime::RegionPathCondition(tx, "from_region_path", regions, all);
  TransferListQuery query{
      .state = request.state(), .after_cursor = page.cursor, .limit = page.page_size};
  switch (request.direction()) {
    case v1::TRANSFER_DIRECTION_INCOMING:
      query.condition = incoming;
      break;
    case v1::TRANSFER_DIRECTION_OUTGOING:
      query.condition = outgoing;
      break;
    default:
      query.condition = "(" + incoming + " OR " + outgoing + ")";
  }
  auto rows = transfers_.List(tx, query);
  const bool more = static_cast<int>(rows.size()) > page.page_size;
  if (more) rows.pop_back();
  std::string cursor;
  for (const auto& stored : rows) {
    const auto& created = stored.audit.create_time();
    cursor = runtime::JoinCursor(
        {std::to_string(created.seconds() * 1000000 + created.nanos() / 1000), stored.id});
    if (auto shown = Present(stored, caller)) *response->add_volunteer_transfers() = *shown;
  }
  if (more) response->set_next_page_token(runtime::NextPageToken(request, cursor));
  return grpc::Status::OK;
}

grpc::Status VolunteerTransferHandlers::Decide(const runtime::CallContext& call, const char* method,
                                               const std::string& name, const std::string& reason,
                                               bool reason_required, const std::string& etag,
                                               v1::VolunteerTransferState to,
                                               v1::VolunteerTransfer* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole(method, kStaff); !status.ok()) return status;
  runtime::FieldViolations violations;
  const std::string id = runtime::CheckResourceName(violations, "name", name, "volunteerTransfers/",
                                                    /*required=*/true);
  runtime::CheckTextLength("reason", reason, reason_required ? 1 : 0, 500, &violations);
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  auto stored = transfers_.Find(tx, id, /*lock=*/true);
  if (!stored.has_value() || !Present(*stored, caller).has_value()) {
    return runtime::NotFoundError(kTransferType, name);
  }
  // Only the side holding the record decides; the receiving side cannot approve its own request.
  if (stored->from_region_code.empty() || !caller.Covers(stored->from_region_code)) {
    return runtime::PermissionDeniedError(common::v1::REGION_OUT_OF_SCOPE,
                                          "only the side holding the record decides a transfer");
  }
  if (!etag.empty() && etag != std::to_string(stored->revision)) {
    return runtime::EtagMismatchError(name);
  }
  if (stored->state != v1::VOLUNTEER_TRANSFER_STATE_PENDING) {
    return runtime::FailedPreconditionError(
        common::v1::ILLEGAL_STATE_TRANSITION,
        "the transfer is " + v1::VolunteerTransferState_Name(stored->state) + ", not PENDING",
        name);
  }
  if (to == v1::VOLUNTEER_TRANSFER_STATE_APPROVED) {
    auto volunteer = volunteers_.Find(tx, stored->volunteer_id, /*full=*/false, /*lock=*/true);
    volunteer->residence_region_code = stored->to_region_code;
    // Memberships are of the old county's organisations; the new county assigns its own.
    volunteer->organization_ids.clear();
    ++volunteer->revision;
    volunteers_.Update(tx, *volunteer,
                       context_.regions.EnclosingPath(volunteer->residence_region_code),
                       caller.subject());
    auto event = VolunteerProfileChangedOf(*volunteer, /*transferred=*/true);
    context_.outbox.Append(tx, {.aggregate_type = "volunteer",
                                .aggregate_id = volunteer->id,
                                .aggregate_version = volunteer->revision,
                                .region_code = volunteer->residence_region_code,
                                .payload = &event});
  }
  transfers_.Decide(tx, id, to, reason, caller.subject());
  auto decided = transfers_.Find(tx, id);
  tx.commit();
  *response = *Present(*decided, caller);
  return grpc::Status::OK;
}

grpc::Status VolunteerTransferHandlers::Approve(const runtime::CallContext& call,
                                                const v1::ApproveVolunteerTransferRequest& request,
                                                v1::VolunteerTransfer* response) {
  return Decide(call, "ApproveVolunteerTransfer", request.name(), request.reason(), false,
                request.etag(), v1::VOLUNTEER_TRANSFER_STATE_APPROVED, response);
}

grpc::Status VolunteerTransferHandlers::Reject(const runtime::CallContext& call,
                                               const v1::RejectVolunteerTransferRequest& request,
                                               v1::VolunteerTransfer* response) {
  return Decide(call, "RejectVolunteerTransfer", request.name(), request.reason(), true,
                request.etag(), v1::VOLUNTEER_TRANSFER_STATE_REJECTED, response);
}

}  // namespace jindu::registration
