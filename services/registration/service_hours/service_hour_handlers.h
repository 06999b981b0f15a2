#pragma once
// Service-hour records owned by the organising body: the 24-hours-a-day rule, confirmation of
// self-declared hours, corrections as requests the organiser approves, and the review queue.
#include "jindu/registration/v1/registration_service.pb.h"
#include "registration/registration_context.h"
#include "runtime/grpc/call_context.h"

namespace jindu::registration {

class ServiceHourHandlers {
 public:
  explicit ServiceHourHandlers(RegistrationContext& context) : context_(context) {}

  grpc::Status Create(const runtime::CallContext& call,
                      const v1::CreateServiceHourRecordRequest& request,
                      v1::ServiceHourRecord* response);
  grpc::Status Get(const runtime::CallContext& call, const v1::GetServiceHourRecordRequest& request,
                   v1::ServiceHourRecord* response);
  grpc::Status List(const runtime::CallContext& call,
                    const v1::ListServiceHourRecordsRequest& request,
                    v1::ListServiceHourRecordsResponse* response);
  grpc::Status Confirm(const runtime::CallContext& call,
                       const v1::ConfirmServiceHourRecordRequest& request,
                       v1::ServiceHourRecord* response);
  grpc::Status Reject(const runtime::CallContext& call,
                      const v1::RejectServiceHourRecordRequest& request,
                      v1::ServiceHourRecord* response);
  grpc::Status RequestCorrection(const runtime::CallContext& call,
                                 const v1::RequestServiceHourCorrectionRequest& request,
                                 v1::ServiceHourRecord* response);
  grpc::Status ApproveCorrection(const runtime::CallContext& call,
                                 const v1::ApproveServiceHourCorrectionRequest& request,
                                 v1::ServiceHourRecord* response);
  grpc::Status RejectCorrection(const runtime::CallContext& call,
                                const v1::RejectServiceHourCorrectionRequest& request,
                                v1::ServiceHourRecord* response);

 private:
  RegistrationContext& context_;
};

}  // namespace jindu::registration
