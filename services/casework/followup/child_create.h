#pragma once
// CreateContact, CreateHelpRecord and RecordUrineTest: a new record under an open case, written in
// one transaction with what it changes on the case and the case's event, idempotent by request id
// (request_log.h): a repeat answers with the record the first call made, as it now is.
//
// CreateCaseChild is the whole flow for a kind whose new record is made from the request alone;
// RecordUrineTest, which may fulfil a test already scheduled, opens its transaction with
// OpenCaseChildCreate and writes the rest itself.
#include <google/protobuf/message.h>

#include <functional>
#include <initializer_list>
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "casework/cases/case_record.h"
#include "casework/casework_context.h"
#include "casework/followup/case_child_kind.h"
#include "casework/followup/case_child_names.h"
#include "casework/followup/case_gate.h"
#include "jindu/common/v1/role.pb.h"
#include "runtime/access/caller_access.h"
#include "runtime/api/api_error.h"
#include "runtime/api/request_log.h"
#include "runtime/grpc/call_context.h"
#include "runtime/ids/resource_ids.h"

namespace jindu::casework {

struct CaseChildCreateEntry {
  const char* method;             // "CreateContact": audit entries and the request log
  const std::string& case_id;     // validated
  const std::string& parent;      // "cases/{case}" as requested, what NOT_FOUND names
  const std::string& request_id;  // empty: not idempotent
  // The request as the request log digests it to tell a repeat from a conflicting reuse of its id.
  const google::protobuf::Message& fingerprint;
};

// Enters the case with its row locked (the lock serialises every write on the case's records)
// and then consults the request log. Not OK: answer the status at once (a case missing or out of
// scope, a malformed request id, or one reused for other content).
grpc::Status EnterCaseForCreate(pqxx::work& tx, const CaseworkContext& context,
                                const CaseGate& gate, const runtime::CallerAccess& caller,
                                const runtime::CallContext& call, const CaseChildCreateEntry& entry,
                                std::optional<CaseRecord>* record,
                                std::optional<runtime::RequestLog>* log);

template <typename Record>
struct CaseChildCreation {
  std::optional<CaseRecord> record;        // the case, locked
  std::optional<runtime::RequestLog> log;  // log->Record(id) once the new record is written
  std::optional<Record> repeat;            // set for a repeat: the first call's record, to answer
};

// Opens a create in `tx`: EnterCaseForCreate, then either the repeat (NOT_FOUND when the first
// call's record is gone) or the check that the case is open, which a repeat does not need: it
// answers what was done while the case was.
template <typename Record, typename Response>
grpc::Status OpenCaseChildCreate(pqxx::work& tx, const CaseworkContext& context,
                                 const CaseGate& gate, const runtime::CallerAccess& caller,
                                 const runtime::CallContext& call,
                                 const CaseChildKind<Record, Response>& kind,
                                 const CaseChildCreateEntry& entry,
                                 CaseChildCreation<Record>* creation) {
  if (auto status = EnterCaseForCreate(tx, context, gate, caller, call, entry, &creation->record,
                                       &creation->log);
      !status.ok()) {
    return status;
  }
  const CaseRecord& record = *creation->record;
  if (const auto& earlier = creation->log->Earlier(); earlier.has_value()) {
    creation->repeat = kind.find(tx, record.id, *earlier, /*sensitive=*/false);
    if (!creation->repeat.has_value()) {
      return runtime::NotFoundError(kind.type,
                                    ChildResourceName(record.id, kind.collection, *earlier));
    }
    return grpc::Status::OK;
  }
  return CaseGate::RequireOpen(record, entry.method);
}

// What one kind's create decides for itself.
template <typename Record>
struct CaseChildCreate {
  const char* method;                             // "CreateContact"
  std::initializer_list<common::v1::Role> roles;  // who may create
  // Checks the request's fields into the new record; the flow sets its id, case, revision and
  // subjects.
  std::function<void(runtime::FieldViolations& violations, Record& created)> check_fields;
  // Writes the new record and what it changes on the case (its event, a date it moves) in `tx`;
  // the flow saves the case afterwards.
  std::function<void(pqxx::work& tx, CaseRecord& record, const Record& created)> write;
};

// `request` is the kind's create request: parent and request_id; all of it is the fingerprint.
template <typename Request, typename Record, typename Response>
grpc::Status CreateCaseChild(const CaseworkContext& context, const CaseGate& gate,
                             const runtime::CallContext& call,
                             const CaseChildKind<Record, Response>& kind, const Request& request,
                             const CaseChildCreate<Record>& create, Response* response) {
  runtime::CallerAccess caller(call.principal(), context.regions);
  if (auto status = caller.RequireRole(create.method, create.roles); !status.ok()) return status;
  runtime::FieldViolations violations;
  auto parent = CheckCaseParent(violations, "parent", request.parent(), /*allow_every_case=*/false);
  Record created;
  create.check_fields(violations, created);
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context.resources.database.Acquire();
  pqxx::work tx(*connection);
  CaseChildCreation<Record> creation;
  if (auto status = OpenCaseChildCreate(tx, context, gate, caller, call, kind,
                                        {.method = create.method,
                                         .case_id = parent->case_id,
                                         .parent = request.parent(),
                                         .request_id = request.request_id(),
                                         .fingerprint = request},
                                        &creation);
      !status.ok()) {
    return status;
  }
  if (creation.repeat.has_value()) {
    *response = kind.present(*creation.repeat, /*in_clear=*/false);
    return grpc::Status::OK;
  }

  CaseRecord& record = *creation.record;
  created.id = runtime::NewResourceId();
  created.case_id = record.id;
  created.revision = 1;
  created.create_subject = created.update_subject = caller.subject();
  create.write(tx, record, created);
  gate.Save(tx, record, caller.subject());
  creation.log->Record(created.id);
  auto stored = kind.find(tx, record.id, created.id, /*sensitive=*/false);
  tx.commit();
  *response = kind.present(*stored, /*in_clear=*/false);
  return grpc::Status::OK;
}

}  // namespace jindu::casework
