#include "casework/tips/tip_handlers.h"

#include "casework/access/tip_roles.h"
#include "casework/audit/access_audit_log.h"
#include "casework/tips/tip_events.h"
#include "casework/tips/tip_presentation.h"
#include "casework/tips/tip_validation.h"
#include "runtime/access/caller_access.h"
#include "runtime/api/paging.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/request_log.h"
#include "runtime/ids/resource_ids.h"

namespace jindu::casework {
namespace {

constexpr const char* kTipType = "jindu.casework.v1.Tip";

std::string Method(const char* name) {
  return std::string("/jindu.casework.v1.TipService/") + name;
}

grpc::Status AccessPurposeRequired() {
  return runtime::ApiError(grpc::StatusCode::INVALID_ARGUMENT, common::v1::ACCESS_PURPOSE_REQUIRED,
                           "access_purpose: police liaison state why they read a tip (1..200 "
                           "characters)");
}

}  // namespace

TipHandlers::TipHandlers(CaseworkContext& context)
    : context_(context), tips_(context.schema(), context.personal_data.cipher) {}

grpc::Status TipHandlers::Create(const runtime::CallContext& call,
                                 const v1::CreateTipRequest& request, v1::Tip* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("CreateTip", kTipFilers); !status.ok()) return status;
  const runtime::CivilDate today = runtime::TodayInShanghai();
  runtime::FieldViolations violations;
  auto checked = CheckNewTip(request.tip(), context_.regions, today, &violations);
  if (!violations.empty()) return violations.ToStatus();
  if (auto status = caller.RequireNamedRegion("tip.region_code", checked->region_code);
      !status.ok()) {
    return status;
  }
  const std::string submitter_hash =
      TipSubmitterHash(context_.personal_data.lookup, caller.subject());

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  runtime::RequestLog log(tx, context_.schema(), "CreateTip", request.request_id(), request,
                          call.principal().subject);
  if (!log.status().ok()) return log.status();
  if (log.Earlier().has_value()) {
    auto earlier = tips_.Find(tx, *log.Earlier(), /*sealed=*/true);
    // The same id and content from another caller is not this caller's request: its tip (and its
    // submitter) stay hidden.
    if (!earlier.has_value() || earlier->submitter_hash != submitter_hash) {
      return runtime::ApiError(grpc::StatusCode::ALREADY_EXISTS,
                               common::v1::DUPLICATE_REQUEST_ID_CONFLICT,
                               "request_id was already used for a different request; use a new id",
                               {{"request_id", request.request_id()}});
    }
    *response = PresentTip(*earlier, {.submitter_fields = true});
    return grpc::Status::OK;
  }
  TipRecord record;
  record.id = runtime::NewResourceId();
  record.kind = checked->kind;
  record.region_code = checked->region_code;
  record.observed_date = checked->observed_date;
  record.filed_date = today;
  record.plant_count = checked->plant_count;
  record.state = v1::TIP_STATE_RECEIVED;
  record.submitter_hash = submitter_hash;
  record.description = checked->description;
  record.submitter_subject = caller.subject();
  record.source_volunteer = checked->source_volunteer;
  record.revision = 1;
  tips_.Insert(tx, record, context_.regions.EnclosingPath(record.region_code),
               context_.personal_data.lookup.key_id());
  AppendTipEvent(context_, tx, record, TipFiledEvent(record));
  log.Record(record.id);
  auto created = tips_.Find(tx, record.id, /*sealed=*/true);
  tx.commit();
  *response = PresentTip(*created, {.submitter_fields = true});
  return grpc::Status::OK;
}

