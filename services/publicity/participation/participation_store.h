#pragma once
// The participation tables, written set-based: each statement takes a whole batch as arrays
// (unnest) so a batch of 10,000 entries costs a handful of statements, not 10,000. Rows are sent
// in key order so concurrent batches take their row locks in the same order and never deadlock.
#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "publicity/participation/participation_entry_checks.h"
#include "runtime/api/request_checks.h"
#include "runtime/regions/region_directory.h"

namespace jindu::publicity {

// One tally row: a campaign, day, region and kind.
struct TallyKey {
  std::string campaign_id;
  runtime::CivilDate day;
  std::string region_code;
  int kind = 0;
  friend auto operator<=>(const TallyKey&, const TallyKey&) = default;
  friend bool operator==(const TallyKey&, const TallyKey&) = default;
};
struct TallyCounts {
  int64_t accepted = 0;
  int64_t repeats = 0;
  int64_t score_sum = 0;
  int64_t max_score_sum = 0;
};

// Filters of ListParticipationTallies, already validated.
struct TallyListFilter {
  std::string region_condition;  // SQL on region_path (RegionPathCondition)
  std::string campaign_id;       // empty: all
  std::optional<runtime::CivilDateRange> days;
  int kind = 0;  // 0: all
};

// "campaign|kind|hash": a participant of a campaign and kind.
std::string ParticipantKey(const std::string& campaign_id, int kind, const std::string& hash);

// The first and last day with recorded entries (accepted or repeat) of a campaign, if any.
std::optional<std::pair<runtime::CivilDate, runtime::CivilDate>> RecordedDayRange(
    pqxx::transaction_base& tx, const std::string& schema, const std::string& campaign_id);

class ParticipationStore {
 public:
  explicit ParticipationStore(std::string schema) : schema_(std::move(schema)) {}

  // Records the entry ids not seen before (`batch_ids` maps campaign id to the batch id stored
  // with its entries); returns the ids this call recorded. Entries must have distinct ids.
  std::unordered_set<std::string> ClaimEntries(
      pqxx::work& tx, std::vector<const PreparedEntry*> entries,
      const std::map<std::string, std::string>& batch_ids) const;
  // Counts the participants of `entries` (one per participant) not counted before for their
  // campaign and kind; returns their ParticipantKey.
  std::unordered_set<std::string> CountParticipants(pqxx::work& tx,
                                                    std::vector<const PreparedEntry*> entries,
                                                    const std::string& lookup_key_id) const;
  // Adds the counts to the tallies.
  void AddTallies(pqxx::work& tx, const std::map<TallyKey, TallyCounts>& tallies,
                  const runtime::RegionDirectory& regions) const;
  // A number increasing with every committed batch, for the events' aggregate_version.
  int64_t NextBatchVersion(pqxx::work& tx) const;

  // Up to `limit` tallies in key order (campaign, day, region, kind), after `after` when set.
  std::vector<std::pair<TallyKey, TallyCounts>> ListTallies(pqxx::transaction_base& tx,
                                                            const TallyListFilter& filter,
                                                            const std::optional<TallyKey>& after,
                                                            int limit) const;

 private:
  std::string schema_;
};

}  // namespace jindu::publicity
