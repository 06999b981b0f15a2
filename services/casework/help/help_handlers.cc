#include "casework/help/help_handlers.h"

#include "casework/access/casework_roles.h"
#include "casework/access/followup_roles.h"
#include "casework/followup/case_child_names.h"
#include "casework/followup/followup_fields.h"
#include "casework/followup/list_cursors.h"
#include "casework/followup/record_views.h"
#include "casework/help/help_events.h"
#include "casework/help/help_presentation.h"
#include "casework/help/help_validation.h"
#include "runtime/api/paging.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/request_log.h"
#include "runtime/ids/resource_ids.h"

namespace jindu::casework {
namespace {

constexpr const char* kCaseType = "jindu.casework.v1.Case";

}  // namespace

HelpHandlers::HelpHandlers(CaseworkContext& context)
    : context_(context), gate_(context), help_(context.schema(), context.personal_data.cipher) {}

grpc::Status HelpHandlers::Create(const runtime::CallContext& call,
                                  const v1::CreateHelpRecordRequest& request,
                                  v1::HelpRecord* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("CreateHelpRecord", kContactAndHelpWriters); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  auto parent = CheckCaseParent(violations, "parent", request.parent(), /*allow_every_case=*/false);
  HelpRecordRow help;
  CheckHelpFields(request.help_record(), HelpCreatePaths(), violations, &help);
  CheckAmountRequired(help, violations);
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  std::optional<CaseRecord> record;
  if (auto status = gate_.Enter(tx, caller, call,
                                {.method = "CreateHelpRecord",
                                 .case_id = parent->case_id,
                                 .resource_type = kCaseType,
                                 .resource_name = request.parent(),
                                 .lock = true},
                                &record);
      !status.ok()) {
    return status;
  }
  runtime::RequestLog log(tx, context_.schema(), "CreateHelpRecord", request.request_id(), request,
                          call.principal().subject);
  if (!log.status().ok()) return log.status();
  if (log.Earlier().has_value()) {
    auto earlier = help_.Find(tx, record->id, *log.Earlier(), /*sensitive=*/false);
    const std::string name = ChildResourceName(record->id, kHelpRecordCollection, *log.Earlier());
    if (!earlier.has_value()) return runtime::NotFoundError(kHelpRecordType, name);
    *response = PresentHelpRecord(*earlier, /*notes_in_clear=*/false);
    return grpc::Status::OK;
  }
  if (auto status = CaseGate::RequireOpen(*record, "CreateHelpRecord"); !status.ok()) {
    return status;
  }

  help.id = runtime::NewResourceId();
  help.case_id = record->id;
  help.revision = 1;
  help.create_subject = help.update_subject = caller.subject();
  help_.Insert(tx, help);
  gate_.AppendEvent(tx, *record, HelpGivenEvent(help));
  gate_.Save(tx, *record, caller.subject());
  log.Record(help.id);
  auto stored = help_.Find(tx, record->id, help.id, /*sensitive=*/false);
  tx.commit();
  *response = PresentHelpRecord(*stored, /*notes_in_clear=*/false);
  return grpc::Status::OK;
}

grpc::Status HelpHandlers::Get(const runtime::CallContext& call,
                               const v1::GetHelpRecordRequest& request, v1::HelpRecord* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = RequireViewRole(caller, "GetHelpRecord", request.view()); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  auto name = CheckChildName(violations, "name", request.name(), kHelpRecordCollection);
  CheckView(violations, request.view());
  if (!violations.empty()) return violations.ToStatus();
  if (auto status = CheckAccessPurpose(request.view(), request.access_purpose()); !status.ok()) {
    return status;
  }
  const bool full = request.view() == v1::CASE_VIEW_FULL;

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  std::optional<CaseRecord> record;
  if (auto status = gate_.Enter(tx, caller, call,
                                {.method = "GetHelpRecord",
                                 .case_id = name->case_id,
                                 .resource_type = kHelpRecordType,
                                 .resource_name = request.name(),
                                 .purpose = request.access_purpose()},
                                &record);
      !status.ok()) {
    return status;
  }
  auto help = help_.Find(tx, name->case_id, name->id, full);
  if (!help.has_value()) return runtime::NotFoundError(kHelpRecordType, request.name());
  if (full) {
    gate_.AuditFullRead(tx, caller, call, *record, "GetHelpRecord", request.name(),
                        HelpClearFieldPaths(*help), request.access_purpose());
  }
  tx.commit();
  *response = PresentHelpRecord(*help, full);
  return grpc::Status::OK;
}

grpc::Status HelpHandlers::List(const runtime::CallContext& call,
                                const v1::ListHelpRecordsRequest& request,
                                v1::ListHelpRecordsResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ListHelpRecords", kCaseRoles); !status.ok()) return status;
  runtime::FieldViolations violations;
  auto parent = CheckCaseParent(violations, "parent", request.parent(), /*allow_every_case=*/true);
  HelpListFilter filter;
  for (int i = 0; i < request.kinds_size(); ++i) {
    if (request.kinds(i) == v1::HELP_KIND_UNSPECIFIED || !v1::HelpKind_IsValid(request.kinds(i))) {
      violations.Add("kinds[" + std::to_string(i) + "]", common::v1::VALUE_NOT_ALLOWED,
                     "unknown kind");
    }
    filter.kinds.push_back(request.kinds(i));
  }
  filter.dates = runtime::CheckDateRangeFilter(violations, "date_range", request.has_date_range(),
                                               request.date_range());
  runtime::PageRequest page;
  if (auto status = runtime::ReadPageRequest(request, &page); !status.ok()) return status;
  if (!violations.empty()) return violations.ToStatus();
  std::vector<std::string> after;
  if (!page.cursor.empty() && !SplitDateCursor(page.cursor, &after)) {
    return runtime::InvalidPageTokenError();
  }

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  if (parent->every_case()) {
    std::vector<std::string> regions;
    bool all = false;
    if (auto status = caller.ListScope("parent", "", &regions, &all); !status.ok()) return status;
    filter.region_condition = runtime::RegionPathCondition(tx, "c.region_path", regions, all);
  } else {
    std::optional<CaseRecord> record;
    if (auto status = gate_.Enter(tx, caller, call,
                                  {.method = "ListHelpRecords",
                                   .case_id = parent->case_id,
                                   .resource_type = kCaseType,
                                   .resource_name = request.parent()},
                                  &record);
        !status.ok()) {
      return status;
    }
    filter.case_id = parent->case_id;
  }
  std::vector<HelpRecordRow> records = help_.List(tx, filter, after, page.page_size + 1);
  tx.commit();
  const bool more = static_cast<int>(records.size()) > page.page_size;
  if (more) records.resize(page.page_size);
  for (const HelpRecordRow& help : records) {
    *response->add_help_records() = PresentHelpRecord(help, /*notes_in_clear=*/false);
  }
  if (more) {
    const HelpRecordRow& last = records.back();
    response->set_next_page_token(runtime::NextPageToken(
        request, runtime::JoinCursor({runtime::FormatIsoDate(last.help_date), last.id})));
  }
  return grpc::Status::OK;
}

grpc::Status HelpHandlers::Update(const runtime::CallContext& call,
                                  const v1::UpdateHelpRecordRequest& request,
                                  v1::HelpRecord* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("UpdateHelpRecord", kContactAndHelpWriters); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const v1::HelpRecord& input = request.help_record();
  auto name = CheckChildName(violations, "help_record.name", input.name(), kHelpRecordCollection);
  std::set<std::string> paths;
  CheckUpdateMask(violations, request.update_mask(), HelpMutablePaths(), HelpImmutablePaths(),
                  HelpOutputOnlyPaths(), &paths);
  HelpRecordRow changes;
  CheckHelpFields(input, paths, violations, &changes);
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  std::optional<CaseRecord> record;
  // The case row's lock also serialises every write on its help records.
  if (auto status = gate_.Enter(tx, caller, call,
                                {.method = "UpdateHelpRecord",
                                 .case_id = name->case_id,
                                 .resource_type = kHelpRecordType,
                                 .resource_name = input.name(),
                                 .lock = true},
                                &record);
      !status.ok()) {
    return status;
  }
  auto help = help_.Find(tx, name->case_id, name->id, /*sensitive=*/true);
  if (!help.has_value()) return runtime::NotFoundError(kHelpRecordType, input.name());
  if (!request.etag().empty() && request.etag() != std::to_string(help->revision)) {
    return runtime::EtagMismatchError(input.name());
  }
  if (auto status = CaseGate::RequireOpen(*record, "UpdateHelpRecord"); !status.ok()) {
    return status;
  }
  if (paths.contains("help_date")) help->help_date = changes.help_date;
  if (paths.contains("amount")) help->amount_minor_units = changes.amount_minor_units;
  if (paths.contains("provider")) help->provider = changes.provider;
  if (paths.contains("outcome")) help->outcome = changes.outcome;
  if (paths.contains("notes")) help->notes = changes.notes;
  CheckAmountRequired(*help, violations);
  if (!violations.empty()) return violations.ToStatus();
  ++help->revision;
  help->update_subject = caller.subject();
  help_.Update(tx, *help);
  gate_.AppendEvent(tx, *record, HelpUpdatedEvent(*help));
  gate_.Save(tx, *record, caller.subject());
  auto stored = help_.Find(tx, name->case_id, name->id, /*sensitive=*/false);
  tx.commit();
  *response = PresentHelpRecord(*stored, /*notes_in_clear=*/false);
  return grpc::Status::OK;
}

}  // namespace jindu::casework
