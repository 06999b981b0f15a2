#include "publicity/campaigns/campaign_events.h"

namespace jindu::publicity {

events::v1::CampaignFacts CampaignFactsOf(const v1::Campaign& campaign) {
  events::v1::CampaignFacts facts;
  facts.set_campaign(campaign.name());
  facts.set_display_name(campaign.display_name());
  facts.set_tag(campaign.tag());
  facts.set_organizer(campaign.organizer());
  *facts.mutable_date_range() = campaign.date_range();
  *facts.mutable_region_codes() = campaign.region_codes();
  *facts.mutable_targets() = campaign.targets();
  return facts;
}

void AppendCampaignEvent(const PublicityContext& context, pqxx::work& tx,
                         const CampaignRecord& record, bool created) {
  events::v1::CampaignCreated created_event;
  events::v1::CampaignChanged changed_event;
  *created_event.mutable_campaign() = CampaignFactsOf(record.campaign);
  *changed_event.mutable_campaign() = created_event.campaign();
  context.outbox.Append(
      tx, {.aggregate_type = "campaign",
           .aggregate_id = record.id,
           .aggregate_version = record.revision,
           .region_code = record.organizer_region_code,
           .payload = created ? static_cast<const google::protobuf::Message*>(&created_event)
                              : &changed_event});
}

}  // namespace jindu::publicity
