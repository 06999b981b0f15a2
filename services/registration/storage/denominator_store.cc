#include "registration/storage/denominator_store.h"

#include "runtime/postgres/row_conversions.h"

namespace jindu::registration {

void DenominatorStore::LockForImport(pqxx::work& tx) const {
  tx.exec("LOCK TABLE " + schema_ + ".region_denominators IN SHARE ROW EXCLUSIVE MODE");
}

std::map<std::pair<std::string, int>, StoredRegionYear> DenominatorStore::LoadAll(
    pqxx::transaction_base& tx) const {
  std::map<std::pair<std::string, int>, StoredRegionYear> stored;
  for (const auto& row : tx.exec("SELECT region_code, year, population, students_enrolled, "
                                 "revision FROM " +
                                 schema_ + ".region_denominators")) {
    StoredRegionYear entry;
    entry.values.code = row[0].as<std::string>();
    entry.values.year = row[1].as<int>();
    entry.values.population = row[2].as<int64_t>();
    if (!row[3].is_null()) entry.values.students_enrolled = row[3].as<int64_t>();
    entry.revision = row[4].as<int64_t>();
    stored.emplace(std::pair{entry.values.code, entry.values.year}, std::move(entry));
  }
  return stored;
}

void DenominatorStore::Save(pqxx::work& tx, const RegionYear& values, int64_t revision,
                            const std::string& subject) const {
  tx.exec_params("INSERT INTO " + schema_ +
                     ".region_denominators (region_code, year, population, students_enrolled, "
                     "revision, create_time, update_time, create_subject, update_subject) VALUES "
                     "($1, $2, $3, $4, $5, now(), now(), $6, $6) ON CONFLICT (region_code, year) "
                     "DO UPDATE SET population = $3, students_enrolled = $4, revision = $5, "
                     "update_time = now(), update_subject = $6",
                 values.code, values.year, values.population, values.students_enrolled, revision,
                 subject);
}

std::vector<v1::RegionDenominators> DenominatorStore::List(pqxx::transaction_base& tx,
                                                           const std::string& code, int before_year,
                                                           int limit) const {
  std::vector<v1::RegionDenominators> list;
  for (const auto& row : tx.exec_params(
           "SELECT year, population, students_enrolled, " JINDU_MICROS(
               "create_time") ", " JINDU_MICROS("update_time") ", create_subject, update_subject, "
                                                               "revision FROM " +
               schema_ +
               ".region_denominators WHERE region_code = $1 AND ($2 = 0 OR year < $2) "
               "ORDER BY year DESC LIMIT $3",
           code, before_year, limit)) {
    v1::RegionDenominators item;
    item.set_year(row[0].as<int>());
    item.set_name("regions/" + code + "/denominators/" + std::to_string(item.year()));
    item.set_population(row[1].as<int64_t>());
    if (!row[2].is_null()) item.set_students_enrolled(row[2].as<int64_t>());
    auto* audit = item.mutable_audit();
    *audit->mutable_create_time() = runtime::TimestampFromMicros(row[3].as<int64_t>());
    *audit->mutable_update_time() = runtime::TimestampFromMicros(row[4].as<int64_t>());
    audit->set_create_subject(row[5].as<std::string>());
    audit->set_update_subject(row[6].as<std::string>());
    audit->set_etag(row[7].as<std::string>());
    list.push_back(std::move(item));
  }
  return list;
}

std::optional<RegionYear> DenominatorStore::FindLatest(pqxx::transaction_base& tx,
                                                       const std::string& code, int year) const {
  pqxx::result rows = tx.exec_params("SELECT year, population, students_enrolled FROM " + schema_ +
                                         ".region_denominators WHERE region_code = $1 AND "
                                         "year <= $2 ORDER BY year DESC LIMIT 1",
                                     code, year);
  if (rows.empty()) return std::nullopt;
  RegionYear values{
      .code = code, .year = rows[0][0].as<int>(), .population = rows[0][1].as<int64_t>()};
  if (!rows[0][2].is_null()) values.students_enrolled = rows[0][2].as<int64_t>();
  return values;
}

}  // namespace jindu::registration
