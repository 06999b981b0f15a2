#pragma once
// The urine-test schedule of a case: one chain of scheduled tests, each recorded test scheduling
// the next, so a case never has more than one test waiting (one_scheduled_urine_test_per_case).
//
// The rule, for a case loaded with lock:
//   - A test is due while the case is open (not CLOSED or TRANSFERRED_OUT) and its measure has an
//     interval (settings urine-test-interval-days-rehabilitation and -recovery; none for NONE and
//     COMPULSORY_ISOLATION, where the facility tests).
//   - It is due `interval` days after the last day a sample was taken under the current measure
//     (a negative or positive test, ad hoc or scheduled), or after the measure's start when none
//     was: a refusal or an absence does not restart the clock, so the test stays owed.
//   - None is due on or after the measure's end.
//   - A scheduled test due under another measure (a new decision), or no longer due, is cancelled
//     (UrineTestCancelled); when none waits and one is due, it is scheduled (UrineTestScheduled).
//   - cases.next_urine_test_due_date is the waiting test's due date, which is what the case's
//     urine_test_overdue flag and work-list counts read.
//
// When it runs: in the transaction of every change that can move it (a case opened, a new measure,
// a status change, a transfer; ReconcileWithinChange), in RecordUrineTest, and before
// ListUrineTests answers, for the listed case or for every case of the caller's scope whose
// revision moved since its last check (urine_test_schedule_checks), which also catches up cases
// stored before the schedule existed.
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "casework/cases/case_record.h"
#include "casework/casework_context.h"
#include "casework/followup/case_gate.h"
#include "casework/storage/urine_test_store.h"

namespace jindu::casework {

// The subject recorded for schedule changes made by the service itself.
inline constexpr const char* kScheduleSubject = "casework/urine-test-schedule";

class UrineTestSchedule {
 public:
  UrineTestSchedule(const CaseworkContext& context, const CaseGate& gate,
                    const UrineTestStore& tests);

  // Days between tests under `type`; 0 when none are scheduled.
  int IntervalDays(v1::MeasureType type) const;

  // Applies the rule above to `record` (loaded with lock), appending the events through the gate.
  // Returns true when the case changed (its revision moved): the caller saves it.
  bool Reconcile(pqxx::work& tx, CaseRecord& record, const std::string& subject) const;

  // Applies the rule as part of a change the caller is making and saving (opening a case, a new
  // measure, a status change): the schedule's effects share that change's revision, and the case
  // is marked checked at it.
  void ReconcileWithinChange(pqxx::work& tx, CaseRecord& record, const std::string& subject) const;

  // Brings up to `limit` cases inside `regions` (all cases when `all`) whose schedule was not
  // checked at their current revision in line, each in its own short transaction.
  void CatchUp(const std::vector<std::string>& regions, bool all, int limit) const;
  // The same for one case, when its revision moved since its last check.
  void CatchUpCase(const std::string& case_id) const;

  // Records that `record`'s schedule is in line at its current revision.
  void MarkChecked(pqxx::work& tx, const CaseRecord& record) const;

 private:
  void CheckOne(const std::string& case_id) const;

  const CaseworkContext& context_;
  const CaseGate& gate_;
  const UrineTestStore& tests_;
};

}  // namespace jindu::casework
