#include "casework/help/help_handlers.h"

#include "casework/access/casework_roles.h"
#include "casework/access/followup_roles.h"
#include "casework/followup/child_create.h"
#include "casework/followup/child_get.h"
#include "casework/followup/child_list.h"
#include "casework/followup/child_update.h"
#include "casework/followup/followup_fields.h"
#include "casework/followup/list_cursors.h"
#include "casework/help/help_events.h"
#include "casework/help/help_presentation.h"
#include "casework/help/help_validation.h"
#include "runtime/api/request_checks.h"
#include "runtime/identity/civil_date.h"

namespace jindu::casework {
namespace {

void CopyMaskedFields(const std::set<std::string>& paths, const HelpRecordRow& changes,
                      HelpRecordRow& help) {
  if (paths.contains("help_date")) help.help_date = changes.help_date;
  if (paths.contains("amount")) help.amount_minor_units = changes.amount_minor_units;
  if (paths.contains("provider")) help.provider = changes.provider;
  if (paths.contains("outcome")) help.outcome = changes.outcome;
  if (paths.contains("notes")) help.notes = changes.notes;
}

}  // namespace

HelpHandlers::HelpHandlers(CaseworkContext& context)
    : context_(context), gate_(context), help_(context.schema(), context.personal_data.cipher) {}

// The notes are a help record's sensitive field: only a FULL view opens them, shows them and
// names them in its audit entry.
CaseChildKind<HelpRecordRow, v1::HelpRecord> HelpHandlers::HelpRecords() const {
  return {
      .collection = kHelpRecordCollection,
      .type = kHelpRecordType,
      .find = [this](pqxx::transaction_base& tx, const std::string& case_id, const std::string& id,
                     bool sensitive) { return help_.Find(tx, case_id, id, sensitive); },
      .present = PresentHelpRecord,
      .clear_fields = HelpClearFieldPaths};
}

grpc::Status HelpHandlers::Create(const runtime::CallContext& call,
                                  const v1::CreateHelpRecordRequest& request,
                                  v1::HelpRecord* response) {
  return CreateCaseChild(
      context_, gate_, call, HelpRecords(), request,
      {.method = "CreateHelpRecord",
       .roles = kContactAndHelpWriters,
       .check_fields =
           [&request](runtime::FieldViolations& violations, HelpRecordRow& help) {
             CheckHelpFields(request.help_record(), HelpCreatePaths(), violations, &help);
             CheckAmountRequired(help, violations);
           },
       .write =
           [this](pqxx::work& tx, CaseRecord& record, const HelpRecordRow& help) {
             help_.Insert(tx, help);
             gate_.AppendEvent(tx, record, HelpGivenEvent(help));
           }},
      response);
}

grpc::Status HelpHandlers::Get(const runtime::CallContext& call,
                               const v1::GetHelpRecordRequest& request, v1::HelpRecord* response) {
  return GetCaseChild(context_, gate_, call, "GetHelpRecord", HelpRecords(), request, response);
}

grpc::Status HelpHandlers::List(const runtime::CallContext& call,
                                const v1::ListHelpRecordsRequest& request,
                                v1::ListHelpRecordsResponse* response) {
  // Newest first, by the day the help was given (HelpStore::List).
  return ListCaseChildren<HelpListFilter>(
      context_, gate_, call, HelpRecords(), request,
      {.method = "ListHelpRecords",
       .roles = kCaseRoles,
       .check_filters =
           [&request](runtime::FieldViolations& violations, HelpListFilter& filter) {
             filter.kinds = CheckEnumFilter<v1::HelpKind>(violations, "kinds", request.kinds(),
                                                          v1::HelpKind_IsValid, "unknown kind");
             filter.dates = runtime::CheckDateRangeFilter(
                 violations, "date_range", request.has_date_range(), request.date_range());
           },
       .split_cursor = SplitDateCursor,
       .read = [this](pqxx::transaction_base& tx, const HelpListFilter& filter,
                      const std::vector<std::string>& after,
                      int limit) { return help_.List(tx, filter, after, limit); },
       .sort_key = [](const HelpRecordRow& last) { return runtime::FormatIsoDate(last.help_date); },
       .rows = response->mutable_help_records(),
       .next_page_token = response->mutable_next_page_token()});
}

grpc::Status HelpHandlers::Update(const runtime::CallContext& call,
                                  const v1::UpdateHelpRecordRequest& request,
                                  v1::HelpRecord* response) {
  const v1::HelpRecord& input = request.help_record();
  return UpdateCaseChild(
      context_, gate_, call, HelpRecords(),
      {.method = "UpdateHelpRecord",
       .roles = kContactAndHelpWriters,
       .name_field = "help_record.name",
       .name = input.name(),
       .update_mask = request.update_mask(),
       .etag = request.etag(),
       .mutable_paths = HelpMutablePaths(),
       .immutable_paths = HelpImmutablePaths(),
       .output_only_paths = HelpOutputOnlyPaths(),
       .check_fields =
           [&input](const std::set<std::string>& paths, runtime::FieldViolations& violations,
                    HelpRecordRow& changes) {
             CheckHelpFields(input, paths, violations, &changes);
           },
       .apply = CopyMaskedFields,
       // A mask that clears the amount of a loan or an allowance names only the amount: the rule
       // reads the record as it will be stored, its kind included.
       .check_result = CheckAmountRequired,
       .write =
           [this](pqxx::work& tx, CaseRecord& record, const HelpRecordRow& help) {
             help_.Update(tx, help);
             gate_.AppendEvent(tx, record, HelpUpdatedEvent(help));
           }},
      response);
}

}  // namespace jindu::casework
