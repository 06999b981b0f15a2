// Fuzzes casework's request validation: the first byte picks a method, the rest is parsed as that
// method's request message, and the request goes through the validation functions its handler runs
// before any database work (cases, measure decisions, contacts, help records, urine tests, tips).
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "casework/cases/case_validation.h"
#include "casework/contacts/contact_validation.h"
#include "casework/help/help_validation.h"
#include "casework/tips/tip_validation.h"
#include "casework/urine_tests/urine_test_validation.h"
#include "fuzz_support.h"
#include "jindu/casework/v1/casework_service.pb.h"
#include "jindu/casework/v1/tip_service.pb.h"
#include "runtime/api/text_fields.h"

namespace {

using namespace jindu;

template <typename Request>
bool Parse(const uint8_t* data, size_t size, Request* request) {
  return request->ParseFromArray(data, static_cast<int>(size));
}

// The update_mask paths an update handler hands to the field checks: only mutable ones (the rest
// are refused before, by the shared UpdateCaseChild).
std::set<std::string> MutableMaskPaths(const google::protobuf::FieldMask& mask,
                                       const std::set<std::string>& mutable_paths) {
  std::set<std::string> paths;
  for (const std::string& path : mask.paths()) {
    if (mutable_paths.contains(path)) paths.insert(path);
  }
  return paths;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t selector = data[0] % 10;
  ++data;
  --size;
  runtime::FieldViolations violations;
  switch (selector) {
    case 0: {  // CreateCase
      casework::v1::CreateCaseRequest request;
      if (!Parse(data, size, &request)) return 0;
      const casework::v1::Case& input = request.case_();
      (void)casework::CheckPerson(input.personal_details(), "case.personal_details.",
                                  fuzz::Regions(), fuzz::kToday, &violations);
      casework::CheckResidenceRegion("case.residence_region_code", input.residence_region_code(),
                                     fuzz::Regions(), &violations);
      runtime::CheckTextLength("case.assigned_worker_subject", input.assigned_worker_subject(), 0,
                               128, &violations);
      casework::CheckMeasure(request.measure(), "measure.", fuzz::kToday, &violations);
      break;
    }
    case 1: {  // IngestMeasureDecisions: each decision on its own
      casework::v1::IngestMeasureDecisionsRequest request;
      if (!Parse(data, size, &request)) return 0;
      for (const casework::v1::MeasureDecision& decision : request.decisions()) {
        runtime::FieldViolations decision_violations;
        (void)casework::CheckMeasureDecision(decision, fuzz::Regions(), fuzz::kToday,
                                             &decision_violations);
        fuzz::CheckViolations(decision_violations);
        (void)casework::MeasureOfDecision(decision);
      }
      break;
    }
    case 2: {  // CreateContact
      casework::v1::CreateContactRequest request;
      if (!Parse(data, size, &request)) return 0;
      casework::ContactRecord contact;
      casework::CheckContactFields(request.contact(), casework::ContactMutablePaths(), violations,
                                   &contact);
      break;
    }
    case 3: {  // UpdateContact
      casework::v1::UpdateContactRequest request;
      if (!Parse(data, size, &request)) return 0;
      casework::ContactRecord changes;
      casework::CheckContactFields(
          request.contact(),
          MutableMaskPaths(request.update_mask(), casework::ContactMutablePaths()), violations,
          &changes);
      break;
    }
    case 4: {  // CreateHelpRecord
      casework::v1::CreateHelpRecordRequest request;
      if (!Parse(data, size, &request)) return 0;
      casework::HelpRecordRow help;
      casework::CheckHelpFields(request.help_record(), casework::HelpCreatePaths(), violations,
                                &help);
      casework::CheckAmountRequired(help, violations);
      break;
    }
    case 5: {  // UpdateHelpRecord
      casework::v1::UpdateHelpRecordRequest request;
      if (!Parse(data, size, &request)) return 0;
      casework::HelpRecordRow changes;
      casework::CheckHelpFields(
          request.help_record(),
          MutableMaskPaths(request.update_mask(), casework::HelpMutablePaths()), violations,
          &changes);
      break;
    }
    case 6: {  // RecordUrineTest
      casework::v1::RecordUrineTestRequest request;
      if (!Parse(data, size, &request)) return 0;
      (void)casework::CheckRecordUrineTest(request, violations);
      break;
    }
    case 7: {  // CreateTip
      casework::v1::CreateTipRequest request;
      if (!Parse(data, size, &request)) return 0;
      (void)casework::CheckNewTip(request.tip(), fuzz::Regions(), fuzz::kToday, &violations);
      break;
    }
    case 8: {  // ListTips filters
      casework::v1::ListTipsRequest request;
      if (!Parse(data, size, &request)) return 0;
      (void)casework::CheckTipStateFilter(request, &violations);
      (void)casework::CheckTipKindFilter(request, &violations);
      break;
    }
    case 9: {  // RecordTipOutcome
      casework::v1::RecordTipOutcomeRequest request;
      if (!Parse(data, size, &request)) return 0;
      casework::CheckTipOutcome(request.has_outcome(), request.outcome(), &violations);
      if (violations.empty()) (void)casework::SeizedMilligrams(request.outcome());
      break;
    }
  }
  fuzz::CheckViolations(violations);
  return 0;
}
