#pragma once
// Who may touch an activity, shared by the editing and the reviewing handlers:
//   - it is seen by callers whose scope (for the method's roles) contains the activity's region;
//     anyone else is answered NOT_FOUND exactly as for a missing activity;
//   - it is changed by its branch: staff whose scope contains the holding organisation's region
//     (PERMISSION_DENIED / REGION_OUT_OF_SCOPE otherwise);
//   - it is reviewed by the level above: a reviewer whose scope contains the region of the holding
//     organisation's parent (its own region at the top), who did not submit it (PERMISSION_DENIED /
//     REGION_OUT_OF_SCOPE otherwise).
#include <grpcpp/support/status.h>

#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "publicity/activities/activity_record.h"
#include "publicity/activities/activity_references.h"
#include "publicity/activities/activity_store.h"
#include "runtime/access/caller_access.h"

namespace jindu::publicity {

// Locks and loads the activity `id` (named `name` in answers): NOT_FOUND when missing or outside
// the caller's scope, ABORTED / ETAG_MISMATCH when `etag` is given and stale.
grpc::Status LoadActivityForChange(pqxx::work& tx, const ActivityStore& store,
                                   const runtime::CallerAccess& caller, const std::string& id,
                                   const std::string& name, const std::string& etag,
                                   std::optional<ActivityRecord>* record);

// The branch's right to change `record`: the caller covers the holding organisation's region.
grpc::Status RequireActivityEditor(pqxx::transaction_base& tx, const ActivityReferences& references,
                                   const runtime::CallerAccess& caller,
                                   const ActivityRecord& record);

// The level above's right to review `record` (see the top of this file).
grpc::Status RequireActivityReviewer(pqxx::transaction_base& tx,
                                     const ActivityReferences& references,
                                     const runtime::CallerAccess& reviewer,
                                     const ActivityRecord& record);

}  // namespace jindu::publicity
