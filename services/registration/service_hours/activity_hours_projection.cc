#include "registration/service_hours/activity_hours_projection.h"

#include <set>

#include "jindu/publicity/events/v1/activity_events.pb.h"
#include "registration/service_hours/daily_service_limit.h"
#include "registration/service_hours/service_hour_events.h"
#include "registration/storage/participant_lookup.h"
#include "registration/storage/service_hour_store.h"
#include "runtime/api/request_checks.h"
#include "runtime/ids/resource_ids.h"
#include "runtime/inbox/idempotent_consumer.h"
#include "runtime/logging/logger.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::registration {
namespace {

using publicity::events::v1::ActivityApproved;
using publicity::events::v1::ActivityCorrected;
using publicity::events::v1::ActivityFacts;
using v1::SERVICE_HOUR_STATE_CONFIRMED;
using v1::SERVICE_HOUR_STATE_PENDING_CONFIRMATION;
using v1::SERVICE_HOUR_STATE_REVIEW_REQUIRED;

// Who wrote the records, in their audit fields: this projection, not a person.
constexpr const char* kProjectionSubject = "registration.activity_hours";
constexpr const char* kUnusableVolunteerNote = "volunteer is not approved, active or suspended";

struct Arrival {
  v1::ServiceHourState state = SERVICE_HOUR_STATE_REVIEW_REQUIRED;
  std::string review_note;
};

struct Tally {
  int confirmed = 0;
  int in_review = 0;
  int unchanged = 0;
  int corrections = 0;
  int skipped = 0;
};

class ActivityHours {
 public:
  ActivityHours(const std::string& schema, const runtime::OutboxWriter& outbox)
      : store_(schema), participants_(schema), outbox_(outbox) {}

  void Apply(pqxx::work& tx, const ActivityFacts& facts) const {
    const std::string activity_id = runtime::ResourceIdFromName(facts.activity(), "activities/");
    const runtime::CivilDate work_date = runtime::FromProtoDate(facts.activity_date());
    if (activity_id.empty() || !runtime::IsValidCivilDate(work_date)) {
      throw runtime::PermanentEventError("activity facts without a valid activity name or date");
    }
    const std::string organizer_id =
        runtime::ResourceIdFromName(facts.organization(), "organizations/");
    auto organizer =
        organizer_id.empty() ? std::nullopt : participants_.Organizer(tx, organizer_id);
    if (!organizer.has_value()) {
      runtime::LogWarn("publicity hours skipped: unknown organiser",
                       {{"activity", facts.activity()}, {"organizer", facts.organization()}});
      return;
    }
    Tally tally;
    std::set<std::string> seen;
    for (const auto& served : facts.volunteers()) {
      const std::string volunteer_id =
          runtime::ResourceIdFromName(served.volunteer(), "volunteers/");
      if (volunteer_id.empty() || !seen.insert(volunteer_id).second || served.minutes() < 1 ||
          served.minutes() > runtime::kMinutesPerDay) {
        runtime::LogWarn("publicity hours skipped: malformed, repeated or out-of-range entry",
                         {{"activity", facts.activity()}, {"volunteer", served.volunteer()}});
        ++tally.skipped;
        continue;
      }
      auto volunteer = participants_.Volunteer(tx, volunteer_id);
      if (!volunteer.has_value()) {
        runtime::LogWarn("publicity hours skipped: unknown volunteer",
                         {{"activity", facts.activity()}, {"volunteer", served.volunteer()}});
        ++tally.skipped;
        continue;
      }
      ApplyOne(tx, facts, *volunteer, organizer_id, work_date, served.minutes(), tally);
    }
    runtime::LogInfo("publicity hours applied", {{"activity", facts.activity()},
                                                 {"revision", facts.approved_revision()},
                                                 {"confirmed", tally.confirmed},
                                                 {"in_review", tally.in_review},
                                                 {"unchanged", tally.unchanged},
                                                 {"corrections", tally.corrections},
                                                 {"skipped", tally.skipped}});
  }

 private:
  // Where a record with these facts lands: the rules a person would be refused by send it to
  // review instead. Takes the volunteer-day lock.
  Arrival Arrive(pqxx::work& tx, const VolunteerFacts& volunteer, runtime::CivilDate work_date,
                 int minutes, const std::string& record_id) const {
    if (!MayBeRecorded(volunteer.state)) return {.review_note = kUnusableVolunteerNote};
    if (!FitsInDay(tx, store_, volunteer.volunteer_id, work_date, minutes, record_id)) {
      return {.review_note = kDailyLimitReviewNote};
    }
    return {.state = SERVICE_HOUR_STATE_CONFIRMED};
  }

