#pragma once
// Reads and writes grants. Callers own the transaction.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "jindu/registration/v1/grant.pb.h"
#include "runtime/crypto/field_cipher.h"

namespace jindu::registration {

struct StoredGrant {
  std::string id;
  int64_t revision = 0;
  v1::Grant grant;  // as the API shows it (state EXPIRED computed on read)
};

struct GrantListQuery {
  std::string region_condition;
  std::string subject;  // empty = any
  int role = 0;         // 0 = any
  int state = 0;        // 0 = any; EXPIRED = active rows past expire_time
  std::string after_cursor;
  int limit = 50;
};

class GrantStore {
 public:
  GrantStore(std::string schema, const runtime::FieldCipher& cipher)
      : schema_(std::move(schema)), cipher_(cipher) {}

  std::optional<StoredGrant> Find(pqxx::transaction_base& tx, const std::string& id,
                                  bool lock = false) const;
  // The active grant of this subject, role and region, if any.
  std::optional<std::string> FindActive(pqxx::transaction_base& tx, const std::string& subject,
                                        int role, const std::string& region_code) const;
  void Insert(pqxx::work& tx, const std::string& id, const v1::Grant& grant,
              const std::string& region_path, const std::string& subject) const;
  void Revoke(pqxx::work& tx, const std::string& id, const std::string& reason,
              const std::string& subject) const;
  std::vector<StoredGrant> List(pqxx::transaction_base& tx, const GrantListQuery& query) const;
  // The subject's grants in force now.
  std::vector<StoredGrant> ActiveOf(pqxx::transaction_base& tx, const std::string& subject) const;

 private:
  StoredGrant FromRow(const pqxx::row& row) const;
  std::string schema_;
  const runtime::FieldCipher& cipher_;
};

}  // namespace jindu::registration
