#pragma once
// jindu.registration.v1.RegistrationService: each RPC runs in HandleCall (request ids, deadline,
// authentication, error mapping) and goes to the handlers of its area, one folder each.
#include "jindu/registration/v1/registration_service.grpc.pb.h"
#include "registration/organizations/organization_handlers.h"
#include "registration/registration_context.h"
#include "registration/service_hours/service_hour_handlers.h"
#include "registration/training/training_handlers.h"
#include "registration/volunteers/volunteer_handlers.h"
#include "registration/volunteers/volunteer_transfer_handlers.h"
#include "runtime/crypto/reseal_worker.h"

namespace jindu::registration {

class RegistrationServiceImpl final : public v1::RegistrationService::Service {
 public:
  explicit RegistrationServiceImpl(RegistrationContext& context);

  grpc::Status CreateOrganization(grpc::ServerContext* context,
                                  const v1::CreateOrganizationRequest* request,
                                  v1::Organization* response) override;
  grpc::Status GetOrganization(grpc::ServerContext* context,
                               const v1::GetOrganizationRequest* request,
                               v1::Organization* response) override;
  grpc::Status ListOrganizations(grpc::ServerContext* context,
                                 const v1::ListOrganizationsRequest* request,
                                 v1::ListOrganizationsResponse* response) override;
  grpc::Status UpdateOrganization(grpc::ServerContext* context,
                                  const v1::UpdateOrganizationRequest* request,
                                  v1::Organization* response) override;
  grpc::Status DissolveOrganization(grpc::ServerContext* context,
                                    const v1::DissolveOrganizationRequest* request,
                                    v1::Organization* response) override;
  grpc::Status CreateVolunteer(grpc::ServerContext* context,
                               const v1::CreateVolunteerRequest* request,
                               v1::Volunteer* response) override;
  grpc::Status GetVolunteer(grpc::ServerContext* context, const v1::GetVolunteerRequest* request,
                            v1::Volunteer* response) override;
  grpc::Status ListVolunteers(grpc::ServerContext* context,
                              const v1::ListVolunteersRequest* request,
                              v1::ListVolunteersResponse* response) override;
  grpc::Status UpdateVolunteer(grpc::ServerContext* context,
                               const v1::UpdateVolunteerRequest* request,
                               v1::Volunteer* response) override;
  grpc::Status ApproveVolunteer(grpc::ServerContext* context,
                                const v1::ApproveVolunteerRequest* request,
                                v1::Volunteer* response) override;
  grpc::Status ActivateVolunteer(grpc::ServerContext* context,
                                 const v1::ActivateVolunteerRequest* request,
                                 v1::Volunteer* response) override;
  grpc::Status SuspendVolunteer(grpc::ServerContext* context,
                                const v1::SuspendVolunteerRequest* request,
                                v1::Volunteer* response) override;
  grpc::Status WithdrawVolunteer(grpc::ServerContext* context,
                                 const v1::WithdrawVolunteerRequest* request,
                                 v1::Volunteer* response) override;
  grpc::Status CertifyLecturer(grpc::ServerContext* context,
                               const v1::CertifyLecturerRequest* request,
                               v1::Volunteer* response) override;
  grpc::Status RevokeLecturerCertification(grpc::ServerContext* context,
                                           const v1::RevokeLecturerCertificationRequest* request,
                                           v1::Volunteer* response) override;
  grpc::Status GetVolunteerServiceSummary(grpc::ServerContext* context,
                                          const v1::GetVolunteerServiceSummaryRequest* request,
                                          v1::VolunteerServiceSummary* response) override;
  grpc::Status ComputeRegistrationCounts(grpc::ServerContext* context,
                                         const v1::ComputeRegistrationCountsRequest* request,
                                         v1::ComputeRegistrationCountsResponse* response) override;
  grpc::Status CreateTrainingSession(grpc::ServerContext* context,
                                     const v1::CreateTrainingSessionRequest* request,
                                     v1::TrainingSession* response) override;
  grpc::Status GetTrainingSession(grpc::ServerContext* context,
                                  const v1::GetTrainingSessionRequest* request,
                                  v1::TrainingSession* response) override;
  grpc::Status ListTrainingSessions(grpc::ServerContext* context,
                                    const v1::ListTrainingSessionsRequest* request,
                                    v1::ListTrainingSessionsResponse* response) override;
  grpc::Status BatchCreateTrainingAttendances(
      grpc::ServerContext* context, const v1::BatchCreateTrainingAttendancesRequest* request,
      v1::BatchCreateTrainingAttendancesResponse* response) override;
  grpc::Status ListTrainingAttendances(grpc::ServerContext* context,
                                       const v1::ListTrainingAttendancesRequest* request,
                                       v1::ListTrainingAttendancesResponse* response) override;
  grpc::Status DeleteTrainingAttendance(grpc::ServerContext* context,
                                        const v1::DeleteTrainingAttendanceRequest* request,
                                        google::protobuf::Empty* response) override;
  grpc::Status CreateServiceHourRecord(grpc::ServerContext* context,
                                       const v1::CreateServiceHourRecordRequest* request,
                                       v1::ServiceHourRecord* response) override;
  grpc::Status GetServiceHourRecord(grpc::ServerContext* context,
                                    const v1::GetServiceHourRecordRequest* request,
                                    v1::ServiceHourRecord* response) override;
  grpc::Status ListServiceHourRecords(grpc::ServerContext* context,
                                      const v1::ListServiceHourRecordsRequest* request,
                                      v1::ListServiceHourRecordsResponse* response) override;
  grpc::Status ConfirmServiceHourRecord(grpc::ServerContext* context,
                                        const v1::ConfirmServiceHourRecordRequest* request,
                                        v1::ServiceHourRecord* response) override;
  grpc::Status RejectServiceHourRecord(grpc::ServerContext* context,
                                       const v1::RejectServiceHourRecordRequest* request,
                                       v1::ServiceHourRecord* response) override;
  grpc::Status RequestServiceHourCorrection(grpc::ServerContext* context,
                                            const v1::RequestServiceHourCorrectionRequest* request,
                                            v1::ServiceHourRecord* response) override;
  grpc::Status ApproveServiceHourCorrection(grpc::ServerContext* context,
                                            const v1::ApproveServiceHourCorrectionRequest* request,
                                            v1::ServiceHourRecord* response) override;
  grpc::Status RejectServiceHourCorrection(grpc::ServerContext* context,
                                           const v1::RejectServiceHourCorrectionRequest* request,
                                           v1::ServiceHourRecord* response) override;

