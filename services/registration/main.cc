// The registration service: the region tree, organisations, volunteers, training and service
// hours, and grants. Everything a service needs beyond its handlers comes from RunService.
#include <memory>

#include "registration/grants/grant_service.h"
#include "registration/regions/region_service.h"
#include "registration/registration_context.h"
#include "registration/registration_service.h"
#include "registration/service_hours/activity_hours_projection.h"
#include "registration/storage/activity_migrations.h"
#include "registration/storage/region_store.h"
#include "registration/storage/registration_migrations.h"
#include "runtime/config/validators.h"
#include "runtime/crypto/reseal_worker.h"
#include "runtime/logging/logger.h"
#include "runtime/regions/region_replica.h"
#include "runtime/service/service_main.h"

namespace {

using namespace jindu;

constexpr const char* kVillageBudgetRule = "village-budget-rule";

// Lives for the whole process: handlers and consumers share it.
runtime::RegionDirectory& Regions() {
  static runtime::RegionDirectory directory;
  return directory;
}

void DeclareSettings(runtime::SettingsSchema& schema) {
  runtime::DeclarePersonalDataSettings(schema);
  runtime::DeclareResealSettings(schema);
  schema
      .String(kVillageBudgetRule,
              "Annual budget of a village member group by village population, "
              "'version:threshold:fen-at-or-above:fen-below' (seed 002: 3000 yuan from 3000 "
              "people, 2500 below).")
      .Default("village-budget-2021:3000:300000:250000")
      .Validate([](const runtime::SettingValue& value) -> std::string {
        return registration::ParseVillageBudgetRule(std::get<std::string>(value)).has_value()
                   ? ""
                   : "expected version:threshold:fen-at-or-above:fen-below";
      });
}

// Built on first use, once the settings are read and the database migrated.
registration::RegistrationContext& Context(const runtime::ServiceResources& resources) {
  static std::unique_ptr<runtime::PersonalDataProtection> personal_data =
      runtime::PersonalDataProtectionFromSettings(resources.all_settings);
  static registration::RegistrationContext context{
      .resources = resources,
      .regions = Regions(),
      .personal_data = *personal_data,
      .outbox = runtime::OutboxWriter(resources.schema, resources.settings.service_name),
      .village_budget = *registration::ParseVillageBudgetRule(
          resources.all_settings.GetString(kVillageBudgetRule))};
  return context;
}

void LoadRegions(const runtime::ServiceResources& resources) {
  auto connection = resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  for (auto& [code, entry] : registration::RegionStore(resources.schema).LoadAll(tx)) {
    Regions().Upsert(std::move(entry));
  }
  runtime::LogInfo("region tree loaded", {{"regions", Regions().size()}});
}

}  // namespace

int main(int argc, char** argv) {
  return runtime::RunService(
      {.name = "registration",
       .summary = "Regions, organisations, volunteers, training, service hours and grants.",
       .default_grpc_port = 50061,
       .default_metrics_port = 9461,
       .declare_settings = DeclareSettings,
       .migrations = {registration::RegistrationMigrations(), registration::ActivityMigrations(),
                      runtime::RegionReplicaMigrations()},
       .aggregate_types = {"region", "organization", "volunteer", "public_profile",
                           "training_session", "service_hour_record", "grant"},
       .services =
           [](const runtime::ServiceResources& resources) {
             LoadRegions(resources);
             std::vector<std::unique_ptr<grpc::Service>> services;
             services.push_back(
                 std::make_unique<registration::RegionServiceImpl>(resources, Regions()));
             services.push_back(
                 std::make_unique<registration::RegistrationServiceImpl>(Context(resources)));
             services.push_back(
                 std::make_unique<registration::GrantServiceImpl>(Context(resources)));
             return services;
           },
       .projections =
           [](const runtime::ServiceResources& resources) {
             // Imports by other replicas of this service reach this one's tree as events;
             // approved publicity activities become service hours.
             return std::vector<runtime::ProjectionDefinition>{
                 runtime::RegionReplicaProjection(resources.schema, Regions()),
                 registration::ActivityHoursProjection(resources.schema,
                                                       resources.settings.service_name)};
           }},
      argc, argv);
}
