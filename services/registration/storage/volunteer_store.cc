#include "registration/storage/volunteer_store.h"

#include "runtime/api/paging.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::registration {
namespace {

constexpr const char* kColumns =
    "volunteer_id, revision, display_name_sealed, display_name_key_id, national_id_sealed, "
    "national_id_key_id, phone_sealed, phone_key_id, national_id_masked, phone_masked, "
    "residence_region_code, roles, skills, state, state_subject, " JINDU_MICROS(
        "state_time") ", state_reason, approval_subject, " JINDU_MICROS("approval_time") ", "
    "approval_reason, coalesce(lecture_team_id, ''), lecturer_certified_date::text, "
    "coalesce(lecturer_topics, ''), " JINDU_MICROS("create_time") ", " JINDU_MICROS(
        "update_time") ", create_subject, update_subject";

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string::npos) end = text.size();
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

template <typename T>
std::string Join(const std::vector<T>& items, char separator) {
  std::string text;
  for (const auto& item : items) {
    if (!text.empty()) text += separator;
    if constexpr (std::is_same_v<T, int>) {
      text += std::to_string(item);
    } else {
      text += item;
    }
  }
  return text;
}

}  // namespace

std::string VolunteerName(const std::string& id) { return "volunteers/" + id; }

std::string VolunteerStore::Columns() const {
  // Memberships come with the row (one query per page, not one per volunteer).
  return std::string(kColumns) +
         ", (SELECT coalesce(string_agg(m.organization_id, ',' ORDER BY m.organization_id), '') "
         "FROM " +
         schema_ + ".volunteer_memberships m WHERE m.volunteer_id = v.volunteer_id)";
}

std::string VolunteerStore::Seal(const std::string& id, const char* column,
                                 const std::string& value, std::string* key_id) const {
  runtime::SealedField sealed = cipher_.Encrypt(value, "volunteer/" + id + "/" + column);
  *key_id = sealed.key_id;
  return runtime::BytesAsHex(sealed.ciphertext);
}

std::string VolunteerStore::Open(const std::string& id, const char* column,
                                 const pqxx::field& sealed, const pqxx::field& key_id) const {
  pqxx::binarystring bytes(sealed);
  return cipher_.Decrypt({.key_id = key_id.as<std::string>(), .ciphertext = bytes.str()},
                         "volunteer/" + id + "/" + column);
}

StoredVolunteer VolunteerStore::FromRow(const pqxx::row& row, bool full) const {
  StoredVolunteer volunteer;
  volunteer.id = row[0].as<std::string>();
  volunteer.revision = row[1].as<int64_t>();
  volunteer.display_name = Open(volunteer.id, "display_name", row[2], row[3]);
  if (full) {
    volunteer.national_id_number = Open(volunteer.id, "national_id", row[4], row[5]);
    volunteer.phone = Open(volunteer.id, "phone", row[6], row[7]);
  }
  volunteer.national_id_masked = row[8].as<std::string>();
  volunteer.phone_masked = row[9].as<std::string>();
  volunteer.residence_region_code = row[10].as<std::string>();
  for (const std::string& role : Split(row[11].as<std::string>(), ',')) {
    volunteer.roles.push_back(std::stoi(role));
  }
  volunteer.skills = Split(row[12].as<std::string>(), '\n');
  volunteer.state = static_cast<v1::VolunteerState>(row[13].as<int>());
  volunteer.last_state_change.set_subject(row[14].as<std::string>());
  *volunteer.last_state_change.mutable_time() = runtime::TimestampFromMicros(row[15].as<int64_t>());
  volunteer.last_state_change.set_reason(row[16].as<std::string>());
  if (!row[17].is_null()) {
    v1::StateChange approval;
    approval.set_subject(row[17].as<std::string>());
    *approval.mutable_time() = runtime::TimestampFromMicros(row[18].as<int64_t>());
    approval.set_reason(row[19].as<std::string>());
    volunteer.approval = std::move(approval);
  }
  volunteer.lecture_team_id = row[20].as<std::string>();
  if (!volunteer.lecture_team_id.empty()) {
    volunteer.certification.set_lecture_team("organizations/" + volunteer.lecture_team_id);
    *volunteer.certification.mutable_certified_date() =
        runtime::ToProtoDate(*runtime::ParseIsoDate(row[21].as<std::string>()));
    for (const std::string& topic : Split(row[22].as<std::string>(), '\n')) {
      volunteer.certification.add_topics(topic);
    }
  }
  *volunteer.audit.mutable_create_time() = runtime::TimestampFromMicros(row[23].as<int64_t>());
  *volunteer.audit.mutable_update_time() = runtime::TimestampFromMicros(row[24].as<int64_t>());
  volunteer.audit.set_create_subject(row[25].as<std::string>());
  volunteer.audit.set_update_subject(row[26].as<std::string>());
  volunteer.audit.set_etag(std::to_string(volunteer.revision));
  for (const std::string& organization : Split(row[27].as<std::string>(), ',')) {
    volunteer.organization_ids.push_back(organization);
  }
  return volunteer;
}

