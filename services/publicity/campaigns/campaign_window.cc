#include "publicity/campaigns/campaign_window.h"

#include "publicity/campaigns/campaign_store.h"

namespace jindu::publicity {

std::optional<CampaignWindow> FindCampaignWindow(pqxx::transaction_base& tx,
                                                 const std::string& schema,
                                                 const std::string& campaign_id, bool lock_shared) {
  const pqxx::result rows = tx.exec_params(
      "SELECT start_date::text, end_date::text, array_to_string(region_codes, ',') FROM " + schema +
          ".campaigns WHERE campaign_id = $1" + (lock_shared ? " FOR SHARE" : ""),
      campaign_id);
  if (rows.empty()) return std::nullopt;
  CampaignWindow window;
  window.campaign_id = campaign_id;
  window.start_date =
      runtime::ParseIsoDate(rows[0][0].as<std::string>()).value_or(runtime::CivilDate{});
  window.end_date =
      runtime::ParseIsoDate(rows[0][1].as<std::string>()).value_or(runtime::CivilDate{});
  window.region_codes = SplitRegionCodes(rows[0][2].as<std::string>());
  return window;
}

}  // namespace jindu::publicity
