#pragma once
// Field rules of tips (tip.proto, tip_service.proto). Each check adds a FieldViolation naming the
// request path, so a caller learns every wrong field in one answer; no message echoes a submitted
// value (descriptions and police references are personal data).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "jindu/casework/v1/tip_service.pb.h"
#include "runtime/api/api_error.h"
#include "runtime/identity/civil_date.h"
#include "runtime/regions/region_directory.h"

namespace jindu::casework {

inline constexpr size_t kMaxTipDescriptionCharacters = 4000;
inline constexpr size_t kMaxTipPurposeCharacters = 200;
inline constexpr size_t kMaxPoliceReferenceCharacters = 64;
inline constexpr size_t kMaxTipReasonCharacters = 500;
inline constexpr size_t kMaxSubstanceCharacters = 32;
// Not in the contract's words, but a bound every stored list needs: no seizure lists more kinds.
inline constexpr int kMaxSeizures = 100;
// Likewise a bound on one quantity (1,000 tonnes), so sums for reports cannot overflow.
inline constexpr int64_t kMaxSeizureMilligrams = 1'000'000'000'000;

// A new tip as it will be stored (output-only fields dropped).
struct CheckedTip {
  v1::TipKind kind = v1::TIP_KIND_UNSPECIFIED;
  std::string region_code;
  runtime::CivilDate observed_date;
  std::string description;
  int plant_count = 0;
  std::string source_volunteer;  // "volunteers/{id}" or empty
};

// The tip of CreateTip, paths "tip.kind", "tip.region_code", ...: kind required; region a known,
// currently valid county, township or village; observed_date a full date not after `today`;
// description 1..4000 characters; plant_count >= 1 for cultivation and unset otherwise;
// source_volunteer empty or "volunteers/{id}". The scope check of the region is the caller's.
std::optional<CheckedTip> CheckNewTip(const v1::Tip& tip, const runtime::RegionDirectory& regions,
                                      runtime::CivilDate today,
                                      runtime::FieldViolations* violations);

// A tip's region: known, county level or lower, valid on `today`.
void CheckTipRegion(const std::string& field, const std::string& code,
                    const runtime::RegionDirectory& regions, runtime::CivilDate today,
                    runtime::FieldViolations* violations);

// The outcome of RecordTipOutcome under "outcome.": required; counts >= 0; users_identified <=
// suspects_identified; each seizure's substance 1..32 characters, once per outcome, milligrams
// 1..kMaxSeizureMilligrams.
void CheckTipOutcome(bool present, const v1::TipOutcome& outcome,
                     runtime::FieldViolations* violations);

// A police liaison's reason to read a tip: 1..200 characters.
bool IsValidTipPurpose(const std::string& purpose);

// The states and kinds filters of ListTips ("states[1]", "kinds[0]"): known values only.
std::vector<int> CheckTipStateFilter(const v1::ListTipsRequest& request,
                                     runtime::FieldViolations* violations);
std::vector<int> CheckTipKindFilter(const v1::ListTipsRequest& request,
                                    runtime::FieldViolations* violations);

// Total milligrams of an outcome's seizures (for reporting totals).
int64_t SeizedMilligrams(const v1::TipOutcome& outcome);

}  // namespace jindu::casework
