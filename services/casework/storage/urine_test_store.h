#pragma once
// The urine_tests table: reads and writes of UrineTestRecord, sealing the result and the detected
// substances on the way in; and the schedule checks (urine_test_schedule_checks).
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "casework/storage/sealed_columns.h"
#include "casework/urine_tests/urine_test_record.h"
#include "runtime/api/request_checks.h"

namespace jindu::casework {

// Filters of ListUrineTests, already validated; OVERDUE and SCHEDULED compare with `today`.
struct UrineTestListFilter {
  std::string case_id;           // one case; empty: every case matching region_condition
  std::string region_condition;  // SQL on c.region_path (RegionPathCondition), every-case lists
  std::vector<v1::UrineTestState> states;  // empty: all
  std::optional<runtime::CivilDateRange> due_dates;
};

class UrineTestStore {
 public:
  UrineTestStore(std::string schema, const runtime::FieldCipher& cipher)
      : schema_(std::move(schema)), sealed_(cipher, "urine_tests") {}

  void Insert(pqxx::work& tx, const UrineTestRecord& record) const;
  // Stores the outcome of a scheduled test: state, test date, result, tester, done_on_schedule.
  void SaveResult(pqxx::work& tx, const UrineTestRecord& record) const;
  void Cancel(pqxx::work& tx, const std::string& id, const std::string& subject) const;

  std::optional<UrineTestRecord> Find(pqxx::transaction_base& tx, const std::string& case_id,
                                      const std::string& id, bool sensitive,
                                      bool lock = false) const;
  // The case's next scheduled test, if any (at most one exists).
  std::optional<UrineTestRecord> FindScheduled(pqxx::transaction_base& tx,
                                               const std::string& case_id, bool lock) const;
  // The latest day on or after `since` when a sample was taken from the person of the case.
  std::optional<runtime::CivilDate> LastSampleDate(pqxx::transaction_base& tx,
                                                   const std::string& case_id,
                                                   runtime::CivilDate since) const;

  // Ordered by the test's day (due date, or test date of an ad-hoc test), then id, after the row
  // whose key `after` holds (ISO date, id; empty: from the start). Results are not opened.
  std::vector<UrineTestRecord> List(pqxx::transaction_base& tx, const UrineTestListFilter& filter,
                                    runtime::CivilDate today, const std::vector<std::string>& after,
                                    int limit) const;

  // Cases of `region_condition` (SQL on c.region_path) whose schedule was not checked at their
  // current revision, at most `limit`.
  std::vector<std::string> CasesToCheck(pqxx::transaction_base& tx,
                                        const std::string& region_condition, int limit) const;
  bool NeedsCheck(pqxx::transaction_base& tx, const std::string& case_id,
                  int64_t case_revision) const;
  void MarkChecked(pqxx::work& tx, const std::string& case_id, int64_t case_revision) const;

 private:
  UrineTestRecord FromRow(const pqxx::row& row, bool sensitive) const;
  SealedParameters SealOutcome(const UrineTestRecord& record) const;

  std::string schema_;
  SealedColumns sealed_;
};

}  // namespace jindu::casework