  grpc::Status CreateVolunteerTransfer(grpc::ServerContext* context,
                                       const v1::CreateVolunteerTransferRequest* request,
                                       v1::VolunteerTransfer* response) override;
  grpc::Status GetVolunteerTransfer(grpc::ServerContext* context,
                                    const v1::GetVolunteerTransferRequest* request,
                                    v1::VolunteerTransfer* response) override;
  grpc::Status ListVolunteerTransfers(grpc::ServerContext* context,
                                      const v1::ListVolunteerTransfersRequest* request,
                                      v1::ListVolunteerTransfersResponse* response) override;
  grpc::Status ApproveVolunteerTransfer(grpc::ServerContext* context,
                                        const v1::ApproveVolunteerTransferRequest* request,
                                        v1::VolunteerTransfer* response) override;
  grpc::Status RejectVolunteerTransfer(grpc::ServerContext* context,
                                       const v1::RejectVolunteerTransferRequest* request,
                                       v1::VolunteerTransfer* response) override;

 private:
  const runtime::CallPolicy& policy_;
  OrganizationHandlers organizations_;
  VolunteerHandlers volunteers_;
  VolunteerTransferHandlers transfers_;
  TrainingHandlers training_;
  ServiceHourHandlers service_hours_;
  // Re-seals values left on a retired field key after a rotation; lives as long as the server, so
  // its thread stops before the database pool goes. Last: it starts once the handlers exist.
  runtime::ResealWorker resealing_;
};

}  // namespace jindu::registration
