#include "publicity/participation/participation_entry_checks.h"

#include <cctype>

#include "runtime/identity/national_id_number.h"
#include "runtime/identity/phone_number.h"
#include "runtime/ids/resource_ids.h"

namespace jindu::publicity {
namespace {

using common::v1::FIELD_MALFORMED;
using common::v1::FIELD_OUT_OF_RANGE;
using common::v1::FIELD_REQUIRED;
using common::v1::REFERENCE_NOT_FOUND;
using common::v1::VALUE_NOT_ALLOWED;

// Largest seconds value of a valid google.protobuf.Timestamp (9999-12-31T23:59:59Z).
constexpr int64_t kMaxTimestampSeconds = 253402300799;
constexpr int64_t kMinTimestampSeconds = -62135596800;

// The normalised identifier, or empty with a violation.
std::string CheckIdentifier(const v1::ParticipationEntry& entry, runtime::CivilDate today,
                            runtime::FieldViolations* violations) {
  const v1::ParticipantIdentifierKind kind = entry.participant_identifier_kind();
  if (kind == v1::PARTICIPANT_IDENTIFIER_KIND_UNSPECIFIED) {
    violations->Add("participant_identifier_kind", FIELD_REQUIRED,
                    "say whether the identifier is a phone or a national ID number");
  } else if (!v1::ParticipantIdentifierKind_IsValid(kind)) {
    violations->Add("participant_identifier_kind", VALUE_NOT_ALLOWED, "unknown kind");
  }
  if (entry.participant_identifier().empty()) {
    violations->Add("participant_identifier", FIELD_REQUIRED,
                    "the participant's phone or national ID number");
    return {};
  }
  if (kind == v1::PARTICIPANT_IDENTIFIER_KIND_PHONE) {
    auto phone = runtime::NormalizeMobilePhone(entry.participant_identifier());
    if (!phone.has_value()) {
      violations->Add("participant_identifier", FIELD_MALFORMED,
                      "must be an 11-digit mainland mobile number");
      return {};
    }
    return *phone;
  }
  if (kind == v1::PARTICIPANT_IDENTIFIER_KIND_NATIONAL_ID) {
    const runtime::NationalIdCheck check =
        runtime::CheckNationalIdNumber(entry.participant_identifier(), today);
    switch (check.problem) {
      case runtime::NationalIdProblem::kNone:
        return check.parsed->normalized;
      case runtime::NationalIdProblem::kCheckDigitMismatch:
        violations->Add("participant_identifier", common::v1::CHECK_DIGIT_MISMATCH,
                        "the check character does not match");
        return {};
      case runtime::NationalIdProblem::kBadBirthDate:
      case runtime::NationalIdProblem::kBirthDateInFuture:
        violations->Add("participant_identifier", common::v1::ID_NUMBER_INCONSISTENT,
                        "the birth date in the number is not valid");
        return {};
      case runtime::NationalIdProblem::kMalformed:
        break;
    }
    violations->Add("participant_identifier", FIELD_MALFORMED,
                    "must be an 18-character national ID number");
  }
  return {};
}

void CheckScores(const v1::ParticipationEntry& entry, runtime::FieldViolations* violations) {
  if (entry.kind() == v1::PARTICIPATION_KIND_CONTEST_ENTRY) {
    if (entry.max_score() < 1) {
      violations->Add("max_score", FIELD_OUT_OF_RANGE, "must be 1 or more for a contest entry");
    } else if (entry.score() < 0 || entry.score() > entry.max_score()) {
      violations->Add("score", FIELD_OUT_OF_RANGE, "must be 0..max_score");
    }
    return;
  }
  if (entry.score() != 0) {
    violations->Add("score", VALUE_NOT_ALLOWED, "only contest entries have a score");
  }
  if (entry.max_score() != 0) {
    violations->Add("max_score", VALUE_NOT_ALLOWED, "only contest entries have a maximum score");
  }
}

}  // namespace

std::string CanonicalUuid(const std::string& text) {
  if (text.size() != 36) return {};
  std::string canonical = text;
  for (size_t i = 0; i < canonical.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash) {
      if (canonical[i] != '-') return {};
      continue;
    }
    const unsigned char c = static_cast<unsigned char>(canonical[i]);
    if (!std::isxdigit(c)) return {};
    canonical[i] = static_cast<char>(std::tolower(c));
  }
  return canonical;
}

