#include "registration/storage/grant_store.h"

#include "runtime/api/paging.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::registration {
namespace {

constexpr const char* kColumns =
    "grant_id, subject, subject_display_name_sealed, subject_display_name_key_id, role, "
    "region_code, " JINDU_MICROS("expire_time") ", (expire_time IS NOT NULL AND expire_time <= "
    "now()), state, revoke_subject, " JINDU_MICROS("revoke_time") ", revoke_reason, revision, "
    JINDU_MICROS("create_time") ", " JINDU_MICROS("update_time") ", create_subject, "
    "update_subject";

std::string DisplayNameData(const std::string& id) { return "grant/" + id + "/display_name"; }

}  // namespace

StoredGrant GrantStore::FromRow(const pqxx::row& row) const {
  StoredGrant stored;
  stored.id = row[0].as<std::string>();
  stored.revision = row[12].as<int64_t>();
  v1::Grant& grant = stored.grant;
  grant.set_name("grants/" + stored.id);
  grant.set_subject(row[1].as<std::string>());
  if (!row[2].is_null()) {
    pqxx::binarystring sealed(row[2]);
    grant.set_subject_display_name(
        cipher_.Decrypt({.key_id = row[3].as<std::string>(), .ciphertext = sealed.str()},
                        DisplayNameData(stored.id)));
  }
  grant.set_role(static_cast<common::v1::Role>(row[4].as<int>()));
  grant.set_region_code(row[5].as<std::string>());
  if (!row[6].is_null())
    *grant.mutable_expire_time() = runtime::TimestampFromMicros(row[6].as<int64_t>());
  const int state = row[8].as<int>();
  grant.set_state(state == v1::GRANT_STATE_ACTIVE && row[7].as<bool>()
                      ? v1::GRANT_STATE_EXPIRED
                      : static_cast<v1::GrantState>(state));
  if (!row[9].is_null()) {
    auto* revocation = grant.mutable_revocation();
    revocation->set_subject(row[9].as<std::string>());
    *revocation->mutable_time() = runtime::TimestampFromMicros(row[10].as<int64_t>());
    revocation->set_reason(row[11].as<std::string>());
  }
  auto* audit = grant.mutable_audit();
  *audit->mutable_create_time() = runtime::TimestampFromMicros(row[13].as<int64_t>());
  *audit->mutable_update_time() = runtime::TimestampFromMicros(row[14].as<int64_t>());
  audit->set_create_subject(row[15].as<std::string>());
  audit->set_update_subject(row[16].as<std::string>());
  audit->set_etag(std::to_string(stored.revision));
  return stored;
}

std::optional<StoredGrant> GrantStore::Find(pqxx::transaction_base& tx, const std::string& id,
                                            bool lock) const {
  pqxx::result rows =
      tx.exec_params(std::string("SELECT ") + kColumns + " FROM " + schema_ +
                         ".grants WHERE grant_id = $1" + (lock ? " FOR UPDATE" : ""),
                     id);
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

std::optional<std::string> GrantStore::FindActive(pqxx::transaction_base& tx,
                                                  const std::string& subject, int role,
                                                  const std::string& region_code) const {
  pqxx::result rows = tx.exec_params("SELECT grant_id FROM " + schema_ +
                                         ".grants WHERE subject = $1 AND role = $2 AND "
                                         "region_code = $3 AND state = 1",
                                     subject, role, region_code);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

void GrantStore::Insert(pqxx::work& tx, const std::string& id, const v1::Grant& grant,
                        const std::string& region_path, const std::string& subject) const {
  std::optional<std::string> sealed_name, key_id;
  if (!grant.subject_display_name().empty()) {
    runtime::SealedField sealed =
        cipher_.Encrypt(grant.subject_display_name(), DisplayNameData(id));
    sealed_name = runtime::BytesAsHex(sealed.ciphertext);
    key_id = sealed.key_id;
  }
  std::optional<int64_t> expire_micros;
  if (grant.has_expire_time()) {
    expire_micros = grant.expire_time().seconds() * 1000000 + grant.expire_time().nanos() / 1000;
  }
  tx.exec_params(
      "INSERT INTO " + schema_ +
          ".grants (grant_id, subject, subject_display_name_sealed, subject_display_name_key_id, "
          "role, region_code, region_path, expire_time, state, revision, create_time, "
          "update_time, create_subject, update_subject) VALUES ($1, $2, decode($3, 'hex'), $4, "
          "$5, $6, $7, to_timestamp($8::double precision / 1e6), 1, 1, now(), now(), $9, $9)",
      id, grant.subject(), sealed_name, key_id, static_cast<int>(grant.role()), grant.region_code(),
      region_path, expire_micros, subject);
}

void GrantStore::Revoke(pqxx::work& tx, const std::string& id, const std::string& reason,
                        const std::string& subject) const {
  tx.exec_params("UPDATE " + schema_ +
                     ".grants SET state = 2, revoke_subject = $2, revoke_time = now(), "
                     "revoke_reason = $3, revision = revision + 1, update_time = now(), "
                     "update_subject = $2 WHERE grant_id = $1",
                 id, subject, reason);
}

std::vector<StoredGrant> GrantStore::List(pqxx::transaction_base& tx,
                                          const GrantListQuery& query) const {
  std::string sql = std::string("SELECT ") + kColumns + " FROM " + schema_ + ".grants WHERE " +
                    query.region_condition;
  if (!query.subject.empty()) sql += " AND subject = " + tx.quote(query.subject);
  if (query.role != 0) sql += " AND role = " + std::to_string(query.role);
  if (query.state == v1::GRANT_STATE_ACTIVE) {
    sql += " AND state = 1 AND (expire_time IS NULL OR expire_time > now())";
  } else if (query.state == v1::GRANT_STATE_EXPIRED) {
    sql += " AND state = 1 AND expire_time <= now()";
  } else if (query.state == v1::GRANT_STATE_REVOKED) {
    sql += " AND state = 2";
  }
  std::vector<std::string> cursor;
  if (!query.after_cursor.empty() && runtime::SplitCursor(query.after_cursor, 2, &cursor)) {
    sql += " AND (" JINDU_MICROS("create_time") ", grant_id) < (" + tx.quote(cursor[0]) +
           "::bigint, " + tx.quote(cursor[1]) + ")";
  }
  sql += " ORDER BY create_time DESC, grant_id DESC LIMIT " + std::to_string(query.limit + 1);
  std::vector<StoredGrant> page;
  for (const auto& row : tx.exec(sql)) page.push_back(FromRow(row));
  return page;
}

std::vector<StoredGrant> GrantStore::ActiveOf(pqxx::transaction_base& tx,
                                              const std::string& subject) const {
  std::vector<StoredGrant> grants;
  for (const auto& row : tx.exec_params(std::string("SELECT ") + kColumns + " FROM " + schema_ +
                                            ".grants WHERE subject = $1 AND state = 1 AND "
                                            "(expire_time IS NULL OR expire_time > now()) "
                                            "ORDER BY region_code, role",
                                        subject)) {
    grants.push_back(FromRow(row));
  }
  return grants;
}

}  // namespace jindu::registration
