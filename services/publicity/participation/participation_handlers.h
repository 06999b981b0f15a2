#pragma once
// Mass participation: batch and streamed ingest of pledges, letters, signatures and contest
// entries (ParticipationIngest does the work, bounded by the ingest slots), and their tallies.
#include <google/protobuf/empty.pb.h>
#include <grpcpp/impl/codegen/proto_utils.h>
#include <grpcpp/support/sync_stream.h>

#include "jindu/publicity/v1/publicity_service.pb.h"
#include "publicity/participation/participation_ingest.h"
#include "publicity/participation/participation_store.h"
#include "publicity/publicity_context.h"
#include "runtime/grpc/call_context.h"

namespace jindu::publicity {

class ParticipationHandlers {
 public:
  explicit ParticipationHandlers(PublicityContext& context);

  grpc::Status IngestBatch(const runtime::CallContext& call,
                           const v1::BatchIngestParticipationEntriesRequest& request,
                           v1::BatchIngestParticipationEntriesResponse* response);
  grpc::Status ListTallies(const runtime::CallContext& call,
                           const v1::ListParticipationTalliesRequest& request,
                           v1::ListParticipationTalliesResponse* response);
  grpc::Status IngestStream(const runtime::CallContext& call,
                            grpc::ServerReader<v1::StreamParticipationEntriesRequest>* reader,
                            v1::StreamParticipationEntriesResponse* response);

 private:
  PublicityContext& context_;
  ParticipationStore store_;
  ParticipationIngest ingest_;
};

}  // namespace jindu::publicity
