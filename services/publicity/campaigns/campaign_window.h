#pragma once
// The small public read of a campaign other areas need: its date range and regions. Activities
// check an activity's date against it; participation ingest checks every entry's day and region.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "runtime/identity/civil_date.h"

namespace jindu::publicity {

struct CampaignWindow {
  std::string campaign_id;
  runtime::CivilDate start_date;
  runtime::CivilDate end_date;  // exclusive
  std::vector<std::string> region_codes;

  // start_date <= day < end_date.
  bool Includes(runtime::CivilDate day) const { return start_date <= day && day < end_date; }
};

// The campaign's window, or nullopt when no campaign has this id. `lock_shared` takes a FOR SHARE
// lock on the campaign row until the transaction ends, so an UpdateCampaign that narrows the dates
// waits for the writes that rely on the window (and then sees them).
std::optional<CampaignWindow> FindCampaignWindow(pqxx::transaction_base& tx,
                                                 const std::string& schema,
                                                 const std::string& campaign_id,
                                                 bool lock_shared = false);

}  // namespace jindu::publicity
