#pragma once
// The tips tables: reads and writes of TipRecord, sealing the description, the submitter, the
// source volunteer and the police reference on the way in and opening them only when asked (Find
// with sealed = true). The submitter is found again only through its keyed hash.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "casework/tips/tip_record.h"
#include "runtime/api/request_checks.h"
#include "runtime/crypto/field_cipher.h"
#include "runtime/crypto/keyed_hash.h"

namespace jindu::casework {

// Filters of ListTips, already validated.
struct TipListFilter {
  std::string region_condition;  // SQL on region_path (RegionPathCondition)
  std::vector<int> states;       // empty: all
  std::vector<int> kinds;        // empty: all
  std::optional<runtime::CivilDateRange> observed;
  std::string submitter_hash;  // empty: anyone's
};

// Where a page of ListTips starts: after the tip created at `create_micros` with id `id` (lists
// are newest first).
struct TipCursor {
  int64_t create_micros = 0;
  std::string id;
};

// The keyed hash that finds a submitter's tips (domain "casework.tip_submitter", unrelated to every
// other digest of the lookup key); the subject itself is stored only sealed.
std::string TipSubmitterHash(const runtime::KeyedHash& lookup, const std::string& subject);

class TipStore {
 public:
  TipStore(std::string schema, const runtime::FieldCipher& cipher)
      : schema_(std::move(schema)), cipher_(cipher) {}

  // A new tip, with its description, submitter_subject and source_volunteer in clear in `record`;
  // `lookup_key_id` names the key of record.submitter_hash.
  void Insert(pqxx::work& tx, const TipRecord& record, const std::string& region_path,
              const std::string& lookup_key_id) const;
  // Writes state, revision and update subject; the state change time becomes now. Seals and
  // stores `police_reference` when given and not empty (a forward that names the police's
  // reference).
  void ChangeState(pqxx::work& tx, const TipRecord& record,
                   const std::string& police_reference) const;
  // Writes record.outcome (which must be set), revision and update subject.
  void SetOutcome(pqxx::work& tx, const TipRecord& record) const;
  // One history row; an empty reason stores none.
  void AppendStateChange(pqxx::work& tx, const std::string& tip_id, int64_t revision,
                         v1::TipState previous, v1::TipState state,
                         runtime::CivilDate effective_date, const std::string& reason,
                         const std::string& subject) const;

  std::optional<TipRecord> Find(pqxx::transaction_base& tx, const std::string& id, bool sealed,
                                bool lock = false) const;
  // Up to `limit` tips newest first, after `after` when set; sealed fields are not loaded.
  std::vector<TipRecord> List(pqxx::transaction_base& tx, const TipListFilter& filter,
                              const std::optional<TipCursor>& after, int limit) const;

 private:
  TipRecord FromRow(const pqxx::row& row, bool sealed) const;
  std::string Seal(const std::string& id, const char* column, const std::string& value,
                   std::string* key_id) const;
  std::string Open(const std::string& id, const char* column, const pqxx::field& sealed,
                   const pqxx::field& key_id) const;

  std::string schema_;
  const runtime::FieldCipher& cipher_;
};

}  // namespace jindu::casework
