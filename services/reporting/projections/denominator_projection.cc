#include "reporting/projections/denominator_projection.h"

#include "jindu/registration/events/v1/region_events.pb.h"
#include "reporting/freshness/freshness_store.h"
#include "reporting/projections/fact_region_path.h"
#include "runtime/postgres/prepared_statements.h"

namespace jindu::reporting {

runtime::MigrationTrack DenominatorMigrations() {
  return {"reporting_denominators",
          {
              {1, "create_region_denominators", R"sql(
CREATE TABLE region_denominators (
  region_code text NOT NULL,
  year integer NOT NULL,
  region_path text NOT NULL,
  population bigint NOT NULL,
  students_enrolled bigint NOT NULL,
  PRIMARY KEY (region_code, year)
);
)sql"},
          }};
}

runtime::ProjectionDefinition DenominatorProjection(ReportingContext& context) {
  return {.name = "denominators",
          .topics = {"jindu.registration.region.v1"},
          .handler = [&context](pqxx::work& tx, const events::v1::EventEnvelope& event) {
            registration::events::v1::RegionDenominatorsUpserted upserted;
            if (!event.payload().UnpackTo(&upserted)) return;  // region changes: the replica's
            tx.exec_params(
                "INSERT INTO " + context.schema() +
                    ".region_denominators (region_code, year, region_path, population, "
                    "students_enrolled) VALUES ($1, $2, $3, $4, $5) ON CONFLICT "
                    "(region_code, year) DO UPDATE SET population = EXCLUDED.population, "
                    "students_enrolled = EXCLUDED.students_enrolled",
                upserted.region_code(), upserted.year(),
                FactRegionPath(context.regions, upserted.region_code()), upserted.population(),
                upserted.students_enrolled());
            RecordFreshness(tx, context.schema(), event);
          }};
}

RegionDenominators DenominatorsOf(pqxx::transaction_base& tx, const std::string& schema,
                                  const std::string& region_code, int year) {
  const std::string inside = "'%;' || $1 || ';%'";
  const pqxx::result rows = runtime::ExecPrepared(
      tx,
      "SELECT coalesce(sum(d.population), 0), coalesce(sum(d.students_enrolled), 0) FROM " +
          schema + ".region_denominators d WHERE d.year = $2 AND d.region_path LIKE " + inside +
          " AND NOT EXISTS (SELECT 1 FROM " + schema +
          ".region_denominators a WHERE a.year = $2 AND a.region_code <> d.region_code AND "
          "a.region_path LIKE " +
          inside + " AND d.region_path LIKE '%;' || a.region_code || ';%')",
      region_code, year);
  return {.population = rows[0][0].as<int64_t>(), .students_enrolled = rows[0][1].as<int64_t>()};
}

}  // namespace jindu::reporting
