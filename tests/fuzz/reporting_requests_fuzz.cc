// Fuzzes reporting's request validation: the first byte picks a method, the rest is parsed as that
// method's request message, and the request goes through the validation functions its handler runs
// before any database work (assessment rubrics; the reporting period every figure request names).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "jindu/reporting/v1/assessment_service.pb.h"
#include "jindu/reporting/v1/reporting_service.pb.h"
#include "reporting/assessments/rubric_validation.h"
#include "reporting/periods/report_period.h"

namespace {

using namespace jindu;

template <typename Request>
bool Parse(const uint8_t* data, size_t size, Request* request) {
  return request->ParseFromArray(data, static_cast<int>(size));
}

void CheckPeriod(const common::v1::Period& period, runtime::FieldViolations* violations) {
  const auto range = reporting::ResolvePeriod(period, "period", violations);
  fuzz::Require(range.has_value() == violations->empty());
  if (range) (void)reporting::RangeLabel(*range);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t selector = data[0] % 4;
  ++data;
  --size;
  runtime::FieldViolations violations;
  switch (selector) {
    case 0: {  // CreateAssessmentRubric
      reporting::v1::CreateAssessmentRubricRequest request;
      if (!Parse(data, size, &request)) return 0;
      reporting::CheckNewRubric(request.assessment_rubric(), fuzz::Regions(), &violations);
      break;
    }
    case 1: {  // UpdateAssessmentRubric: the checks of the paths it may change
      reporting::v1::UpdateAssessmentRubricRequest request;
      if (!Parse(data, size, &request)) return 0;
      const reporting::v1::AssessmentRubric& input = request.assessment_rubric();
      reporting::CheckRubricDisplayName("assessment_rubric.display_name", input.display_name(),
                                        &violations);
      reporting::CheckOrganizationKinds("assessment_rubric.organization_kinds", input, &violations);
      reporting::CheckCriteria("assessment_rubric.criteria", input, &violations);
      break;
    }
    case 2: {  // ComputeRegionFigures
      reporting::v1::ComputeRegionFiguresRequest request;
      if (!Parse(data, size, &request)) return 0;
      CheckPeriod(request.period(), &violations);
      break;
    }
    case 3: {  // ComputeIndicators
      reporting::v1::ComputeIndicatorsRequest request;
      if (!Parse(data, size, &request)) return 0;
      CheckPeriod(request.period(), &violations);
      break;
    }
  }
  fuzz::CheckViolations(violations);
  return 0;
}
