#include "reporting/assessments/rubric_store.h"

#include "runtime/postgres/row_conversions.h"

namespace jindu::reporting {
namespace {

StoredRubric FromRow(const pqxx::row& row) {
  StoredRubric stored;
  const pqxx::binarystring bytes(row[0]);
  if (!stored.rubric.ParseFromString(bytes.str())) {
    throw std::runtime_error("assessment_rubrics: a stored revision does not parse");
  }
  stored.first_create_micros = row[1].as<int64_t>();
  return stored;
}

}  // namespace

// region_path follows the region tree (region_path_columns.h) so lists filter by scope in SQL;
// region_code never changes over a rubric's revisions.
runtime::MigrationTrack AssessmentRubricMigrations() {
  return {"reporting_assessment_rubrics",
          {
              {1, "create_assessment_rubrics", R"sql(
CREATE TABLE assessment_rubrics (
  rubric_id text NOT NULL,
  revision integer NOT NULL,
  region_code text NOT NULL,
  region_path text NOT NULL,
  rubric bytea NOT NULL,
  first_create_micros bigint NOT NULL,
  create_time timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (rubric_id, revision)
);
CREATE INDEX assessment_rubrics_newest ON assessment_rubrics (first_create_micros DESC, rubric_id DESC);
)sql"},
          }};
}

std::optional<StoredRubric> RubricStore::Find(pqxx::transaction_base& tx,
                                              const std::string& rubric_id, int32_t revision,
                                              bool for_update) const {
  const pqxx::result rows =
      revision > 0
          ? tx.exec_params("SELECT rubric, first_create_micros FROM " + schema_ +
                               ".assessment_rubrics WHERE rubric_id = $1 AND revision = $2",
                           rubric_id, revision)
          : tx.exec_params("SELECT rubric, first_create_micros FROM " + schema_ +
                               ".assessment_rubrics WHERE rubric_id = $1 ORDER BY revision DESC "
                               "LIMIT 1" +
                               (for_update ? " FOR UPDATE" : ""),
                           rubric_id);
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

void RubricStore::Insert(pqxx::work& tx, const std::string& rubric_id,
                         const v1::AssessmentRubric& rubric, const std::string& region_path,
                         int64_t first_create_micros) const {
  tx.exec_params("INSERT INTO " + schema_ +
                     ".assessment_rubrics (rubric_id, revision, region_code, region_path, rubric, "
                     "first_create_micros) VALUES ($1, $2, $3, $4, decode($5, 'hex'), $6)",
                 rubric_id, rubric.revision(), rubric.region_code(), region_path,
                 runtime::BytesAsHex(rubric.SerializeAsString()), first_create_micros);
}

std::vector<StoredRubric> RubricStore::ListLatest(
    pqxx::transaction_base& tx, const std::string& region_condition,
    std::optional<std::pair<int64_t, std::string>> after, int limit) const {
  const std::string latest =
      "SELECT DISTINCT ON (rubric_id) rubric, first_create_micros, rubric_id FROM " + schema_ +
      ".assessment_rubrics WHERE " + region_condition + " ORDER BY rubric_id, revision DESC";
  const std::string order = " ORDER BY first_create_micros DESC, rubric_id DESC LIMIT ";
  pqxx::result rows =
      after.has_value()
          ? tx.exec_params("SELECT rubric, first_create_micros FROM (" + latest +
                               ") latest WHERE (first_create_micros, rubric_id) < ($1, $2)" +
                               order + "$3",
                           after->first, after->second, limit + 1)
          : tx.exec_params(
                "SELECT rubric, first_create_micros FROM (" + latest + ") latest" + order + "$1",
                limit + 1);
  std::vector<StoredRubric> stored;
  for (const pqxx::row& row : rows) stored.push_back(FromRow(row));
  return stored;
}

}  // namespace jindu::reporting
