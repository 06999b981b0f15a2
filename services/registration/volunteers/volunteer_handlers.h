#pragma once
// Real-name volunteers: registration with the province-wide duplicate check, masked and full
// reads (audited), lists, lifecycle, lecturer certification, summaries and counts.
#include "jindu/registration/v1/registration_service.pb.h"
#include "registration/registration_context.h"
#include "runtime/grpc/call_context.h"

namespace jindu::registration {

class VolunteerHandlers {
 public:
  explicit VolunteerHandlers(RegistrationContext& context) : context_(context) {}

  grpc::Status Create(const runtime::CallContext& call, const v1::CreateVolunteerRequest& request,
                      v1::Volunteer* response);
  grpc::Status Get(const runtime::CallContext& call, const v1::GetVolunteerRequest& request,
                   v1::Volunteer* response);
  grpc::Status List(const runtime::CallContext& call, const v1::ListVolunteersRequest& request,
                    v1::ListVolunteersResponse* response);
  grpc::Status Update(const runtime::CallContext& call, const v1::UpdateVolunteerRequest& request,
                      v1::Volunteer* response);
  grpc::Status Approve(const runtime::CallContext& call, const v1::ApproveVolunteerRequest& request,
                       v1::Volunteer* response);
  grpc::Status Activate(const runtime::CallContext& call,
                        const v1::ActivateVolunteerRequest& request, v1::Volunteer* response);
  grpc::Status Suspend(const runtime::CallContext& call, const v1::SuspendVolunteerRequest& request,
                       v1::Volunteer* response);
  grpc::Status Withdraw(const runtime::CallContext& call,
                        const v1::WithdrawVolunteerRequest& request, v1::Volunteer* response);
  grpc::Status CertifyLecturer(const runtime::CallContext& call,
                               const v1::CertifyLecturerRequest& request, v1::Volunteer* response);
  grpc::Status RevokeLecturerCertification(const runtime::CallContext& call,
                                           const v1::RevokeLecturerCertificationRequest& request,
                                           v1::Volunteer* response);
  grpc::Status GetServiceSummary(const runtime::CallContext& call,
                                 const v1::GetVolunteerServiceSummaryRequest& request,
                                 v1::VolunteerServiceSummary* response);
  grpc::Status ComputeCounts(const runtime::CallContext& call,
                             const v1::ComputeRegistrationCountsRequest& request,
                             v1::ComputeRegistrationCountsResponse* response);

 private:
  RegistrationContext& context_;
};

}  // namespace jindu::registration
