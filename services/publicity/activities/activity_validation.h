#pragma once
// Field rules of an activity (activity.proto, publicity_service.proto) that need no database. Each
// check adds a FieldViolation naming the request path ("activity.lecturers[1]"), so a caller
// learns every wrong field in one answer; no message echoes a submitted value. What needs the
// registry replica (organisation, lecturers, volunteers) is activity_references.h.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "google/protobuf/field_mask.pb.h"
#include "jindu/publicity/v1/publicity_service.pb.h"
#include "runtime/api/api_error.h"
#include "runtime/identity/civil_date.h"

namespace jindu::publicity {

inline constexpr size_t kMaxTitleCharacters = 200;
inline constexpr size_t kMaxDescriptionCharacters = 4000;
inline constexpr int kMaxAttachments = 50;
inline constexpr size_t kMaxUriCharacters = 1024;
inline constexpr size_t kMaxDisplayNameCharacters = 255;
inline constexpr size_t kMaxContentTypeCharacters = 255;
inline constexpr size_t kMaxActivityReasonCharacters = 500;

// The paths UpdateActivity and ProposeActivityCorrection may change, in the contract's order.
const std::vector<std::string>& MutableActivityPaths();
// Every content path of an activity: what CreateActivity checks.
std::set<std::string> AllActivityPaths();

// The update mask of UpdateActivity / ProposeActivityCorrection: required, each path mutable
// ("organization" is FIELD_IMMUTABLE, anything else UNKNOWN_FIELD_PATH), no repeats. The paths.
std::set<std::string> CheckActivityMask(const google::protobuf::FieldMask& mask,
                                        runtime::FieldViolations* violations);

// The fields of `activity` named by `paths` (organization, region_code, title, kind, ...),
// reported as "activity.<path>": required fields present, lengths, ranges, enum values, formats
// of names, no repeats, `activity_date` not after `today`. A lecture needs a lecturer: checked
// when `paths` names kind or lecturers, on `activity` as it will be stored.
void CheckActivityFields(const v1::Activity& activity, const std::set<std::string>& paths,
                         runtime::CivilDate today, runtime::FieldViolations* violations);

// `target` with the `paths` of `source` copied over (the activity as an update leaves it).
void ApplyActivityPaths(const v1::Activity& source, const std::set<std::string>& paths,
                        v1::Activity* target);

// Lower-case hex SHA-256: exactly 64 characters of [0-9a-f].
bool IsSha256Hex(const std::string& text);

// Filters of ListActivities ("review_states[1]", "kinds[0]", "six_into_category"): known values.
std::vector<int> CheckReviewStateFilter(const v1::ListActivitiesRequest& request,
                                        runtime::FieldViolations* violations);
std::vector<int> CheckKindFilter(const v1::ListActivitiesRequest& request,
                                 runtime::FieldViolations* violations);

}  // namespace jindu::publicity
