#include "registration/service_hours/service_hour_handlers.h"

namespace jindu::registration {

grpc::Status ServiceHourHandlers::Create(const runtime::CallContext&,
                                         const v1::CreateServiceHourRecordRequest&,
                                         v1::ServiceHourRecord*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status ServiceHourHandlers::Get(const runtime::CallContext&,
                                      const v1::GetServiceHourRecordRequest&,
                                      v1::ServiceHourRecord*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status ServiceHourHandlers::List(const runtime::CallContext&,
                                       const v1::ListServiceHourRecordsRequest&,
                                       v1::ListServiceHourRecordsResponse*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status ServiceHourHandlers::Confirm(const runtime::CallContext&,
                                          const v1::ConfirmServiceHourRecordRequest&,
                                          v1::ServiceHourRecord*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status ServiceHourHandlers::Reject(const runtime::CallContext&,
                                         const v1::RejectServiceHourRecordRequest&,
                                         v1::ServiceHourRecord*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status ServiceHourHandlers::RequestCorrection(const runtime::CallContext&,
                                                    const v1::RequestServiceHourCorrectionRequest&,
                                                    v1::ServiceHourRecord*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status ServiceHourHandlers::ApproveCorrection(const runtime::CallContext&,
                                                    const v1::ApproveServiceHourCorrectionRequest&,
                                                    v1::ServiceHourRecord*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status ServiceHourHandlers::RejectCorrection(const runtime::CallContext&,
                                                   const v1::RejectServiceHourCorrectionRequest&,
                                                   v1::ServiceHourRecord*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

}  // namespace jindu::registration
