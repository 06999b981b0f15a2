#include "casework/cases/case_handlers.h"

#include <google/protobuf/util/field_mask_util.h>

#include <set>

#include "casework/access/casework_roles.h"
#include "casework/audit/access_audit_log.h"
#include "casework/cases/case_events.h"
#include "casework/cases/case_presentation.h"
#include "casework/cases/case_validation.h"
#include "casework/intake/decision_registry.h"
#include "casework/storage/person_keys.h"
#include "runtime/access/national_id_field.h"
#include "runtime/api/paging.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/request_log.h"
#include "runtime/api/text_fields.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {
namespace {

constexpr const char* kCaseType = "jindu.casework.v1.Case";
constexpr const char* kService = "/jindu.casework.v1.CaseworkService/";

std::string Method(const char* name) { return std::string(kService) + name; }

grpc::Status AccessPurposeRequired() {
  return runtime::ApiError(grpc::StatusCode::INVALID_ARGUMENT, common::v1::ACCESS_PURPOSE_REQUIRED,
                           "access_purpose: a full view of personal data needs a stated purpose "
                           "(1..200 characters)");
}

grpc::Status PersonalDataDenied(const char* method) {
  return runtime::PermissionDeniedError(
      common::v1::PERSONAL_DATA_ACCESS_DENIED,
      std::string(method) +
          ": personal fields in clear need the caseworker or police liaison role for the "
          "case's region");
}

}  // namespace

CaseHandlers::CaseHandlers(CaseworkContext& context) : context_(context), opening_(context) {}

bool CaseHandlers::MaySeeSensitiveFlags(const runtime::CallContext& call,
                                        const std::string& region) const {
  runtime::CallerAccess readers(call.principal(), context_.regions);
  if (!readers.RequireRole("", kPersonalDataReaders).ok()) return false;
  return readers.Covers(region);
}

grpc::Status CaseHandlers::Create(const runtime::CallContext& call,
                                  const v1::CreateCaseRequest& request, v1::Case* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("CreateCase", kCaseWriters); !status.ok()) return status;
  const runtime::CivilDate today = runtime::TodayInShanghai();
  const v1::Case& input = request.case_();
  runtime::FieldViolations violations;
  auto person = CheckPerson(input.personal_details(), "case.personal_details.", context_.regions,
                            today, &violations);
  CheckResidenceRegion("case.residence_region_code", input.residence_region_code(),
                       context_.regions, &violations);
  if (!v1::AssistanceCategory_IsValid(input.assistance_category())) {
    violations.Add("case.assistance_category", common::v1::VALUE_NOT_ALLOWED, "unknown category");
  }
  runtime::CheckTextLength("case.assigned_worker_subject", input.assigned_worker_subject(), 0, 128,
                           &violations);
  CheckMeasure(request.measure(), "measure.", today, &violations);
  if (!violations.empty()) return violations.ToStatus();
  if (auto status =
          caller.RequireNamedRegion("case.residence_region_code", input.residence_region_code());
      !status.ok()) {
    return status;
  }

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  runtime::RequestLog log(tx, context_.schema(), "CreateCase", request.request_id(), request,
                          call.principal().subject);
  if (!log.status().ok()) return log.status();
  if (log.Earlier().has_value()) {
    auto earlier = opening_.cases().Find(tx, *log.Earlier(), /*personal=*/false);
    if (!earlier.has_value()) return runtime::NotFoundError(kCaseType, CaseName(*log.Earlier()));
    *response = PresentCase(
        *earlier, context_, caller, today,
        {.sensitive_flags = MaySeeSensitiveFlags(call, earlier->residence_region_code)});
    return grpc::Status::OK;
  }
  const std::string hash = opening_.LookupHash(person->details.national_id_number());
  opening_.LockPerson(tx, hash);
  DecisionRegistry decisions(context_);
  const bool with_decision = request.measure().type() != v1::MEASURE_TYPE_NONE;
  if (with_decision && decisions.Known(tx, request.measure().decision_number())) {
    return runtime::AlreadyExistsError(common::v1::RESOURCE_ALREADY_EXISTS,
                                       "measure.decision_number: this decision was received "
                                       "before (intake applies it)");
  }
  if (auto open = opening_.cases().FindOpenByPerson(tx, hash, /*lock=*/true)) {
    if (caller.Covers(open->residence_region_code)) {
      return runtime::AlreadyExistsError(common::v1::RESOURCE_ALREADY_EXISTS,
                                         "the person already has an open case", kCaseType,
                                         CaseName(open->id));
    }
    std::optional<v1::MeasureDecision> pending;
    if (with_decision) {
      pending = DecisionOfCreate(request, person->details);
    }
    auto transfer = opening_.RequestTransfer(tx, *open, input.residence_region_code(),
                                             caller.subject(), pending);
    AppendAccessAudit(tx, context_.schema(), caller, call,
                      {.method = Method("CreateCase"),
                       .resource = CaseName(open->id),
                       .person_pseudonym = open->person_pseudonym,
                       .region_code = open->residence_region_code,
                       .region_path = context_.regions.EnclosingPath(open->residence_region_code),
                       .purpose = "case creation for a person with an open case elsewhere",
                       .denied = true});
    tx.commit();
    if (!transfer.has_value()) {
      return runtime::FailedPreconditionError(
          common::v1::TRANSFER_PENDING,
          "the person has an open case in another county with a transfer already pending");
    }
    return runtime::ApiError(grpc::StatusCode::FAILED_PRECONDITION,
                             common::v1::ACTIVE_CASE_ELSEWHERE,
                             "the person has an open case in another county; a transfer request "
                             "was sent to it",
                             {{"case_transfer", CaseTransferName(*transfer)}});
  }
  CaseRecord record = opening_.Open(tx,
                                    {.person = person->details,
                                     .residence_region_code = input.residence_region_code(),
                                     .measure = request.measure(),
                                     .assistance_category = input.assistance_category(),
                                     .assigned_worker_subject = input.assigned_worker_subject()},
                                    caller.subject(), today, events::v1::OPENED_BY_MANUAL);
  if (with_decision) {
    decisions.Record(tx, DecisionOfCreate(request, person->details), record.id, "",
                     caller.subject());
  }
  log.Record(record.id);
  tx.commit();
  *response =
      PresentCase(record, context_, caller, today,
                  {.sensitive_flags = MaySeeSensitiveFlags(call, record.residence_region_code)});
  return grpc::Status::OK;
}

