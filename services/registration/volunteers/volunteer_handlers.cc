#include "registration/volunteers/volunteer_handlers.h"

namespace jindu::registration {

grpc::Status VolunteerHandlers::Create(const runtime::CallContext&,
                                       const v1::CreateVolunteerRequest&, v1::Volunteer*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status VolunteerHandlers::Get(const runtime::CallContext&, const v1::GetVolunteerRequest&,
                                    v1::Volunteer*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status VolunteerHandlers::List(const runtime::CallContext&, const v1::ListVolunteersRequest&,
                                     v1::ListVolunteersResponse*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status VolunteerHandlers::Update(const runtime::CallContext&,
                                       const v1::UpdateVolunteerRequest&, v1::Volunteer*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status VolunteerHandlers::Approve(const runtime::CallContext&,
                                        const v1::ApproveVolunteerRequest&, v1::Volunteer*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status VolunteerHandlers::Activate(const runtime::CallContext&,
                                         const v1::ActivateVolunteerRequest&, v1::Volunteer*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status VolunteerHandlers::Suspend(const runtime::CallContext&,
                                        const v1::SuspendVolunteerRequest&, v1::Volunteer*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status VolunteerHandlers::Withdraw(const runtime::CallContext&,
                                         const v1::WithdrawVolunteerRequest&, v1::Volunteer*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status VolunteerHandlers::CertifyLecturer(const runtime::CallContext&,
                                                const v1::CertifyLecturerRequest&, v1::Volunteer*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status VolunteerHandlers::RevokeLecturerCertification(
    const runtime::CallContext&, const v1::RevokeLecturerCertificationRequest&, v1::Volunteer*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status VolunteerHandlers::GetServiceSummary(const runtime::CallContext&,
                                                  const v1::GetVolunteerServiceSummaryRequest&,
                                                  v1::VolunteerServiceSummary*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

grpc::Status VolunteerHandlers::ComputeCounts(const runtime::CallContext&,
                                              const v1::ComputeRegistrationCountsRequest&,
                                              v1::ComputeRegistrationCountsResponse*) {
  return {grpc::StatusCode::UNIMPLEMENTED, "not implemented yet"};
}

}  // namespace jindu::registration
