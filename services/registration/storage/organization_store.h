#pragma once
// Reads and writes organisations. The officer list is sealed with the field cipher (names are
// personal data even when published); everything else is plain. Callers own the transaction.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "jindu/registration/v1/organization.pb.h"
#include "runtime/crypto/field_cipher.h"

namespace jindu::registration {

// An organisation as stored, with what the API does not show.
struct StoredOrganization {
  v1::Organization organization;  // name, fields, state, officers, audit (no budget)
  std::string id;
  std::string parent_id;  // empty at the top
  int64_t revision = 0;
};

struct OrganizationListQuery {
  std::string region_condition;  // SQL on region_path, from runtime::RegionPathCondition
  std::vector<int> kinds;        // empty = any
  std::string parent_id;         // empty = any
  int state = 1;                 // OrganizationState
  std::string after_cursor;      // region_code, display_name, id joined (runtime::JoinCursor)
  int limit = 50;
};

class OrganizationStore {
 public:
  OrganizationStore(std::string schema, const runtime::FieldCipher& cipher)
      : schema_(std::move(schema)), cipher_(cipher) {}

  // `lock` takes the row for update.
  std::optional<StoredOrganization> Find(pqxx::transaction_base& tx, const std::string& id,
                                         bool lock = false) const;
  // The organisation with this natural key (parent, kind, display name), if any.
  std::optional<std::string> FindByNaturalKey(pqxx::transaction_base& tx,
                                              const std::string& parent_id, int kind,
                                              const std::string& display_name) const;
  void Insert(pqxx::work& tx, const StoredOrganization& stored, const std::string& region_path,
              const std::string& subject) const;
  // Writes every field of `stored` at revision stored.revision (already incremented).
  void Update(pqxx::work& tx, const StoredOrganization& stored, const std::string& region_path,
              const std::string& subject) const;
  int CountActiveChildren(pqxx::transaction_base& tx, const std::string& id) const;
  // One page plus one row (to tell whether more follow).
  std::vector<StoredOrganization> List(pqxx::transaction_base& tx,
                                       const OrganizationListQuery& query) const;

 private:
  StoredOrganization FromRow(const pqxx::row& row) const;
  std::pair<std::optional<std::string>, std::optional<std::string>> SealOfficers(
      const StoredOrganization& stored) const;
  std::string schema_;
  const runtime::FieldCipher& cipher_;
};

std::string OrganizationName(const std::string& id);

}  // namespace jindu::registration
