#pragma once
// The contacts table: reads and writes of ContactRecord, sealing the notes and the relief items'
// description on the way in.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "casework/contacts/contact_record.h"
#include "casework/storage/sealed_columns.h"
#include "runtime/api/request_checks.h"

namespace jindu::casework {

// Filters of ListContacts, already validated.
struct ContactListFilter {
  std::string case_id;           // one case; empty: every case matching region_condition
  std::string region_condition;  // SQL on c.region_path (RegionPathCondition), every-case lists
  std::optional<runtime::CivilDateRange> dates;
  std::optional<bool> reached;
};

class ContactStore {
 public:
  ContactStore(std::string schema, const runtime::FieldCipher& cipher)
      : schema_(std::move(schema)), sealed_(cipher, "contacts") {}

  void Insert(pqxx::work& tx, const ContactRecord& record) const;
  // Rewrites every column of the contact from `record` (loaded with sensitive fields).
  void Update(pqxx::work& tx, const ContactRecord& record) const;
  std::optional<ContactRecord> Find(pqxx::transaction_base& tx, const std::string& case_id,
                                    const std::string& id, bool sensitive) const;
  // Newest first: by contact time, then id, after the row whose key `after` holds (micros, id;
  // empty: from the start). Notes are not opened.
  std::vector<ContactRecord> List(pqxx::transaction_base& tx, const ContactListFilter& filter,
                                  const std::vector<std::string>& after, int limit) const;

 private:
  ContactRecord FromRow(const pqxx::row& row, bool sensitive) const;

  std::string schema_;
  SealedColumns sealed_;
};

}  // namespace jindu::casework
