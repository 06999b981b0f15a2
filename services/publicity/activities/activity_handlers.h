#pragma once
// Activities: create (idempotent by request id), read, list (with the reviewer's queue), edit and
// delete a branch's activities; their review (submit, approve, reject, propose a correction) is
// activity_review.h, reached through the same class.
#include <google/protobuf/empty.pb.h>

#include "jindu/publicity/v1/publicity_service.pb.h"
#include "publicity/activities/activity_references.h"
#include "publicity/activities/activity_review.h"
#include "publicity/activities/activity_store.h"
#include "publicity/publicity_context.h"
#include "runtime/grpc/call_context.h"

namespace jindu::publicity {

class ActivityHandlers {
 public:
  explicit ActivityHandlers(PublicityContext& context);

  grpc::Status Create(const runtime::CallContext& call, const v1::CreateActivityRequest& request,
                      v1::Activity* response);
  grpc::Status Get(const runtime::CallContext& call, const v1::GetActivityRequest& request,
                   v1::Activity* response);
  grpc::Status List(const runtime::CallContext& call, const v1::ListActivitiesRequest& request,
                    v1::ListActivitiesResponse* response);
  grpc::Status Update(const runtime::CallContext& call, const v1::UpdateActivityRequest& request,
                      v1::Activity* response);
  grpc::Status Delete(const runtime::CallContext& call, const v1::DeleteActivityRequest& request,
                      google::protobuf::Empty* response);
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
  PublicityContext& context_;
  ActivityStore store_;
  ActivityReferences references_;
  ActivityReview review_;
};

}  // namespace jindu::publicity
