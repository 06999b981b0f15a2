#pragma once
// The projection "activity_hours": service hours from approved publicity activities. It consumes
// jindu.publicity.activity.v1 and, for each ActivityApproved (and ActivityCorrected that lists
// volunteers), makes one SERVICE_HOUR_SOURCE_PUBLICITY_ACTIVITY record per volunteer who served,
// owned by the activity's holding organisation:
//   - confirmed at once (with its ServiceHoursConfirmed event) when it keeps the volunteer's day
//     within 24 hours and the volunteer is approved, active or suspended;
//   - otherwise REVIEW_REQUIRED with a review note, in the organiser's queue: a rule broken by a
//     real activity is the organiser's to sort out, never a dead letter;
//   - an unknown organiser or volunteer is skipped with a warning (ids only, never names).
// Idempotent twice over: the inbox drops re-delivered event ids, and a record is unique per
// activity and volunteer, so a later revision of the activity never doubles hours. A correction
// that changes a volunteer's day or minutes updates a record still awaiting the organiser, and
// becomes a pending correction (the organiser approves it) of a confirmed one.
#include <string>

#include "runtime/service/service_main.h"

namespace jindu::registration {

inline constexpr const char* kPublicityActivityTopic = "jindu.publicity.activity.v1";

// `schema` is the registration schema, `producer` the service name its own events go out under.
runtime::ProjectionDefinition ActivityHoursProjection(const std::string& schema,
                                                      const std::string& producer);

}  // namespace jindu::registration
