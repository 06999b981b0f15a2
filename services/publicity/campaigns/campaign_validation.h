#pragma once
// Field rules of campaigns (campaign.proto). Each check adds a FieldViolation naming the request
// path ("campaign.region_codes[1]"), so a caller learns every wrong field in one answer.
#include <cstddef>
#include <string>

#include "jindu/publicity/v1/campaign.pb.h"
#include "runtime/api/api_error.h"
#include "runtime/regions/region_directory.h"

namespace jindu::publicity {

inline constexpr size_t kMaxCampaignNameCharacters = 128;
// Not in the contract's words, but bounds every stored list needs: a province has about 150
// counties, and a target per region and kind fits well below these.
inline constexpr int kMaxCampaignRegions = 500;
inline constexpr int kMaxCampaignTargets = 2000;

// The facts of a campaign as they will be stored (a create's input, or an update's result):
// display_name 1..128 characters; tag unset or known; date_range two full dates, start before end;
// region_codes 1..500 known, distinct codes, each inside `organizer_region_code` (when not empty);
// each target's region one of the campaign's regions or inside one, kind set, target_count >= 1,
// one target per region and kind. The caller's scope is checked by the handler.
void CheckCampaignFacts(const v1::Campaign& campaign, const std::string& organizer_region_code,
                        const runtime::RegionDirectory& regions,
                        runtime::FieldViolations* violations);

// The region is one of `region_codes` or inside one of them.
bool InsideCampaignRegions(const google::protobuf::RepeatedPtrField<std::string>& region_codes,
                           const std::string& region_code, const runtime::RegionDirectory& regions);

}  // namespace jindu::publicity
