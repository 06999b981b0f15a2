#pragma once
// The case behind every request about a contact, urine test or help record: loaded in the
// request's transaction, checked against the caller's scope, and written back with a new revision
// when the request changed it or appended events to it. One place, so every method answers an
// out-of-scope case exactly like a missing one and audits the attempt the same way.
#include <google/protobuf/message.h>

#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "casework/cases/case_record.h"
#include "casework/casework_context.h"
#include "casework/storage/case_store.h"
#include "runtime/access/caller_access.h"
#include "runtime/grpc/call_context.h"

namespace jindu::casework {

struct CaseEntry {
  const char* method;         // "CreateContact", for the audit log
  std::string case_id;        // validated
  std::string resource_type;  // what NOT_FOUND names ("jindu.casework.v1.Contact")
  std::string resource_name;  // as requested
  bool lock = false;          // writes lock the case row (SELECT ... FOR UPDATE)
  std::string purpose;        // the request's access_purpose, if any
};

class CaseGate {
 public:
  explicit CaseGate(const CaseworkContext& context);

  // Loads the case for the caller into *record. A missing case and a case outside the caller's
  // scope both answer NOT_FOUND naming entry.resource_name; the second is audited as a refused
  // attempt and the transaction committed with that entry, so the caller returns the status at
  // once.
  grpc::Status Enter(pqxx::work& tx, const runtime::CallerAccess& caller,
                     const runtime::CallContext& call, const CaseEntry& entry,
                     std::optional<CaseRecord>* record) const;

  // FAILED_PRECONDITION / ILLEGAL_STATE_TRANSITION for a CLOSED or TRANSFERRED_OUT case: its
  // follow-up belongs to nobody any more (or to the receiving county's new case).
  static grpc::Status RequireOpen(const CaseRecord& record, const char* method);

  // Appends `event` on the case's topic as its next version (record.revision increases by one),
  // so consumers see every event of a case in a strictly increasing order.
  void AppendEvent(pqxx::work& tx, CaseRecord& record,
                   const google::protobuf::Message& event) const;

  // Writes back the non-personal columns of a case loaded with lock, after AppendEvent raised its
  // revision.
  void Save(pqxx::work& tx, CaseRecord& record, const std::string& subject) const;

  // Appends the access audit entry of a full read of `resource` of the case.
  void AuditFullRead(pqxx::work& tx, const runtime::CallerAccess& caller,
                     const runtime::CallContext& call, const CaseRecord& record, const char* method,
                     const std::string& resource, const std::vector<std::string>& fields,
                     const std::string& purpose) const;

  const CaseStore& cases() const { return cases_; }

 private:
  const CaseworkContext& context_;
  CaseStore cases_;
};

// "/jindu.casework.v1.CaseworkService/<method>".
std::string CaseworkMethod(const char* method);

}  // namespace jindu::casework