grpc::Status CaseHandlers::Get(const runtime::CallContext& call, const v1::GetCaseRequest& request,
                               v1::Case* response) {
  const bool full = request.view() == v1::CASE_VIEW_FULL;
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("GetCase", full ? kPersonalDataReaders : kCaseRoles);
      !status.ok()) {
    // A case role without a personal-data role asking for the full view.
    if (full && caller.RequireRole("GetCase", kCaseRoles).ok())
      return PersonalDataDenied("GetCase");
    return status;
  }
  runtime::FieldViolations violations;
  const std::string id = runtime::CheckResourceName(violations, "name", request.name(), "cases/",
                                                    /*required=*/true);
  if (!v1::CaseView_IsValid(request.view())) {
    violations.Add("view", common::v1::VALUE_NOT_ALLOWED, "unknown view");
  }
  if (!violations.empty()) return violations.ToStatus();
  if (full && (request.access_purpose().empty() ||
               runtime::CodePointCount(request.access_purpose()) > kMaxPurposeCharacters)) {
    return AccessPurposeRequired();
  }
  const runtime::CivilDate today = runtime::TodayInShanghai();
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  auto record = opening_.cases().Find(tx, id, /*personal=*/false);
  if (!record.has_value()) return runtime::NotFoundError(kCaseType, request.name());
  if (!caller.Covers(record->residence_region_code)) {
    // Answered exactly like a missing case, and recorded: probing other counties' ids is what an
    // auditor wants to see.
    AppendAccessAudit(tx, context_.schema(), caller, call,
                      {.method = Method("GetCase"),
                       .resource = CaseName(id),
                       .person_pseudonym = record->person_pseudonym,
                       .region_code = record->residence_region_code,
                       .region_path = context_.regions.EnclosingPath(record->residence_region_code),
                       .purpose = request.access_purpose(),
                       .denied = true});
    tx.commit();
    return runtime::NotFoundError(kCaseType, request.name());
  }
  if (full) {
    record = opening_.cases().Find(tx, id, /*personal=*/true);
    AppendAccessAudit(tx, context_.schema(), caller, call,
                      {.method = Method("GetCase"),
                       .resource = CaseName(id),
                       .person_pseudonym = record->person_pseudonym,
                       .region_code = record->residence_region_code,
                       .region_path = context_.regions.EnclosingPath(record->residence_region_code),
                       .fields = ClearFieldPaths(*record),
                       .purpose = request.access_purpose()});
  }
  tx.commit();
  *response = PresentCase(
      *record, context_, caller, today,
      {.personal_in_clear = full,
       .sensitive_flags = full || MaySeeSensitiveFlags(call, record->residence_region_code)});
  return grpc::Status::OK;
}

