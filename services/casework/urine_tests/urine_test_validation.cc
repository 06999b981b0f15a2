#include "casework/urine_tests/urine_test_validation.h"

#include "casework/followup/followup_fields.h"
#include "runtime/api/request_checks.h"

namespace jindu::casework {
namespace {

constexpr size_t kMaxSubstances = 20;
constexpr size_t kMaxSubstanceCharacters = 32;

}  // namespace

std::optional<CheckedRecording> CheckRecordUrineTest(const v1::RecordUrineTestRequest& request,
                                                     runtime::FieldViolations& violations) {
  CheckedRecording checked;
  auto parent = CheckCaseParent(violations, "parent", request.parent(), /*allow_every_case=*/false);
  checked.scheduled_test = CheckChildName(violations, "scheduled_test", request.scheduled_test(),
                                          kUrineTestCollection, /*required=*/false);
  if (parent.has_value() && checked.scheduled_test.has_value() &&
      checked.scheduled_test->case_id != parent->case_id) {
    violations.Add("scheduled_test", common::v1::VALUE_NOT_ALLOWED,
                   "must be a test of the parent case");
  }
  auto test_date =
      runtime::CheckPastDate(violations, "test_date", request.has_test_date(), request.test_date());
  if (request.result() == v1::URINE_TEST_RESULT_UNSPECIFIED) {
    violations.Add("result", common::v1::FIELD_REQUIRED, "required: the result");
  } else if (!v1::UrineTestResult_IsValid(request.result())) {
    violations.Add("result", common::v1::VALUE_NOT_ALLOWED, "unknown result");
  }
  checked.detected_substances.assign(request.detected_substances().begin(),
                                     request.detected_substances().end());
  if (!checked.detected_substances.empty() && request.result() != v1::URINE_TEST_RESULT_POSITIVE) {
    violations.Add("detected_substances", common::v1::VALUE_NOT_ALLOWED,
                   "only for a positive result");
  } else {
    CheckTextList(violations, "detected_substances", checked.detected_substances, kMaxSubstances,
                  kMaxSubstanceCharacters);
  }
  if (!violations.empty()) return std::nullopt;
  checked.parent = *parent;
  checked.test_date = *test_date;
  checked.result = request.result();
  return checked;
}

}  // namespace jindu::casework
