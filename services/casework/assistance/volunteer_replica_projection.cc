#include "casework/assistance/volunteer_replica_projection.h"

#include "casework/assistance/pairing_ending.h"
#include "casework/storage/case_store.h"
#include "casework/storage/pairing_store.h"
#include "jindu/registration/events/v1/volunteer_events.pb.h"
#include "jindu/registration/v1/volunteer.pb.h"
#include "runtime/inbox/idempotent_consumer.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {
namespace {

namespace reg = registration::events::v1;
using registration::v1::VolunteerState;

std::string VolunteerId(const std::string& name) {
  constexpr std::string_view kPrefix = "volunteers/";
  if (!name.starts_with(kPrefix) || name.size() == kPrefix.size()) {
    throw runtime::PermanentEventError("volunteer event without a volunteer name");
  }
  return name.substr(kPrefix.size());
}

template <typename Event>
Event Unpack(const events::v1::EventEnvelope& envelope) {
  Event event;
  if (!envelope.payload().UnpackTo(&event)) {
    throw runtime::PermanentEventError(envelope.event_type() + " payload does not parse");
  }
  return event;
}

// What an event says about the volunteer: a new state and/or region. Other events change nothing.
struct Change {
  std::string volunteer_id;
  std::optional<VolunteerState> state;
  std::string region;
  runtime::CivilDate effective_date;
};

std::optional<Change> ChangeOf(const events::v1::EventEnvelope& envelope) {
  const google::protobuf::Any& payload = envelope.payload();
  const runtime::CivilDate today = runtime::TodayInShanghai();
  auto dated = [&](const google::type::Date& date) {
    return date.year() == 0 ? today : runtime::FromProtoDate(date);
  };
  if (payload.Is<reg::VolunteerRegistered>()) {
    auto event = Unpack<reg::VolunteerRegistered>(envelope);
    return Change{VolunteerId(event.volunteer()), registration::v1::VOLUNTEER_STATE_APPLIED,
                  event.residence_region_code(), today};
  }
  if (payload.Is<reg::VolunteerApproved>()) {
    auto event = Unpack<reg::VolunteerApproved>(envelope);
    return Change{VolunteerId(event.volunteer()), registration::v1::VOLUNTEER_STATE_APPROVED, "",
                  dated(event.effective_date())};
  }
  if (payload.Is<reg::VolunteerActivated>()) {
    auto event = Unpack<reg::VolunteerActivated>(envelope);
    return Change{VolunteerId(event.volunteer()), registration::v1::VOLUNTEER_STATE_ACTIVE, "",
                  dated(event.effective_date())};
  }
  if (payload.Is<reg::VolunteerSuspended>()) {
    auto event = Unpack<reg::VolunteerSuspended>(envelope);
    return Change{VolunteerId(event.volunteer()), registration::v1::VOLUNTEER_STATE_SUSPENDED, "",
                  dated(event.effective_date())};
  }
  if (payload.Is<reg::VolunteerWithdrawn>()) {
    auto event = Unpack<reg::VolunteerWithdrawn>(envelope);
    return Change{VolunteerId(event.volunteer()), registration::v1::VOLUNTEER_STATE_WITHDRAWN, "",
                  dated(event.effective_date())};
  }
  if (payload.Is<reg::VolunteerProfileChanged>()) {
    auto event = Unpack<reg::VolunteerProfileChanged>(envelope);
    return Change{VolunteerId(event.volunteer()), std::nullopt, event.residence_region_code(),
                  today};
  }
  return std::nullopt;
}

}  // namespace

runtime::ProjectionDefinition VolunteerReplicaProjection(const CaseworkContext& context) {
  return {
      .name = "volunteers",
      .topics = {kVolunteerTopic},
      .handler = [&context](pqxx::work& tx, const events::v1::EventEnvelope& envelope) {
        const auto change = ChangeOf(envelope);
        if (!change.has_value()) return;
        const std::string table = context.schema() + ".volunteer_replica";
        // Events of one volunteer arrive in order on one partition; after a replay an older one
        // may come again, and must not undo a newer state.
        const pqxx::result applied = tx.exec_params(
            "INSERT INTO " + table +
                " AS v (volunteer_id, state, residence_region_code, aggregate_version) VALUES ($1, "
                "$2, $3, $4) ON CONFLICT (volunteer_id) DO UPDATE SET state = coalesce($5, "
                "v.state), residence_region_code = CASE WHEN $3 = '' THEN "
                "v.residence_region_code ELSE $3 END, aggregate_version = $4 WHERE "
                "v.aggregate_version < $4 RETURNING state",
            change->volunteer_id,
            static_cast<int>(change->state.value_or(registration::v1::VOLUNTEER_STATE_APPLIED)),
            change->region, envelope.aggregate_version(),
            change->state.has_value() ? std::optional<int>(*change->state) : std::nullopt);
        if (applied.empty() || !change->state.has_value()) return;
        if (*change->state != registration::v1::VOLUNTEER_STATE_SUSPENDED &&
            *change->state != registration::v1::VOLUNTEER_STATE_WITHDRAWN) {
          return;
        }
        const CaseStore cases(context.schema(), context.personal_data.cipher);
        for (const std::string& case_id :
             PairingStore(context.schema()).CasesPairedWith(tx, change->volunteer_id)) {
          auto record = cases.Find(tx, case_id, /*personal=*/false, /*lock=*/true);
          if (!record.has_value()) continue;
          EndActivePairings(context, tx, *record, change->volunteer_id,
                            v1::PAIRING_END_REASON_VOLUNTEER_INACTIVE, change->effective_date,
                            "registration");
          ++record->revision;
          record->update_subject = "registration";
          cases.Update(tx, *record, {});
        }
      }};
}

}  // namespace jindu::casework