grpc::Status CaseHandlers::List(const runtime::CallContext& call,
                                const v1::ListCasesRequest& request,
                                v1::ListCasesResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  // The suspected-relapse flag is personal data: only those who may read it may filter by it.
  if (auto status = caller.RequireRole(
          "ListCases", request.suspected_relapse() ? kPersonalDataReaders : kCaseRoles);
      !status.ok()) {
    if (request.suspected_relapse() && caller.RequireRole("ListCases", kCaseRoles).ok()) {
      return PersonalDataDenied("ListCases");
    }
    return status;
  }
  runtime::FieldViolations violations;
  CaseListFilter filter;
  for (int i = 0; i < request.statuses_size(); ++i) {
    if (request.statuses(i) == v1::CASE_STATUS_UNSPECIFIED ||
        !v1::CaseStatus_IsValid(request.statuses(i))) {
      violations.Add("statuses[" + std::to_string(i) + "]", common::v1::VALUE_NOT_ALLOWED,
                     "unknown status");
    }
    filter.statuses.push_back(request.statuses(i));
  }
  for (int i = 0; i < request.measure_types_size(); ++i) {
    if (request.measure_types(i) == v1::MEASURE_TYPE_UNSPECIFIED ||
        !v1::MeasureType_IsValid(request.measure_types(i))) {
      violations.Add("measure_types[" + std::to_string(i) + "]", common::v1::VALUE_NOT_ALLOWED,
                     "unknown measure type");
    }
    filter.measure_types.push_back(request.measure_types(i));
  }
  if (!v1::AssistanceCategory_IsValid(request.assistance_category())) {
    violations.Add("assistance_category", common::v1::VALUE_NOT_ALLOWED, "unknown category");
  }
  filter.assistance_category = request.assistance_category();
  if (request.has_measure_ends_before()) {
    const auto& date = request.measure_ends_before();
    if (!runtime::IsValidCivilDate(date.year(), date.month(), date.day())) {
      violations.Add("measure_ends_before", common::v1::FIELD_MALFORMED,
                     "not a real calendar date");
    } else {
      filter.measure_ends_before = runtime::FromProtoDate(date);
    }
  }
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
  std::vector<std::string> after;
  if (!page.cursor.empty() && !runtime::SplitCursor(page.cursor, 3, &after)) {
    return runtime::InvalidPageTokenError();
  }
  if (!after.empty() && !runtime::ParseIsoDate(after[1]).has_value()) {
    return runtime::InvalidPageTokenError();
  }
  filter.assigned_subject = request.assigned_to_caller() ? caller.subject() : "";
  filter.contact_overdue = request.contact_overdue();
  filter.urine_test_overdue = request.urine_test_overdue();
  filter.suspected_relapse = request.suspected_relapse();
  const runtime::CivilDate today = runtime::TodayInShanghai();
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  filter.region_condition = runtime::RegionPathCondition(tx, "region_path", regions, all);
  int total = 0;
  std::vector<CaseRecord> records = opening_.cases().List(
      tx, filter, today, context_.rules.contact_overdue_days, after, page.page_size + 1, &total);
  const bool more = static_cast<int>(records.size()) > page.page_size;
  if (more) records.resize(page.page_size);
  for (const CaseRecord& record : records) {
    *response->add_cases() =
        PresentCase(record, context_, caller, today,
                    {.sensitive_flags = MaySeeSensitiveFlags(call, record.residence_region_code)});
  }
  response->set_total_size(total);
  if (more) {
    const CaseRecord& last = records.back();
    response->set_next_page_token(runtime::NextPageToken(
        request, runtime::JoinCursor({last.residence_region_code,
                                      runtime::FormatIsoDate(last.open_date), last.id})));
  }
  return grpc::Status::OK;
}

