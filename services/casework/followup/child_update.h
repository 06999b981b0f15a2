#pragma once
// UpdateContact and UpdateHelpRecord: the fields named by update_mask of one record under an open
// case, guarded by its etag (its revision), written in one transaction with what the change
// moves on the case and the case's event.
#include <google/protobuf/field_mask.pb.h>

#include <functional>
#include <initializer_list>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <string>

#include "casework/cases/case_record.h"
#include "casework/casework_context.h"
#include "casework/followup/case_child_kind.h"
#include "casework/followup/case_child_names.h"
#include "casework/followup/case_gate.h"
#include "casework/followup/followup_fields.h"
#include "jindu/common/v1/role.pb.h"
#include "runtime/access/caller_access.h"
#include "runtime/api/api_error.h"
#include "runtime/grpc/call_context.h"

namespace jindu::casework {

// What one kind's update decides for itself, and the request's parts the flow reads.
template <typename Record>
struct CaseChildUpdate {
  const char* method;                             // "UpdateContact"
  std::initializer_list<common::v1::Role> roles;  // who may update
  const char* name_field;                         // "contact.name", what violations of it name
  const std::string& name;                        // the record's name, as requested
  const google::protobuf::FieldMask& update_mask;
  const std::string& etag;                         // empty: no check
  const std::set<std::string>& mutable_paths;      // what update_mask may name
  const std::set<std::string>& immutable_paths;    // FIELD_IMMUTABLE
  const std::set<std::string>& output_only_paths;  // FIELD_OUTPUT_ONLY
  // Checks the request's fields named by `paths` into `changes`.
  std::function<void(const std::set<std::string>& paths, runtime::FieldViolations& violations,
                     Record& changes)>
      check_fields;
  // Copies the fields named by `paths` from `changes` onto the stored record.
  std::function<void(const std::set<std::string>& paths, const Record& changes, Record& stored)>
      apply;
  // Optional: a rule over the whole record as it will be stored, which a change of one field can
  // break (a help record's amount depends on its kind).
  std::function<void(const Record& changed, runtime::FieldViolations& violations)> check_result;
  // Writes the changed record and what it changes on the case (its event, a date it moves) in
  // `tx`; the flow saves the case afterwards.
  std::function<void(pqxx::work& tx, CaseRecord& record, const Record& changed)> write;
};

template <typename Record, typename Response>
grpc::Status UpdateCaseChild(const CaseworkContext& context, const CaseGate& gate,
                             const runtime::CallContext& call,
                             const CaseChildKind<Record, Response>& kind,
                             const CaseChildUpdate<Record>& update, Response* response) {
  runtime::CallerAccess caller(call.principal(), context.regions);
  if (auto status = caller.RequireRole(update.method, update.roles); !status.ok()) return status;
  runtime::FieldViolations violations;
  auto name = CheckChildName(violations, update.name_field, update.name, kind.collection);
  std::set<std::string> paths;
  CheckUpdateMask(violations, update.update_mask, update.mutable_paths, update.immutable_paths,
                  update.output_only_paths, &paths);
  Record changes;
  update.check_fields(paths, violations, changes);
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context.resources.database.Acquire();
  pqxx::work tx(*connection);
  std::optional<CaseRecord> record;
  // The case row's lock also serialises every write on its records.
  if (auto status = gate.Enter(tx, caller, call,
                               {.method = update.method,
                                .case_id = name->case_id,
                                .resource_type = kind.type,
                                .resource_name = update.name,
                                .lock = true},
                               &record);
      !status.ok()) {
    return status;
  }
  // With its sealed fields: the store rewrites every column from the record.
  auto stored = kind.find(tx, name->case_id, name->id, /*sensitive=*/true);
  if (!stored.has_value()) return runtime::NotFoundError(kind.type, update.name);
  if (!update.etag.empty() && update.etag != std::to_string(stored->revision)) {
    return runtime::EtagMismatchError(update.name);
  }
  if (auto status = CaseGate::RequireOpen(*record, update.method); !status.ok()) return status;

  update.apply(paths, changes, *stored);
  if (update.check_result) {
    update.check_result(*stored, violations);
    if (!violations.empty()) return violations.ToStatus();
  }
  ++stored->revision;
  stored->update_subject = caller.subject();
  update.write(tx, *record, *stored);
  gate.Save(tx, *record, caller.subject());
  auto answer = kind.find(tx, name->case_id, name->id, /*sensitive=*/false);
  tx.commit();
  *response = kind.present(*answer, /*in_clear=*/false);
  return grpc::Status::OK;
}

}  // namespace jindu::casework
