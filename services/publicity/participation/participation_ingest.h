#pragma once
// The ingest of one batch of participation entries, shared by BatchIngestParticipationEntries (one
// request) and StreamParticipationEntries (each message): every entry is checked on its own and a
// bad one is rejected alone; the good ones are committed in one transaction with one
// ParticipationBatchAccepted event per campaign of the batch. An entry id seen before is a
// duplicate whatever its content; a participant already counted for the campaign and kind is a
// repeat. Nothing personal is kept: the identifier becomes a keyed hash before any of this.
#include <grpcpp/support/status.h>

#include <cstdint>
#include <vector>

#include "jindu/publicity/v1/publicity_service.pb.h"
#include "publicity/participation/ingest_slots.h"
#include "publicity/participation/participation_store.h"
#include "publicity/publicity_context.h"
#include "runtime/access/caller_access.h"

namespace jindu::publicity {

struct IngestResult {
  v1::IngestCounts counts;
  std::vector<v1::EntryOutcome> outcomes;  // one per entry, in order
  std::vector<v1::RejectedEntry> rejected;
};

class ParticipationIngest {
 public:
  ParticipationIngest(PublicityContext& context, int slots);

  // Ingests `entries`, the first at position `first_index` of its request or stream. OK with the
  // result, or RESOURCE_EXHAUSTED / SERVICE_SATURATED when no ingest slot freed up in time
  // (nothing of this batch committed). Database failures throw (HandleCall answers them).
  grpc::Status Ingest(const runtime::CallerAccess& caller,
                      const google::protobuf::RepeatedPtrField<v1::ParticipationEntry>& entries,
                      int64_t first_index, IngestResult* result);

 private:
  // Campaign checks, entry ids, participants, tallies and events of the entries that passed the
  // checks of the entry alone, in one transaction. Fills outcomes and rejections of `prepared`.
  void Commit(const runtime::CallerAccess& caller, const std::vector<PreparedEntry>& prepared,
              const google::protobuf::RepeatedPtrField<v1::ParticipationEntry>& entries,
              int64_t first_index, IngestResult* result);

  PublicityContext& context_;
  ParticipationStore store_;
  IngestSlots slots_;
};

}  // namespace jindu::publicity
