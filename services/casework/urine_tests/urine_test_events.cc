#include "casework/urine_tests/urine_test_events.h"

#include "casework/cases/case_record.h"
#include "casework/followup/case_child_names.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {
namespace {

// Every event of a test names the case and the test, and its due date (none for an ad-hoc test).
template <typename Event>
Event TestEvent(const UrineTestRecord& record) {
  Event event;
  event.set_case_name(CaseName(record.case_id));
  event.set_urine_test(ChildResourceName(record.case_id, kUrineTestCollection, record.id));
  if (record.due_date) *event.mutable_due_date() = runtime::ToProtoDate(*record.due_date);
  return event;
}

}  // namespace

events::v1::UrineTestScheduled UrineTestScheduledEvent(const UrineTestRecord& record) {
  return TestEvent<events::v1::UrineTestScheduled>(record);
}

events::v1::UrineTestCancelled UrineTestCancelledEvent(const UrineTestRecord& record) {
  return TestEvent<events::v1::UrineTestCancelled>(record);
}

events::v1::UrineTestRecorded UrineTestRecordedEvent(const UrineTestRecord& record) {
  auto event = TestEvent<events::v1::UrineTestRecorded>(record);
  if (record.test_date) *event.mutable_test_date() = runtime::ToProtoDate(*record.test_date);
  event.set_done_on_schedule(record.done_on_schedule);
  return event;
}

}  // namespace jindu::casework
