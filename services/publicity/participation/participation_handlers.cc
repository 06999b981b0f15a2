#include "publicity/participation/participation_handlers.h"

namespace jindu::publicity {

ParticipationHandlers::ParticipationHandlers(PublicityContext& context) : context_(context) {}

grpc::Status ParticipationHandlers::IngestBatch(const runtime::CallContext&,
                                                const v1::BatchIngestParticipationEntriesRequest&,
                                                v1::BatchIngestParticipationEntriesResponse*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status ParticipationHandlers::ListTallies(const runtime::CallContext&,
                                                const v1::ListParticipationTalliesRequest&,
                                                v1::ListParticipationTalliesResponse*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

grpc::Status ParticipationHandlers::IngestStream(
    const runtime::CallContext&, grpc::ServerReader<v1::StreamParticipationEntriesRequest>*,
    v1::StreamParticipationEntriesResponse*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not built yet");
}

}  // namespace jindu::publicity
