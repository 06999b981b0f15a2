#pragma once
// Real-name volunteers: registration with the province-wide duplicate check, masked and full
// reads (audited), lists, lifecycle, lecturer certification, summaries and counts.
#include "jindu/registration/v1/registration_service.pb.h"
#include "registration/access/caller_access.h"
#include "registration/registration_context.h"
#include "registration/storage/organization_store.h"
#include "registration/storage/volunteer_store.h"
#include "runtime/api/api_error.h"
#include "runtime/grpc/call_context.h"

namespace jindu::registration {

class VolunteerHandlers {
 public:
  explicit VolunteerHandlers(RegistrationContext& context);

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
  // One lifecycle step: loads the volunteer (NOT_FOUND outside scope), checks etag and `from`,
  // applies `to`, publishes `event` (built from the volunteer id and today) and answers.
  template <typename Event>
  grpc::Status Transition(const runtime::CallContext& call, const char* method,
                          const std::string& name, const std::string& reason, bool reason_required,
                          const std::string& etag, std::initializer_list<v1::VolunteerState> from,
                          v1::VolunteerState to, v1::Volunteer* response);
  // Resolves organisation names to ids: each must exist, be active and lie in the caller's scope.
  std::vector<std::string> CheckOrganizations(
      pqxx::transaction_base& tx, const runtime::CallerAccess& caller,
      const google::protobuf::RepeatedPtrField<std::string>& names, const std::string& field,
      runtime::FieldViolations* violations) const;
  // The rolling 12-month fields (trained, service minutes) of a page of volunteers.
  void FillServiceFields(pqxx::transaction_base& tx, std::vector<v1::Volunteer*> volunteers) const;
  // Loads the volunteer for a change, locked: NOT_FOUND outside the caller's scope (as when
  // missing), ABORTED / ETAG_MISMATCH when `etag` is given and stale.
  grpc::Status LoadForChange(pqxx::work& tx, const runtime::CallerAccess& caller,
                             const std::string& id, const std::string& name,
                             const std::string& etag, std::optional<StoredVolunteer>* stored) const;
  // Writes the changed volunteer at its next revision.
  void SaveChange(pqxx::work& tx, const runtime::CallerAccess& caller,
                  StoredVolunteer* volunteer) const;
  void AppendPublicProfile(pqxx::work& tx, const StoredVolunteer& volunteer,
                           const google::protobuf::Message& event) const;
  // Re-reads the volunteer, commits and answers with the basic view.
  grpc::Status CommitAndAnswer(pqxx::work& tx, const std::string& id,
                               v1::Volunteer* response) const;
  void Append(pqxx::work& tx, const StoredVolunteer& volunteer,
              const google::protobuf::Message& event) const;

  RegistrationContext& context_;
  VolunteerStore volunteers_;
  OrganizationStore organizations_;
};

}  // namespace jindu::registration
