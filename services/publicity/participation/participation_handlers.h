#pragma once
// Mass participation: batch and streamed ingest of pledges, letters, signatures and contest
// entries, and their tallies. (Placeholder: every method answers UNIMPLEMENTED until the area is
// built.)
#include <google/protobuf/empty.pb.h>
#include <grpcpp/support/sync_stream.h>

#include "jindu/publicity/v1/publicity_service.pb.h"
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
};

}  // namespace jindu::publicity
