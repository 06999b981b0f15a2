#include "casework/urine_tests/urine_test_events.h"

#include "casework/cases/case_record.h"
#include "casework/followup/case_child_names.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {
namespace {

std::string TestName(const UrineTestRecord& record) {
  return ChildResourceName(record.case_id, kUrineTestCollection, record.id);
}

}  // namespace

events::v1::UrineTestScheduled UrineTestScheduledEvent(const UrineTestRecord& record) {
  events::v1::UrineTestScheduled event;
  event.set_case_name(CaseName(record.case_id));
  event.set_urine_test(TestName(record));
  if (record.due_date) *event.mutable_due_date() = runtime::ToProtoDate(*record.due_date);
  return event;
}

events::v1::UrineTestCancelled UrineTestCancelledEvent(const UrineTestRecord& record) {
  events::v1::UrineTestCancelled event;
  event.set_case_name(CaseName(record.case_id));
  event.set_urine_test(TestName(record));
  if (record.due_date) *event.mutable_due_date() = runtime::ToProtoDate(*record.due_date);
  return event;
}

events::v1::UrineTestRecorded UrineTestRecordedEvent(const UrineTestRecord& record) {
  events::v1::UrineTestRecorded event;
  event.set_case_name(CaseName(record.case_id));
  event.set_urine_test(TestName(record));
  if (record.due_date) *event.mutable_due_date() = runtime::ToProtoDate(*record.due_date);
  if (record.test_date) *event.mutable_test_date() = runtime::ToProtoDate(*record.test_date);
  event.set_done_on_schedule(record.done_on_schedule);
  return event;
}

}  // namespace jindu::casework
