#include "publicity/activities/activity_access.h"

#include "runtime/api/api_error.h"

namespace jindu::publicity {
namespace {

grpc::Status OutOfScope(const ActivityRecord& record, const std::string& why) {
  return runtime::ApiError(grpc::StatusCode::PERMISSION_DENIED, common::v1::REGION_OUT_OF_SCOPE,
                           ActivityName(record.id) + ": " + why,
                           {{"activity", ActivityName(record.id)}});
}

}  // namespace

grpc::Status LoadActivityForChange(pqxx::work& tx, const ActivityStore& store,
                                   const runtime::CallerAccess& caller, const std::string& id,
                                   const std::string& name, const std::string& etag,
                                   std::optional<ActivityRecord>* record) {
  *record = store.Find(tx, id, /*lock=*/true);
  if (!record->has_value() || !caller.Covers((*record)->content.region_code())) {
    record->reset();
    return runtime::NotFoundError(kActivityType, name);
  }
  if (!etag.empty() && etag != std::to_string((*record)->revision)) {
    return runtime::EtagMismatchError(name);
  }
  return grpc::Status::OK;
}

grpc::Status RequireActivityEditor(pqxx::transaction_base& tx, const ActivityReferences& references,
                                   const runtime::CallerAccess& caller,
                                   const ActivityRecord& record) {
  auto organization = references.FindOrganization(tx, record.organization_id);
  if (!organization.has_value() || !caller.Covers(organization->region_code)) {
    return OutOfScope(record, "only the holding organisation's own staff change its activities");
  }
  return grpc::Status::OK;
}

grpc::Status RequireActivityReviewer(pqxx::transaction_base& tx,
                                     const ActivityReferences& references,
                                     const runtime::CallerAccess& reviewer,
                                     const ActivityRecord& record) {
  auto organization = references.FindOrganization(tx, record.organization_id);
  if (!organization.has_value() || organization->review_region_code.empty() ||
      !reviewer.Covers(organization->review_region_code)) {
    return OutOfScope(record,
                      "the level above the holding organisation reviews its activities: the "
                      "reviewer's scope must contain the parent organisation's region");
  }
  if (reviewer.subject() == record.submitter_subject) {
    return OutOfScope(record, "the submitter of an activity may not review it");
  }
  return grpc::Status::OK;
}

}  // namespace jindu::publicity
