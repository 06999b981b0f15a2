#include "registration/storage/region_store.h"

#include "runtime/postgres/row_conversions.h"
#include "runtime/postgres/sql_arrays.h"

namespace jindu::registration {
namespace {

constexpr const char* kRegionColumns =
    "region_code, display_name, level, parent_region_code, valid_from::text, valid_to::text, "
    "member_region_codes, successor_region_codes, revision, " JINDU_MICROS(
        "create_time") ", " JINDU_MICROS("update_time") ", create_subject, update_subject";

runtime::RegionEntry EntryFromRow(const pqxx::row& row) {
  runtime::RegionEntry entry;
  entry.code = row[0].as<std::string>();
  entry.display_name = row[1].as<std::string>();
  entry.level = static_cast<common::v1::RegionLevel>(row[2].as<int>());
  entry.parent = row[3].as<std::string>();
  entry.valid_from = *runtime::ParseIsoDate(row[4].as<std::string>());
  if (!row[5].is_null()) entry.valid_to = runtime::ParseIsoDate(row[5].as<std::string>());
  entry.members = SplitCodes(row[6].as<std::string>());
  entry.successors = SplitCodes(row[7].as<std::string>());
  entry.revision = row[8].as<int64_t>();
  return entry;
}

v1::Region RegionFromEntry(const runtime::RegionEntry& entry) {
  v1::Region region;
  region.set_name("regions/" + entry.code);
  region.set_region_code(entry.code);
  region.set_display_name(entry.display_name);
  region.set_level(entry.level);
  region.set_parent_region_code(entry.parent);
  *region.mutable_valid_from() = runtime::ToProtoDate(entry.valid_from);
  if (entry.valid_to.has_value())
    *region.mutable_valid_to() = runtime::ToProtoDate(*entry.valid_to);
  for (const auto& code : entry.members) region.add_member_region_codes(code);
  for (const auto& code : entry.successors) region.add_successor_region_codes(code);
  region.set_revision(entry.revision);
  return region;
}

v1::Region RegionFromRow(const pqxx::row& row) {
  v1::Region region = RegionFromEntry(EntryFromRow(row));
  auto* audit = region.mutable_audit();
  *audit->mutable_create_time() = runtime::TimestampFromMicros(row[9].as<int64_t>());
  *audit->mutable_update_time() = runtime::TimestampFromMicros(row[10].as<int64_t>());
  audit->set_create_subject(row[11].as<std::string>());
  audit->set_update_subject(row[12].as<std::string>());
  audit->set_etag(std::to_string(region.revision()));
  return region;
}

}  // namespace

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string joined;
  for (const auto& code : codes) {
    if (!joined.empty()) joined += ';';
    joined += code;
  }
  return joined;
}

