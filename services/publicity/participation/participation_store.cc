#include "publicity/participation/participation_store.h"

#include <algorithm>
#include <tuple>

#include "runtime/postgres/sql_arrays.h"

namespace jindu::publicity {
namespace {

runtime::CivilDate Date(const pqxx::field& field) {
  return runtime::ParseIsoDate(field.as<std::string>()).value_or(runtime::CivilDate{});
}

}  // namespace

std::string ParticipantKey(const std::string& campaign_id, int kind, const std::string& hash) {
  return campaign_id + "|" + std::to_string(kind) + "|" + hash;
}

std::optional<std::pair<runtime::CivilDate, runtime::CivilDate>> RecordedDayRange(
    pqxx::transaction_base& tx, const std::string& schema, const std::string& campaign_id) {
  const pqxx::result rows = tx.exec_params(
      "SELECT min(day)::text, max(day)::text FROM " + schema +
          ".participation_tallies WHERE campaign_id = $1 AND (accepted > 0 OR repeats > 0)",
      campaign_id);
  if (rows.empty() || rows[0][0].is_null()) return std::nullopt;
  return std::make_pair(Date(rows[0][0]), Date(rows[0][1]));
}

std::unordered_set<std::string> ParticipationStore::ClaimEntries(
    pqxx::work& tx, std::vector<const PreparedEntry*> entries,
    const std::map<std::string, std::string>& batch_ids) const {
  std::sort(entries.begin(), entries.end(), [](const PreparedEntry* a, const PreparedEntry* b) {
    return a->entry_id < b->entry_id;
  });
  std::vector<std::string> ids, campaigns, batches;
  for (const PreparedEntry* entry : entries) {
    ids.push_back(entry->entry_id);
    campaigns.push_back(entry->campaign_id);
    batches.push_back(batch_ids.at(entry->campaign_id));
  }
  // Every value is a canonical UUID or a resource id: plain array elements.
  std::unordered_set<std::string> claimed;
  for (const pqxx::row& row : tx.exec_params(
           "INSERT INTO " + schema_ +
               ".participation_entries (entry_id, campaign_id, batch_id) SELECT e, c, b FROM "
               "unnest($1::uuid[], $2::text[], $3::uuid[]) WITH ORDINALITY AS t(e, c, b, n) "
               "ORDER BY n ON CONFLICT (entry_id) DO NOTHING RETURNING entry_id::text",
           runtime::PlainTextArray(ids), runtime::PlainTextArray(campaigns),
           runtime::PlainTextArray(batches))) {
    claimed.insert(row[0].as<std::string>());
  }
  return claimed;
}

std::unordered_set<std::string> ParticipationStore::CountParticipants(
    pqxx::work& tx, std::vector<const PreparedEntry*> entries,
    const std::string& lookup_key_id) const {
  std::sort(entries.begin(), entries.end(), [](const PreparedEntry* a, const PreparedEntry* b) {
    return std::tie(a->campaign_id, a->kind, a->participant_hash) <
           std::tie(b->campaign_id, b->kind, b->participant_hash);
  });
  std::vector<std::string> campaigns, kinds, hashes;
  for (const PreparedEntry* entry : entries) {
    campaigns.push_back(entry->campaign_id);
    kinds.push_back(std::to_string(entry->kind));
    hashes.push_back(entry->participant_hash);
  }
  std::unordered_set<std::string> counted;
  for (const pqxx::row& row : tx.exec_params(
           "INSERT INTO " + schema_ +
               ".participants (campaign_id, kind, participant_hash, lookup_key_id) SELECT c, k, "
               "decode(h, 'hex'), $4 FROM unnest($1::text[], $2::smallint[], $3::text[]) WITH "
               "ORDINALITY AS t(c, k, h, n) ORDER BY n ON CONFLICT DO NOTHING RETURNING "
               "campaign_id, kind, encode(participant_hash, 'hex')",
           runtime::PlainTextArray(campaigns), runtime::PlainTextArray(kinds),
           runtime::PlainTextArray(hashes), lookup_key_id)) {
    counted.insert(
        ParticipantKey(row[0].as<std::string>(), row[1].as<int>(), row[2].as<std::string>()));
  }
  return counted;
}

void ParticipationStore::AddTallies(pqxx::work& tx, const std::map<TallyKey, TallyCounts>& tallies,
                                    const runtime::RegionDirectory& regions) const {
  if (tallies.empty()) return;
  // A batch touches few tally rows (regions x days x kinds); one statement, rows in key order.
  std::string values;
  for (const auto& [key, counts] : tallies) {
    if (!values.empty()) values += ", ";
    values += "(" + tx.quote(key.campaign_id) + ", " + tx.quote(runtime::FormatIsoDate(key.day)) +
              "::date, " + tx.quote(key.region_code) + ", " + std::to_string(key.kind) +
              "::smallint, " + tx.quote(regions.EnclosingPath(key.region_code)) + ", " +
              std::to_string(counts.accepted) + "::bigint, " + std::to_string(counts.repeats) +
              "::bigint, " + std::to_string(counts.score_sum) + "::bigint, " +
              std::to_string(counts.max_score_sum) + "::bigint)";
  }
  tx.exec("INSERT INTO " + schema_ +
          ".participation_tallies AS t (campaign_id, day, region_code, kind, region_path, "
          "accepted, repeats, score_sum, max_score_sum) VALUES " +
          values +
          " ON CONFLICT (campaign_id, day, region_code, kind) DO UPDATE SET accepted = t.accepted "
          "+ EXCLUDED.accepted, repeats = t.repeats + EXCLUDED.repeats, score_sum = t.score_sum "
          "+ EXCLUDED.score_sum, max_score_sum = t.max_score_sum + EXCLUDED.max_score_sum");
}

int64_t ParticipationStore::NextBatchVersion(pqxx::work& tx) const {
  return tx.exec("SELECT nextval('" + schema_ + ".participation_batch_versions')")[0][0]
      .as<int64_t>();
}

std::vector<std::pair<TallyKey, TallyCounts>> ParticipationStore::ListTallies(
    pqxx::transaction_base& tx, const TallyListFilter& filter, const std::optional<TallyKey>& after,
    int limit) const {
  // Every value below is an integer, was validated, or goes through tx.quote.
  std::string where = " WHERE " + filter.region_condition;
  if (!filter.campaign_id.empty()) where += " AND campaign_id = " + tx.quote(filter.campaign_id);
  if (filter.days.has_value()) {
    where += " AND day >= " + tx.quote(runtime::FormatIsoDate(filter.days->start)) +
             "::date AND day < " + tx.quote(runtime::FormatIsoDate(filter.days->end)) + "::date";
  }
  if (filter.kind != 0) where += " AND kind = " + std::to_string(filter.kind);
  if (after.has_value()) {
    where += " AND (campaign_id, day, region_code, kind) > (" + tx.quote(after->campaign_id) +
             ", " + tx.quote(runtime::FormatIsoDate(after->day)) + "::date, " +
             tx.quote(after->region_code) + ", " + std::to_string(after->kind) + "::smallint)";
  }
  std::vector<std::pair<TallyKey, TallyCounts>> rows;
  for (const pqxx::row& row :
       tx.exec("SELECT campaign_id, day::text, region_code, kind, accepted, repeats, score_sum, "
               "max_score_sum FROM " +
               schema_ + ".participation_tallies" + where +
               " ORDER BY campaign_id, day, region_code, kind LIMIT " + std::to_string(limit))) {
    TallyKey key{row[0].as<std::string>(), Date(row[1]), row[2].as<std::string>(),
                 row[3].as<int>()};
    TallyCounts counts{row[4].as<int64_t>(), row[5].as<int64_t>(), row[6].as<int64_t>(),
                       row[7].as<int64_t>()};
    rows.emplace_back(std::move(key), counts);
  }
  return rows;
}

}  // namespace jindu::publicity
