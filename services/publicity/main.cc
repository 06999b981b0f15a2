// The publicity service: publicity activities and their review, news reports by media tier,
// campaigns, and burst ingest of mass participation (pledges, letters, contests). Everything a
// service needs beyond its handlers comes from RunService.
#include <memory>

#include "publicity/participation/ingest_slots.h"
#include "publicity/publicity_context.h"
#include "publicity/publicity_service.h"
#include "publicity/registry/registry_projection.h"
#include "publicity/storage/activity_migrations.h"
#include "publicity/storage/campaign_migrations.h"
#include "publicity/storage/news_report_migrations.h"
#include "publicity/storage/participation_migrations.h"
#include "publicity/storage/region_path_columns.h"
#include "publicity/storage/registry_migrations.h"
#include "runtime/config/validators.h"
#include "runtime/metrics/periodic_refresh.h"
#include "runtime/regions/region_replica.h"
#include "runtime/service/service_main.h"

namespace {

using namespace jindu;

// Lives for the whole process: handlers and consumers share it.
runtime::RegionDirectory& Regions() {
  static runtime::RegionDirectory directory;
  return directory;
}

void DeclareSettings(runtime::SettingsSchema& schema) {
  // The lookup key counts a participant once per campaign by a keyed hash of their phone or ID
  // number; the field keys seal what activities must keep of people.
  runtime::DeclarePersonalDataSettings(schema);
  // Back-pressure of participation ingest: batches committing at once; beyond, callers are told
  // to retry (RESOURCE_EXHAUSTED / SERVICE_SATURATED) instead of queueing without bound.
  schema
      .Int(publicity::kParticipationIngestSlotsSetting,
           "Participation batches committed concurrently; more are refused as saturated.")
      .Default("4")
      .Validate(runtime::IntRange(1, 64));
  // The approval backlog gauge is a count over the activities awaiting review.
  schema
      .Int(runtime::kGaugeRefreshSetting,
           "Milliseconds between refreshes of the review backlog gauge (a small query).")
      .Default("15000")
      .Validate(runtime::IntRange(100, 3600000));
}

// Built on first use, once the settings are read and the database migrated.
publicity::PublicityContext& Context(const runtime::ServiceResources& resources) {
  static std::unique_ptr<runtime::PersonalDataProtection> personal_data =
      runtime::PersonalDataProtectionFromSettings(resources.all_settings);
  static publicity::PublicityContext context{
      .resources = resources,
      .regions = Regions(),
      .personal_data = *personal_data,
      .outbox = runtime::OutboxWriter(resources.schema, resources.settings.service_name)};
  return context;
}

}  // namespace

int main(int argc, char** argv) {
  return runtime::RunService(
      {.name = "publicity",
       .summary = "Publicity activities and review, news reports, campaigns and mass "
                  "participation.",
       .default_grpc_port = 50063,
       .default_metrics_port = 9463,
       .declare_settings = DeclareSettings,
       .migrations = {publicity::RegistryMigrations(), runtime::RegionReplicaMigrations(),
                      publicity::ActivityMigrations(), publicity::NewsReportMigrations(),
                      publicity::CampaignMigrations(), publicity::ParticipationMigrations()},
       .aggregate_types = {"activity", "news_report", "campaign", "participation"},
       .services =
           [](const runtime::ServiceResources& resources) {
             runtime::LoadRegionReplica(resources.database, resources.schema, Regions());
             std::vector<std::unique_ptr<grpc::Service>> services;
             services.push_back(
                 std::make_unique<publicity::PublicityServiceImpl>(Context(resources)));
             return services;
           },
       .projections =
           [](const runtime::ServiceResources& resources) {
             // The region tree, organisations and volunteers come from registration's events.
             return std::vector<runtime::ProjectionDefinition>{
                 runtime::RegionReplicaProjection(resources.schema, Regions(),
                                                  {std::begin(publicity::kRegionPathColumns),
                                                   std::end(publicity::kRegionPathColumns)}),
                 publicity::RegistryProjection(Context(resources))};
           }},
      argc, argv);
}
