#pragma once
// The news_reports table: reads and writes of NewsReportRecord. Retracted reports stay as rows for
// the record but are invisible to every read here.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "publicity/news_reports/news_report_record.h"
#include "runtime/api/request_checks.h"

namespace jindu::publicity {

// Filters of ListNewsReports, already validated.
struct NewsReportListFilter {
  std::string region_condition;  // SQL on region_path (RegionPathCondition)
  std::string organization_id;   // empty: any
  std::vector<int> media_tiers;  // empty: all
  std::vector<int> channels;     // empty: all
  std::optional<runtime::CivilDateRange> published;
};

// Where a page starts: after the report published on `publish_date` with id `id` (newest first).
struct NewsReportCursor {
  std::string publish_date;  // ISO date
  std::string id;
};

class NewsReportStore {
 public:
  explicit NewsReportStore(std::string schema) : schema_(std::move(schema)) {}

  void Insert(pqxx::work& tx, const NewsReportRecord& record, const std::string& region_path) const;
  // Writes every mutable column, revision and update subject.
  void Update(pqxx::work& tx, const NewsReportRecord& record) const;
  void Retract(pqxx::work& tx, const std::string& id, const std::string& subject) const;

  std::optional<NewsReportRecord> Find(pqxx::transaction_base& tx, const std::string& id,
                                       bool lock = false) const;
  std::vector<NewsReportRecord> List(pqxx::transaction_base& tx, const NewsReportListFilter& filter,
                                     const std::optional<NewsReportCursor>& after, int limit) const;

 private:
  std::string schema_;
};

}  // namespace jindu::publicity
