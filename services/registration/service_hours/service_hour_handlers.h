#pragma once
// Service-hour records owned by the organising body: the 24-hours-a-day rule, confirmation of
// self-declared hours, corrections as requests the organiser approves, and the review queue.
//
// Scope is the organiser's region: only staff whose scope covers it enter, confirm, reject and
// decide corrections; reads and correction requests also serve system callers (a volunteer acts
// through one, e.g. to self-declare).
#include "jindu/registration/v1/registration_service.pb.h"
#include "registration/access/caller_access.h"
#include "registration/registration_context.h"
#include "registration/storage/participant_lookup.h"
#include "registration/storage/service_hour_store.h"
#include "runtime/grpc/call_context.h"

namespace jindu::registration {

class ServiceHourHandlers {
 public:
  explicit ServiceHourHandlers(RegistrationContext& context)
      : context_(context), store_(context.schema()), participants_(context.schema()) {}

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
  // The record, locked, when it exists, the caller's scope covers its organiser's region and the
  // etag (if sent) matches; otherwise the answer to give (NOT_FOUND alike for missing and out of
  // scope, ABORTED / ETAG_MISMATCH).
  grpc::Status LoadForChange(pqxx::work& tx, const runtime::CallerAccess& caller,
                             const std::string& record_id, const std::string& name,
                             const std::string& etag, StoredRecord* record) const;
  // Confirms or rejects a record awaiting the organiser; the request was checked.
  grpc::Status Decide(const runtime::CallerAccess& caller, const std::string& record_id,
                      const std::string& name, const std::string& etag,
                      v1::ServiceHourState decision, const std::string& reason,
                      v1::ServiceHourRecord* response);

  RegistrationContext& context_;
  ServiceHourStore store_;
  ParticipantLookup participants_;
};

}  // namespace jindu::registration
