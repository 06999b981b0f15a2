#pragma once
// The filings table: one row per county and filed period holding the frozen figures of the latest
// revision (a serialized RegionFigures), and filing_revisions keeping every revision ever frozen.
// A period not filed has no row: its filing exists implicitly (OPEN, DUE or LATE).
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "jindu/reporting/v1/figures.pb.h"
#include "runtime/postgres/migrations.h"

namespace jindu::reporting {

runtime::MigrationTrack FilingMigrations();

struct FilingRecord {
  std::string region_code;
  std::string period_id;
  int32_t revision = 0;
  v1::RegionFigures frozen_figures;
  std::chrono::system_clock::time_point file_time;
  int64_t file_micros = 0;
  std::string filer_subject;
  int64_t update_micros = 0;
  std::string update_subject;
};

class FilingStore {
 public:
  explicit FilingStore(std::string schema) : schema_(std::move(schema)) {}

  // `for_update` locks the row until the transaction ends.
  std::optional<FilingRecord> Find(pqxx::transaction_base& tx, const std::string& region_code,
                                   const std::string& period_id, bool for_update = false) const;
  // Every filed region of a period, by region code, without the figures.
  std::map<std::string, FilingRecord> FiledIn(pqxx::transaction_base& tx,
                                              const std::string& period_id) const;
  // Revision 1; false (nothing written) when the period is already filed for the region.
  bool InsertFirst(pqxx::work& tx, const std::string& region_code, const std::string& period_id,
                   const v1::RegionFigures& figures, const std::string& subject) const;
  // The next revision, with its figures and the reason.
  void Reconcile(pqxx::work& tx, const FilingRecord& record, const v1::RegionFigures& figures,
                 const std::string& subject, const std::string& reason) const;

 private:
  std::string schema_;
};

}  // namespace jindu::reporting
