#include "publicity/activities/activity_handlers.h"

#include "publicity/access/publicity_roles.h"
#include "publicity/activities/activity_access.h"
#include "publicity/activities/activity_campaign_check.h"
#include "publicity/activities/activity_events.h"
#include "publicity/activities/activity_presentation.h"
#include "publicity/activities/activity_review_rules.h"
#include "publicity/activities/activity_validation.h"
#include "runtime/access/caller_access.h"
#include "runtime/api/paging.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/request_log.h"
#include "runtime/ids/resource_ids.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::publicity {
namespace {

grpc::Status Refused(common::v1::ErrorReason reason, const ActivityRecord& record,
                     const char* what) {
  return runtime::FailedPreconditionError(reason,
                                          std::string(what) + " is not allowed: the activity is " +
                                              ReviewStateLabel(record.state) +
                                              (reason == common::v1::APPROVED_RESOURCE_IMMUTABLE
                                                   ? "; propose a correction for review instead"
                                                   : ""),
                                          ActivityName(record.id));
}

}  // namespace

ActivityHandlers::ActivityHandlers(PublicityContext& context)
    : context_(context),
      store_(context.schema()),
      references_(context.schema(), context.regions),
      review_(context) {}

grpc::Status ActivityHandlers::Create(const runtime::CallContext& call,
                                      const v1::CreateActivityRequest& request,
                                      v1::Activity* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("CreateActivity", kPublicityStaff); !status.ok()) {
    return status;
  }
  const v1::Activity content = ActivityContent(request.activity());
  const std::set<std::string> all_paths = AllActivityPaths();
  runtime::FieldViolations violations;
  CheckActivityFields(content, all_paths, runtime::TodayInShanghai(), &violations);
  const std::string organization_id =
      runtime::ResourceIdFromName(content.organization(), "organizations/");

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  runtime::RequestLog log(tx, context_.schema(), "CreateActivity", request.request_id(), request,
                          caller.subject());
  if (!log.status().ok()) return log.status();
  if (log.Earlier().has_value()) {
    auto earlier = store_.Find(tx, *log.Earlier());
    // Deleted since (a draft): the first answer's activity is gone.
    if (!earlier.has_value())
      return runtime::NotFoundError(kActivityType, ActivityName(*log.Earlier()));
    *response = PresentActivity(*earlier);
    return grpc::Status::OK;
  }
  // What needs the registry replica, reported with the fields above in one answer.
  if (!organization_id.empty()) {
    if (auto organization =
            references_.CheckOrganization(tx, caller, organization_id, &violations)) {
      references_.CheckRegion(*organization, content.region_code(), &violations);
    }
  }
  references_.CheckPeople(tx, content, &violations);
  CheckActivityCampaign(tx, context_.schema(), content, &violations);
  if (!violations.empty()) return violations.ToStatus();
  if (auto status = caller.RequireNamedRegion("activity.region_code", content.region_code());
      !status.ok()) {
    return status;
  }

  ActivityRecord record;
  record.id = runtime::NewResourceId();
  record.organization_id = organization_id;
  record.content = content;
  record.state = request.submit() ? v1::REVIEW_STATE_SUBMITTED : v1::REVIEW_STATE_DRAFT;
  if (request.submit()) record.submitter_subject = caller.subject();
  record.revision = 1;
  store_.Insert(tx, record, context_.regions.EnclosingPath(content.region_code()),
                caller.subject());
  if (request.submit()) {
    AppendActivityEvent(context_, tx, record, ActivitySubmittedEvent(record, false));
  }
  log.Record(record.id);
  auto created = store_.Find(tx, record.id);
  tx.commit();
  *response = PresentActivity(*created);
  return grpc::Status::OK;
}

grpc::Status ActivityHandlers::Get(const runtime::CallContext& call,
                                   const v1::GetActivityRequest& request, v1::Activity* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("GetActivity", kReaders); !status.ok()) return status;
  runtime::FieldViolations violations;
  const std::string id =
      runtime::CheckResourceName(violations, "name", request.name(), kActivityPrefix, true);
  if (!violations.empty()) return violations.ToStatus();
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  auto record = store_.Find(tx, id);
  // Another region's activity is answered exactly like a missing one.
  if (!record.has_value() || !caller.Covers(record->content.region_code())) {
    return runtime::NotFoundError(kActivityType, request.name());
  }
  *response = PresentActivity(*record);
  return grpc::Status::OK;
}

