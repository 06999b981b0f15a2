#include "casework/audit/access_audit_store.h"

namespace jindu::casework {
namespace {

constexpr const char* kColumns =
    "sequence, time_micros, subject, roles, method, resource, person_pseudonym, region_code, "
    "region_path, fields, purpose, denied, request_id, previous_hash, entry_hash";

StoredAccessAuditEntry FromRow(const pqxx::row& row) {
  StoredAccessAuditEntry entry;
  AccessAuditEntryContent& content = entry.content;
  content.sequence = row[0].as<int64_t>();
  content.time_micros = row[1].as<int64_t>();
  content.subject = row[2].as<std::string>();
  content.roles = row[3].as<std::string>();
  content.method = row[4].as<std::string>();
  content.resource = row[5].as<std::string>();
  content.person_pseudonym = row[6].as<std::string>();
  content.region_code = row[7].as<std::string>();
  content.region_path = row[8].as<std::string>();
  content.fields = row[9].as<std::string>();
  content.purpose = row[10].as<std::string>();
  content.denied = row[11].as<bool>();
  content.request_id = row[12].as<std::string>();
  entry.previous_hash = row[13].as<std::string>();
  entry.entry_hash = row[14].as<std::string>();
  return entry;
}

std::vector<StoredAccessAuditEntry> FromRows(const pqxx::result& rows) {
  std::vector<StoredAccessAuditEntry> entries;
  entries.reserve(rows.size());
  for (const pqxx::row& row : rows) entries.push_back(FromRow(row));
  return entries;
}

}  // namespace

std::vector<StoredAccessAuditEntry> AccessAuditStore::List(pqxx::transaction_base& tx,
                                                           const AccessAuditQuery& query,
                                                           int64_t after_sequence,
                                                           int limit) const {
  // Text goes through tx.quote, numbers through std::to_string; the region condition is built by
  // runtime::RegionPathCondition the same way.
  std::string where =
      " WHERE sequence > " + std::to_string(after_sequence) + " AND " + query.region_condition;
  if (!query.person_pseudonym.empty()) {
    where += " AND person_pseudonym = " + tx.quote(query.person_pseudonym);
  }
  if (!query.resource.empty()) where += " AND resource = " + tx.quote(query.resource);
  if (!query.subject.empty()) where += " AND subject = " + tx.quote(query.subject);
  if (query.from_micros.has_value()) {
    where += " AND time_micros >= " + std::to_string(*query.from_micros);
  }
  if (query.until_micros.has_value()) {
    where += " AND time_micros < " + std::to_string(*query.until_micros);
  }
  if (query.denied_only) where += " AND denied";
  return FromRows(tx.exec(std::string("SELECT ") + kColumns + " FROM " + schema_ +
                          ".access_audit_entries" + where + " ORDER BY sequence LIMIT " +
                          std::to_string(limit)));
}

AccessAuditHead AccessAuditStore::Head(pqxx::transaction_base& tx) const {
  const pqxx::row row =
      tx.exec1("SELECT sequence, entry_hash FROM " + schema_ + ".access_audit_head");
  return {.sequence = row[0].as<int64_t>(), .entry_hash = row[1].as<std::string>()};
}

std::vector<StoredAccessAuditEntry> AccessAuditStore::Range(pqxx::transaction_base& tx,
                                                            int64_t first, int64_t last,
                                                            int limit) const {
  return FromRows(tx.exec_params(std::string("SELECT ") + kColumns + " FROM " + schema_ +
                                     ".access_audit_entries WHERE sequence BETWEEN $1 AND $2 "
                                     "ORDER BY sequence LIMIT $3",
                                 first, last, limit));
}

std::optional<std::string> AccessAuditStore::StoredHash(pqxx::transaction_base& tx,
                                                        int64_t sequence) const {
  const pqxx::result rows = tx.exec_params(
      "SELECT entry_hash FROM " + schema_ + ".access_audit_entries WHERE sequence = $1", sequence);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

std::optional<int64_t> AccessAuditStore::FirstAfter(pqxx::transaction_base& tx,
                                                    int64_t sequence) const {
  const pqxx::row row = tx.exec_params1(
      "SELECT min(sequence) FROM " + schema_ + ".access_audit_entries WHERE sequence > $1",
      sequence);
  if (row[0].is_null()) return std::nullopt;
  return row[0].as<int64_t>();
}

}  // namespace jindu::casework
