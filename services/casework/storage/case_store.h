#pragma once
// The cases table: reads and writes of CaseRecord, sealing every personal field on the way in and
// opening it only when asked (Find with personal = true).
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "casework/cases/case_record.h"
#include "runtime/crypto/field_cipher.h"

namespace jindu::casework {

// Filters of ListCases, already validated; dates compared to `today`.
struct CaseListFilter {
  std::string region_condition;  // SQL on region_path (RegionPathCondition)
  std::vector<int> statuses;     // empty: every open status
  std::vector<int> measure_types;
  int assistance_category = 0;
  std::string assigned_subject;  // empty: anyone's
  bool contact_overdue = false;
  bool urine_test_overdue = false;
  bool suspected_relapse = false;
  std::optional<runtime::CivilDate> measure_ends_before;
};

class CaseStore {
 public:
  CaseStore(std::string schema, const runtime::FieldCipher& cipher)
      : schema_(std::move(schema)), cipher_(cipher) {}

  void Insert(pqxx::work& tx, const CaseRecord& record, const std::string& region_path) const;
  // Rewrites the non-personal columns, and the personal ones whose values `record.person` holds
  // when `personal_paths` names them ("full_name", "phone", "address", "notes").
  void Update(pqxx::work& tx, const CaseRecord& record,
              const std::vector<std::string>& personal_paths) const;
  // Replaces the sealed decision number (a new measure decision).
  void SetDecisionNumber(pqxx::work& tx, const std::string& case_id,
                         const std::string& decision_number) const;

  std::optional<CaseRecord> Find(pqxx::transaction_base& tx, const std::string& id, bool personal,
                                 bool lock = false) const;
  // The person's case that is not CLOSED or TRANSFERRED_OUT, if any (at most one exists).
  std::optional<CaseRecord> FindOpenByPerson(pqxx::transaction_base& tx,
                                             const std::string& national_id_hash,
                                             bool lock = false) const;
  // All of the person's cases, newest first, without personal fields.
  std::vector<CaseRecord> FindByPerson(pqxx::transaction_base& tx,
                                       const std::string& national_id_hash) const;
  bool PersonKnown(pqxx::transaction_base& tx, const std::string& national_id_hash) const;

  // One page ordered by residence region, open date and id, after the row whose key `after`
  // holds (region, ISO open date, id; empty: from the start); *total counts every match.
  std::vector<CaseRecord> List(pqxx::transaction_base& tx, const CaseListFilter& filter,
                               runtime::CivilDate today, int contact_overdue_days,
                               const std::vector<std::string>& after, int limit, int* total) const;

  // Counts for the work lists within `region_condition` (and of `assigned_subject` when set).
  struct WorkListCounts {
    int open_cases = 0, contact_overdue = 0, urine_test_overdue = 0, suspected_relapse = 0,
        measure_ending_soon = 0, lost_contact = 0;
  };
  WorkListCounts Count(pqxx::transaction_base& tx, const std::string& region_condition,
                       const std::string& assigned_subject, runtime::CivilDate today,
                       int contact_overdue_days, int measure_ending_soon_days) const;

  void AppendStatusChange(pqxx::work& tx, const std::string& case_id, int64_t revision,
                          v1::CaseStatus previous, v1::CaseStatus status,
                          runtime::CivilDate effective_date, const std::string& reason,
                          const std::string& subject) const;

 private:
  CaseRecord FromRow(const pqxx::row& row, bool personal) const;
  std::optional<std::string> SealHex(const std::string& id, const char* column,
                                     const std::string& value, std::string* key_id) const;
  std::string Open(const std::string& id, const char* column, const pqxx::field& sealed,
                   const pqxx::field& key_id) const;

  std::string schema_;
  const runtime::FieldCipher& cipher_;
};

// SQL conditions shared by List and Count. $1 is today (date).
std::string ContactOverdueCondition(int contact_overdue_days);
std::string UrineTestOverdueCondition();

}  // namespace jindu::casework
