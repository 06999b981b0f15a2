#pragma once
// The case_teams table: a case's help team, sealed whole (members' names and phones are personal),
// with a masked copy for basic views.
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "jindu/casework/v1/assistance.pb.h"
#include "runtime/crypto/field_cipher.h"

namespace jindu::casework {

struct TeamRecord {
  v1::CaseTeam team;     // members in clear or masked, as loaded; name and audit not set
  int64_t revision = 0;  // 0: no team recorded yet
  int64_t create_micros = 0;
  int64_t update_micros = 0;
  std::string create_subject;
  std::string update_subject;
};

class TeamStore {
 public:
  TeamStore(std::string schema, const runtime::FieldCipher& cipher)
      : schema_(std::move(schema)), cipher_(cipher) {}

  std::optional<TeamRecord> Find(pqxx::transaction_base& tx, const std::string& case_id,
                                 bool personal, bool lock = false) const;
  // Inserts or replaces the team of the case at `revision`.
  void Save(pqxx::work& tx, const std::string& case_id, const v1::CaseTeam& members,
            const v1::CaseTeam& masked, int64_t revision, const std::string& subject) const;

 private:
  std::string schema_;
  const runtime::FieldCipher& cipher_;
};

}  // namespace jindu::casework