std::optional<std::pair<std::string, std::string>> VolunteerStore::FindByIdNumberHash(
    pqxx::transaction_base& tx, const std::string& hash) const {
  pqxx::result rows = tx.exec_params("SELECT volunteer_id, residence_region_code FROM " + schema_ +
                                         ".volunteers WHERE national_id_hash = $1",
                                     hash);
  if (rows.empty()) return std::nullopt;
  return std::pair{rows[0][0].as<std::string>(), rows[0][1].as<std::string>()};
}

std::optional<StoredVolunteer> VolunteerStore::Find(pqxx::transaction_base& tx,
                                                    const std::string& id, bool full,
                                                    bool lock) const {
  pqxx::result rows = tx.exec_params("SELECT " + Columns() + " FROM " + schema_ +
                                         ".volunteers v WHERE v.volunteer_id = $1" +
                                         (lock ? " FOR UPDATE OF v" : ""),
                                     id);
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0], full);
}

void VolunteerStore::Insert(pqxx::work& tx, const StoredVolunteer& volunteer,
                            const std::string& id_number_hash, const std::string& region_path,
                            const std::string& subject) const {
  std::string id_key, name_key, phone_key;
  const std::string sealed_id =
      Seal(volunteer.id, "national_id", volunteer.national_id_number, &id_key);
  const std::string sealed_name =
      Seal(volunteer.id, "display_name", volunteer.display_name, &name_key);
  const std::string sealed_phone = Seal(volunteer.id, "phone", volunteer.phone, &phone_key);
  tx.exec_params(
      "INSERT INTO " + schema_ +
          ".volunteers (volunteer_id, national_id_hash, national_id_sealed, national_id_key_id, "
          "national_id_masked, display_name_sealed, display_name_key_id, phone_sealed, "
          "phone_key_id, phone_masked, residence_region_code, region_path, roles, skills, state, "
          "state_subject, state_time, state_reason, revision, create_time, update_time, "
          "create_subject, update_subject) VALUES ($1, $2, decode($3, 'hex'), $4, $5, "
          "decode($6, 'hex'), $7, decode($8, 'hex'), $9, $10, $11, $12, $13, $14, $15, $16, "
          "now(), '', $17, now(), now(), $16, $16)",
      volunteer.id, id_number_hash, sealed_id, id_key, volunteer.national_id_masked, sealed_name,
      name_key, sealed_phone, phone_key, volunteer.phone_masked, volunteer.residence_region_code,
      region_path, Join(volunteer.roles, ','), Join(volunteer.skills, '\n'),
      static_cast<int>(volunteer.state), subject, volunteer.revision);
  WriteMemberships(tx, volunteer);
}

void VolunteerStore::Update(pqxx::work& tx, const StoredVolunteer& volunteer,
                            const std::string& region_path, const std::string& subject) const {
  std::string name_key, phone_key;
  const std::string sealed_name =
      Seal(volunteer.id, "display_name", volunteer.display_name, &name_key);
  std::optional<std::string> sealed_phone;
  if (!volunteer.phone.empty())
    sealed_phone = Seal(volunteer.id, "phone", volunteer.phone, &phone_key);
  std::optional<std::string> approval_subject, approval_reason;
  std::optional<int64_t> approval_micros;
  if (volunteer.approval.has_value()) {
    approval_subject = volunteer.approval->subject();
    approval_reason = volunteer.approval->reason();
    approval_micros =
        volunteer.approval->time().seconds() * 1000000 + volunteer.approval->time().nanos() / 1000;
  }
  std::optional<std::string> lecture_team, certified_date, topics;
  if (!volunteer.lecture_team_id.empty()) {
    lecture_team = volunteer.lecture_team_id;
    certified_date =
        runtime::FormatIsoDate(runtime::FromProtoDate(volunteer.certification.certified_date()));
    std::vector<std::string> topic_list(volunteer.certification.topics().begin(),
                                        volunteer.certification.topics().end());
    topics = Join(topic_list, '\n');
  }
  const auto& change = volunteer.last_state_change;
  tx.exec_params(
      "UPDATE " + schema_ +
          ".volunteers SET display_name_sealed = decode($2, 'hex'), display_name_key_id = $3, "
          "phone_sealed = coalesce(decode($4, 'hex'), phone_sealed), "
          "phone_key_id = coalesce($5, phone_key_id), phone_masked = $6, "
          "residence_region_code = $7, region_path = $8, roles = $9, skills = $10, state = $11, "
          "state_subject = $12, state_time = to_timestamp($13::double precision / 1e6), "
          "state_reason = $14, approval_subject = $15, "
          "approval_time = to_timestamp($16::double precision / 1e6), approval_reason = $17, "
          "lecture_team_id = $18, lecturer_certified_date = $19::date, lecturer_topics = $20, "
          "revision = $21, update_time = now(), update_subject = $22 WHERE volunteer_id = $1",
      volunteer.id, sealed_name, name_key, sealed_phone,
      sealed_phone.has_value() ? std::optional<std::string>(phone_key) : std::nullopt,
      volunteer.phone_masked, volunteer.residence_region_code, region_path,
      Join(volunteer.roles, ','), Join(volunteer.skills, '\n'), static_cast<int>(volunteer.state),
      change.subject(), change.time().seconds() * 1000000 + change.time().nanos() / 1000,
      change.reason(), approval_subject, approval_micros, approval_reason, lecture_team,
      certified_date, topics, volunteer.revision, subject);
  tx.exec_params("DELETE FROM " + schema_ + ".volunteer_memberships WHERE volunteer_id = $1",
                 volunteer.id);
  WriteMemberships(tx, volunteer);
}

