#pragma once
// Intake of measure decisions: a batch RPC and a bidirectional stream, both at most 1000 decisions
// per message, each decision applied in its own transaction and answered in its own result.
#include <grpcpp/impl/codegen/proto_utils.h>
#include <grpcpp/support/sync_stream.h>

#include "casework/casework_context.h"
#include "casework/intake/measure_intake.h"
#include "jindu/casework/v1/casework_service.pb.h"
#include "runtime/grpc/call_context.h"

namespace jindu::casework {

class IntakeHandlers {
 public:
  explicit IntakeHandlers(CaseworkContext& context);

  grpc::Status IngestBatch(const runtime::CallContext& call,
                           const v1::IngestMeasureDecisionsRequest& request,
                           v1::IngestMeasureDecisionsResponse* response);
  grpc::Status IngestStream(const runtime::CallContext& call,
                            grpc::ServerReaderWriter<v1::StreamMeasureDecisionsResponse,
                                                     v1::StreamMeasureDecisionsRequest>* stream);

 private:
  CaseworkContext& context_;
  MeasureIntake intake_;
};

}  // namespace jindu::casework
