#pragma once
// Field rules of RecordUrineTest (urine_test.proto). Each check adds a FieldViolation naming the
// request path; no message echoes a submitted value (least of all a result or a substance).
#include <optional>
#include <string>
#include <vector>

#include "casework/followup/case_child_names.h"
#include "casework/urine_tests/urine_test_record.h"
#include "jindu/casework/v1/casework_service.pb.h"
#include "runtime/api/api_error.h"

namespace jindu::casework {

struct CheckedRecording {
  CaseParent parent;
  std::optional<ChildName> scheduled_test;  // unset for an ad-hoc test
  runtime::CivilDate test_date;
  v1::UrineTestResult result = v1::URINE_TEST_RESULT_UNSPECIFIED;
  std::vector<std::string> detected_substances;
};

// parent "cases/{case}"; scheduled_test empty or a test of that case; test_date required, not in
// the future; result required; detected_substances only with a positive result, up to 20, each
// 1..32 characters, none twice.
std::optional<CheckedRecording> CheckRecordUrineTest(const v1::RecordUrineTestRequest& request,
                                                     runtime::FieldViolations& violations);

}  // namespace jindu::casework
