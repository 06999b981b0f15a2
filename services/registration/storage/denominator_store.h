#pragma once
// Reads and writes yearly denominators. Callers own the transaction.
#include <map>
#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "jindu/registration/v1/region.pb.h"
#include "registration/regions/denominator_rows.h"

namespace jindu::registration {

struct StoredRegionYear {
  RegionYear values;
  int64_t revision = 0;
};

class DenominatorStore {
 public:
  explicit DenominatorStore(std::string schema) : schema_(std::move(schema)) {}

  void LockForImport(pqxx::work& tx) const;
  std::map<std::pair<std::string, int>, StoredRegionYear> LoadAll(pqxx::transaction_base& tx) const;
  void Save(pqxx::work& tx, const RegionYear& values, int64_t revision,
            const std::string& subject) const;
  // Newest year first, years below `before_year` (0 = from the newest), at most `limit`.
  std::vector<v1::RegionDenominators> List(pqxx::transaction_base& tx, const std::string& code,
                                           int before_year, int limit) const;
  // The newest region-year not after `year`, for rules that need it (the village budget);
  // nullopt when none was imported.
  std::optional<RegionYear> FindLatest(pqxx::transaction_base& tx, const std::string& code,
                                       int year) const;

 private:
  std::string schema_;
};

}  // namespace jindu::registration
