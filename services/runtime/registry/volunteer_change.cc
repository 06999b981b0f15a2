#include "runtime/registry/volunteer_change.h"

#include "jindu/registration/events/v1/volunteer_events.pb.h"
#include "runtime/inbox/idempotent_consumer.h"

namespace jindu::runtime {
namespace {

namespace reg = registration::events::v1;
using registration::v1::VolunteerState;

std::string IdOf(const std::string& name, std::string_view prefix) {
  if (!name.starts_with(prefix) || name.size() == prefix.size()) {
    throw PermanentEventError("volunteer event without a well-formed resource name");
  }
  return name.substr(prefix.size());
}

template <typename Event>
Event Unpack(const events::v1::EventEnvelope& envelope) {
  Event event;
  if (!envelope.payload().UnpackTo(&event)) {
    throw PermanentEventError(envelope.event_type() + " payload does not parse");
  }
  return event;
}

CivilDate DayOr(const google::type::Date& date, CivilDate fallback) {
  if (!IsValidCivilDate(date.year(), date.month(), date.day())) return fallback;
  return {date.year(), date.month(), date.day()};
}

template <typename Event>
VolunteerChange StateChange(const events::v1::EventEnvelope& envelope, VolunteerState state) {
  const auto event = Unpack<Event>(envelope);
  return {.volunteer_id = IdOf(event.volunteer(), "volunteers/"),
          .state = state,
          .effective_date = DayOr(event.effective_date(), TodayInShanghai())};
}

}  // namespace

std::optional<VolunteerChange> VolunteerChangeOf(const events::v1::EventEnvelope& envelope) {
  const google::protobuf::Any& payload = envelope.payload();
  const CivilDate today = TodayInShanghai();
  if (payload.Is<reg::VolunteerRegistered>()) {
    const auto event = Unpack<reg::VolunteerRegistered>(envelope);
    return VolunteerChange{.volunteer_id = IdOf(event.volunteer(), "volunteers/"),
                           .state = registration::v1::VOLUNTEER_STATE_APPLIED,
                           .residence_region_code = event.residence_region_code(),
                           .effective_date = DayOr(event.registered_date(), today)};
  }
  if (payload.Is<reg::VolunteerApproved>()) {
    return StateChange<reg::VolunteerApproved>(envelope,
                                               registration::v1::VOLUNTEER_STATE_APPROVED);
  }
  if (payload.Is<reg::VolunteerActivated>()) {
    return StateChange<reg::VolunteerActivated>(envelope, registration::v1::VOLUNTEER_STATE_ACTIVE);
  }
  if (payload.Is<reg::VolunteerSuspended>()) {
    return StateChange<reg::VolunteerSuspended>(envelope,
                                                registration::v1::VOLUNTEER_STATE_SUSPENDED);
  }
  if (payload.Is<reg::VolunteerWithdrawn>()) {
    return StateChange<reg::VolunteerWithdrawn>(envelope,
                                                registration::v1::VOLUNTEER_STATE_WITHDRAWN);
  }
  if (payload.Is<reg::VolunteerProfileChanged>()) {
    const auto event = Unpack<reg::VolunteerProfileChanged>(envelope);
    return VolunteerChange{.volunteer_id = IdOf(event.volunteer(), "volunteers/"),
                           .residence_region_code = event.residence_region_code(),
                           .effective_date = today};
  }
  if (payload.Is<reg::LecturerCertified>()) {
    const auto event = Unpack<reg::LecturerCertified>(envelope);
    return VolunteerChange{.volunteer_id = IdOf(event.volunteer(), "volunteers/"),
                           .lecture_team_id = IdOf(event.lecture_team(), "organizations/"),
                           .effective_date = DayOr(event.certified_date(), today)};
  }
  if (payload.Is<reg::LecturerCertificationRevoked>()) {
    const auto event = Unpack<reg::LecturerCertificationRevoked>(envelope);
    return VolunteerChange{.volunteer_id = IdOf(event.volunteer(), "volunteers/"),
                           .lecture_team_id = std::string(),
                           .effective_date = DayOr(event.effective_date(), today)};
  }
  return std::nullopt;
}

}  // namespace jindu::runtime
