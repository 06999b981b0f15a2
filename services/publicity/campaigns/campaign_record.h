#pragma once
// A campaign as stored: the API resource (name, facts, audit) plus what only the service keeps:
// the revision behind the etag and the organiser's region, which bounds the campaign's regions.
#include <cstdint>
#include <string>

#include "jindu/publicity/v1/campaign.pb.h"

namespace jindu::publicity {

struct CampaignRecord {
  std::string id;
  v1::Campaign campaign;  // audit included (etag = revision)
  std::string organizer_region_code;
  int64_t revision = 0;
};

inline std::string CampaignName(const std::string& id) { return "campaigns/" + id; }

}  // namespace jindu::publicity
