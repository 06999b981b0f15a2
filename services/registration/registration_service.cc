#include "registration/registration_service.h"

#include "registration/storage/sealed_column_catalog.h"
#include "runtime/grpc/handle_call.h"

namespace jindu::registration {

RegistrationServiceImpl::RegistrationServiceImpl(RegistrationContext& context)
    : policy_(context.resources.call_policy),
      organizations_(context),
      volunteers_(context),
      transfers_(context),
      training_(context),
      service_hours_(context),
      resealing_(context.resources.database, context.schema(), context.personal_data.cipher,
                 RegistrationSealedColumns(), context.resources.all_settings,
                 context.resources.metrics) {}

// --- organizations ---

grpc::Status RegistrationServiceImpl::CreateOrganization(
    grpc::ServerContext* context, const v1::CreateOrganizationRequest* request,
    v1::Organization* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return organizations_.Create(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::GetOrganization(grpc::ServerContext* context,
                                                      const v1::GetOrganizationRequest* request,
                                                      v1::Organization* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return organizations_.Get(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::ListOrganizations(grpc::ServerContext* context,
                                                        const v1::ListOrganizationsRequest* request,
                                                        v1::ListOrganizationsResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return organizations_.List(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::UpdateOrganization(
    grpc::ServerContext* context, const v1::UpdateOrganizationRequest* request,
    v1::Organization* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return organizations_.Update(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::DissolveOrganization(
    grpc::ServerContext* context, const v1::DissolveOrganizationRequest* request,
    v1::Organization* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return organizations_.Dissolve(call, *request, response);
  });
}

// --- volunteers ---

grpc::Status RegistrationServiceImpl::CreateVolunteer(grpc::ServerContext* context,
                                                      const v1::CreateVolunteerRequest* request,
                                                      v1::Volunteer* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return volunteers_.Create(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::GetVolunteer(grpc::ServerContext* context,
                                                   const v1::GetVolunteerRequest* request,
                                                   v1::Volunteer* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return volunteers_.Get(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::ListVolunteers(grpc::ServerContext* context,
                                                     const v1::ListVolunteersRequest* request,
                                                     v1::ListVolunteersResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return volunteers_.List(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::UpdateVolunteer(grpc::ServerContext* context,
                                                      const v1::UpdateVolunteerRequest* request,
                                                      v1::Volunteer* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return volunteers_.Update(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::ApproveVolunteer(grpc::ServerContext* context,
                                                       const v1::ApproveVolunteerRequest* request,
                                                       v1::Volunteer* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return volunteers_.Approve(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::ActivateVolunteer(grpc::ServerContext* context,
                                                        const v1::ActivateVolunteerRequest* request,
                                                        v1::Volunteer* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return volunteers_.Activate(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::SuspendVolunteer(grpc::ServerContext* context,
                                                       const v1::SuspendVolunteerRequest* request,
                                                       v1::Volunteer* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return volunteers_.Suspend(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::WithdrawVolunteer(grpc::ServerContext* context,
                                                        const v1::WithdrawVolunteerRequest* request,
                                                        v1::Volunteer* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return volunteers_.Withdraw(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::CertifyLecturer(grpc::ServerContext* context,
                                                      const v1::CertifyLecturerRequest* request,
                                                      v1::Volunteer* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return volunteers_.CertifyLecturer(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::RevokeLecturerCertification(
    grpc::ServerContext* context, const v1::RevokeLecturerCertificationRequest* request,
    v1::Volunteer* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return volunteers_.RevokeLecturerCertification(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::GetVolunteerServiceSummary(
    grpc::ServerContext* context, const v1::GetVolunteerServiceSummaryRequest* request,
    v1::VolunteerServiceSummary* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return volunteers_.GetServiceSummary(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::ComputeRegistrationCounts(
    grpc::ServerContext* context, const v1::ComputeRegistrationCountsRequest* request,
    v1::ComputeRegistrationCountsResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return volunteers_.ComputeCounts(call, *request, response);
  });
}

// --- volunteer transfers ---

grpc::Status RegistrationServiceImpl::CreateVolunteerTransfer(
    grpc::ServerContext* context, const v1::CreateVolunteerTransferRequest* request,
    v1::VolunteerTransfer* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return transfers_.Create(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::GetVolunteerTransfer(
    grpc::ServerContext* context, const v1::GetVolunteerTransferRequest* request,
    v1::VolunteerTransfer* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return transfers_.Get(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::ListVolunteerTransfers(
    grpc::ServerContext* context, const v1::ListVolunteerTransfersRequest* request,
    v1::ListVolunteerTransfersResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return transfers_.List(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::ApproveVolunteerTransfer(
    grpc::ServerContext* context, const v1::ApproveVolunteerTransferRequest* request,
    v1::VolunteerTransfer* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return transfers_.Approve(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::RejectVolunteerTransfer(
    grpc::ServerContext* context, const v1::RejectVolunteerTransferRequest* request,
    v1::VolunteerTransfer* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return transfers_.Reject(call, *request, response);
  });
}

// --- training ---

grpc::Status RegistrationServiceImpl::CreateTrainingSession(
    grpc::ServerContext* context, const v1::CreateTrainingSessionRequest* request,
    v1::TrainingSession* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return training_.CreateSession(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::GetTrainingSession(
    grpc::ServerContext* context, const v1::GetTrainingSessionRequest* request,
    v1::TrainingSession* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return training_.GetSession(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::ListTrainingSessions(
    grpc::ServerContext* context, const v1::ListTrainingSessionsRequest* request,
    v1::ListTrainingSessionsResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return training_.ListSessions(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::BatchCreateTrainingAttendances(
    grpc::ServerContext* context, const v1::BatchCreateTrainingAttendancesRequest* request,
    v1::BatchCreateTrainingAttendancesResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return training_.BatchCreateAttendances(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::ListTrainingAttendances(
    grpc::ServerContext* context, const v1::ListTrainingAttendancesRequest* request,
    v1::ListTrainingAttendancesResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return training_.ListAttendances(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::DeleteTrainingAttendance(
    grpc::ServerContext* context, const v1::DeleteTrainingAttendanceRequest* request,
    google::protobuf::Empty* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return training_.DeleteAttendance(call, *request, response);
  });
}

// --- service hours ---

grpc::Status RegistrationServiceImpl::CreateServiceHourRecord(
    grpc::ServerContext* context, const v1::CreateServiceHourRecordRequest* request,
    v1::ServiceHourRecord* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return service_hours_.Create(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::GetServiceHourRecord(
    grpc::ServerContext* context, const v1::GetServiceHourRecordRequest* request,
    v1::ServiceHourRecord* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return service_hours_.Get(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::ListServiceHourRecords(
    grpc::ServerContext* context, const v1::ListServiceHourRecordsRequest* request,
    v1::ListServiceHourRecordsResponse* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return service_hours_.List(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::ConfirmServiceHourRecord(
    grpc::ServerContext* context, const v1::ConfirmServiceHourRecordRequest* request,
    v1::ServiceHourRecord* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return service_hours_.Confirm(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::RejectServiceHourRecord(
    grpc::ServerContext* context, const v1::RejectServiceHourRecordRequest* request,
    v1::ServiceHourRecord* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return service_hours_.Reject(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::RequestServiceHourCorrection(
    grpc::ServerContext* context, const v1::RequestServiceHourCorrectionRequest* request,
    v1::ServiceHourRecord* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return service_hours_.RequestCorrection(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::ApproveServiceHourCorrection(
    grpc::ServerContext* context, const v1::ApproveServiceHourCorrectionRequest* request,
    v1::ServiceHourRecord* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return service_hours_.ApproveCorrection(call, *request, response);
  });
}

grpc::Status RegistrationServiceImpl::RejectServiceHourCorrection(
    grpc::ServerContext* context, const v1::RejectServiceHourCorrectionRequest* request,
    v1::ServiceHourRecord* response) {
  return runtime::HandleCall(context, policy_, [&](const runtime::CallContext& call) {
    return service_hours_.RejectCorrection(call, *request, response);
  });
}

}  // namespace jindu::registration
