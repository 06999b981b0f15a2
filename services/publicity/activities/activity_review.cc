#include "publicity/activities/activity_review.h"

#include <chrono>

#include "publicity/access/publicity_roles.h"
#include "publicity/activities/activity_access.h"
#include "publicity/activities/activity_campaign_check.h"
#include "publicity/activities/activity_events.h"
#include "publicity/activities/activity_presentation.h"
#include "publicity/activities/activity_validation.h"
#include "runtime/access/caller_access.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/text_fields.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::publicity {
namespace {

grpc::Status Illegal(const ActivityRecord& record, const char* method) {
  return runtime::FailedPreconditionError(
      common::v1::ILLEGAL_STATE_TRANSITION,
      std::string(method) + " is not allowed: the activity is " + ReviewStateLabel(record.state),
      ActivityName(record.id));
}

google::protobuf::Timestamp Now() {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  return runtime::TimestampFromMicros(micros);
}

v1::ReviewDecision Decision(bool approved, const std::string& reviewer, const std::string& reason) {
  v1::ReviewDecision decision;
  decision.set_approved(approved);
  decision.set_reviewer_subject(reviewer);
  *decision.mutable_time() = Now();
  decision.set_reason(reason);
  return decision;
}

}  // namespace

ActivityReview::ActivityReview(PublicityContext& context)
    : context_(context), store_(context.schema()), references_(context.schema(), context.regions) {}

grpc::Status ActivityReview::Run(const runtime::CallContext& call, const Step& step,
                                 const Change& change, v1::Activity* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole(step.method, step.reviewing ? kReviewers : kPublicityStaff);
      !status.ok()) {
    return status;
  }
  const std::string id = runtime::CheckResourceName(step.violations, step.name_field, step.name,
                                                    kActivityPrefix, /*required=*/true);
  if (!step.violations.empty()) return step.violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  std::optional<ActivityRecord> record;
  if (auto status = LoadActivityForChange(tx, store_, caller, id, step.name, step.etag, &record);
      !status.ok()) {
    return status;
  }
  if (auto status = step.reviewing ? RequireActivityReviewer(tx, references_, caller, *record)
                                   : RequireActivityEditor(tx, references_, caller, *record);
      !status.ok()) {
    return status;
  }
  auto next = NextReviewState(record->state, step.transition);
  if (!next.has_value()) return Illegal(*record, step.method);
  const v1::ReviewState previous = record->state;
  record->state = *next;
  ++record->revision;
  if (auto status = change(tx, *record, previous, caller); !status.ok()) return status;
  store_.Update(tx, *record, context_.regions.EnclosingPath(record->content.region_code()),
                caller.subject());
  auto updated = store_.Find(tx, id);
  tx.commit();
  *response = PresentActivity(*updated);
  return grpc::Status::OK;
}

grpc::Status ActivityReview::Submit(const runtime::CallContext& call,
                                    const v1::SubmitActivityRequest& request,
                                    v1::Activity* response) {
  runtime::FieldViolations violations;
  return Run(
      call,
      {"SubmitActivity", ReviewTransition::kSubmit, false, "name", request.name(), request.etag(),
       violations},
      [this](pqxx::work& tx, ActivityRecord& record, v1::ReviewState,
             const runtime::CallerAccess& caller) {
        record.submitter_subject = caller.subject();
        AppendActivityEvent(context_, tx, record,
                            ActivitySubmittedEvent(record, /*correction=*/false));
        return grpc::Status::OK;
      },
      response);
}

