#include "casework/tips/tip_validation.h"

#include <set>

#include "runtime/api/request_checks.h"
#include "runtime/api/text_fields.h"

namespace jindu::casework {
namespace {

using common::v1::FIELD_OUT_OF_RANGE;
using common::v1::FIELD_REQUIRED;
using common::v1::VALUE_NOT_ALLOWED;

void CheckCount(const std::string& field, int value, runtime::FieldViolations* violations) {
  if (value < 0) violations->Add(field, FIELD_OUT_OF_RANGE, "must be 0 or more");
}

}  // namespace

void CheckTipRegion(const std::string& field, const std::string& code,
                    const runtime::RegionDirectory& regions, runtime::CivilDate today,
                    runtime::FieldViolations* violations) {
  if (code.empty()) {
    violations->Add(field, FIELD_REQUIRED, "the county-level or lower region of the tip");
    return;
  }
  auto entry = regions.Find(code);
  if (!entry.has_value()) {
    violations->Add(field, common::v1::REFERENCE_NOT_FOUND, "not a known region code");
    return;
  }
  if (entry->level != common::v1::REGION_LEVEL_COUNTY &&
      entry->level != common::v1::REGION_LEVEL_TOWNSHIP &&
      entry->level != common::v1::REGION_LEVEL_VILLAGE) {
    violations->Add(field, VALUE_NOT_ALLOWED, "must be a county, township or village");
    return;
  }
  if (!entry->ValidOn(today)) {
    violations->Add(field, VALUE_NOT_ALLOWED, "the region is no longer valid; use its successor");
  }
}

std::optional<CheckedTip> CheckNewTip(const v1::Tip& tip, const runtime::RegionDirectory& regions,
                                      runtime::CivilDate today,
                                      runtime::FieldViolations* violations) {
  const size_t before = violations->size();
  CheckedTip checked;
  if (tip.kind() == v1::TIP_KIND_UNSPECIFIED) {
    violations->Add("tip.kind", FIELD_REQUIRED, "what the tip is about");
  } else if (!v1::TipKind_IsValid(tip.kind())) {
    violations->Add("tip.kind", VALUE_NOT_ALLOWED, "unknown kind");
  }
  checked.kind = tip.kind();
  CheckTipRegion("tip.region_code", tip.region_code(), regions, today, violations);
  checked.region_code = tip.region_code();
  auto observed = runtime::CheckPastDate(*violations, "tip.observed_date", tip.has_observed_date(),
                                         tip.observed_date(), today);
  if (observed.has_value()) checked.observed_date = *observed;
  runtime::CheckTextLength("tip.description", tip.description(), 1, kMaxTipDescriptionCharacters,
                           violations);
  checked.description = tip.description();
  if (tip.kind() == v1::TIP_KIND_CULTIVATION) {
    if (tip.plant_count() == 0) {
      violations->Add("tip.plant_count", FIELD_REQUIRED, "plants seen, 1 or more, for cultivation");
    } else if (tip.plant_count() < 0) {
      violations->Add("tip.plant_count", FIELD_OUT_OF_RANGE, "must be 1 or more");
    }
  } else if (tip.plant_count() != 0) {
    violations->Add("tip.plant_count", VALUE_NOT_ALLOWED, "only cultivation tips count plants");
  }
  checked.plant_count = tip.plant_count();
  runtime::CheckResourceName(*violations, "tip.source_volunteer", tip.source_volunteer(),
                             "volunteers/", /*required=*/false);
  checked.source_volunteer = tip.source_volunteer();
  if (violations->size() != before) return std::nullopt;
  return checked;
}

void CheckTipOutcome(bool present, const v1::TipOutcome& outcome,
                     runtime::FieldViolations* violations) {
  if (!present) {
    violations->Add("outcome", FIELD_REQUIRED, "the whole outcome of the confirmed tip");
    return;
  }
  CheckCount("outcome.suspects_identified", outcome.suspects_identified(), violations);
  CheckCount("outcome.users_identified", outcome.users_identified(), violations);
  if (outcome.users_identified() >= 0 &&
      outcome.users_identified() > outcome.suspects_identified()) {
    violations->Add("outcome.users_identified", FIELD_OUT_OF_RANGE,
                    "drug users identified are counted among the suspects identified");
  }
  CheckCount("outcome.cases_solved", outcome.cases_solved(), violations);
  CheckCount("outcome.prosecutions", outcome.prosecutions(), violations);
  CheckCount("outcome.plants_eradicated", outcome.plants_eradicated(), violations);
  if (outcome.seizures_size() > kMaxSeizures) {
    violations->Add("outcome.seizures", FIELD_OUT_OF_RANGE,
                    "at most " + std::to_string(kMaxSeizures) + " substances");
    return;
  }
  std::set<std::string> substances;
  for (int i = 0; i < outcome.seizures_size(); ++i) {
    const v1::DrugSeizure& seizure = outcome.seizures(i);
    const std::string prefix = "outcome.seizures[" + std::to_string(i) + "].";
    if (runtime::CheckTextLength(prefix + "substance", seizure.substance(), 1,
                                 kMaxSubstanceCharacters, violations) &&
        !substances.insert(seizure.substance()).second) {
      violations->Add(prefix + "substance", common::v1::DUPLICATE_IN_REQUEST,
                      "each substance once: add its quantities up");
    }
    if (seizure.milligrams() < 1 || seizure.milligrams() > kMaxSeizureMilligrams) {
      violations->Add(prefix + "milligrams", FIELD_OUT_OF_RANGE,
                      "must be 1 or more and at most 10^12 (1,000 tonnes)");
    }
  }
}

bool IsValidTipPurpose(const std::string& purpose) {
  return !purpose.empty() && runtime::CodePointCount(purpose) <= kMaxTipPurposeCharacters;
}

std::vector<int> CheckTipStateFilter(const v1::ListTipsRequest& request,
                                     runtime::FieldViolations* violations) {
  std::vector<int> states;
  for (int i = 0; i < request.states_size(); ++i) {
    const int state = request.states(i);
    if (state == v1::TIP_STATE_UNSPECIFIED || !v1::TipState_IsValid(state)) {
      violations->Add("states[" + std::to_string(i) + "]", VALUE_NOT_ALLOWED, "unknown state");
      continue;
    }
    states.push_back(state);
  }
  return states;
}

std::vector<int> CheckTipKindFilter(const v1::ListTipsRequest& request,
                                    runtime::FieldViolations* violations) {
  std::vector<int> kinds;
  for (int i = 0; i < request.kinds_size(); ++i) {
    const int kind = request.kinds(i);
    if (kind == v1::TIP_KIND_UNSPECIFIED || !v1::TipKind_IsValid(kind)) {
      violations->Add("kinds[" + std::to_string(i) + "]", VALUE_NOT_ALLOWED, "unknown kind");
      continue;
    }
    kinds.push_back(kind);
  }
  return kinds;
}

int64_t SeizedMilligrams(const v1::TipOutcome& outcome) {
  int64_t total = 0;
  for (const v1::DrugSeizure& seizure : outcome.seizures()) total += seizure.milligrams();
  return total;
}

}  // namespace jindu::casework