void VolunteerStore::WriteMemberships(pqxx::work& tx, const StoredVolunteer& volunteer) const {
  for (const std::string& organization_id : volunteer.organization_ids) {
    tx.exec_params("INSERT INTO " + schema_ +
                       ".volunteer_memberships (volunteer_id, organization_id) VALUES ($1, $2) "
                       "ON CONFLICT DO NOTHING",
                   volunteer.id, organization_id);
  }
}

std::string VolunteerStore::Where(pqxx::transaction_base& tx,
                                  const VolunteerListQuery& query) const {
  std::string where = " WHERE " + query.region_condition;
  if (query.states.empty()) {
    where += " AND v.state <> " + std::to_string(v1::VOLUNTEER_STATE_WITHDRAWN);
  } else {
    where += " AND v.state IN (" + Join(query.states, ',') + ")";
  }
  if (query.role != 0) {
    where +=
        " AND (',' || v.roles || ',') LIKE " + tx.quote("%," + std::to_string(query.role) + ",%");
  }
  if (!query.organization_id.empty()) {
    where += " AND EXISTS (SELECT 1 FROM " + schema_ +
             ".volunteer_memberships m WHERE m.volunteer_id = v.volunteer_id AND "
             "m.organization_id = " +
             tx.quote(query.organization_id) + ")";
  }
  if (query.trained_since.has_value()) {
    // Training attendance lives in the training area's tables (training_attendances).
    where += std::string(query.trained ? " AND" : " AND NOT") + " EXISTS (SELECT 1 FROM " +
             schema_ + ".training_attendances a JOIN " + schema_ +
             ".training_sessions s ON s.training_session_id = a.training_session_id WHERE "
             "a.volunteer_id = v.volunteer_id AND s.session_date > " +
             tx.quote(*query.trained_since) + "::date)";
  }
  return where;
}

std::vector<StoredVolunteer> VolunteerStore::List(pqxx::transaction_base& tx,
                                                  const VolunteerListQuery& query) const {
  std::string sql = "SELECT " + Columns() + " FROM " + schema_ + ".volunteers v" + Where(tx, query);
  std::vector<std::string> cursor;
  if (!query.after_cursor.empty() && runtime::SplitCursor(query.after_cursor, 3, &cursor)) {
    sql += " AND (v.residence_region_code, " JINDU_MICROS("v.create_time") ", v.volunteer_id) > (" +
           tx.quote(cursor[0]) + ", " + tx.quote(cursor[1]) + "::bigint, " + tx.quote(cursor[2]) +
           ")";
  }
  sql += " ORDER BY v.residence_region_code, v.create_time, v.volunteer_id LIMIT " +
         std::to_string(query.limit + 1);
  std::vector<StoredVolunteer> page;
  for (const auto& row : tx.exec(sql)) page.push_back(FromRow(row, /*full=*/false));
  return page;
}

int VolunteerStore::Count(pqxx::transaction_base& tx, const VolunteerListQuery& query) const {
  return tx.exec1("SELECT count(*) FROM " + schema_ + ".volunteers v" + Where(tx, query))[0]
      .as<int>();
}

}  // namespace jindu::registration
