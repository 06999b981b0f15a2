#pragma once
// Training sessions and attendance (staff write; staff and system callers read). Attendance makes a
// volunteer "trained" for 12 months. A session and its attendances are one event aggregate
// ("training_session", keyed by the session id): attendance writes lock the session row, so event
// versions and the attendee count stay exact under concurrent batches.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "jindu/registration/v1/registration_service.pb.h"
#include "registration/access/caller_access.h"
#include "registration/registration_context.h"
#include "registration/storage/participant_lookup.h"
#include "registration/storage/training_store.h"
#include "runtime/api/api_error.h"
#include "runtime/grpc/call_context.h"

namespace jindu::registration {

class TrainingHandlers {
 public:
  explicit TrainingHandlers(RegistrationContext& context)
      : context_(context), store_(context.schema()), participants_(context.schema()) {}

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
  // The session when it exists and the caller's scope covers its region; nullopt otherwise (both
  // answer NOT_FOUND, so existence outside the scope is not revealed).
  std::optional<StoredSession> VisibleSession(pqxx::transaction_base& tx,
                                              const runtime::CallerAccess& caller,
                                              const std::string& session_id,
                                              bool for_update = false) const;
  // Checks the volunteers not yet recorded at the session; adds a violation per unusable one.
  void CheckNewAttendees(pqxx::transaction_base& tx,
                         const v1::BatchCreateTrainingAttendancesRequest& request,
                         const std::vector<std::string>& volunteer_ids,
                         const std::map<std::string, StoredAttendance>& recorded,
                         runtime::FieldViolations& violations) const;

  RegistrationContext& context_;
  TrainingStore store_;
  ParticipantLookup participants_;
};

}  // namespace jindu::registration
