#include "publicity/publicity_service.h"

#include "runtime/grpc/handle_call.h"

namespace jindu::publicity {

PublicityServiceImpl::PublicityServiceImpl(PublicityContext& context)
    : policy_(context.resources.call_policy) {}

}  // namespace jindu::publicity
