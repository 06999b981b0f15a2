#pragma once
// Reads and writes the region tables. Callers own the transaction.
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "jindu/registration/v1/region.pb.h"
#include "runtime/regions/region_entry.h"

namespace jindu::registration {

class RegionStore {
 public:
  explicit RegionStore(std::string schema) : schema_(std::move(schema)) {}

  // Serialises imports (they diff against the whole tree); reads are not blocked.
  void LockForImport(pqxx::work& tx) const;
  std::map<std::string, runtime::RegionEntry> LoadAll(pqxx::transaction_base& tx) const;

  // Inserts or replaces the region at entry.revision and records the revision.
  void Save(pqxx::work& tx, const runtime::RegionEntry& entry, const std::string& subject) const;

  // The region as the API shows it; nullopt when unknown.
  std::optional<v1::Region> Get(pqxx::transaction_base& tx, const std::string& code) const;
  // Regions of these codes, in the order given (unknown codes skipped).
  std::vector<v1::Region> GetMany(pqxx::transaction_base& tx,
                                  const std::vector<std::string>& codes) const;
  // Revisions below `before_revision` (0 = newest first), newest first, at most `limit`.
  std::vector<v1::Region> Revisions(pqxx::transaction_base& tx, const std::string& code,
                                    int64_t before_revision, int limit) const;

 private:
  std::string schema_;
};

// Region codes joined by ';' as stored (codes never contain it), and back.
std::string JoinCodes(const std::vector<std::string>& codes);
std::vector<std::string> SplitCodes(const std::string& joined);

}  // namespace jindu::registration
