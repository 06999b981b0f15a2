#pragma once
// A UrineTestRecord as the API shows it: the result and the substances only in the full view (the
// handler has checked the role and written the audit entry); a scheduled test past its due date on
// `today` (Asia/Shanghai) shows as OVERDUE.
#include <string>
#include <vector>

#include "casework/urine_tests/urine_test_record.h"
#include "jindu/casework/v1/urine_test.pb.h"

namespace jindu::casework {

v1::UrineTest PresentUrineTest(const UrineTestRecord& record, runtime::CivilDate today,
                               bool result_in_clear);

// The sensitive field paths a full view returns in clear, for the audit entry.
std::vector<std::string> UrineTestClearFieldPaths(const UrineTestRecord& record);

}  // namespace jindu::casework
