#include "publicity/activities/activity_store.h"

#include <nlohmann/json.hpp>

#include "runtime/ids/resource_ids.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::publicity {
namespace {

const std::string kColumns =
    std::string(
        "a.activity_id, a.organization_id, a.content, a.review_state, a.last_review, "
        "a.approved_revision, a.pending_correction, a.submitter_subject, a.revision, a.seq, ") +
    JINDU_MICROS("a.create_time") + ", " + JINDU_MICROS("a.update_time") +
    ", a.create_subject, a.update_subject";

std::string IntList(const std::vector<int>& values) {
  std::string text;
  for (int value : values) {
    if (!text.empty()) text += ',';
    text += std::to_string(value);
  }
  return text;
}

std::string Serialized(const google::protobuf::Message& message) {
  std::string bytes;
  message.SerializeToString(&bytes);
  return runtime::BytesAsHex(bytes);
}

template <typename Message>
std::optional<std::string> SerializedOrNull(const std::optional<Message>& message) {
  if (!message.has_value()) return std::nullopt;
  return Serialized(*message);
}

template <typename Message>
std::optional<Message> Parsed(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  Message message;
  if (!message.ParseFromString(pqxx::binarystring(field).str())) {
    throw std::runtime_error("activities: a stored message does not parse");
  }
  return message;
}

std::string LecturersJson(const v1::Activity& content) {
  nlohmann::json ids = nlohmann::json::array();
  for (const std::string& lecturer : content.lecturers()) {
    ids.push_back(runtime::ResourceIdFromName(lecturer, "volunteers/"));
  }
  return ids.dump();
}

std::string VolunteersJson(const v1::Activity& content) {
  nlohmann::json served = nlohmann::json::array();
  for (const v1::VolunteerService& each : content.volunteers()) {
    served.push_back({{"volunteer", runtime::ResourceIdFromName(each.volunteer(), "volunteers/")},
                      {"minutes", each.minutes()}});
  }
  return served.dump();
}

ActivityRecord FromRow(const pqxx::row& row) {
  ActivityRecord record;
  record.id = row[0].as<std::string>();
  record.organization_id = row[1].as<std::string>();
  record.content = Parsed<v1::Activity>(row[2]).value_or(v1::Activity());
  record.state = static_cast<v1::ReviewState>(row[3].as<int>());
  record.last_review = Parsed<v1::ReviewDecision>(row[4]);
  record.approved_revision = row[5].as<int>();
  record.pending_correction = Parsed<v1::ActivityCorrection>(row[6]);
  record.submitter_subject = row[7].as<std::string>();
  record.revision = row[8].as<int64_t>();
  record.seq = row[9].as<int64_t>();
  record.create_micros = row[10].as<int64_t>();
  record.update_micros = row[11].as<int64_t>();
  record.create_subject = row[12].as<std::string>();
  record.update_subject = row[13].as<std::string>();
  return record;
}

}  // namespace

void ActivityStore::Insert(pqxx::work& tx, const ActivityRecord& record,
                           const std::string& region_path, const std::string& subject) const {
  const v1::Activity& content = record.content;
  tx.exec_params(
      "INSERT INTO " + schema_ +
          ".activities (activity_id, organization_id, region_code, region_path, title, kind, "
          "six_into_category, campaign_id, activity_date, audience_count, lecturers, volunteers, "
          "content, review_state, last_review, approved_revision, pending_correction, "
          "submitter_subject, revision, create_time, update_time, create_subject, update_subject) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::date, $10, $11::jsonb, $12::jsonb, "
          "decode($13, 'hex'), $14, decode($15, 'hex'), $16, decode($17, 'hex'), $18, $19, now(), "
          "now(), $20, $20)",
      record.id, record.organization_id, content.region_code(), region_path, content.title(),
      static_cast<int>(content.kind()), static_cast<int>(content.six_into_category()),
      runtime::ResourceIdFromName(content.campaign(), "campaigns/"),
      runtime::FormatIsoDate(runtime::FromProtoDate(content.activity_date())),
      content.audience_count(), LecturersJson(content), VolunteersJson(content),
      Serialized(content), static_cast<int>(record.state), SerializedOrNull(record.last_review),
      record.approved_revision, SerializedOrNull(record.pending_correction),
      record.submitter_subject, record.revision, subject);
}

