#include "publicity/participation/participation_ingest.h"

#include <algorithm>
#include <unordered_map>

#include "jindu/publicity/events/v1/participation_events.pb.h"
#include "publicity/campaigns/campaign_record.h"
#include "publicity/campaigns/campaign_window.h"
#include "runtime/ids/uuid.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::publicity {
namespace {

// How long a batch waits for an ingest slot before the caller is told to come back.
constexpr std::chrono::milliseconds kSlotWait{250};
// Concurrent batches lock rows in one order, so a deadlock is not expected; a conflict the
// database reports anyway is retried a few times before the call fails.
constexpr int kCommitAttempts = 3;

void Reject(const v1::ParticipationEntry& entry, int64_t index,
            const runtime::FieldViolations& violations, IngestResult* result) {
  v1::RejectedEntry rejected;
  rejected.set_entry_id(entry.entry_id());
  rejected.set_index(index);
  for (const runtime::FieldViolation& violation : violations.violations()) {
    auto* detail = rejected.add_violations();
    detail->set_field(violation.field);
    detail->set_description(violation.description);
    detail->set_reason(common::v1::FieldViolationReason_Name(violation.reason));
  }
  result->rejected.push_back(std::move(rejected));
}

events::v1::ParticipationBatchAccepted BatchEvent(const std::string& batch_id,
                                                  const std::string& campaign_id,
                                                  const std::map<TallyKey, TallyCounts>& tallies) {
  events::v1::ParticipationBatchAccepted event;
  event.set_batch_id(batch_id);
  event.set_campaign(CampaignName(campaign_id));
  for (const auto& [key, counts] : tallies) {
    if (key.campaign_id != campaign_id) continue;
    if (counts.accepted == 0 && counts.repeats == 0) continue;
    events::v1::ParticipationCount* count = event.add_counts();
    count->set_region_code(key.region_code);
    *count->mutable_date() = runtime::ToProtoDate(key.day);
    count->set_kind(static_cast<v1::ParticipationKind>(key.kind));
    count->set_accepted(counts.accepted);
    count->set_repeats(counts.repeats);
    count->set_score_sum(counts.score_sum);
    count->set_max_score_sum(counts.max_score_sum);
  }
  return event;
}

}  // namespace

ParticipationIngest::ParticipationIngest(PublicityContext& context, int slots)
    : context_(context), store_(context.schema()), slots_(slots) {}

grpc::Status ParticipationIngest::Ingest(
    const runtime::CallerAccess& caller,
    const google::protobuf::RepeatedPtrField<v1::ParticipationEntry>& entries, int64_t first_index,
    IngestResult* result) {
  result->counts.set_received(entries.size());
  result->outcomes.assign(entries.size(), v1::ENTRY_OUTCOME_UNSPECIFIED);
  // What needs no database is checked (and the identifiers hashed) before a slot is taken.
  const auto now = std::chrono::system_clock::now();
  std::vector<PreparedEntry> prepared;
  prepared.reserve(entries.size());
  for (int i = 0; i < entries.size(); ++i) {
    runtime::FieldViolations violations;
    PreparedEntry entry;
    entry.index = i;
    CheckEntryAlone(entries[i], context_.regions, context_.personal_data.lookup, now, &violations,
                    &entry);
    if (!violations.empty()) {
      result->outcomes[i] = v1::ENTRY_OUTCOME_REJECTED;
      Reject(entries[i], first_index + i, violations, result);
      continue;
    }
    prepared.push_back(std::move(entry));
  }
  if (!prepared.empty()) {
    IngestSlots::Lease slot = slots_.TryAcquire(kSlotWait);
    if (!slot.held()) return ServiceSaturatedError();
    const size_t rejected_before = result->rejected.size();
    for (int attempt = 1;; ++attempt) {
      try {
        Commit(caller, prepared, entries, first_index, result);
        break;
      } catch (const pqxx::transaction_rollback&) {
        if (attempt >= kCommitAttempts) throw;
        result->rejected.resize(rejected_before);
        for (const PreparedEntry& entry : prepared) {
          result->outcomes[entry.index] = v1::ENTRY_OUTCOME_UNSPECIFIED;
        }
      }
    }
  }
  // Rejections were found in two passes; callers read them in request order.
  std::stable_sort(
      result->rejected.begin(), result->rejected.end(),
      [](const v1::RejectedEntry& a, const v1::RejectedEntry& b) { return a.index() < b.index(); });
  for (v1::EntryOutcome outcome : result->outcomes) {
    switch (outcome) {
      case v1::ENTRY_OUTCOME_ACCEPTED:
        result->counts.set_accepted(result->counts.accepted() + 1);
        break;
      case v1::ENTRY_OUTCOME_DUPLICATE_ENTRY:
        result->counts.set_duplicate_entries(result->counts.duplicate_entries() + 1);
        break;
      case v1::ENTRY_OUTCOME_REPEAT_PARTICIPANT:
        result->counts.set_repeat_participants(result->counts.repeat_participants() + 1);
        break;
      default:
        result->counts.set_rejected(result->counts.rejected() + 1);
        break;
    }
  }
  return grpc::Status::OK;
}

