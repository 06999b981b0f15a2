#pragma once
// The rules of one participation entry (campaign.proto), in two steps: what can be checked from the
// entry alone (before a database slot is taken), and what needs its campaign. Violations name paths
// relative to the entry ("region_code") and never echo a value: participant_identifier is personal
// data, and the other values are the caller's own.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "jindu/publicity/v1/campaign.pb.h"
#include "publicity/campaigns/campaign_window.h"
#include "runtime/access/caller_access.h"
#include "runtime/api/api_error.h"
#include "runtime/crypto/keyed_hash.h"
#include "runtime/identity/civil_date.h"
#include "runtime/regions/region_directory.h"

namespace jindu::publicity {

// Clock skew allowed for occur_time.
inline constexpr std::chrono::minutes kOccurTimeSkew{5};

// An entry that passed the checks of the entry alone, reduced to what ingest stores and counts:
// the identifier is already replaced by its keyed hash.
struct PreparedEntry {
  int64_t index = 0;        // position in the request (batch) or the stream
  std::string entry_id;     // canonical lower-case UUID
  std::string campaign_id;  // from "campaigns/{id}"
  int kind = 0;             // jindu.publicity.v1.ParticipationKind
  std::string region_code;
  runtime::CivilDate day;  // of occur_time in Asia/Shanghai
  int score = 0;
  int max_score = 0;
  std::string participant_hash;  // hex HMAC-SHA256 of the normalised identifier
};

// "8-4-4-4-12" hexadecimal digits, either case; the canonical lower-case form or empty.
std::string CanonicalUuid(const std::string& text);

// The keyed hash counting a participant once (domain "publicity.participant"): of "phone:" and the
// 11 digits, or "national_id:" and the 18 characters with an upper-case X.
std::string ParticipantHash(const runtime::KeyedHash& lookup, v1::ParticipantIdentifierKind kind,
                            const std::string& normalized);

// Checks of the entry alone: entry_id a UUID; campaign a campaign name; kind set; region_code a
// known region; occur_time set, valid, not after now + 5 minutes; the identifier an 11-digit
// mobile number or a valid GB 11643 ID number of the kind stated; score and max_score for contest
// entries only (1 <= max_score, 0 <= score <= max_score). Adds violations, or fills *prepared.
void CheckEntryAlone(const v1::ParticipationEntry& entry, const runtime::RegionDirectory& regions,
                     const runtime::KeyedHash& lookup, std::chrono::system_clock::time_point now,
                     runtime::FieldViolations* violations, PreparedEntry* prepared);

// Checks against the campaign (nullptr: missing or outside the caller's scope, answered alike):
// the region one of the campaign's regions or inside one, and in the caller's scope; the day inside
// the campaign's dates.
void CheckEntryInCampaign(const PreparedEntry& entry, const CampaignWindow* campaign,
                          const runtime::CallerAccess& caller,
                          const runtime::RegionDirectory& regions,
                          runtime::FieldViolations* violations);

}  // namespace jindu::publicity
