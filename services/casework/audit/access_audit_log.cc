#include "casework/audit/access_audit_log.h"

#include <chrono>

#include "casework/audit/access_audit_chain.h"

namespace jindu::casework {

int64_t AppendAccessAudit(pqxx::work& tx, const std::string& schema,
                          const runtime::CallerAccess& caller, const runtime::CallContext& call,
                          const AccessAuditRecord& record) {
  const pqxx::row head =
      tx.exec1("SELECT sequence, entry_hash FROM " + schema + ".access_audit_head FOR UPDATE");
  AccessAuditEntryContent entry;
  entry.sequence = head[0].as<int64_t>() + 1;
  entry.time_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  entry.subject = caller.subject();
  for (const std::string& role : caller.RolesHeldFor(record.region_code)) {
    if (!entry.roles.empty()) entry.roles += ',';
    entry.roles += role;
  }
  entry.method = record.method;
  entry.resource = record.resource;
  entry.person_pseudonym = record.person_pseudonym;
  entry.region_code = record.region_code;
  entry.region_path = record.region_path;
  for (const std::string& field : record.fields) {
    if (!entry.fields.empty()) entry.fields += ',';
    entry.fields += field;
  }
  entry.purpose = record.purpose;
  entry.denied = record.denied;
  entry.request_id = call.request_id();
  const std::string previous_hash = head[1].as<std::string>();
  const std::string entry_hash = AccessAuditEntryHash(previous_hash, entry);
  tx.exec_params(
      "INSERT INTO " + schema +
          ".access_audit_entries (sequence, time_micros, subject, roles, method, "
          "resource, person_pseudonym, region_code, region_path, fields, purpose, denied, "
          "request_id, previous_hash, entry_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
          "$9, $10, $11, $12, $13, $14, $15)",
      entry.sequence, entry.time_micros, entry.subject, entry.roles, entry.method, entry.resource,
      entry.person_pseudonym, entry.region_code, entry.region_path, entry.fields, entry.purpose,
      entry.denied, entry.request_id, previous_hash, entry_hash);
  tx.exec_params("UPDATE " + schema + ".access_audit_head SET sequence = $1, entry_hash = $2",
                 entry.sequence, entry_hash);
  return entry.sequence;
}

}  // namespace jindu::casework
