#pragma once
// The events of urine tests (case_events.proto): scheduled, cancelled, recorded. Deliberately
// without the result or the substances: a recorded test says only whether it counts as done on
// schedule.
#include "casework/urine_tests/urine_test_record.h"
#include "jindu/casework/events/v1/case_events.pb.h"

namespace jindu::casework {

events::v1::UrineTestScheduled UrineTestScheduledEvent(const UrineTestRecord& record);
events::v1::UrineTestCancelled UrineTestCancelledEvent(const UrineTestRecord& record);
events::v1::UrineTestRecorded UrineTestRecordedEvent(const UrineTestRecord& record);

}  // namespace jindu::casework
