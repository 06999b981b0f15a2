#pragma once
// The casework service's replica of the registration service's volunteers (topic
// jindu.registration.volunteer.v1, read through runtime/registry/volunteer_change.h): state and
// region only. Pairing asks it whether a volunteer is ACTIVE; when one is suspended or withdraws,
// their active pairings end (VOLUNTEER_INACTIVE) in the same transaction that applies the event.
#include "casework/casework_context.h"
#include "runtime/inbox/projection.h"

namespace jindu::casework {

runtime::ProjectionDefinition VolunteerReplicaProjection(const CaseworkContext& context);

}  // namespace jindu::casework