  void ApplyOne(pqxx::work& tx, const ActivityFacts& facts, const VolunteerFacts& volunteer,
                const std::string& organizer_id, runtime::CivilDate work_date, int minutes,
                Tally& tally) const {
    auto existing = store_.FindForActivity(tx, facts.activity(), volunteer.volunteer_id);
    if (!existing.has_value()) {
      const Arrival arrival = Arrive(tx, volunteer, work_date, minutes, "");
      const NewRecord record{
          .record_id = runtime::NewResourceId(),
          .volunteer_id = volunteer.volunteer_id,
          .organizer_id = organizer_id,
          .work_date = work_date,
          .minutes = minutes,
          .source = v1::SERVICE_HOUR_SOURCE_PUBLICITY_ACTIVITY,
          .activity = facts.activity(),
          .state = arrival.state,
          .review_note = arrival.review_note,
          .event_version = arrival.state == SERVICE_HOUR_STATE_CONFIRMED ? 1 : 0};
      store_.Insert(tx, record, kProjectionSubject);
      Count(arrival, tally);
      if (arrival.state == SERVICE_HOUR_STATE_CONFIRMED) {
        AppendServiceHoursConfirmed(tx, outbox_, *store_.Get(tx, record.record_id), false);
      }
      return;
    }
    const StoredRecord& stored = *existing;
    if (stored.work_date == work_date && stored.record.minutes() == minutes) {
      ++tally.unchanged;  // a re-delivery, or a correction that left this volunteer alone
      return;
    }
    switch (stored.record.state()) {
      case SERVICE_HOUR_STATE_PENDING_CONFIRMATION:
      case SERVICE_HOUR_STATE_REVIEW_REQUIRED: {
        // Not counted yet: the new facts replace the old and meet the rules afresh.
        const Arrival arrival = Arrive(tx, volunteer, work_date, minutes, stored.record_id);
        const bool confirmed = arrival.state == SERVICE_HOUR_STATE_CONFIRMED;
        store_.ReplaceUnconfirmed(tx, stored.record_id, work_date, minutes, arrival.state,
                                  arrival.review_note, stored.event_version + (confirmed ? 1 : 0),
                                  kProjectionSubject);
        Count(arrival, tally);
        if (confirmed) {
          AppendServiceHoursConfirmed(tx, outbox_, *store_.Get(tx, stored.record_id), false);
        }
        return;
      }
      case SERVICE_HOUR_STATE_CONFIRMED: {
        // Counted hours change only by the organiser's approval; the newest facts replace any
        // correction still pending, so the organiser decides on what publicity now says.
        CorrectionRequest correction{
            .minutes = minutes,
            .reason = "宣传活动更正（第" + std::to_string(facts.approved_revision()) + "版）"};
        if (stored.work_date != work_date) correction.work_date = work_date;
        store_.SetCorrection(tx, stored.record_id, correction, kProjectionSubject);
        ++tally.corrections;
        return;
      }
      default:
        ++tally.unchanged;  // rejected by the organiser: stays rejected
        return;
    }
  }

  static void Count(const Arrival& arrival, Tally& tally) {
    if (arrival.state == SERVICE_HOUR_STATE_CONFIRMED) {
      ++tally.confirmed;
    } else {
      ++tally.in_review;
    }
  }

  ServiceHourStore store_;
  ParticipantLookup participants_;
  const runtime::OutboxWriter& outbox_;
};

}  // namespace

runtime::ProjectionDefinition ActivityHoursProjection(const std::string& schema,
                                                      const std::string& producer) {
  auto outbox = std::make_shared<runtime::OutboxWriter>(schema, producer);
  auto hours = std::make_shared<ActivityHours>(schema, *outbox);
  return {.name = "activity_hours",
          .topics = {kPublicityActivityTopic},
          .handler = [outbox, hours](pqxx::work& tx, const events::v1::EventEnvelope& event) {
            ActivityFacts facts;
            if (event.payload().Is<ActivityApproved>()) {
              ActivityApproved approved;
              if (!event.payload().UnpackTo(&approved)) {
                throw runtime::PermanentEventError("ActivityApproved payload does not parse");
              }
              facts = approved.activity();
            } else if (event.payload().Is<ActivityCorrected>()) {
              ActivityCorrected corrected;
              if (!event.payload().UnpackTo(&corrected)) {
                throw runtime::PermanentEventError("ActivityCorrected payload does not parse");
              }
              facts = corrected.activity();
            } else {
              return;  // submissions and rejections carry no hours
            }
            if (facts.volunteers_size() == 0) return;
            hours->Apply(tx, facts);
          }};
}

}  // namespace jindu::registration
