#include "reporting/drug_free/drug_free_store.h"

#include "runtime/postgres/row_conversions.h"

namespace jindu::reporting {
namespace {

constexpr const char* kColumns = "id, version, body";

DrugFreeRecord FromRow(const pqxx::row& row) {
  DrugFreeRecord record;
  record.id = row[0].as<std::string>();
  record.version = row[1].as<int64_t>();
  const pqxx::binarystring bytes(row[2]);
  if (!record.application.ParseFromString(bytes.str())) {
    throw std::runtime_error("drug_free_applications: stored application does not parse: " +
                             record.id);
  }
  return record;
}

}  // namespace

runtime::MigrationTrack DrugFreeMigrations() {
  return {"reporting_drug_free",
          {
              {1, "create_drug_free_applications", R"sql(
CREATE TABLE drug_free_applications (
  id text PRIMARY KEY,
  region_code text NOT NULL,
  year integer NOT NULL,
  state integer NOT NULL,
  flagged boolean NOT NULL,
  version bigint NOT NULL,
  body bytea NOT NULL,
  UNIQUE (region_code, year)
);
)sql"},
          }};
}

bool DrugFreeStore::Insert(pqxx::work& tx, const DrugFreeRecord& record) const {
  const auto& app = record.application;
  const pqxx::result rows = tx.exec_params(
      "INSERT INTO " + schema_ +
          ".drug_free_applications (id, region_code, year, state, flagged, version, body) "
          "VALUES ($1, $2, $3, $4, $5, $6, decode($7, 'hex')) "
          "ON CONFLICT (region_code, year) DO NOTHING RETURNING id",
      record.id, app.region_code(), app.year(), static_cast<int>(app.state()), app.flagged(),
      record.version, runtime::BytesAsHex(app.SerializeAsString()));
  return !rows.empty();
}

std::optional<DrugFreeRecord> DrugFreeStore::Find(pqxx::transaction_base& tx, const std::string& id,
                                                  bool for_update) const {
  const pqxx::result rows = tx.exec_params(std::string("SELECT ") + kColumns + " FROM " + schema_ +
                                               ".drug_free_applications WHERE id = $1" +
                                               (for_update ? " FOR UPDATE" : ""),
                                           id);
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

std::vector<DrugFreeRecord> DrugFreeStore::ListAfter(pqxx::work& tx, const std::string& after,
                                                     int year, int limit) const {
  const pqxx::result rows = tx.exec_params(
      std::string("SELECT ") + kColumns + " FROM " + schema_ +
          ".drug_free_applications WHERE id > $1 AND ($2 = 0 OR year = $2) ORDER BY id LIMIT $3 "
          "FOR UPDATE",
      after, year, limit);
  std::vector<DrugFreeRecord> records;
  for (const pqxx::row& row : rows) records.push_back(FromRow(row));
  return records;
}

void DrugFreeStore::Update(pqxx::work& tx, const DrugFreeRecord& record) const {
  const auto& app = record.application;
  tx.exec_params("UPDATE " + schema_ +
                     ".drug_free_applications SET state = $2, flagged = $3, version = $4, "
                     "body = decode($5, 'hex') WHERE id = $1",
                 record.id, static_cast<int>(app.state()), app.flagged(), record.version,
                 runtime::BytesAsHex(app.SerializeAsString()));
}

}  // namespace jindu::reporting