grpc::Status ActivityReview::Approve(const runtime::CallContext& call,
                                     const v1::ApproveActivityRequest& request,
                                     v1::Activity* response) {
  runtime::FieldViolations violations;
  runtime::CheckTextLength("reason", request.reason(), 0, kMaxActivityReasonCharacters,
                           &violations);
  return Run(
      call,
      {"ApproveActivity", ReviewTransition::kApprove, true, "name", request.name(), request.etag(),
       violations},
      [this, &request](pqxx::work& tx, ActivityRecord& record, v1::ReviewState previous,
                       const runtime::CallerAccess& caller) {
        const bool correction = ApprovesCorrection(previous);
        // The people named may have been suspended or lost their certification since.
        const v1::Activity& approved =
            correction ? record.pending_correction->proposed() : record.content;
        if (auto status = references_.RecheckPeople(tx, approved, ActivityName(record.id));
            !status.ok()) {
          return status;
        }
        const int previous_revision = record.approved_revision;
        record.approved_revision = ApprovedRevisionAfterApproval(previous_revision);
        record.last_review = Decision(true, caller.subject(), request.reason());
        if (correction) {
          record.content = ActivityContent(record.pending_correction->proposed());
          record.pending_correction.reset();
          AppendActivityEvent(context_, tx, record,
                              ActivityCorrectedEvent(record, previous_revision));
        } else {
          AppendActivityEvent(context_, tx, record, ActivityApprovedEvent(record));
        }
        return grpc::Status::OK;
      },
      response);
}

grpc::Status ActivityReview::Reject(const runtime::CallContext& call,
                                    const v1::RejectActivityRequest& request,
                                    v1::Activity* response) {
  runtime::FieldViolations violations;
  runtime::CheckTextLength("reason", request.reason(), 1, kMaxActivityReasonCharacters,
                           &violations);
  return Run(
      call,
      {"RejectActivity", ReviewTransition::kReject, true, "name", request.name(), request.etag(),
       violations},
      [this, &request](pqxx::work& tx, ActivityRecord& record, v1::ReviewState previous,
                       const runtime::CallerAccess& caller) {
        const bool correction = ApprovesCorrection(previous);
        // A rejected correction is discarded; the approved revision keeps counting.
        if (correction) record.pending_correction.reset();
        record.last_review = Decision(false, caller.subject(), request.reason());
        AppendActivityEvent(context_, tx, record, ActivityRejectedEvent(record, correction));
        return grpc::Status::OK;
      },
      response);
}

grpc::Status ActivityReview::ProposeCorrection(const runtime::CallContext& call,
                                               const v1::ProposeActivityCorrectionRequest& request,
                                               v1::Activity* response) {
  runtime::FieldViolations violations;
  const std::set<std::string> paths = CheckActivityMask(request.update_mask(), &violations);
  runtime::CheckTextLength("reason", request.reason(), 1, kMaxActivityReasonCharacters,
                           &violations);
  const v1::Activity& input = request.activity();
  return Run(
      call,
      {"ProposeActivityCorrection", ReviewTransition::kProposeCorrection, false, "activity.name",
       input.name(), request.etag(), violations},
      [this, &request, &input, &paths](pqxx::work& tx, ActivityRecord& record, v1::ReviewState,
                                       const runtime::CallerAccess& caller) {
        v1::Activity proposed = record.content;
        ApplyActivityPaths(input, paths, &proposed);
        runtime::FieldViolations checks;
        CheckActivityFields(proposed, paths, runtime::TodayInShanghai(), &checks);
        auto organization = references_.FindOrganization(tx, record.organization_id);
        if (paths.contains("region_code") && organization.has_value()) {
          references_.CheckRegion(*organization, proposed.region_code(), &checks);
        }
        if (paths.contains("lecturers") || paths.contains("volunteers")) {
          references_.CheckPeople(tx, proposed, &checks);
        }
        if (paths.contains("campaign") || paths.contains("activity_date")) {
          CheckActivityCampaign(tx, context_.schema(), proposed, &checks);
        }
        if (!checks.empty()) return checks.ToStatus();
        if (paths.contains("region_code")) {
          if (auto status =
                  caller.RequireNamedRegion("activity.region_code", proposed.region_code());
              !status.ok()) {
            return status;
          }
        }
        proposed.set_name(ActivityName(record.id));
        v1::ActivityCorrection correction;
        *correction.mutable_proposed() = proposed;
        for (const std::string& path : MutableActivityPaths()) {
          if (paths.contains(path)) correction.add_changed_paths(path);
        }
        correction.set_reason(request.reason());
        correction.set_proposer_subject(caller.subject());
        *correction.mutable_time() = Now();
        record.pending_correction = std::move(correction);
        record.submitter_subject = caller.subject();
        AppendActivityEvent(context_, tx, record,
                            ActivitySubmittedEvent(record, /*correction=*/true));
        return grpc::Status::OK;
      },
      response);
}

}  // namespace jindu::publicity
