#pragma once
// What an activity names in the registry replica (publicity/registry): its holding organisation
// (active, its region containing the activity's, the region its reviewers must cover), its
// lecturers (certified, active) and its volunteers (active). Read in the write's transaction; the
// replica follows registration's events, so an approval re-checks the people named.
#include <grpcpp/support/status.h>

#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "jindu/publicity/v1/activity.pb.h"
#include "publicity/registry/registry_projection.h"
#include "runtime/access/caller_access.h"
#include "runtime/api/api_error.h"
#include "runtime/regions/region_directory.h"

namespace jindu::publicity {

struct HoldingOrganization {
  std::string id;
  int state = 0;  // jindu.registration.v1.OrganizationState
  std::string region_code;
  std::string parent_id;  // '' at the top
  // Who reviews its activities must cover this region: the parent's, or its own at the top. Empty
  // when the parent is not (yet) in the replica: then nobody may review.
  std::string review_region_code;
};

class ActivityReferences {
 public:
  ActivityReferences(std::string schema, const runtime::RegionDirectory& regions)
      : schema_(schema), regions_(regions), registry_(std::move(schema)) {}

  std::optional<HoldingOrganization> FindOrganization(pqxx::transaction_base& tx,
                                                      const std::string& id) const;

  // The organisation of a new activity ("activity.organization"): it exists, the caller covers
  // its region (otherwise reported exactly as missing: REFERENCE_NOT_FOUND) and it is active
  // (VALUE_NOT_ALLOWED). The organisation when all holds.
  std::optional<HoldingOrganization> CheckOrganization(pqxx::transaction_base& tx,
                                                       const runtime::CallerAccess& caller,
                                                       const std::string& id,
                                                       runtime::FieldViolations* violations) const;
  // "activity.region_code": a known region (REFERENCE_NOT_FOUND) inside the organisation's region
  // (VALUE_NOT_ALLOWED). The caller's scope is checked by the handler (PERMISSION_DENIED).
  void CheckRegion(const HoldingOrganization& organization, const std::string& region_code,
                   runtime::FieldViolations* violations) const;
  // "activity.lecturers[i]": certified lecturers in the replica (REFERENCE_NOT_FOUND otherwise),
  // active (VALUE_NOT_ALLOWED). "activity.volunteers[i].volunteer": known (REFERENCE_NOT_FOUND),
  // active (VALUE_NOT_ALLOWED). Names already well formed.
  void CheckPeople(pqxx::transaction_base& tx, const v1::Activity& activity,
                   runtime::FieldViolations* violations) const;
  // The same rules at approval: FAILED_PRECONDITION / LECTURER_NOT_CERTIFIED or
  // VOLUNTEER_NOT_ACTIVE naming the first person who no longer qualifies.
  grpc::Status RecheckPeople(pqxx::transaction_base& tx, const v1::Activity& activity,
                             const std::string& activity_name) const;

 private:
  std::string schema_;
  const runtime::RegionDirectory& regions_;
  Registry registry_;
};

}  // namespace jindu::publicity
