#pragma once
// Drug-free community applications in PostgreSQL. The application is kept whole as its serialized
// message (criteria, inspections, decision, audit), with the columns lists filter and order on
// beside it; `version` counts the changes that produced an event (it is the etag and the events'
// aggregate version), while a re-evaluation that changes nothing but the stored results does not
// bump it.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "jindu/reporting/v1/drug_free_community.pb.h"
#include "runtime/postgres/migrations.h"

namespace jindu::reporting {

runtime::MigrationTrack DrugFreeMigrations();

struct DrugFreeRecord {
  std::string id;
  int64_t version = 0;
  v1::DrugFreeCommunityApplication application;
};

class DrugFreeStore {
 public:
  explicit DrugFreeStore(std::string schema) : schema_(std::move(schema)) {}

  // False when the region already has an application for the year.
  bool Insert(pqxx::work& tx, const DrugFreeRecord& record) const;
  std::optional<DrugFreeRecord> Find(pqxx::transaction_base& tx, const std::string& id,
                                     bool for_update) const;
  // Up to `limit` applications with id > `after`, by id, locked for the re-evaluation that follows.
  std::vector<DrugFreeRecord> ListAfter(pqxx::work& tx, const std::string& after, int year,
                                        int limit) const;
  void Update(pqxx::work& tx, const DrugFreeRecord& record) const;

 private:
  std::string schema_;
};

}  // namespace jindu::reporting
