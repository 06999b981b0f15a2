#include "casework/contacts/contact_handlers.h"

#include "casework/access/casework_roles.h"
#include "casework/access/followup_roles.h"
#include "casework/contacts/contact_events.h"
#include "casework/contacts/contact_presentation.h"
#include "casework/contacts/contact_validation.h"
#include "casework/followup/child_create.h"
#include "casework/followup/child_get.h"
#include "casework/followup/child_list.h"
#include "casework/followup/child_update.h"
#include "casework/followup/list_cursors.h"
#include "runtime/api/request_checks.h"

namespace jindu::casework {
namespace {

void CopyMaskedFields(const std::set<std::string>& paths, const ContactRecord& changes,
                      ContactRecord& contact) {
  if (paths.contains("kind")) contact.kind = changes.kind;
  if (paths.contains("contact_time")) {
    contact.contact_micros = changes.contact_micros;
    contact.contact_date = changes.contact_date;
  }
  if (paths.contains("reached")) contact.reached = changes.reached;
  if (paths.contains("participant_subjects")) {
    contact.participant_subjects = changes.participant_subjects;
  }
  if (paths.contains("participant_volunteers")) {
    contact.participant_volunteer_ids = changes.participant_volunteer_ids;
  }
  if (paths.contains("notes")) contact.notes = changes.notes;
  if (paths.contains("relief_money")) contact.relief_minor_units = changes.relief_minor_units;
  if (paths.contains("relief_items")) contact.relief_items = changes.relief_items;
  if (paths.contains("relief_items_description")) {
    contact.relief_items_description = changes.relief_items_description;
  }
}

}  // namespace

ContactHandlers::ContactHandlers(CaseworkContext& context)
    : context_(context),
      gate_(context),
      contacts_(context.schema(), context.personal_data.cipher) {}

// The notes are a contact's sensitive field: only a FULL view opens them, shows them and names
// them in its audit entry.
CaseChildKind<ContactRecord, v1::Contact> ContactHandlers::Contacts() const {
  return {
      .collection = kContactCollection,
      .type = kContactType,
      .find = [this](pqxx::transaction_base& tx, const std::string& case_id, const std::string& id,
                     bool sensitive) { return contacts_.Find(tx, case_id, id, sensitive); },
      .present = PresentContact,
      .clear_fields = ContactClearFieldPaths};
}

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
  return CreateCaseChild(
      context_, gate_, call, Contacts(), request,
      {.method = "CreateContact",
       .roles = kContactAndHelpWriters,
       // A new contact sets every field an update may change.
       .check_fields =
           [&request](runtime::FieldViolations& violations, ContactRecord& contact) {
             CheckContactFields(request.contact(), ContactMutablePaths(), violations, &contact);
           },
       .write =
           [this](pqxx::work& tx, CaseRecord& record, const ContactRecord& contact) {
             contacts_.Insert(tx, contact);
             AdvanceLastReached(contact, record);
             gate_.AppendEvent(tx, record, ContactLoggedEvent(contact));
           }},
      response);
}

grpc::Status ContactHandlers::Get(const runtime::CallContext& call,
                                  const v1::GetContactRequest& request, v1::Contact* response) {
  return GetCaseChild(context_, gate_, call, "GetContact", Contacts(), request, response);
}

grpc::Status ContactHandlers::List(const runtime::CallContext& call,
                                   const v1::ListContactsRequest& request,
                                   v1::ListContactsResponse* response) {
  // Newest first, by contact time (ContactStore::List).
  return ListCaseChildren<ContactListFilter>(
      context_, gate_, call, Contacts(), request,
      {.method = "ListContacts",
       .roles = kCaseRoles,
       .check_filters =
           [&request](runtime::FieldViolations& violations, ContactListFilter& filter) {
             filter.dates = runtime::CheckDateRangeFilter(
                 violations, "date_range", request.has_date_range(), request.date_range());
             if (request.has_reached()) filter.reached = request.reached();
           },
       .split_cursor = SplitInstantCursor,
       .read = [this](pqxx::transaction_base& tx, const ContactListFilter& filter,
                      const std::vector<std::string>& after,
                      int limit) { return contacts_.List(tx, filter, after, limit); },
       .sort_key = [](const ContactRecord& last) { return std::to_string(last.contact_micros); },
       .rows = response->mutable_contacts(),
       .next_page_token = response->mutable_next_page_token()});
}

grpc::Status ContactHandlers::Update(const runtime::CallContext& call,
                                     const v1::UpdateContactRequest& request,
                                     v1::Contact* response) {
  const v1::Contact& input = request.contact();
  return UpdateCaseChild(
      context_, gate_, call, Contacts(),
      {.method = "UpdateContact",
       .roles = kContactAndHelpWriters,
       .name_field = "contact.name",
       .name = input.name(),
       .update_mask = request.update_mask(),
       .etag = request.etag(),
       .mutable_paths = ContactMutablePaths(),
       .immutable_paths = ContactImmutablePaths(),
       .output_only_paths = ContactOutputOnlyPaths(),
       .check_fields =
           [&input](const std::set<std::string>& paths, runtime::FieldViolations& violations,
                    ContactRecord& changes) {
             CheckContactFields(input, paths, violations, &changes);
           },
       .apply = CopyMaskedFields,
       .write =
           [this](pqxx::work& tx, CaseRecord& record, const ContactRecord& contact) {
             contacts_.Update(tx, contact);
             AdvanceLastReached(contact, record);
             gate_.AppendEvent(tx, record, ContactCorrectedEvent(contact));
           }},
      response);
}

}  // namespace jindu::casework
