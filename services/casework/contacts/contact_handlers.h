#pragma once
// CaseworkService's contact methods: log a contact (a reached one advances the case's
// last_reached_contact_date, which clears the contact-overdue flag), get one (FULL returns the
// notes, audited), list a case's or every case's in scope (newest first, notes empty), correct one.
#include "casework/casework_context.h"
#include "casework/followup/case_child_kind.h"
#include "casework/followup/case_gate.h"
#include "casework/storage/contact_store.h"
#include "jindu/casework/v1/casework_service.pb.h"
#include "runtime/grpc/call_context.h"

namespace jindu::casework {

class ContactHandlers {
 public:
  explicit ContactHandlers(CaseworkContext& context);

  grpc::Status Create(const runtime::CallContext& call, const v1::CreateContactRequest& request,
                      v1::Contact* response);
  grpc::Status Get(const runtime::CallContext& call, const v1::GetContactRequest& request,
                   v1::Contact* response);
  grpc::Status List(const runtime::CallContext& call, const v1::ListContactsRequest& request,
                    v1::ListContactsResponse* response);
  grpc::Status Update(const runtime::CallContext& call, const v1::UpdateContactRequest& request,
                      v1::Contact* response);

 private:
  // Contacts for the shared follow-up flows (case_child_kind.h).
  CaseChildKind<ContactRecord, v1::Contact> Contacts() const;
  // A reached contact moves the case's last reached day forward, never back: correcting an old
  // contact must not reopen an overdue flag that a later reached contact (or RestoreContact)
  // cleared.
  static void AdvanceLastReached(const ContactRecord& contact, CaseRecord& record);

  CaseworkContext& context_;
  CaseGate gate_;
  ContactStore contacts_;
};

}  // namespace jindu::casework
