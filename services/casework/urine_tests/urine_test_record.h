#pragma once
// A urine test as the store holds it. `result` and `detected_substances` are set only when loaded
// with sensitive fields (UrineTestStore::Find with sensitive = true). `state` is the stored one
// (SCHEDULED, RECORDED or CANCELLED); OVERDUE is computed when presented.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "jindu/casework/v1/case.pb.h"
#include "jindu/casework/v1/urine_test.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::casework {

struct UrineTestRecord {
  std::string id;
  std::string case_id;
  v1::UrineTestState state = v1::URINE_TEST_STATE_SCHEDULED;
  std::optional<runtime::CivilDate> due_date;  // unset for an ad-hoc test
  // The measure a scheduled test is due under: a new measure makes it no longer due.
  v1::MeasureType scheduled_measure_type = v1::MEASURE_TYPE_UNSPECIFIED;
  std::optional<runtime::CivilDate> scheduled_measure_start;
  std::optional<runtime::CivilDate> test_date;
  v1::UrineTestResult result = v1::URINE_TEST_RESULT_UNSPECIFIED;
  std::vector<std::string> detected_substances;
  std::string tester_subject;
  bool done_on_schedule = false;
  int64_t revision = 0;
  int64_t create_micros = 0;
  int64_t update_micros = 0;
  std::string create_subject;
  std::string update_subject;
};

inline constexpr const char* kUrineTestCollection = "urineTests";
inline constexpr const char* kUrineTestType = "jindu.casework.v1.UrineTest";

// Whether a sample was taken: a refusal or an absence is recorded, but tested nothing.
inline bool SampleTaken(v1::UrineTestResult result) {
  return result == v1::URINE_TEST_RESULT_NEGATIVE || result == v1::URINE_TEST_RESULT_POSITIVE;
}

// A result that flags a suspected relapse for a person's decision.
inline bool SuggestsRelapse(v1::UrineTestResult result) {
  return result == v1::URINE_TEST_RESULT_POSITIVE || result == v1::URINE_TEST_RESULT_REFUSED;
}

}  // namespace jindu::casework
