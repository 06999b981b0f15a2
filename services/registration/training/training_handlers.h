#pragma once
// Training sessions and attendance (staff). Attendance makes a volunteer "trained" for 12 months.
#include "jindu/registration/v1/registration_service.pb.h"
#include "registration/registration_context.h"
#include "runtime/grpc/call_context.h"

namespace jindu::registration {

class TrainingHandlers {
 public:
  explicit TrainingHandlers(RegistrationContext& context) : context_(context) {}

  grpc::Status CreateSession(const runtime::CallContext& call,
                             const v1::CreateTrainingSessionRequest& request,
                             v1::TrainingSession* response);
  grpc::Status GetSession(const runtime::CallContext& call,
                          const v1::GetTrainingSessionRequest& request,
                          v1::TrainingSession* response);
  grpc::Status ListSessions(const runtime::CallContext& call,
                            const v1::ListTrainingSessionsRequest& request,
                            v1::ListTrainingSessionsResponse* response);
  grpc::Status BatchCreateAttendances(const runtime::CallContext& call,
                                      const v1::BatchCreateTrainingAttendancesRequest& request,
                                      v1::BatchCreateTrainingAttendancesResponse* response);
  grpc::Status ListAttendances(const runtime::CallContext& call,
                               const v1::ListTrainingAttendancesRequest& request,
                               v1::ListTrainingAttendancesResponse* response);
  grpc::Status DeleteAttendance(const runtime::CallContext& call,
                                const v1::DeleteTrainingAttendanceRequest& request,
                                google::protobuf::Empty* response);

 private:
  RegistrationContext& context_;
};

}  // namespace jindu::registration
