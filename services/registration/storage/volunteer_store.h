#pragma once
// Reads and writes volunteers. Names, ID numbers and phones are sealed per field (key id beside
// each value, associated data binding it to its row and column); the ID number is found through
// its keyed hash. Masked renderings are stored for the basic view, so a list never decrypts an ID
// number or a phone. Callers own the transaction.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "jindu/registration/v1/volunteer.pb.h"
#include "runtime/crypto/field_cipher.h"

namespace jindu::registration {

struct StoredVolunteer {
  std::string id;
  int64_t revision = 0;
  std::string display_name;        // decrypted
  std::string national_id_number;  // decrypted only when asked for (Find(..., full=true))
  std::string phone;               // decrypted only when asked for
  std::string national_id_masked;
  std::string phone_masked;
  std::string residence_region_code;
  std::vector<int> roles;  // VolunteerRole numbers
  std::vector<std::string> skills;
  std::vector<std::string> organization_ids;
  v1::VolunteerState state = v1::VOLUNTEER_STATE_UNSPECIFIED;
  v1::StateChange last_state_change;
  std::optional<v1::StateChange> approval;
  std::string lecture_team_id;  // empty unless certified
  v1::LecturerCertification certification;
  jindu::common::v1::AuditMetadata audit;
};

struct VolunteerListQuery {
  std::string region_condition;              // on region_path, from runtime::RegionPathCondition
  std::string organization_id;               // empty = any
  int role = 0;                              // 0 = any
  std::vector<int> states;                   // empty = all but WITHDRAWN
  std::optional<std::string> trained_since;  // ISO date; with `trained`
  bool trained = false;
  std::string after_cursor;  // residence_region_code, create time micros, id
  int limit = 50;
};

class VolunteerStore {
 public:
  VolunteerStore(std::string schema, const runtime::FieldCipher& cipher)
      : schema_(std::move(schema)), cipher_(cipher) {}

  // The volunteer holding this ID-number hash: (id, residence region), if any.
  std::optional<std::pair<std::string, std::string>> FindByIdNumberHash(
      pqxx::transaction_base& tx, const std::string& hash) const;
  std::optional<StoredVolunteer> Find(pqxx::transaction_base& tx, const std::string& id, bool full,
                                      bool lock = false) const;
  void Insert(pqxx::work& tx, const StoredVolunteer& volunteer, const std::string& id_number_hash,
              const std::string& region_path, const std::string& subject) const;
  // Writes the mutable fields, state, approval and certification at volunteer.revision.
  void Update(pqxx::work& tx, const StoredVolunteer& volunteer, const std::string& region_path,
              const std::string& subject) const;
  // A page plus one row, basic view.
  std::vector<StoredVolunteer> List(pqxx::transaction_base& tx,
                                    const VolunteerListQuery& query) const;
  int Count(pqxx::transaction_base& tx, const VolunteerListQuery& query) const;

 private:
  std::string Seal(const std::string& id, const char* column, const std::string& value,
                   std::string* key_id) const;
  std::string Open(const std::string& id, const char* column, const pqxx::field& sealed,
                   const pqxx::field& key_id) const;
  std::string Columns() const;
  StoredVolunteer FromRow(const pqxx::row& row, bool full) const;
  std::string Where(pqxx::transaction_base& tx, const VolunteerListQuery& query) const;
  void WriteMemberships(pqxx::work& tx, const StoredVolunteer& volunteer) const;

  std::string schema_;
  const runtime::FieldCipher& cipher_;
};

std::string VolunteerName(const std::string& id);

}  // namespace jindu::registration