grpc::Status ActivityHandlers::List(const runtime::CallContext& call,
                                    const v1::ListActivitiesRequest& request,
                                    v1::ListActivitiesResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ListActivities", kReaders); !status.ok()) return status;
  // The reviewer's queue needs a reviewer, with the scopes of the reviewing roles.
  runtime::CallerAccess reviewer(call.principal(), context_.regions);
  if (request.awaiting_caller_review()) {
    if (auto status = reviewer.RequireRole("ListActivities (awaiting_caller_review)", kReviewers);
        !status.ok()) {
      return status;
    }
  }
  runtime::FieldViolations violations;
  ActivityListFilter filter;
  filter.states = CheckReviewStateFilter(request, &violations);
  filter.kinds = CheckKindFilter(request, &violations);
  if (request.six_into_category() != 0 &&
      !v1::SixIntoCategory_IsValid(request.six_into_category())) {
    violations.Add("six_into_category", common::v1::VALUE_NOT_ALLOWED, "unknown category");
  }
  filter.six_into_category = request.six_into_category();
  filter.organization_id = runtime::CheckResourceName(violations, "organization",
                                                      request.organization(), "organizations/",
                                                      /*required=*/false);
  filter.campaign_id = runtime::CheckResourceName(violations, "campaign", request.campaign(),
                                                  "campaigns/", /*required=*/false);
  filter.dates = runtime::CheckDateRangeFilter(violations, "date_range", request.has_date_range(),
                                               request.date_range());
  runtime::CheckRegionFilter(violations, context_.regions, "within_region_code",
                             request.within_region_code());
  runtime::PageRequest page;
  if (auto status = runtime::ReadPageRequest(request, &page); !status.ok()) return status;
  if (!violations.empty()) return violations.ToStatus();
  std::vector<std::string> regions;
  bool all = false;
  if (auto status =
          caller.ListScope("within_region_code", request.within_region_code(), &regions, &all);
      !status.ok()) {
    return status;
  }
  std::optional<ActivityCursor> after;
  if (!page.cursor.empty()) {
    std::vector<std::string> parts;
    ActivityCursor cursor;
    auto date = runtime::SplitCursor(page.cursor, 2, &parts) ? runtime::ParseIsoDate(parts[0])
                                                             : std::nullopt;
    if (!date.has_value() || !runtime::CursorToInt(parts[1], &cursor.seq)) {
      return runtime::InvalidPageTokenError();
    }
    cursor.date = *date;
    after = cursor;
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  filter.region_condition = runtime::RegionPathCondition(tx, "a.region_path", regions, all);
  if (request.awaiting_caller_review()) {
    std::vector<std::string> review_regions;
    bool review_all = false;
    if (auto status = reviewer.ListScope("", "", &review_regions, &review_all); !status.ok()) {
      return status;
    }
    filter.awaiting_review = true;
    filter.review_condition =
        runtime::RegionPathCondition(tx, kReviewRegionPath, review_regions, review_all);
    filter.reviewer_subject = reviewer.subject();
  }
  std::vector<ActivityRecord> records = store_.List(tx, filter, after, page.page_size + 1);
  const bool more = static_cast<int>(records.size()) > page.page_size;
  if (more) records.resize(page.page_size);
  for (const ActivityRecord& record : records) {
    *response->add_activities() = PresentActivity(record);
  }
  if (more) {
    const ActivityRecord& last = records.back();
    response->set_next_page_token(runtime::NextPageToken(
        request, runtime::JoinCursor(
                     {runtime::FormatIsoDate(runtime::FromProtoDate(last.content.activity_date())),
                      std::to_string(last.seq)})));
  }
  return grpc::Status::OK;
}

grpc::Status ActivityHandlers::Update(const runtime::CallContext& call,
                                      const v1::UpdateActivityRequest& request,
                                      v1::Activity* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("UpdateActivity", kPublicityStaff); !status.ok()) {
    return status;
  }
  const v1::Activity& input = request.activity();
  runtime::FieldViolations violations;
  const std::string id =
      runtime::CheckResourceName(violations, "activity.name", input.name(), kActivityPrefix, true);
  const std::set<std::string> paths = CheckActivityMask(request.update_mask(), &violations);
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  std::optional<ActivityRecord> record;
  if (auto status =
          LoadActivityForChange(tx, store_, caller, id, input.name(), request.etag(), &record);
      !status.ok()) {
    return status;
  }
  if (auto status = RequireActivityEditor(tx, references_, caller, *record); !status.ok()) {
    return status;
  }
  if (auto refusal = EditRefusal(record->state)) {
    return Refused(*refusal, *record, "UpdateActivity");
  }
  // The activity as the update leaves it: the named paths' values are the request's, so their
  // violations are the request's; the rules across fields see the result.
  v1::Activity updated = record->content;
  ApplyActivityPaths(input, paths, &updated);
  CheckActivityFields(updated, paths, runtime::TodayInShanghai(), &violations);
  if (paths.contains("region_code")) {
    if (auto organization = references_.FindOrganization(tx, record->organization_id)) {
      references_.CheckRegion(*organization, updated.region_code(), &violations);
    }
  }
  if (paths.contains("lecturers") || paths.contains("volunteers")) {
    references_.CheckPeople(tx, updated, &violations);
  }
  if (paths.contains("campaign") || paths.contains("activity_date")) {
    CheckActivityCampaign(tx, context_.schema(), updated, &violations);
  }
  if (!violations.empty()) return violations.ToStatus();
  if (paths.contains("region_code")) {
    if (auto status = caller.RequireNamedRegion("activity.region_code", updated.region_code());
        !status.ok()) {
      return status;
    }
  }
  record->content = updated;
  ++record->revision;
  store_.Update(tx, *record, context_.regions.EnclosingPath(updated.region_code()),
                caller.subject());
  auto stored = store_.Find(tx, id);
  tx.commit();
  *response = PresentActivity(*stored);
  return grpc::Status::OK;
}

