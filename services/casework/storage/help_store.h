#pragma once
// The help_records table: reads and writes of HelpRecordRow, sealing the notes on the way in.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "casework/help/help_record.h"
#include "casework/storage/sealed_columns.h"
#include "runtime/api/request_checks.h"

namespace jindu::casework {

// Filters of ListHelpRecords, already validated.
struct HelpListFilter {
  std::string case_id;              // one case; empty: every case matching region_condition
  std::string region_condition;     // SQL on c.region_path (RegionPathCondition), every-case lists
  std::vector<v1::HelpKind> kinds;  // empty: all
  std::optional<runtime::CivilDateRange> dates;
};

class HelpStore {
 public:
  HelpStore(std::string schema, const runtime::FieldCipher& cipher)
      : schema_(std::move(schema)), sealed_(cipher, "help_records") {}

  void Insert(pqxx::work& tx, const HelpRecordRow& record) const;
  // Rewrites every mutable column from `record` (loaded with sensitive fields).
  void Update(pqxx::work& tx, const HelpRecordRow& record) const;
  std::optional<HelpRecordRow> Find(pqxx::transaction_base& tx, const std::string& case_id,
                                    const std::string& id, bool sensitive) const;
  // Newest first: by help date, then id, after the row whose key `after` holds (ISO date, id;
  // empty: from the start). Notes are not opened.
  std::vector<HelpRecordRow> List(pqxx::transaction_base& tx, const HelpListFilter& filter,
                                  const std::vector<std::string>& after, int limit) const;

 private:
  HelpRecordRow FromRow(const pqxx::row& row, bool sensitive) const;

  std::string schema_;
  SealedColumns sealed_;
};

}  // namespace jindu::casework
