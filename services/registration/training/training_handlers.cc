#include "registration/training/training_handlers.h"

namespace jindu::registration {

grpc::Status TrainingHandlers::CreateSession(const runtime::CallContext&,
                                             const v1::CreateTrainingSessionRequest&,
                                             v1::TrainingSession*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status TrainingHandlers::GetSession(const runtime::CallContext&,
                                          const v1::GetTrainingSessionRequest&,
                                          v1::TrainingSession*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status TrainingHandlers::ListSessions(const runtime::CallContext&,
                                            const v1::ListTrainingSessionsRequest&,
                                            v1::ListTrainingSessionsResponse*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status TrainingHandlers::BatchCreateAttendances(
    const runtime::CallContext&, const v1::BatchCreateTrainingAttendancesRequest&,
    v1::BatchCreateTrainingAttendancesResponse*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status TrainingHandlers::ListAttendances(const runtime::CallContext&,
                                               const v1::ListTrainingAttendancesRequest&,
                                               v1::ListTrainingAttendancesResponse*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status TrainingHandlers::DeleteAttendance(const runtime::CallContext&,
                                                const v1::DeleteTrainingAttendanceRequest&,
                                                google::protobuf::Empty*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

}  // namespace jindu::registration
