#pragma once
// The review of activities (activity_review_rules.h): the branch submits and proposes corrections,
// the level above approves or rejects (activity_access.h says who is who). Each is one
// transaction: the activity and its event (ActivitySubmitted, ActivityApproved, ActivityRejected,
// ActivityCorrected).
#include <functional>

#include "jindu/publicity/v1/publicity_service.pb.h"
#include "publicity/activities/activity_references.h"
#include "publicity/activities/activity_review_rules.h"
#include "publicity/activities/activity_store.h"
#include "publicity/publicity_context.h"
#include "runtime/access/caller_access.h"
#include "runtime/api/api_error.h"
#include "runtime/grpc/call_context.h"

namespace jindu::publicity {

class ActivityReview {
 public:
  explicit ActivityReview(PublicityContext& context);

  grpc::Status Submit(const runtime::CallContext& call, const v1::SubmitActivityRequest& request,
                      v1::Activity* response);
  grpc::Status Approve(const runtime::CallContext& call, const v1::ApproveActivityRequest& request,
                       v1::Activity* response);
  grpc::Status Reject(const runtime::CallContext& call, const v1::RejectActivityRequest& request,
                      v1::Activity* response);
  grpc::Status ProposeCorrection(const runtime::CallContext& call,
                                 const v1::ProposeActivityCorrectionRequest& request,
                                 v1::Activity* response);

 private:
  // What every review step shares: the role, the name, the scope (NOT_FOUND outside it), the
  // etag, the step's rule from the current state; then `change` edits the locked record (revision
  // already the new one) and appends its event. `reviewing`: approve or reject (the level above),
  // otherwise the branch's own step.
  struct Step {
    const char* method;
    ReviewTransition transition;
    bool reviewing;
    const char* name_field;  // "name", or "activity.name" for a correction
    const std::string& name;
    const std::string& etag;
    runtime::FieldViolations& violations;  // of the method's own fields
  };
  using Change = std::function<grpc::Status(pqxx::work&, ActivityRecord&, v1::ReviewState previous,
                                            const runtime::CallerAccess& caller)>;
  grpc::Status Run(const runtime::CallContext& call, const Step& step, const Change& change,
                   v1::Activity* response);

  PublicityContext& context_;
  ActivityStore store_;
  ActivityReferences references_;
};

}  // namespace jindu::publicity
