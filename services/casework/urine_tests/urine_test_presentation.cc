#include "casework/urine_tests/urine_test_presentation.h"

#include "casework/followup/case_child_names.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {

v1::UrineTest PresentUrineTest(const UrineTestRecord& record, runtime::CivilDate today,
                               bool result_in_clear) {
  v1::UrineTest test;
  test.set_name(ChildResourceName(record.case_id, kUrineTestCollection, record.id));
  if (record.due_date) *test.mutable_due_date() = runtime::ToProtoDate(*record.due_date);
  v1::UrineTestState state = record.state;
  if (state == v1::URINE_TEST_STATE_SCHEDULED && record.due_date && *record.due_date < today) {
    state = v1::URINE_TEST_STATE_OVERDUE;
  }
  test.set_state(state);
  if (record.test_date) *test.mutable_test_date() = runtime::ToProtoDate(*record.test_date);
  if (result_in_clear) {
    test.set_result(record.result);
    for (const std::string& substance : record.detected_substances) {
      test.add_detected_substances(substance);
    }
  }
  test.set_tester_subject(record.tester_subject);
  test.set_done_on_schedule(record.done_on_schedule);
  common::v1::AuditMetadata* audit = test.mutable_audit();
  *audit->mutable_create_time() = runtime::TimestampFromMicros(record.create_micros);
  *audit->mutable_update_time() = runtime::TimestampFromMicros(record.update_micros);
  audit->set_create_subject(record.create_subject);
  audit->set_update_subject(record.update_subject);
  audit->set_etag(std::to_string(record.revision));
  return test;
}

std::vector<std::string> UrineTestClearFieldPaths(const UrineTestRecord& record) {
  // Both paths whether or not substances were found: the audit log must not tell a positive
  // result from a negative one either.
  if (record.state != v1::URINE_TEST_STATE_RECORDED) return {};
  return {"result", "detected_substances"};
}

}  // namespace jindu::casework
