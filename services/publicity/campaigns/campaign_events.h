#pragma once
// The campaign's events (campaign_events.proto), written through the outbox in the transaction of
// the change: aggregate "campaign", key = campaign id, version = revision.
#include <pqxx/pqxx>

#include "jindu/publicity/events/v1/campaign_events.pb.h"
#include "publicity/campaigns/campaign_record.h"
#include "publicity/publicity_context.h"

namespace jindu::publicity {

// CampaignCreated for a new record (revision 1), CampaignChanged otherwise; the facts whole.
void AppendCampaignEvent(const PublicityContext& context, pqxx::work& tx,
                         const CampaignRecord& record, bool created);

events::v1::CampaignFacts CampaignFactsOf(const v1::Campaign& campaign);

}  // namespace jindu::publicity
