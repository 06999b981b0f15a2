#include "casework/contacts/contact_handlers.h"

#include "casework/access/casework_roles.h"
#include "casework/access/followup_roles.h"
#include "casework/contacts/contact_events.h"
#include "casework/contacts/contact_presentation.h"
#include "casework/contacts/contact_validation.h"
#include "casework/followup/case_child_names.h"
#include "casework/followup/followup_fields.h"
#include "casework/followup/list_cursors.h"
#include "casework/followup/record_views.h"
#include "runtime/api/paging.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/request_log.h"
#include "runtime/ids/resource_ids.h"

namespace jindu::casework {
namespace {

constexpr const char* kCaseType = "jindu.casework.v1.Case";

}  // namespace

ContactHandlers::ContactHandlers(CaseworkContext& context)
    : context_(context),
      gate_(context),
      contacts_(context.schema(), context.personal_data.cipher) {}

void ContactHandlers::AdvanceLastReached(const ContactRecord& contact, CaseRecord& record) {
  if (!contact.reached) return;
  if (!record.last_reached_contact_date ||
      *record.last_reached_contact_date < contact.contact_date) {
    record.last_reached_contact_date = contact.contact_date;
  }
}

grpc::Status ContactHandlers::Create(const runtime::CallContext& call,
                                     const v1::CreateContactRequest& request,
                                     v1::Contact* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("CreateContact", kContactAndHelpWriters); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  auto parent = CheckCaseParent(violations, "parent", request.parent(), /*allow_every_case=*/false);
  ContactRecord contact;
  CheckContactFields(request.contact(), ContactMutablePaths(), violations, &contact);
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  std::optional<CaseRecord> record;
  if (auto status = gate_.Enter(tx, caller, call,
                                {.method = "CreateContact",
                                 .case_id = parent->case_id,
                                 .resource_type = kCaseType,
                                 .resource_name = request.parent(),
                                 .lock = true},
                                &record);
      !status.ok()) {
    return status;
  }
  runtime::RequestLog log(tx, context_.schema(), "CreateContact", request.request_id(), request,
                          call.principal().subject);
  if (!log.status().ok()) return log.status();
  if (log.Earlier().has_value()) {
    auto earlier = contacts_.Find(tx, record->id, *log.Earlier(), /*sensitive=*/false);
    const std::string name = ChildResourceName(record->id, kContactCollection, *log.Earlier());
    if (!earlier.has_value()) return runtime::NotFoundError(kContactType, name);
    *response = PresentContact(*earlier, /*notes_in_clear=*/false);
    return grpc::Status::OK;
  }
  if (auto status = CaseGate::RequireOpen(*record, "CreateContact"); !status.ok()) return status;

  contact.id = runtime::NewResourceId();
  contact.case_id = record->id;
  contact.revision = 1;
  contact.create_subject = contact.update_subject = caller.subject();
  contacts_.Insert(tx, contact);
  AdvanceLastReached(contact, *record);
  gate_.AppendEvent(tx, *record, ContactLoggedEvent(contact));
  gate_.Save(tx, *record, caller.subject());
  log.Record(contact.id);
  auto stored = contacts_.Find(tx, record->id, contact.id, /*sensitive=*/false);
  tx.commit();
  *response = PresentContact(*stored, /*notes_in_clear=*/false);
  return grpc::Status::OK;
}

grpc::Status ContactHandlers::Get(const runtime::CallContext& call,
                                  const v1::GetContactRequest& request, v1::Contact* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = RequireViewRole(caller, "GetContact", request.view()); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  auto name = CheckChildName(violations, "name", request.name(), kContactCollection);
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
                                {.method = "GetContact",
                                 .case_id = name->case_id,
                                 .resource_type = kContactType,
                                 .resource_name = request.name(),
                                 .purpose = request.access_purpose()},
                                &record);
      !status.ok()) {
    return status;
  }
  auto contact = contacts_.Find(tx, name->case_id, name->id, full);
  if (!contact.has_value()) return runtime::NotFoundError(kContactType, request.name());
  if (full) {
    gate_.AuditFullRead(tx, caller, call, *record, "GetContact", request.name(),
                        ContactClearFieldPaths(*contact), request.access_purpose());
  }
  tx.commit();
  *response = PresentContact(*contact, full);
  return grpc::Status::OK;
}

