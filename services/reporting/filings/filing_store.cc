#include "reporting/filings/filing_store.h"

#include "runtime/postgres/row_conversions.h"

namespace jindu::reporting {
namespace {

constexpr const char* kColumns = "region_code, period_id, revision, " JINDU_MICROS(
    "file_time") ", filer_subject, " JINDU_MICROS("update_time") ", update_subject";

FilingRecord FromRow(const pqxx::row& row) {
  FilingRecord record;
  record.region_code = row[0].as<std::string>();
  record.period_id = row[1].as<std::string>();
  record.revision = row[2].as<int32_t>();
  record.file_micros = row[3].as<int64_t>();
  record.file_time = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::microseconds(record.file_micros)));
  record.filer_subject = row[4].as<std::string>();
  record.update_micros = row[5].as<int64_t>();
  record.update_subject = row[6].as<std::string>();
  return record;
}

}  // namespace

// Frozen figures are stored as the serialized RegionFigures message: a revision is a snapshot of
// exactly what was answered, immune to later changes in how figures are computed.
runtime::MigrationTrack FilingMigrations() {
  return {"reporting_filings",
          {
              {1, "create_filings", R"sql(
CREATE TABLE filings (
  region_code text NOT NULL,
  period_id text NOT NULL,
  revision integer NOT NULL,
  frozen_figures bytea NOT NULL,
  file_time timestamptz NOT NULL,
  filer_subject text NOT NULL,
  update_time timestamptz NOT NULL,
  update_subject text NOT NULL,
  PRIMARY KEY (region_code, period_id)
);
CREATE INDEX filings_by_period ON filings (period_id, region_code);

-- Every revision as frozen, with who froze it and why (reconciliation note).
CREATE TABLE filing_revisions (
  region_code text NOT NULL,
  period_id text NOT NULL,
  revision integer NOT NULL,
  frozen_figures bytea NOT NULL,
  create_time timestamptz NOT NULL,
  create_subject text NOT NULL,
  reason text NOT NULL,
  PRIMARY KEY (region_code, period_id, revision)
);
)sql"},
          }};
}

std::optional<FilingRecord> FilingStore::Find(pqxx::transaction_base& tx,
                                              const std::string& region_code,
                                              const std::string& period_id, bool for_update) const {
  const pqxx::result rows = tx.exec_params(
      std::string("SELECT ") + kColumns + ", frozen_figures FROM " + schema_ +
          ".filings WHERE region_code = $1 AND period_id = $2" + (for_update ? " FOR UPDATE" : ""),
      region_code, period_id);
  if (rows.empty()) return std::nullopt;
  FilingRecord record = FromRow(rows[0]);
  const pqxx::binarystring bytes(rows[0][7]);
  if (!record.frozen_figures.ParseFromString(bytes.str())) {
    throw std::runtime_error("filings: stored figures do not parse for " + region_code + " " +
                             period_id);
  }
  return record;
}

std::map<std::string, FilingRecord> FilingStore::FiledIn(pqxx::transaction_base& tx,
                                                         const std::string& period_id) const {
  std::map<std::string, FilingRecord> filed;
  for (const pqxx::row& row : tx.exec_params(
           std::string("SELECT ") + kColumns + " FROM " + schema_ + ".filings WHERE period_id = $1",
           period_id)) {
    FilingRecord record = FromRow(row);
    std::string code = record.region_code;
    filed.emplace(std::move(code), std::move(record));
  }
  return filed;
}

bool FilingStore::InsertFirst(pqxx::work& tx, const std::string& region_code,
                              const std::string& period_id, const v1::RegionFigures& figures,
                              const std::string& subject) const {
  const std::string hex = runtime::BytesAsHex(figures.SerializeAsString());
  const pqxx::result inserted = tx.exec_params(
      "INSERT INTO " + schema_ +
          ".filings (region_code, period_id, revision, frozen_figures, file_time, filer_subject, "
          "update_time, update_subject) VALUES ($1, $2, 1, decode($3, 'hex'), now(), $4, now(), "
          "$4) ON CONFLICT (region_code, period_id) DO NOTHING RETURNING 1",
      region_code, period_id, hex, subject);
  if (inserted.empty()) return false;
  tx.exec_params("INSERT INTO " + schema_ +
                     ".filing_revisions (region_code, period_id, revision, frozen_figures, "
                     "create_time, create_subject, reason) VALUES ($1, $2, 1, decode($3, 'hex'), "
                     "now(), $4, '')",
                 region_code, period_id, hex, subject);
  return true;
}

void FilingStore::Reconcile(pqxx::work& tx, const FilingRecord& record,
                            const v1::RegionFigures& figures, const std::string& subject,
                            const std::string& reason) const {
  const std::string hex = runtime::BytesAsHex(figures.SerializeAsString());
  const int32_t revision = record.revision + 1;
  tx.exec_params("UPDATE " + schema_ +
                     ".filings SET revision = $3, frozen_figures = decode($4, 'hex'), "
                     "update_time = now(), update_subject = $5 WHERE region_code = $1 AND "
                     "period_id = $2",
                 record.region_code, record.period_id, revision, hex, subject);
  tx.exec_params("INSERT INTO " + schema_ +
                     ".filing_revisions (region_code, period_id, revision, frozen_figures, "
                     "create_time, create_subject, reason) VALUES ($1, $2, $3, decode($4, 'hex'), "
                     "now(), $5, $6)",
                 record.region_code, record.period_id, revision, hex, subject, reason);
}

}  // namespace jindu::reporting
