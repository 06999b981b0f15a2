#include "publicity/activities/activity_campaign_check.h"

#include "publicity/campaigns/campaign_window.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::publicity {

void CheckActivityCampaign(pqxx::transaction_base& tx, const std::string& schema,
                           const v1::Activity& activity, runtime::FieldViolations* violations) {
  constexpr std::string_view kPrefix = "campaigns/";
  if (activity.campaign().empty() || !activity.campaign().starts_with(kPrefix)) return;
  const std::string id = activity.campaign().substr(kPrefix.size());
  // Shared lock: a campaign update narrowing its dates waits for this write and then sees it.
  const auto window = FindCampaignWindow(tx, schema, id, /*lock_shared=*/true);
  if (!window.has_value()) {
    violations->Add("activity.campaign", common::v1::REFERENCE_NOT_FOUND, "no such campaign");
    return;
  }
  if (!activity.has_activity_date()) return;  // reported by the field checks
  const runtime::CivilDate day = runtime::FromProtoDate(activity.activity_date());
  if (!runtime::IsValidCivilDate(day)) return;  // reported by the field checks
  if (!window->Includes(day)) {
    violations->Add("activity.activity_date", common::v1::VALUE_NOT_ALLOWED,
                    "outside the campaign's dates (" + runtime::FormatIsoDate(window->start_date) +
                        " to " + runtime::FormatIsoDate(window->end_date) + ", end exclusive)");
  }
}

}  // namespace jindu::publicity