grpc::Status CaseHandlers::Lookup(const runtime::CallContext& call,
                                  const v1::LookupCasesRequest& request,
                                  v1::LookupCasesResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("LookupCases", kPersonalDataReaders); !status.ok()) {
    return status;
  }
  const runtime::CivilDate today = runtime::TodayInShanghai();
  runtime::FieldViolations violations;
  auto id_number = runtime::CheckNationalIdField("national_id_number", request.national_id_number(),
                                                 context_.regions, today, &violations);
  if (!violations.empty()) return violations.ToStatus();
  if (request.access_purpose().empty() ||
      runtime::CodePointCount(request.access_purpose()) > kMaxPurposeCharacters) {
    return AccessPurposeRequired();
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  const std::string pseudonym =
      PersonPseudonym(context_.personal_data.lookup, id_number->normalized);
  int returned = 0;
  for (const CaseRecord& record :
       opening_.cases().FindByPerson(tx, opening_.LookupHash(id_number->normalized))) {
    if (!caller.Covers(record.residence_region_code)) continue;  // never a hint about others
    *response->add_cases() =
        PresentCase(record, context_, caller, today, {.sensitive_flags = true});
    AppendAccessAudit(tx, context_.schema(), caller, call,
                      {.method = Method("LookupCases"),
                       .resource = CaseName(record.id),
                       .person_pseudonym = record.person_pseudonym,
                       .region_code = record.residence_region_code,
                       .region_path = context_.regions.EnclosingPath(record.residence_region_code),
                       .purpose = request.access_purpose()});
    ++returned;
  }
  if (returned == 0) {
    // A search with no answer is still a search for a person.
    AppendAccessAudit(tx, context_.schema(), caller, call,
                      {.method = Method("LookupCases"),
                       .person_pseudonym = pseudonym,
                       .purpose = request.access_purpose()});
  }
  tx.commit();
  return grpc::Status::OK;
}

