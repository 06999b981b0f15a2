#pragma once
// The publicity facts projection: the reporting service's own record of the publicity service's
// events, from which figures and seed 004's tables are computed (replaying the topics into an
// empty schema rebuilds them).
//   - activities: only approved ones, at their approved revision (ActivityApproved inserts,
//     ActivityCorrected replaces; submissions and rejections change nothing that counts);
//   - news reports: published, changed (replaced whole), retracted (stop counting);
//   - campaigns (names and targets) and participation counts per ingest batch.
// Every effect is guarded by the aggregate's version (or keyed by the batch id), so a redelivered
// or replayed event never counts twice and an older one never undoes a newer one.
#include <vector>

#include "reporting/reporting_context.h"
#include "runtime/inbox/projection.h"
#include "runtime/postgres/migrations.h"

namespace jindu::reporting {

inline constexpr const char* kActivityTopic = "jindu.publicity.activity.v1";
inline constexpr const char* kNewsReportTopic = "jindu.publicity.news_report.v1";
inline constexpr const char* kCampaignTopic = "jindu.publicity.campaign.v1";
inline constexpr const char* kParticipationTopic = "jindu.publicity.participation.v1";

std::vector<runtime::ProjectionDefinition> PublicityFactsProjections(ReportingContext& context);
runtime::MigrationTrack PublicityFactsMigrations();

}  // namespace jindu::reporting