std::string ParticipantHash(const runtime::KeyedHash& lookup, v1::ParticipantIdentifierKind kind,
                            const std::string& normalized) {
  const char* prefix = kind == v1::PARTICIPANT_IDENTIFIER_KIND_PHONE ? "phone:" : "national_id:";
  return lookup.Digest("publicity.participant", prefix + normalized);
}

void CheckEntryAlone(const v1::ParticipationEntry& entry, const runtime::RegionDirectory& regions,
                     const runtime::KeyedHash& lookup, std::chrono::system_clock::time_point now,
                     runtime::FieldViolations* violations, PreparedEntry* prepared) {
  const size_t before = violations->size();
  if (entry.entry_id().empty()) {
    violations->Add("entry_id", FIELD_REQUIRED, "a client-made UUID identifying the entry");
  } else {
    prepared->entry_id = CanonicalUuid(entry.entry_id());
    if (prepared->entry_id.empty()) violations->Add("entry_id", FIELD_MALFORMED, "must be a UUID");
  }
  if (entry.campaign().empty()) {
    violations->Add("campaign", FIELD_REQUIRED, "required: campaigns/{id}");
  } else {
    prepared->campaign_id = runtime::ResourceIdFromName(entry.campaign(), "campaigns/");
    if (prepared->campaign_id.empty()) {
      violations->Add("campaign", FIELD_MALFORMED, "must be campaigns/{id}");
    }
  }
  if (entry.kind() == v1::PARTICIPATION_KIND_UNSPECIFIED) {
    violations->Add("kind", FIELD_REQUIRED, "what kind of participation");
  } else if (!v1::ParticipationKind_IsValid(entry.kind())) {
    violations->Add("kind", VALUE_NOT_ALLOWED, "unknown kind");
  }
  if (entry.region_code().empty()) {
    violations->Add("region_code", FIELD_REQUIRED, "the participant's region");
  } else if (!regions.Knows(entry.region_code())) {
    violations->Add("region_code", REFERENCE_NOT_FOUND, "not a known region code");
  }
  if (!entry.has_occur_time()) {
    violations->Add("occur_time", FIELD_REQUIRED, "when the participant took part");
  } else {
    const auto& time = entry.occur_time();
    if (time.seconds() < kMinTimestampSeconds || time.seconds() > kMaxTimestampSeconds ||
        time.nanos() < 0 || time.nanos() > 999'999'999) {
      violations->Add("occur_time", FIELD_MALFORMED, "not a valid timestamp");
    } else {
      const auto instant = std::chrono::system_clock::time_point(
          std::chrono::duration_cast<std::chrono::system_clock::duration>(
              std::chrono::seconds(time.seconds()) + std::chrono::nanoseconds(time.nanos())));
      if (instant > now + kOccurTimeSkew) {
        violations->Add("occur_time", common::v1::DATE_IN_FUTURE,
                        "must not be in the future (5 minutes of clock skew allowed)");
      } else {
        prepared->day = runtime::CivilDateInShanghai(instant);
      }
    }
  }
  const std::string normalized =
      CheckIdentifier(entry, runtime::CivilDateInShanghai(now), violations);
  CheckScores(entry, violations);
  if (violations->size() != before) return;
  prepared->kind = entry.kind();
  prepared->region_code = entry.region_code();
  prepared->score = entry.score();
  prepared->max_score = entry.max_score();
  prepared->participant_hash =
      ParticipantHash(lookup, entry.participant_identifier_kind(), normalized);
}

void CheckEntryInCampaign(const PreparedEntry& entry, const CampaignWindow* campaign,
                          const runtime::CallerAccess& caller,
                          const runtime::RegionDirectory& regions,
                          runtime::FieldViolations* violations) {
  if (campaign == nullptr) {
    violations->Add("campaign", REFERENCE_NOT_FOUND, "no such campaign");
    return;
  }
  bool inside = false;
  for (const std::string& code : campaign->region_codes) {
    if (regions.Contains(code, entry.region_code)) {
      inside = true;
      break;
    }
  }
  if (!inside) {
    violations->Add("region_code", VALUE_NOT_ALLOWED,
                    "must be one of the campaign's regions or inside one");
  } else if (!caller.Covers(entry.region_code)) {
    violations->Add("region_code", VALUE_NOT_ALLOWED, "outside the caller's scope");
  }
  if (!campaign->Includes(entry.day)) {
    violations->Add("occur_time", FIELD_OUT_OF_RANGE,
                    "must be inside the campaign's dates (Asia/Shanghai)");
  }
}

}  // namespace jindu::publicity