void ParticipationIngest::Commit(
    const runtime::CallerAccess& caller, const std::vector<PreparedEntry>& prepared,
    const google::protobuf::RepeatedPtrField<v1::ParticipationEntry>& entries, int64_t first_index,
    IngestResult* result) {
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  // Each campaign once, read FOR SHARE: an UpdateCampaign narrowing its dates waits for this batch.
  // A campaign outside the caller's scope is answered like a missing one.
  std::unordered_map<std::string, std::optional<CampaignWindow>> campaigns;
  for (const PreparedEntry& entry : prepared) {
    if (campaigns.contains(entry.campaign_id)) continue;
    auto window = FindCampaignWindow(tx, context_.schema(), entry.campaign_id,
                                     /*lock_shared=*/true);
    if (window.has_value()) {
      bool visible = false;
      for (const std::string& code : window->region_codes) visible = visible || caller.Covers(code);
      if (!visible) window.reset();
    }
    campaigns.emplace(entry.campaign_id, std::move(window));
  }
  // Valid entries, the first of each entry id in the batch; later copies are duplicates.
  std::vector<const PreparedEntry*> valid;
  std::unordered_set<std::string> ids_in_batch;
  for (const PreparedEntry& entry : prepared) {
    runtime::FieldViolations violations;
    const auto& window = campaigns.at(entry.campaign_id);
    CheckEntryInCampaign(entry, window.has_value() ? &*window : nullptr, caller, context_.regions,
                         &violations);
    if (!violations.empty()) {
      result->outcomes[entry.index] = v1::ENTRY_OUTCOME_REJECTED;
      Reject(entries[entry.index], first_index + entry.index, violations, result);
      continue;
    }
    if (!ids_in_batch.insert(entry.entry_id).second) {
      result->outcomes[entry.index] = v1::ENTRY_OUTCOME_DUPLICATE_ENTRY;
      continue;
    }
    valid.push_back(&entry);
  }
  if (valid.empty()) return;
  std::map<std::string, std::string> batch_ids;
  for (const PreparedEntry* entry : valid) {
    if (!batch_ids.contains(entry->campaign_id)) batch_ids[entry->campaign_id] = runtime::NewUuid();
  }
  const std::unordered_set<std::string> claimed = store_.ClaimEntries(tx, valid, batch_ids);
  // Of the new entries, the first of each participant may count; the database says whether the
  // participant was counted before.
  std::vector<const PreparedEntry*> fresh;
  std::vector<const PreparedEntry*> first_of_participant;
  std::unordered_set<std::string> participants_in_batch;
  for (const PreparedEntry* entry : valid) {
    if (!claimed.contains(entry->entry_id)) {
      result->outcomes[entry->index] = v1::ENTRY_OUTCOME_DUPLICATE_ENTRY;
      continue;
    }
    fresh.push_back(entry);
    if (participants_in_batch
            .insert(ParticipantKey(entry->campaign_id, entry->kind, entry->participant_hash))
            .second) {
      first_of_participant.push_back(entry);
    }
  }
  if (fresh.empty()) {
    tx.commit();  // nothing recorded; the campaign locks end here
    return;
  }
  const std::unordered_set<std::string> counted =
      store_.CountParticipants(tx, first_of_participant, context_.personal_data.lookup.key_id());
  std::map<TallyKey, TallyCounts> tallies;
  for (const PreparedEntry* entry : fresh) {
    const std::string key =
        ParticipantKey(entry->campaign_id, entry->kind, entry->participant_hash);
    TallyCounts& counts =
        tallies[TallyKey{entry->campaign_id, entry->day, entry->region_code, entry->kind}];
    // Erased once used: a second entry of the same participant in this batch is a repeat.
    if (participants_in_batch.erase(key) > 0 && counted.contains(key)) {
      result->outcomes[entry->index] = v1::ENTRY_OUTCOME_ACCEPTED;
      ++counts.accepted;
      counts.score_sum += entry->score;
      counts.max_score_sum += entry->max_score;
    } else {
      result->outcomes[entry->index] = v1::ENTRY_OUTCOME_REPEAT_PARTICIPANT;
      ++counts.repeats;
    }
  }
  store_.AddTallies(tx, tallies, context_.regions);
  for (const auto& [campaign_id, batch_id] : batch_ids) {
    const events::v1::ParticipationBatchAccepted event = BatchEvent(batch_id, campaign_id, tallies);
    if (event.counts().empty()) continue;
    const auto& window = campaigns.at(campaign_id);
    context_.outbox.Append(tx, {.aggregate_type = "participation",
                                .aggregate_id = campaign_id,
                                .aggregate_version = store_.NextBatchVersion(tx),
                                .region_code = window->region_codes.front(),
                                .payload = &event});
  }
  tx.commit();
}

}  // namespace jindu::publicity
