#include "casework/intake/intake_handlers.h"

#include "casework/access/casework_roles.h"

namespace jindu::casework {
namespace {

constexpr int kMaxDecisionsPerMessage = 1000;

grpc::Status CheckBatchSize(int size) {
  if (size == 0) {
    return runtime::InvalidFieldError("decisions", common::v1::FIELD_REQUIRED,
                                      "send 1..1000 decisions");
  }
  if (size > kMaxDecisionsPerMessage) {
    return runtime::ApiError(grpc::StatusCode::INVALID_ARGUMENT, common::v1::BATCH_TOO_LARGE,
                             "decisions: at most 1000 per message, got " + std::to_string(size));
  }
  return grpc::Status::OK;
}

}  // namespace

IntakeHandlers::IntakeHandlers(CaseworkContext& context) : context_(context), intake_(context) {}

grpc::Status IntakeHandlers::IngestBatch(const runtime::CallContext& call,
                                         const v1::IngestMeasureDecisionsRequest& request,
                                         v1::IngestMeasureDecisionsResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("IngestMeasureDecisions", kIntakeRoles); !status.ok()) {
    return status;
  }
  if (auto status = CheckBatchSize(request.decisions_size()); !status.ok()) return status;
  for (int i = 0; i < request.decisions_size(); ++i) {
    *response->add_results() = intake_.Apply(call, caller, request.decisions(i), i);
  }
  return grpc::Status::OK;
}

grpc::Status IntakeHandlers::IngestStream(
    const runtime::CallContext& call,
    grpc::ServerReaderWriter<v1::StreamMeasureDecisionsResponse, v1::StreamMeasureDecisionsRequest>*
        stream) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("StreamMeasureDecisions", kIntakeRoles); !status.ok()) {
    return status;
  }
  int64_t index = 0;
  v1::StreamMeasureDecisionsRequest request;
  while (stream->Read(&request)) {
    if (auto status = CheckBatchSize(request.decisions_size()); !status.ok()) return status;
    v1::StreamMeasureDecisionsResponse response;
    for (const v1::MeasureDecision& decision : request.decisions()) {
      *response.add_results() = intake_.Apply(call, caller, decision, index++);
    }
    if (!stream->Write(response)) break;  // the client went away; what was applied stays
  }
  return grpc::Status::OK;
}

}  // namespace jindu::casework
