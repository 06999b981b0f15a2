#include "casework/urine_tests/urine_test_schedule.h"

#include "casework/followup/followup_fields.h"
#include "casework/urine_tests/urine_test_events.h"
#include "runtime/access/caller_access.h"
#include "runtime/ids/resource_ids.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {

UrineTestSchedule::UrineTestSchedule(const CaseworkContext& context, const CaseGate& gate,
                                     const UrineTestStore& tests)
    : context_(context), gate_(gate), tests_(tests) {}

int UrineTestSchedule::IntervalDays(v1::MeasureType type) const {
  switch (type) {
    case v1::MEASURE_TYPE_COMMUNITY_REHABILITATION:
      return context_.rules.urine_test_interval_days_rehabilitation;
    case v1::MEASURE_TYPE_COMMUNITY_RECOVERY:
      return context_.rules.urine_test_interval_days_recovery;
    default:
      return 0;  // no measure, or tested inside the facility
  }
}

bool UrineTestSchedule::Reconcile(pqxx::work& tx, CaseRecord& record,
                                  const std::string& subject) const {
  const v1::MeasureType type = record.measure.type();
  const int interval = IntervalDays(type);
  const bool tests_due =
      IsOpenStatus(record.status) && interval > 0 && record.measure.has_start_date();
  std::optional<runtime::CivilDate> start, end;
  if (tests_due) start = runtime::FromProtoDate(record.measure.start_date());
  if (record.measure.has_end_date()) end = runtime::FromProtoDate(record.measure.end_date());

  const int64_t revision_before = record.revision;
  std::optional<UrineTestRecord> waiting = tests_.FindScheduled(tx, record.id, /*lock=*/true);
  if (waiting.has_value()) {
    const bool still_due = tests_due && waiting->scheduled_measure_type == type &&
                           waiting->scheduled_measure_start == start &&
                           !(end.has_value() && *waiting->due_date >= *end);
    if (!still_due) {
      tests_.Cancel(tx, waiting->id, subject);
      gate_.AppendEvent(tx, record, UrineTestCancelledEvent(*waiting));
      waiting.reset();
    }
  }
  if (!waiting.has_value() && tests_due) {
    runtime::CivilDate base = *start;
    if (auto sampled = tests_.LastSampleDate(tx, record.id, *start); sampled && *sampled > base) {
      base = *sampled;
    }
    const runtime::CivilDate due = runtime::AddDays(base, interval);
    if (!end.has_value() || due < *end) {
      UrineTestRecord next{.id = runtime::NewResourceId(),
                           .case_id = record.id,
                           .state = v1::URINE_TEST_STATE_SCHEDULED,
                           .due_date = due,
                           .scheduled_measure_type = type,
                           .scheduled_measure_start = start,
                           .revision = 1,
                           .create_subject = subject,
                           .update_subject = subject};
      tests_.Insert(tx, next);
      gate_.AppendEvent(tx, record, UrineTestScheduledEvent(next));
      waiting = next;
    }
  }
  std::optional<runtime::CivilDate> next_due;
  if (waiting.has_value()) next_due = waiting->due_date;
  if (record.next_urine_test_due_date != next_due) {
    record.next_urine_test_due_date = next_due;
    // A change of the case without an event still needs a new etag.
    if (record.revision == revision_before) ++record.revision;
  }
  return record.revision != revision_before;
}

void UrineTestSchedule::ReconcileWithinChange(pqxx::work& tx, CaseRecord& record,
                                              const std::string& subject) const {
  const int64_t revision = record.revision;
  Reconcile(tx, record, subject);
  record.revision = revision;
  MarkChecked(tx, record);
}

void UrineTestSchedule::MarkChecked(pqxx::work& tx, const CaseRecord& record) const {
  tests_.MarkChecked(tx, record.id, record.revision);
}

void UrineTestSchedule::CheckOne(const std::string& case_id) const {
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  auto record = gate_.cases().Find(tx, case_id, /*personal=*/false, /*lock=*/true);
  // Under the lock: another call may have checked it meanwhile.
  if (!record.has_value() || !tests_.NeedsCheck(tx, case_id, record->revision)) return;
  if (Reconcile(tx, *record, kScheduleSubject)) gate_.Save(tx, *record, kScheduleSubject);
  MarkChecked(tx, *record);
  tx.commit();
}

void UrineTestSchedule::CatchUpCase(const std::string& case_id) const { CheckOne(case_id); }

void UrineTestSchedule::CatchUp(const std::vector<std::string>& regions, bool all,
                                int limit) const {
  std::vector<std::string> case_ids;
  {
    auto connection = context_.resources.database.Acquire();
    pqxx::read_transaction tx(*connection);
    case_ids = tests_.CasesToCheck(
        tx, runtime::RegionPathCondition(tx, "c.region_path", regions, all), limit);
  }
  for (const std::string& case_id : case_ids) CheckOne(case_id);
}

}  // namespace jindu::casework
