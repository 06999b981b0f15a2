#pragma once
// The campaigns tables: a campaign row with its facts, and one row per region carrying the
// region's path for scopes and "within" filters.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "publicity/campaigns/campaign_record.h"
#include "runtime/api/request_checks.h"

namespace jindu::publicity {

// Filters of ListCampaigns, already validated.
struct CampaignListFilter {
  std::string region_condition;  // SQL on campaign_regions.region_path (RegionPathCondition)
  std::optional<runtime::CivilDateRange> overlapping;
};

// Where a page starts: after the campaign starting on `start_date` with id `id` (lists are newest
// start first).
struct CampaignCursor {
  std::string start_date;  // YYYY-MM-DD
  std::string id;
};

// "430102,430103" -> {"430102", "430103"}; empty text gives no codes.
std::vector<std::string> SplitRegionCodes(const std::string& text);

class CampaignStore {
 public:
  explicit CampaignStore(std::string schema) : schema_(std::move(schema)) {}

  // `region_paths` holds the EnclosingPath of each of record.campaign.region_codes, in order.
  void Insert(pqxx::work& tx, const CampaignRecord& record,
              const std::vector<std::string>& region_paths, const std::string& subject) const;
  // Writes the mutable facts and the revision; adds the region rows not there yet (regions only
  // grow).
  void Update(pqxx::work& tx, const CampaignRecord& record,
              const std::vector<std::string>& region_paths, const std::string& subject) const;
  std::optional<CampaignRecord> Find(pqxx::transaction_base& tx, const std::string& id,
                                     bool lock = false) const;
  // Up to `limit` campaigns, newest start first, after `after` when set.
  std::vector<CampaignRecord> List(pqxx::transaction_base& tx, const CampaignListFilter& filter,
                                   const std::optional<CampaignCursor>& after, int limit) const;

 private:
  CampaignRecord FromRow(const pqxx::row& row) const;
  void InsertRegions(pqxx::work& tx, const CampaignRecord& record,
                     const std::vector<std::string>& region_paths) const;

  std::string schema_;
};

}  // namespace jindu::publicity