grpc::Status ActivityHandlers::Delete(const runtime::CallContext& call,
                                      const v1::DeleteActivityRequest& request,
                                      google::protobuf::Empty*) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("DeleteActivity", kPublicityStaff); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const std::string id =
      runtime::CheckResourceName(violations, "name", request.name(), kActivityPrefix, true);
  if (!violations.empty()) return violations.ToStatus();
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  std::optional<ActivityRecord> record;
  if (auto status =
          LoadActivityForChange(tx, store_, caller, id, request.name(), request.etag(), &record);
      !status.ok()) {
    return status;
  }
  if (auto status = RequireActivityEditor(tx, references_, caller, *record); !status.ok()) {
    return status;
  }
  if (auto refusal = DeleteRefusal(record->state)) {
    return Refused(*refusal, *record, "DeleteActivity");
  }
  // A draft was never submitted: nothing was published about it, so nothing is retracted.
  store_.Delete(tx, id);
  tx.commit();
  return grpc::Status::OK;
}

grpc::Status ActivityHandlers::Submit(const runtime::CallContext& call,
                                      const v1::SubmitActivityRequest& request,
                                      v1::Activity* response) {
  return review_.Submit(call, request, response);
}

grpc::Status ActivityHandlers::Approve(const runtime::CallContext& call,
                                       const v1::ApproveActivityRequest& request,
                                       v1::Activity* response) {
  return review_.Approve(call, request, response);
}

grpc::Status ActivityHandlers::Reject(const runtime::CallContext& call,
                                      const v1::RejectActivityRequest& request,
                                      v1::Activity* response) {
  return review_.Reject(call, request, response);
}

grpc::Status ActivityHandlers::ProposeCorrection(
    const runtime::CallContext& call, const v1::ProposeActivityCorrectionRequest& request,
    v1::Activity* response) {
  return review_.ProposeCorrection(call, request, response);
}

}  // namespace jindu::publicity
