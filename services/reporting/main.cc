// The reporting service: figures per region and period, the seeds' tables, KPI indicators and
// dashboards, all computed from projections of the other services' events (it never calls another
// service to compute a figure). Everything a service needs beyond its handlers comes from
// RunService.
#include <memory>

#include "reporting/assessment_service.h"
#include "reporting/assessments/rubric_store.h"
#include "reporting/drug_free/drug_free_store.h"
#include "reporting/filings/filing_period.h"
#include "reporting/filings/filing_service.h"
#include "reporting/filings/filing_store.h"
#include "reporting/freshness/freshness_store.h"
#include "reporting/projections/casework_facts_projection.h"
#include "reporting/projections/denominator_projection.h"
#include "reporting/projections/publicity_facts_projection.h"
#include "reporting/projections/region_path_columns.h"
#include "reporting/projections/registration_facts_projection.h"
#include "reporting/reporting_context.h"
#include "reporting/reporting_service.h"
#include "runtime/config/validators.h"
#include "runtime/metrics/periodic_refresh.h"
#include "runtime/regions/region_replica.h"
#include "runtime/service/service_main.h"

namespace {

using namespace jindu;

// Lives for the whole process: handlers and projections share it.
runtime::RegionDirectory& Regions() {
  static runtime::RegionDirectory directory;
  return directory;
}

void DeclareSettings(runtime::SettingsSchema& schema) {
  // A month or quarter is due from its end until this many days later (Asia/Shanghai midnight);
  // unfiled after that, it is LATE, and filing it then is FILED_LATE.
  schema
      .Int(reporting::kFilingDeadlineDaysSetting,
           "Days after a month or quarter ends until a county's filing of it is late.")
      .Default("10")
      .Validate(runtime::IntRange(0, 366));
  // The missing-filings gauges are a count over the filings of the latest overdue periods.
  schema
      .Int(runtime::kGaugeRefreshSetting,
           "Milliseconds between refreshes of the missing-filings gauges (a small query).")
      .Default("60000")
      .Validate(runtime::IntRange(100, 3600000));
}

reporting::ReportingContext& Context(const runtime::ServiceResources& resources) {
  static reporting::ReportingContext context{.resources = resources, .regions = Regions()};
  return context;
}

}  // namespace

int main(int argc, char** argv) {
  return runtime::RunService(
      {.name = "reporting",
       .summary = "Figures, the seeds' tables, KPI indicators, dashboards and exports, from "
                  "projections of every service's events.",
       .default_grpc_port = 50064,
       .default_metrics_port = 9464,
       .declare_settings = DeclareSettings,
       .migrations = {runtime::RegionReplicaMigrations(), reporting::FreshnessMigrations(),
                      reporting::DenominatorMigrations(), reporting::PublicityFactsMigrations(),
                      reporting::RegistrationFactsMigrations(),
                      reporting::CaseworkFactsMigrations(), reporting::FilingMigrations(),
                      reporting::DrugFreeMigrations(), reporting::AssessmentRubricMigrations()},
       // Through the outbox: FilingSubmitted and FilingReconciled; the drug-free application
       // events; AssessmentRubricRevised.
       .aggregate_types = {"filing", "drug_free_application", "assessment_rubric"},
       .services =
           [](const runtime::ServiceResources& resources) {
             runtime::LoadRegionReplica(resources.database, resources.schema, Regions());
             std::vector<std::unique_ptr<grpc::Service>> services;
             services.push_back(
                 std::make_unique<reporting::ReportingServiceImpl>(Context(resources)));
             services.push_back(
                 std::make_unique<reporting::AssessmentServiceImpl>(Context(resources)));
             services.push_back(std::make_unique<reporting::FilingServiceImpl>(Context(resources)));
             return services;
           },
       .projections =
           [](const runtime::ServiceResources& resources) {
             // Fact rows carry region paths the region replica keeps in line when the tree moves.
             std::vector<runtime::ProjectionDefinition> projections{
                 runtime::RegionReplicaProjection(resources.schema, Regions(),
                                                  reporting::ReportingRegionPathColumns()),
                 reporting::DenominatorProjection(Context(resources))};
             for (auto* make :
                  {reporting::PublicityFactsProjections, reporting::RegistrationFactsProjections,
                   reporting::CaseworkFactsProjections}) {
               for (auto& projection : make(Context(resources))) {
                 projections.push_back(std::move(projection));
               }
             }
             return projections;
           }},
      argc, argv);
}
