#pragma once
// A news report as the news_reports table holds it. Nothing here is personal: reports are
// published material about the work, and the people featured are named only by their registry ids.
#include <cstdint>
#include <string>
#include <vector>

#include "jindu/publicity/v1/news_report.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::publicity {

struct NewsReportRecord {
  std::string id;
  std::string title;
  std::string outlet_name;
  v1::MediaTier media_tier = v1::MEDIA_TIER_UNSPECIFIED;
  v1::MediaChannel channel = v1::MEDIA_CHANNEL_UNSPECIFIED;
  std::string uri;
  runtime::CivilDate publish_date;
  std::string organization_id;
  // The organisation's region when the report was recorded: the district it counts for.
  std::string region_code;
  std::string activity_id;                         // empty when none
  std::vector<std::string> featured_lecturer_ids;  // volunteer ids
  std::vector<std::string> featured_branch_ids;    // organisation ids
  int64_t revision = 0;
  int64_t create_micros = 0;
  int64_t update_micros = 0;
  std::string create_subject;
  std::string update_subject;
};

inline std::string NewsReportName(const std::string& id) { return "newsReports/" + id; }

}  // namespace jindu::publicity