grpc::Status TipHandlers::Get(const runtime::CallContext& call, const v1::GetTipRequest& request,
                              v1::Tip* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("GetTip", kTipReaders); !status.ok()) return status;
  // The two ways to see a tip, each with the scopes of its own roles.
  runtime::CallerAccess handler(call.principal(), context_.regions);
  const bool is_handler = handler.RequireRole("GetTip", kTipHandlers).ok();
  runtime::CallerAccess filer(call.principal(), context_.regions);
  const bool is_filer = filer.RequireRole("GetTip", kTipFilers).ok();

  runtime::FieldViolations violations;
  const std::string id =
      runtime::CheckResourceName(violations, "name", request.name(), "tips/", /*required=*/true);
  if (!violations.empty()) return violations.ToStatus();
  // Asked of every police liaison before anything is looked up, so the answer says nothing about
  // whether the tip exists.
  if (is_handler && !IsValidTipPurpose(request.access_purpose())) return AccessPurposeRequired();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  auto record = tips_.Find(tx, id, /*sealed=*/false);
  if (!record.has_value()) return runtime::NotFoundError(kTipType, request.name());
  const bool handler_view = is_handler && handler.Covers(record->region_code);
  const bool submitter_view =
      is_filer && filer.Covers(record->region_code) &&
      record->submitter_hash == TipSubmitterHash(context_.personal_data.lookup, caller.subject());
  if (!handler_view && !submitter_view) {
    // Answered exactly like a missing tip, and recorded: probing for tips is what an auditor wants
    // to see.
    AppendAccessAudit(tx, context_.schema(), caller, call,
                      {.method = Method("GetTip"),
                       .resource = TipName(id),
                       .region_code = record->region_code,
                       .region_path = context_.regions.EnclosingPath(record->region_code),
                       .purpose = request.access_purpose(),
                       .denied = true});
    tx.commit();
    return runtime::NotFoundError(kTipType, request.name());
  }
  record = tips_.Find(tx, id, /*sealed=*/true);
  if (handler_view) {
    AppendAccessAudit(tx, context_.schema(), caller, call,
                      {.method = Method("GetTip"),
                       .resource = TipName(id),
                       .region_code = record->region_code,
                       .region_path = context_.regions.EnclosingPath(record->region_code),
                       .fields = HandlerClearFieldPaths(*record),
                       .purpose = request.access_purpose()});
  }
  tx.commit();
  *response =
      PresentTip(*record, {.handler_fields = handler_view, .submitter_fields = submitter_view});
  return grpc::Status::OK;
}

grpc::Status TipHandlers::List(const runtime::CallContext& call, const v1::ListTipsRequest& request,
                               v1::ListTipsResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  // A filer lists only what it filed; all tips of a region are for police liaison.
  if (auto status =
          caller.RequireRole("ListTips", request.filed_by_caller() ? kTipFilers : kTipHandlers);
      !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  TipListFilter filter;
  filter.states = CheckTipStateFilter(request, &violations);
  filter.kinds = CheckTipKindFilter(request, &violations);
  filter.observed = runtime::CheckDateRangeFilter(violations, "date_range",
                                                  request.has_date_range(), request.date_range());
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
  std::optional<TipCursor> after;
  if (!page.cursor.empty()) {
    std::vector<std::string> parts;
    TipCursor cursor;
    if (!runtime::SplitCursor(page.cursor, 2, &parts) ||
        !runtime::CursorToInt(parts[0], &cursor.create_micros) || parts[1].empty()) {
      return runtime::InvalidPageTokenError();
    }
    cursor.id = parts[1];
    after = cursor;
  }
  if (request.filed_by_caller()) {
    filter.submitter_hash = TipSubmitterHash(context_.personal_data.lookup, caller.subject());
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  filter.region_condition = runtime::RegionPathCondition(tx, "region_path", regions, all);
  std::vector<TipRecord> records = tips_.List(tx, filter, after, page.page_size + 1);
  const bool more = static_cast<int>(records.size()) > page.page_size;
  if (more) records.resize(page.page_size);
  // Lists open no sealed field: descriptions are read one tip at a time, with a purpose.
  for (const TipRecord& record : records) *response->add_tips() = PresentTip(record, {});
  if (more) {
    const TipRecord& last = records.back();
    response->set_next_page_token(runtime::NextPageToken(
        request, runtime::JoinCursor({std::to_string(last.create_micros), last.id})));
  }
  return grpc::Status::OK;
}

}  // namespace jindu::casework
