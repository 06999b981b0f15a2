#pragma once
// PublicityService (publicity_service.proto): each RPC runs in HandleCall (authentication,
// deadline, request ids) and is handed to the handlers of its area. Methods not overridden here
// answer UNIMPLEMENTED.
#include "jindu/publicity/v1/publicity_service.grpc.pb.h"
#include "publicity/publicity_context.h"

namespace jindu::publicity {

class PublicityServiceImpl final : public v1::PublicityService::Service {
 public:
  explicit PublicityServiceImpl(PublicityContext& context);

 private:
  const runtime::CallPolicy& policy_;
};

}  // namespace jindu::publicity