grpc::Status ContactHandlers::List(const runtime::CallContext& call,
                                   const v1::ListContactsRequest& request,
                                   v1::ListContactsResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ListContacts", kCaseRoles); !status.ok()) return status;
  runtime::FieldViolations violations;
  auto parent = CheckCaseParent(violations, "parent", request.parent(), /*allow_every_case=*/true);
  ContactListFilter filter;
  filter.dates = runtime::CheckDateRangeFilter(violations, "date_range", request.has_date_range(),
                                               request.date_range());
  if (request.has_reached()) filter.reached = request.reached();
  runtime::PageRequest page;
  if (auto status = runtime::ReadPageRequest(request, &page); !status.ok()) return status;
  if (!violations.empty()) return violations.ToStatus();
  std::vector<std::string> after;
  if (!page.cursor.empty() && !SplitInstantCursor(page.cursor, &after)) {
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
                                  {.method = "ListContacts",
                                   .case_id = parent->case_id,
                                   .resource_type = kCaseType,
                                   .resource_name = request.parent()},
                                  &record);
        !status.ok()) {
      return status;
    }
    filter.case_id = parent->case_id;
  }
  std::vector<ContactRecord> contacts = contacts_.List(tx, filter, after, page.page_size + 1);
  tx.commit();
  const bool more = static_cast<int>(contacts.size()) > page.page_size;
  if (more) contacts.resize(page.page_size);
  for (const ContactRecord& contact : contacts) {
    *response->add_contacts() = PresentContact(contact, /*notes_in_clear=*/false);
  }
  if (more) {
    const ContactRecord& last = contacts.back();
    response->set_next_page_token(runtime::NextPageToken(
        request, runtime::JoinCursor({std::to_string(last.contact_micros), last.id})));
  }
  return grpc::Status::OK;
}

grpc::Status ContactHandlers::Update(const runtime::CallContext& call,
                                     const v1::UpdateContactRequest& request,
                                     v1::Contact* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("UpdateContact", kContactAndHelpWriters); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const v1::Contact& input = request.contact();
  auto name = CheckChildName(violations, "contact.name", input.name(), kContactCollection);
  std::set<std::string> paths;
  CheckUpdateMask(violations, request.update_mask(), ContactMutablePaths(), ContactImmutablePaths(),
                  ContactOutputOnlyPaths(), &paths);
  ContactRecord changes;
  CheckContactFields(input, paths, violations, &changes);
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  std::optional<CaseRecord> record;
  // The case row's lock also serialises every write on its contacts.
  if (auto status = gate_.Enter(tx, caller, call,
                                {.method = "UpdateContact",
                                 .case_id = name->case_id,
                                 .resource_type = kContactType,
                                 .resource_name = input.name(),
                                 .lock = true},
                                &record);
      !status.ok()) {
    return status;
  }
  auto contact = contacts_.Find(tx, name->case_id, name->id, /*sensitive=*/true);
  if (!contact.has_value()) return runtime::NotFoundError(kContactType, input.name());
  if (!request.etag().empty() && request.etag() != std::to_string(contact->revision)) {
    return runtime::EtagMismatchError(input.name());
  }
  if (auto status = CaseGate::RequireOpen(*record, "UpdateContact"); !status.ok()) return status;

  if (paths.contains("kind")) contact->kind = changes.kind;
  if (paths.contains("contact_time")) {
    contact->contact_micros = changes.contact_micros;
    contact->contact_date = changes.contact_date;
  }
  if (paths.contains("reached")) contact->reached = changes.reached;
  if (paths.contains("participant_subjects")) {
    contact->participant_subjects = changes.participant_subjects;
  }
  if (paths.contains("participant_volunteers")) {
    contact->participant_volunteer_ids = changes.participant_volunteer_ids;
  }
  if (paths.contains("notes")) contact->notes = changes.notes;
  if (paths.contains("relief_money")) contact->relief_minor_units = changes.relief_minor_units;
  if (paths.contains("relief_items")) contact->relief_items = changes.relief_items;
  if (paths.contains("relief_items_description")) {
    contact->relief_items_description = changes.relief_items_description;
  }
  ++contact->revision;
  contact->update_subject = caller.subject();
  contacts_.Update(tx, *contact);
  AdvanceLastReached(*contact, *record);
  gate_.AppendEvent(tx, *record, ContactCorrectedEvent(*contact));
  gate_.Save(tx, *record, caller.subject());
  auto stored = contacts_.Find(tx, name->case_id, name->id, /*sensitive=*/false);
  tx.commit();
  *response = PresentContact(*stored, /*notes_in_clear=*/false);
  return grpc::Status::OK;
}

}  // namespace jindu::casework
