#include "publicity/news_reports/news_report_store.h"

#include "runtime/postgres/row_conversions.h"
#include "runtime/postgres/sql_arrays.h"

namespace jindu::publicity {
namespace {

const std::string kColumns =
    "news_report_id, title, outlet_name, media_tier, channel, uri, publish_date::text, "
    "organization_id, region_code, activity_id, array_to_string(featured_lecturer_ids, ','), "
    "array_to_string(featured_branch_ids, ','), revision, " +
    std::string(JINDU_MICROS("create_time")) + ", " + JINDU_MICROS("update_time") +
    ", create_subject, update_subject";

std::vector<std::string> SplitIds(const std::string& text) {
  std::vector<std::string> ids;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) ids.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return ids;
}

std::string IntList(const std::vector<int>& values) {
  std::string text;
  for (int value : values) {
    if (!text.empty()) text += ',';
    text += std::to_string(value);
  }
  return text;
}

NewsReportRecord FromRow(const pqxx::row& row) {
  NewsReportRecord record;
  record.id = row[0].as<std::string>();
  record.title = row[1].as<std::string>();
  record.outlet_name = row[2].as<std::string>();
  record.media_tier = static_cast<v1::MediaTier>(row[3].as<int>());
  record.channel = static_cast<v1::MediaChannel>(row[4].as<int>());
  record.uri = row[5].as<std::string>();
  record.publish_date =
      runtime::ParseIsoDate(row[6].as<std::string>()).value_or(runtime::CivilDate{});
  record.organization_id = row[7].as<std::string>();
  record.region_code = row[8].as<std::string>();
  record.activity_id = row[9].as<std::string>();
  record.featured_lecturer_ids = SplitIds(row[10].as<std::string>());
  record.featured_branch_ids = SplitIds(row[11].as<std::string>());
  record.revision = row[12].as<int64_t>();
  record.create_micros = row[13].as<int64_t>();
  record.update_micros = row[14].as<int64_t>();
  record.create_subject = row[15].as<std::string>();
  record.update_subject = row[16].as<std::string>();
  return record;
}

}  // namespace

void NewsReportStore::Insert(pqxx::work& tx, const NewsReportRecord& record,
                             const std::string& region_path) const {
  tx.exec_params(
      "INSERT INTO " + schema_ +
          ".news_reports (news_report_id, title, outlet_name, media_tier, channel, uri, "
          "publish_date, organization_id, region_code, region_path, activity_id, "
          "featured_lecturer_ids, featured_branch_ids, revision, create_time, "
          "update_time, create_subject, update_subject) VALUES ($1, $2, $3, $4, $5, "
          "$6, $7::date, $8, $9, $10, $11, $12::text[], $13::text[], $14, now(), "
          "now(), $15, $15)",
      record.id, record.title, record.outlet_name, static_cast<int>(record.media_tier),
      static_cast<int>(record.channel), record.uri, runtime::FormatIsoDate(record.publish_date),
      record.organization_id, record.region_code, region_path, record.activity_id,
      runtime::PlainTextArray(record.featured_lecturer_ids),
      runtime::PlainTextArray(record.featured_branch_ids), record.revision, record.create_subject);
}

void NewsReportStore::Update(pqxx::work& tx, const NewsReportRecord& record) const {
  tx.exec_params(
      "UPDATE " + schema_ +
          ".news_reports SET title = $2, outlet_name = $3, media_tier = $4, "
          "channel = $5, uri = $6, publish_date = $7::date, activity_id = $8, "
          "featured_lecturer_ids = $9::text[], featured_branch_ids = $10::text[], "
          "revision = $11, update_time = now(), update_subject = $12 "
          "WHERE news_report_id = $1",
      record.id, record.title, record.outlet_name, static_cast<int>(record.media_tier),
      static_cast<int>(record.channel), record.uri, runtime::FormatIsoDate(record.publish_date),
      record.activity_id, runtime::PlainTextArray(record.featured_lecturer_ids),
      runtime::PlainTextArray(record.featured_branch_ids), record.revision, record.update_subject);
}

void NewsReportStore::Retract(pqxx::work& tx, const std::string& id,
                              const std::string& subject) const {
  tx.exec_params("UPDATE " + schema_ +
                     ".news_reports SET retract_time = now(), retract_subject = $2, "
                     "revision = revision + 1 WHERE news_report_id = $1",
                 id, subject);
}

std::optional<NewsReportRecord> NewsReportStore::Find(pqxx::transaction_base& tx,
                                                      const std::string& id, bool lock) const {
  const pqxx::result rows = tx.exec_params("SELECT " + kColumns + " FROM " + schema_ +
                                               ".news_reports WHERE news_report_id = $1 AND "
                                               "retract_time IS NULL" +
                                               (lock ? " FOR UPDATE" : ""),
                                           id);
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

std::vector<NewsReportRecord> NewsReportStore::List(pqxx::transaction_base& tx,
                                                    const NewsReportListFilter& filter,
                                                    const std::optional<NewsReportCursor>& after,
                                                    int limit) const {
  // Every value below is an integer, was validated, or goes through tx.quote.
  std::string where = " WHERE retract_time IS NULL AND " + filter.region_condition;
  if (!filter.organization_id.empty()) {
    where += " AND organization_id = " + tx.quote(filter.organization_id);
  }
  if (!filter.media_tiers.empty())
    where += " AND media_tier IN (" + IntList(filter.media_tiers) + ")";
  if (!filter.channels.empty()) where += " AND channel IN (" + IntList(filter.channels) + ")";
  if (filter.published.has_value()) {
    where += " AND publish_date >= " + tx.quote(runtime::FormatIsoDate(filter.published->start)) +
             "::date AND publish_date < " +
             tx.quote(runtime::FormatIsoDate(filter.published->end)) + "::date";
  }
  if (after.has_value()) {
    where += " AND (publish_date, news_report_id) < (" + tx.quote(after->publish_date) +
             "::date, " + tx.quote(after->id) + ")";
  }
  std::vector<NewsReportRecord> records;
  for (const pqxx::row& row :
       tx.exec("SELECT " + kColumns + " FROM " + schema_ + ".news_reports" + where +
               " ORDER BY publish_date DESC, news_report_id DESC LIMIT " + std::to_string(limit))) {
    records.push_back(FromRow(row));
  }
  return records;
}

}  // namespace jindu::publicity
