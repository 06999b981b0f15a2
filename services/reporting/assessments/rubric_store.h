#pragma once
// The assessment_rubrics table: every revision of every rubric as the serialized AssessmentRubric
// it answered (revision and audit included), so a score computed from revision 1 stays explainable
// after revision 2 exists. The latest revision is the highest one.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "jindu/reporting/v1/assessment.pb.h"
#include "runtime/postgres/migrations.h"

namespace jindu::reporting {

runtime::MigrationTrack AssessmentRubricMigrations();

struct StoredRubric {
  v1::AssessmentRubric rubric;
  int64_t first_create_micros = 0;  // the rubric's creation: the list's sort key
};

class RubricStore {
 public:
  explicit RubricStore(std::string schema) : schema_(std::move(schema)) {}

  // `revision` 0 = the latest. `for_update` locks the latest row (updates serialise on it).
  std::optional<StoredRubric> Find(pqxx::transaction_base& tx, const std::string& rubric_id,
                                   int32_t revision, bool for_update = false) const;
  // Stores `rubric` (its revision and audit already set) at its region path.
  void Insert(pqxx::work& tx, const std::string& rubric_id, const v1::AssessmentRubric& rubric,
              const std::string& region_path, int64_t first_create_micros) const;
  // Latest revisions, newest rubric first, after the cursor (micros, id), under `region_condition`
  // (an SQL condition on region_path); one more than `limit` tells the caller another page exists.
  std::vector<StoredRubric> ListLatest(pqxx::transaction_base& tx,
                                       const std::string& region_condition,
                                       std::optional<std::pair<int64_t, std::string>> after,
                                       int limit) const;

 private:
  std::string schema_;
};

}  // namespace jindu::reporting
