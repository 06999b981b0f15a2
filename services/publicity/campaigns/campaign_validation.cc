#include "publicity/campaigns/campaign_validation.h"

#include <set>
#include <utility>

#include "runtime/api/request_checks.h"
#include "runtime/api/text_fields.h"

namespace jindu::publicity {
namespace {

using common::v1::DUPLICATE_IN_REQUEST;
using common::v1::FIELD_OUT_OF_RANGE;
using common::v1::FIELD_REQUIRED;
using common::v1::REFERENCE_NOT_FOUND;
using common::v1::VALUE_NOT_ALLOWED;

void CheckTargets(const v1::Campaign& campaign, const runtime::RegionDirectory& regions,
                  runtime::FieldViolations* violations) {
  if (campaign.targets_size() > kMaxCampaignTargets) {
    violations->Add("campaign.targets", FIELD_OUT_OF_RANGE,
                    "at most " + std::to_string(kMaxCampaignTargets) + " targets");
    return;
  }
  std::set<std::pair<std::string, int>> seen;
  for (int i = 0; i < campaign.targets_size(); ++i) {
    const v1::CampaignTarget& target = campaign.targets(i);
    const std::string prefix = "campaign.targets[" + std::to_string(i) + "].";
    if (target.region_code().empty()) {
      violations->Add(prefix + "region_code", FIELD_REQUIRED, "the region the target is for");
    } else if (!regions.Knows(target.region_code())) {
      violations->Add(prefix + "region_code", REFERENCE_NOT_FOUND, "not a known region code");
    } else if (!InsideCampaignRegions(campaign.region_codes(), target.region_code(), regions)) {
      violations->Add(prefix + "region_code", VALUE_NOT_ALLOWED,
                      "must be one of the campaign's regions or inside one");
    }
    if (target.kind() == v1::PARTICIPATION_KIND_UNSPECIFIED) {
      violations->Add(prefix + "kind", FIELD_REQUIRED, "what the target counts");
    } else if (!v1::ParticipationKind_IsValid(target.kind())) {
      violations->Add(prefix + "kind", VALUE_NOT_ALLOWED, "unknown kind");
    }
    if (target.target_count() < 1) {
      violations->Add(prefix + "target_count", FIELD_OUT_OF_RANGE, "must be 1 or more");
    }
    if (!seen.insert({target.region_code(), static_cast<int>(target.kind())}).second) {
      violations->Add(prefix + "region_code", DUPLICATE_IN_REQUEST,
                      "one target per region and kind");
    }
  }
}

}  // namespace

bool InsideCampaignRegions(const google::protobuf::RepeatedPtrField<std::string>& region_codes,
                           const std::string& region_code,
                           const runtime::RegionDirectory& regions) {
  for (const std::string& code : region_codes) {
    if (code == region_code || regions.Contains(code, region_code)) return true;
  }
  return false;
}

void CheckCampaignFacts(const v1::Campaign& campaign, const std::string& organizer_region_code,
                        const runtime::RegionDirectory& regions,
                        runtime::FieldViolations* violations) {
  runtime::CheckTextLength("campaign.display_name", campaign.display_name(), 1,
                           kMaxCampaignNameCharacters, violations);
  if (!v1::CampaignTag_IsValid(campaign.tag())) {
    violations->Add("campaign.tag", VALUE_NOT_ALLOWED, "unknown tag");
  }
  if (!campaign.has_date_range()) {
    violations->Add("campaign.date_range", FIELD_REQUIRED, "the campaign's dates [start, end)");
  } else {
    runtime::CheckDateRangeFilter(*violations, "campaign.date_range", true, campaign.date_range());
  }
  if (campaign.region_codes().empty()) {
    violations->Add("campaign.region_codes", FIELD_REQUIRED, "the regions taking part, 1 or more");
  } else if (campaign.region_codes_size() > kMaxCampaignRegions) {
    violations->Add("campaign.region_codes", FIELD_OUT_OF_RANGE,
                    "at most " + std::to_string(kMaxCampaignRegions) + " regions");
  } else {
    std::set<std::string> seen;
    for (int i = 0; i < campaign.region_codes_size(); ++i) {
      const std::string& code = campaign.region_codes(i);
      const std::string field = "campaign.region_codes[" + std::to_string(i) + "]";
      if (code.empty()) {
        violations->Add(field, FIELD_REQUIRED, "a region code");
      } else if (!regions.Knows(code)) {
        violations->Add(field, REFERENCE_NOT_FOUND, "not a known region code");
      } else if (!seen.insert(code).second) {
        violations->Add(field, DUPLICATE_IN_REQUEST, "each region once");
      } else if (!organizer_region_code.empty() && !regions.Contains(organizer_region_code, code)) {
        violations->Add(field, VALUE_NOT_ALLOWED, "must be inside the organiser's region");
      }
    }
  }
  CheckTargets(campaign, regions, violations);
}

}  // namespace jindu::publicity
