#include "casework/storage/team_store.h"

#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {
namespace {

std::string AssociatedData(const std::string& case_id) {
  return "case_team/" + case_id + "/members";
}

}  // namespace

std::optional<TeamRecord> TeamStore::Find(pqxx::transaction_base& tx, const std::string& case_id,
                                          bool personal, bool lock) const {
  const pqxx::result rows = tx.exec_params(
      "SELECT members_sealed, members_key_id, members_masked, revision, " JINDU_MICROS(
          "create_time") ", " JINDU_MICROS("update_time") ", create_subject, update_subject FROM " +
          schema_ + ".case_teams WHERE case_id = $1" + (lock ? " FOR UPDATE" : ""),
      case_id);
  if (rows.empty()) return std::nullopt;
  const pqxx::row& row = rows[0];
  TeamRecord record;
  if (personal) {
    pqxx::binarystring sealed(row[0]);
    record.team.ParseFromString(cipher_.Decrypt(
        {.key_id = row[1].as<std::string>(), .ciphertext = sealed.str()}, AssociatedData(case_id)));
  } else {
    pqxx::binarystring masked(row[2]);
    record.team.ParseFromString(masked.str());
  }
  record.revision = row[3].as<int64_t>();
  record.create_micros = row[4].as<int64_t>();
  record.update_micros = row[5].as<int64_t>();
  record.create_subject = row[6].as<std::string>();
  record.update_subject = row[7].as<std::string>();
  return record;
}

void TeamStore::Save(pqxx::work& tx, const std::string& case_id, const v1::CaseTeam& members,
                     const v1::CaseTeam& masked, int64_t revision,
                     const std::string& subject) const {
  const runtime::SealedField sealed =
      cipher_.Encrypt(members.SerializeAsString(), AssociatedData(case_id));
  tx.exec_params("INSERT INTO " + schema_ +
                     ".case_teams AS t (case_id, members_sealed, members_key_id, members_masked, "
                     "distinct_role_count, revision, create_time, update_time, create_subject, "
                     "update_subject) VALUES ($1, decode($2, 'hex'), $3, decode($4, 'hex'), $5, "
                     "$6, now(), now(), $7, $7) ON CONFLICT (case_id) DO UPDATE SET "
                     "members_sealed = EXCLUDED.members_sealed, members_key_id = "
                     "EXCLUDED.members_key_id, members_masked = EXCLUDED.members_masked, "
                     "distinct_role_count = EXCLUDED.distinct_role_count, revision = "
                     "EXCLUDED.revision, update_time = now(), update_subject = $7",
                 case_id, runtime::BytesAsHex(sealed.ciphertext), sealed.key_id,
                 runtime::BytesAsHex(masked.SerializeAsString()), members.distinct_role_count(),
                 revision, subject);
}

}  // namespace jindu::casework