grpc::Status CaseHandlers::Update(const runtime::CallContext& call,
                                  const v1::UpdateCaseRequest& request, v1::Case* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("UpdateCase", kPersonalDataReaders); !status.ok()) {
    return status;
  }
  static const std::set<std::string> kMutable = {
      "personal_details.full_name", "personal_details.phone", "personal_details.address",
      "personal_details.notes",     "assistance_category",    "assigned_worker_subject"};
  static const std::set<std::string> kImmutable = {"name", "personal_details.national_id_number",
                                                   "residence_region_code", "person_pseudonym"};
  runtime::FieldViolations violations;
  const v1::Case& input = request.case_();
  const std::string id =
      runtime::CheckResourceName(violations, "case.name", input.name(), "cases/", true);
  if (request.update_mask().paths_size() == 0) {
    violations.Add("update_mask", common::v1::FIELD_REQUIRED, "name the paths to change");
  }
  std::vector<std::string> personal_paths;
  v1::PersonalDetails changed;
  for (const std::string& path : request.update_mask().paths()) {
    if (kImmutable.contains(path)) {
      violations.Add("update_mask", common::v1::FIELD_IMMUTABLE, path + " cannot change");
    } else if (!kMutable.contains(path)) {
      violations.Add("update_mask", common::v1::UNKNOWN_FIELD_PATH, path + " is not updatable");
    } else if (path.starts_with("personal_details.")) {
      const std::string field = path.substr(std::string("personal_details.").size());
      if (field == "full_name" || field == "phone" || field == "address" || field == "notes") {
        CheckPersonalField(field, input.personal_details(), "case.personal_details.", &violations,
                           &changed);
        personal_paths.push_back(field);
      }
    }
  }
  if (!v1::AssistanceCategory_IsValid(input.assistance_category())) {
    violations.Add("case.assistance_category", common::v1::VALUE_NOT_ALLOWED, "unknown category");
  }
  runtime::CheckTextLength("case.assigned_worker_subject", input.assigned_worker_subject(), 0, 128,
                           &violations);
  if (!violations.empty()) return violations.ToStatus();
  auto has = [&](const char* path) {
    const auto& paths = request.update_mask().paths();
    return std::find(paths.begin(), paths.end(), path) != paths.end();
  };

  const runtime::CivilDate today = runtime::TodayInShanghai();
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  auto record = opening_.cases().Find(tx, id, /*personal=*/false, /*lock=*/true);
  if (!record.has_value()) return runtime::NotFoundError(kCaseType, input.name());
  if (!caller.Covers(record->residence_region_code)) {
    AppendAccessAudit(tx, context_.schema(), caller, call,
                      {.method = Method("UpdateCase"),
                       .resource = CaseName(id),
                       .person_pseudonym = record->person_pseudonym,
                       .region_code = record->residence_region_code,
                       .region_path = context_.regions.EnclosingPath(record->residence_region_code),
                       .denied = true});
    tx.commit();
    return runtime::NotFoundError(kCaseType, input.name());
  }
  if (!request.etag().empty() && request.etag() != std::to_string(record->revision)) {
    return runtime::EtagMismatchError(input.name());
  }
  const v1::AssistanceCategory previous_category = record->assistance_category;
  if (has("assistance_category")) record->assistance_category = input.assistance_category();
  if (has("assigned_worker_subject")) {
    record->assigned_worker_subject = input.assigned_worker_subject();
  }
  record->person = changed;
  if (has("personal_details.full_name"))
    record->full_name_masked = MaskFullName(changed.full_name());
  if (has("personal_details.phone")) record->phone_masked = MaskPhone(changed.phone());
  if (has("personal_details.address")) record->has_address = !changed.address().empty();
  ++record->revision;
  record->update_subject = caller.subject();
  opening_.cases().Update(tx, *record, personal_paths);
  if (record->assistance_category != previous_category) {
    events::v1::CaseCategoryChanged event;
    event.set_case_name(CaseName(record->id));
    event.set_assistance_category(record->assistance_category);
    AppendCaseEvent(context_, tx, *record, event);
  }
  auto updated = opening_.cases().Find(tx, id, /*personal=*/false);
  tx.commit();
  *response = PresentCase(*updated, context_, caller, today, {.sensitive_flags = true});
  return grpc::Status::OK;
}

grpc::Status CaseHandlers::Summarize(const runtime::CallContext& call,
                                     const v1::GetWorkListSummaryRequest& request,
                                     v1::WorkListSummary* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("GetWorkListSummary", kCaseRoles); !status.ok()) {
    return status;
  }
  std::vector<std::string> regions;
  bool all = false;
  if (auto status =
          caller.ListScope("within_region_code", request.within_region_code(), &regions, &all);
      !status.ok()) {
    return status;
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  const CaseStore::WorkListCounts counts = opening_.cases().Count(
      tx, runtime::RegionPathCondition(tx, "region_path", regions, all),
      request.assigned_to_caller() ? caller.subject() : "", runtime::TodayInShanghai(),
      context_.rules.contact_overdue_days, context_.rules.measure_ending_soon_days);
  response->set_open_cases(counts.open_cases);
  response->set_contact_overdue(counts.contact_overdue);
  response->set_urine_test_overdue(counts.urine_test_overdue);
  response->set_suspected_relapse(counts.suspected_relapse);
  response->set_measure_ending_soon(counts.measure_ending_soon);
  response->set_lost_contact(counts.lost_contact);
  // Transfers wait on the side that did not create them.
  const pqxx::row awaiting = tx.exec1(
      "SELECT count(*) FROM " + context_.schema() +
      ".case_transfers WHERE state = 1 AND ((origin = 1 AND " +
      runtime::RegionPathCondition(tx, "to_region_path", regions, all) + ") OR (origin = 2 AND " +
      runtime::RegionPathCondition(tx, "from_region_path", regions, all) + "))");
  response->set_transfers_awaiting_decision(awaiting[0].as<int>());
  return grpc::Status::OK;
}

}  // namespace jindu::casework
