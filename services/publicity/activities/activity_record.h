#pragma once
// An activity as the store holds it: the content a branch writes (an Activity message with its
// output-only fields cleared) and the review state around it. While a correction awaits review,
// `content` is still the approved revision; the proposal is `pending_correction`.
#include <cstdint>
#include <optional>
#include <string>

#include "jindu/publicity/v1/activity.pb.h"

namespace jindu::publicity {

struct ActivityRecord {
  std::string id;
  std::string organization_id;
  v1::Activity content;  // organization .. description; no name, no output-only field
  v1::ReviewState state = v1::REVIEW_STATE_DRAFT;
  std::optional<v1::ReviewDecision> last_review;
  int approved_revision = 0;
  std::optional<v1::ActivityCorrection> pending_correction;
  // Who last submitted the activity (or proposed its correction): may not review it.
  std::string submitter_subject;
  int64_t revision = 0;  // the etag, and the aggregate version of its events
  int64_t seq = 0;
  int64_t create_micros = 0;
  int64_t update_micros = 0;
  std::string create_subject;
  std::string update_subject;
};

inline constexpr const char* kActivityType = "jindu.publicity.v1.Activity";
inline constexpr const char* kActivityPrefix = "activities/";

inline std::string ActivityName(const std::string& id) { return kActivityPrefix + id; }

// The content of an activity as stored: `activity` without name and output-only fields.
v1::Activity ActivityContent(const v1::Activity& activity);

}  // namespace jindu::publicity
