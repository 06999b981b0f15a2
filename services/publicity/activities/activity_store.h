#pragma once
// The activities table: reads and writes of ActivityRecord. Filterable facts are columns; the rest
// is the serialised content (activity_migrations.cc). Callers own the transaction.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "publicity/activities/activity_record.h"
#include "runtime/api/request_checks.h"
#include "runtime/identity/civil_date.h"

namespace jindu::publicity {

// Filters of ListActivities, already validated.
struct ActivityListFilter {
  std::string region_condition;  // SQL on a.region_path (runtime::RegionPathCondition)
  std::string organization_id;   // empty: any
  std::vector<int> states;       // empty: all
  std::vector<int> kinds;        // empty: all
  int six_into_category = 0;     // 0: any
  std::string campaign_id;       // empty: any
  std::optional<runtime::CivilDateRange> dates;
  // The reviewer's queue: activities awaiting review whose review region (kReviewRegionPath)
  // matches `review_condition`, submitted by someone other than `reviewer_subject`.
  bool awaiting_review = false;
  std::string review_condition;
  std::string reviewer_subject;
};

// The region path a reviewer's scope must contain: the holding organisation's parent's, or its own
// for a top organisation (o and p are the organisation and its parent in organization_replica).
inline constexpr const char* kReviewRegionPath =
    "(CASE WHEN o.parent_id = '' THEN o.region_path ELSE p.region_path END)";

// Where a page of ListActivities starts: after this activity (newest activity date first).
struct ActivityCursor {
  runtime::CivilDate date;
  int64_t seq = 0;
};

class ActivityStore {
 public:
  explicit ActivityStore(std::string schema) : schema_(std::move(schema)) {}

  void Insert(pqxx::work& tx, const ActivityRecord& record, const std::string& region_path,
              const std::string& subject) const;
  // Writes every field of `record` (revision already the new one); update time becomes now.
  void Update(pqxx::work& tx, const ActivityRecord& record, const std::string& region_path,
              const std::string& subject) const;
  void Delete(pqxx::work& tx, const std::string& id) const;
  std::optional<ActivityRecord> Find(pqxx::transaction_base& tx, const std::string& id,
                                     bool lock = false) const;
  // Up to `limit` activities, newest date first, after `after` when set.
  std::vector<ActivityRecord> List(pqxx::transaction_base& tx, const ActivityListFilter& filter,
                                   const std::optional<ActivityCursor>& after, int limit) const;

 private:
  std::string schema_;
};

}  // namespace jindu::publicity