void ActivityStore::Update(pqxx::work& tx, const ActivityRecord& record,
                           const std::string& region_path, const std::string& subject) const {
  const v1::Activity& content = record.content;
  tx.exec_params(
      "UPDATE " + schema_ +
          ".activities SET region_code = $2, region_path = $3, title = $4, kind = $5, "
          "six_into_category = $6, campaign_id = $7, activity_date = $8::date, audience_count = "
          "$9, lecturers = $10::jsonb, volunteers = $11::jsonb, content = decode($12, 'hex'), "
          "review_state = $13, last_review = decode($14, 'hex'), approved_revision = $15, "
          "pending_correction = decode($16, 'hex'), submitter_subject = $17, revision = $18, "
          "update_time = now(), update_subject = $19 WHERE activity_id = $1",
      record.id, content.region_code(), region_path, content.title(),
      static_cast<int>(content.kind()), static_cast<int>(content.six_into_category()),
      runtime::ResourceIdFromName(content.campaign(), "campaigns/"),
      runtime::FormatIsoDate(runtime::FromProtoDate(content.activity_date())),
      content.audience_count(), LecturersJson(content), VolunteersJson(content),
      Serialized(content), static_cast<int>(record.state), SerializedOrNull(record.last_review),
      record.approved_revision, SerializedOrNull(record.pending_correction),
      record.submitter_subject, record.revision, subject);
}

void ActivityStore::Delete(pqxx::work& tx, const std::string& id) const {
  tx.exec_params("DELETE FROM " + schema_ + ".activities WHERE activity_id = $1", id);
}

std::optional<ActivityRecord> ActivityStore::Find(pqxx::transaction_base& tx, const std::string& id,
                                                  bool lock) const {
  const pqxx::result rows =
      tx.exec_params("SELECT " + kColumns + " FROM " + schema_ +
                         ".activities a WHERE a.activity_id = $1" + (lock ? " FOR UPDATE" : ""),
                     id);
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

std::vector<ActivityRecord> ActivityStore::List(pqxx::transaction_base& tx,
                                                const ActivityListFilter& filter,
                                                const std::optional<ActivityCursor>& after,
                                                int limit) const {
  // Every value below is an integer, a validated id or date, or goes through tx.quote.
  std::string from = " FROM " + schema_ + ".activities a";
  std::string where = " WHERE " + filter.region_condition;
  if (!filter.organization_id.empty()) {
    where += " AND a.organization_id = " + tx.quote(filter.organization_id);
  }
  if (!filter.states.empty()) where += " AND a.review_state IN (" + IntList(filter.states) + ")";
  if (!filter.kinds.empty()) where += " AND a.kind IN (" + IntList(filter.kinds) + ")";
  if (filter.six_into_category != 0) {
    where += " AND a.six_into_category = " + std::to_string(filter.six_into_category);
  }
  if (!filter.campaign_id.empty()) where += " AND a.campaign_id = " + tx.quote(filter.campaign_id);
  if (filter.dates.has_value()) {
    where += " AND a.activity_date >= " + tx.quote(runtime::FormatIsoDate(filter.dates->start)) +
             "::date AND a.activity_date < " + tx.quote(runtime::FormatIsoDate(filter.dates->end)) +
             "::date";
  }
  if (filter.awaiting_review) {
    from += " JOIN " + schema_ +
            ".organization_replica o ON o.organization_id = a.organization_id" + " LEFT JOIN " +
            schema_ +
            ".organization_replica p ON o.parent_id <> '' AND p.organization_id = o.parent_id";
    where += " AND a.review_state IN (" + std::to_string(v1::REVIEW_STATE_SUBMITTED) + ", " +
             std::to_string(v1::REVIEW_STATE_CORRECTION_SUBMITTED) + ") AND " +
             filter.review_condition + " AND a.submitter_subject <> " +
             tx.quote(filter.reviewer_subject);
  }
  if (after.has_value()) {
    where += " AND (a.activity_date, a.seq) < (" + tx.quote(runtime::FormatIsoDate(after->date)) +
             "::date, " + std::to_string(after->seq) + "::bigint)";
  }
  std::vector<ActivityRecord> records;
  for (const pqxx::row& row :
       tx.exec("SELECT " + kColumns + from + where +
               " ORDER BY a.activity_date DESC, a.seq DESC LIMIT " + std::to_string(limit))) {
    records.push_back(FromRow(row));
  }
  return records;
}

}  // namespace jindu::publicity