std::vector<std::string> SplitCodes(const std::string& joined) {
  std::vector<std::string> codes;
  size_t start = 0;
  while (start < joined.size()) {
    size_t end = joined.find(';', start);
    if (end == std::string::npos) end = joined.size();
    codes.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return codes;
}

void RegionStore::LockForImport(pqxx::work& tx) const {
  tx.exec("LOCK TABLE " + schema_ + ".regions IN SHARE ROW EXCLUSIVE MODE");
}

std::map<std::string, runtime::RegionEntry> RegionStore::LoadAll(pqxx::transaction_base& tx) const {
  std::map<std::string, runtime::RegionEntry> entries;
  for (const auto& row :
       tx.exec(std::string("SELECT ") + kRegionColumns + " FROM " + schema_ + ".regions")) {
    runtime::RegionEntry entry = EntryFromRow(row);
    std::string code = entry.code;
    entries.emplace(std::move(code), std::move(entry));
  }
  return entries;
}

void RegionStore::Save(pqxx::work& tx, const runtime::RegionEntry& entry,
                       const std::string& subject) const {
  std::optional<std::string> valid_to;
  if (entry.valid_to.has_value()) valid_to = runtime::FormatIsoDate(*entry.valid_to);
  tx.exec_params(
      "INSERT INTO " + schema_ +
          ".regions (region_code, display_name, level, parent_region_code, valid_from, valid_to, "
          "member_region_codes, successor_region_codes, revision, create_time, update_time, "
          "create_subject, update_subject) VALUES ($1, $2, $3, $4, $5::date, $6::date, $7, $8, $9, "
          "now(), now(), $10, $10) ON CONFLICT (region_code) DO UPDATE SET display_name = $2, "
          "parent_region_code = $4, valid_from = $5::date, valid_to = $6::date, "
          "member_region_codes = $7, successor_region_codes = $8, revision = $9, "
          "update_time = now(), update_subject = $10",
      entry.code, entry.display_name, static_cast<int>(entry.level), entry.parent,
      runtime::FormatIsoDate(entry.valid_from), valid_to, JoinCodes(entry.members),
      JoinCodes(entry.successors), entry.revision, subject);
  const std::string snapshot = runtime::ToRegionUpserted(entry).SerializeAsString();
  tx.exec_params("INSERT INTO " + schema_ +
                     ".region_revisions (region_code, revision, snapshot, change_time, "
                     "change_subject) VALUES ($1, $2, $3, now(), $4)",
                 entry.code, entry.revision, pqxx::binarystring(snapshot.data(), snapshot.size()),
                 subject);
}

std::optional<v1::Region> RegionStore::Get(pqxx::transaction_base& tx,
                                           const std::string& code) const {
  pqxx::result rows = tx.exec_params(std::string("SELECT ") + kRegionColumns + " FROM " + schema_ +
                                         ".regions WHERE region_code = $1",
                                     code);
  if (rows.empty()) return std::nullopt;
  return RegionFromRow(rows[0]);
}

std::vector<v1::Region> RegionStore::GetMany(pqxx::transaction_base& tx,
                                             const std::vector<std::string>& codes) const {
  std::vector<v1::Region> regions;
  if (codes.empty()) return regions;
  // Codes are validated region codes (digits or Z): safe inside an array literal.
  pqxx::result rows = tx.exec_params(std::string("SELECT ") + kRegionColumns + " FROM " + schema_ +
                                         ".regions WHERE region_code = ANY($1::text[])",
                                     runtime::PlainTextArray(codes));
  std::map<std::string, v1::Region> by_code;
  for (const auto& row : rows) {
    v1::Region region = RegionFromRow(row);
    std::string code = region.region_code();
    by_code.emplace(std::move(code), std::move(region));
  }
  for (const auto& code : codes) {
    if (auto it = by_code.find(code); it != by_code.end()) regions.push_back(it->second);
  }
  return regions;
}

std::vector<v1::Region> RegionStore::Revisions(pqxx::transaction_base& tx, const std::string& code,
                                               int64_t before_revision, int limit) const {
  pqxx::result rows = tx.exec_params(
      "SELECT snapshot, " JINDU_MICROS("change_time") ", change_subject FROM " + schema_ +
          ".region_revisions WHERE region_code = $1 AND ($2 = 0 OR revision < $2) "
          "ORDER BY revision DESC LIMIT $3",
      code, before_revision, limit);
  std::vector<v1::Region> revisions;
  for (const auto& row : rows) {
    pqxx::binarystring snapshot(row[0]);
    registration::events::v1::RegionUpserted event;
    event.ParseFromArray(snapshot.data(), static_cast<int>(snapshot.size()));
    v1::Region region = RegionFromEntry(runtime::FromRegionUpserted(event));
    auto* audit = region.mutable_audit();
    *audit->mutable_update_time() = runtime::TimestampFromMicros(row[1].as<int64_t>());
    audit->set_update_subject(row[2].as<std::string>());
    audit->set_etag(std::to_string(region.revision()));
    revisions.push_back(std::move(region));
  }
  return revisions;
}

}  // namespace jindu::registration
