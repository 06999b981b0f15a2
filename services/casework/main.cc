// The casework service: cases, intake of measure decisions from public security, transfers, help
// teams, pairings, contacts, urine tests, help, tips, and the access audit log of every read of
// personal data. Everything a service needs beyond its handlers comes from RunService.
#include <memory>

#include "casework/assistance/volunteer_replica_projection.h"
#include "casework/audit/access_audit_service.h"
#include "casework/casework_context.h"
#include "casework/casework_service.h"
#include "casework/storage/assistance_migrations.h"
#include "casework/storage/casework_migrations.h"
#include "casework/storage/followup_migrations.h"
#include "casework/storage/region_path_columns.h"
#include "casework/storage/tip_migrations.h"
#include "casework/tips/tip_service.h"
#include "runtime/config/validators.h"
#include "runtime/crypto/reseal_worker.h"
#include "runtime/regions/region_replica.h"
#include "runtime/service/service_main.h"

namespace {

using namespace jindu;

constexpr const char* kContactOverdueDays = "contact-overdue-days";
constexpr const char* kMeasureEndingSoonDays = "measure-ending-soon-days";
constexpr const char* kUrineTestIntervalRehabilitation = "urine-test-interval-days-rehabilitation";
constexpr const char* kUrineTestIntervalRecovery = "urine-test-interval-days-recovery";

// Lives for the whole process: handlers and consumers share it.
runtime::RegionDirectory& Regions() {
  static runtime::RegionDirectory directory;
  return directory;
}

void DeclareSettings(runtime::SettingsSchema& schema) {
  runtime::DeclarePersonalDataSettings(schema);
  runtime::DeclareResealSettings(schema);
  schema
      .Int(kContactOverdueDays,
           "A case with no successful contact for more days than this is flagged overdue.")
      .Default("30")
      .Validate(runtime::IntRange(1, 365));
  schema
      .Int(kMeasureEndingSoonDays,
           "Measures ending within this many days are flagged and counted as ending soon.")
      .Default("60")
      .Validate(runtime::IntRange(1, 365));
  schema
      .Int(kUrineTestIntervalRehabilitation,
           "Days between scheduled urine tests under community rehabilitation (社区戒毒).")
      .Default("30")
      .Validate(runtime::IntRange(1, 365));
  schema
      .Int(kUrineTestIntervalRecovery,
           "Days between scheduled urine tests under community recovery (社区康复).")
      .Default("60")
      .Validate(runtime::IntRange(1, 365));
}

// Built on first use, once the settings are read and the database migrated.
casework::CaseworkContext& Context(const runtime::ServiceResources& resources) {
  static std::unique_ptr<runtime::PersonalDataProtection> personal_data =
      runtime::PersonalDataProtectionFromSettings(resources.all_settings);
  static casework::CaseworkContext context{
      .resources = resources,
      .regions = Regions(),
      .personal_data = *personal_data,
      .outbox = runtime::OutboxWriter(resources.schema, resources.settings.service_name),
      .rules = {.contact_overdue_days =
                    static_cast<int>(resources.all_settings.GetInt(kContactOverdueDays)),
                .measure_ending_soon_days =
                    static_cast<int>(resources.all_settings.GetInt(kMeasureEndingSoonDays)),
                .urine_test_interval_days_rehabilitation = static_cast<int>(
                    resources.all_settings.GetInt(kUrineTestIntervalRehabilitation)),
                .urine_test_interval_days_recovery =
                    static_cast<int>(resources.all_settings.GetInt(kUrineTestIntervalRecovery))}};
  return context;
}

}  // namespace

int main(int argc, char** argv) {
  return runtime::RunService(
      {.name = "casework",
       .summary = "Cases, measure decisions, transfers, pairings, contacts, urine tests, help, "
                  "tips and the access audit log.",
       .default_grpc_port = 50062,
       .default_metrics_port = 9462,
       .declare_settings = DeclareSettings,
       .migrations = {casework::CaseMigrations(), casework::AccessAuditMigrations(),
                      casework::AssistanceMigrations(), casework::TipMigrations(),
                      casework::FollowupMigrations(), runtime::RegionReplicaMigrations()},
       .aggregate_types = {"case", "tip"},
       .services =
           [](const runtime::ServiceResources& resources) {
             runtime::LoadRegionReplica(resources.database, resources.schema, Regions());
             std::vector<std::unique_ptr<grpc::Service>> services;
             services.push_back(
                 std::make_unique<casework::CaseworkServiceImpl>(Context(resources)));
             services.push_back(
                 std::make_unique<casework::AccessAuditServiceImpl>(Context(resources)));
             services.push_back(std::make_unique<casework::TipServiceImpl>(Context(resources)));
             return services;
           },
       .projections =
           [](const runtime::ServiceResources& resources) {
             // The region tree and the volunteers come from the registration service's events.
             return std::vector<runtime::ProjectionDefinition>{
                 runtime::RegionReplicaProjection(resources.schema, Regions(),
                                                  {std::begin(casework::kRegionPathColumns),
                                                   std::end(casework::kRegionPathColumns)}),
                 casework::VolunteerReplicaProjection(Context(resources))};
           }},
      argc, argv);
}
