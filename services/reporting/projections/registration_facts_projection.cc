#include "reporting/projections/registration_facts_projection.h"

#include <google/protobuf/util/time_util.h>

#include "jindu/registration/events/v1/organization_events.pb.h"
#include "jindu/registration/events/v1/public_profile_events.pb.h"
#include "jindu/registration/events/v1/service_hour_events.pb.h"
#include "jindu/registration/events/v1/training_events.pb.h"
#include "jindu/registration/events/v1/volunteer_events.pb.h"
#include "reporting/freshness/freshness_store.h"
#include "reporting/projections/fact_region_path.h"
#include "runtime/inbox/idempotent_consumer.h"
#include "runtime/postgres/row_conversions.h"
#include "runtime/registry/volunteer_change.h"

namespace jindu::reporting {
namespace {

namespace rev = registration::events::v1;

template <typename Event>
Event Unpack(const events::v1::EventEnvelope& envelope) {
  Event event;
  if (!envelope.payload().UnpackTo(&event)) {
    throw runtime::PermanentEventError(envelope.event_type() + " payload does not parse");
  }
  return event;
}

std::string IdOf(const std::string& name, std::string_view prefix, bool required = true) {
  if (name.starts_with(prefix) && name.size() > prefix.size()) return name.substr(prefix.size());
  if (required) {
    throw runtime::PermanentEventError("event without a well-formed " + std::string(prefix) +
                                       " name");
  }
  return std::string();
}

std::string OccurredDay(const events::v1::EventEnvelope& envelope) {
  const int64_t micros =
      google::protobuf::util::TimeUtil::TimestampToMicroseconds(envelope.occurred_at());
  return runtime::FormatIsoDate(runtime::CivilDateInShanghai(
      std::chrono::system_clock::time_point(std::chrono::microseconds(micros))));
}

// The fact's own day; a date-less fact counts on the day (Asia/Shanghai) the event occurred.
std::string DayOf(const google::type::Date& date, const events::v1::EventEnvelope& envelope) {
  if (runtime::IsValidCivilDate(date.year(), date.month(), date.day())) {
    return runtime::FormatIsoDate(runtime::FromProtoDate(date));
  }
  return OccurredDay(envelope);
}

std::optional<std::string> OptionalDay(const google::type::Date& date) {
  if (!runtime::IsValidCivilDate(date.year(), date.month(), date.day())) return std::nullopt;
  return runtime::FormatIsoDate(runtime::FromProtoDate(date));
}

void ApplyOrganization(pqxx::work& tx, const ReportingContext& context,
                       const events::v1::EventEnvelope& envelope) {
  const google::protobuf::Any& payload = envelope.payload();
  rev::OrganizationFacts facts;
  if (payload.Is<rev::OrganizationCreated>()) {
    facts = Unpack<rev::OrganizationCreated>(envelope).organization();
  } else if (payload.Is<rev::OrganizationChanged>()) {
    facts = Unpack<rev::OrganizationChanged>(envelope).organization();
  } else {
    return;
  }
  tx.exec_params(
      "INSERT INTO " + context.schema() +
          ".organization_facts AS o (organization_id, display_name, kind, parent_id, "
          "region_code, region_path, founding_date, state, dissolution_date, aggregate_version) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $9::date, $10) ON CONFLICT "
          "(organization_id) DO UPDATE SET display_name = EXCLUDED.display_name, kind = "
          "EXCLUDED.kind, parent_id = EXCLUDED.parent_id, region_code = EXCLUDED.region_code, "
          "region_path = EXCLUDED.region_path, founding_date = EXCLUDED.founding_date, state = "
          "EXCLUDED.state, dissolution_date = EXCLUDED.dissolution_date, aggregate_version = "
          "EXCLUDED.aggregate_version WHERE o.aggregate_version < EXCLUDED.aggregate_version",
      IdOf(facts.organization(), "organizations/"), facts.display_name(),
      static_cast<int>(facts.kind()), IdOf(facts.parent(), "organizations/", false),
      facts.region_code(), FactRegionPath(context.regions, facts.region_code()),
      OptionalDay(facts.founding_date()), static_cast<int>(facts.state()),
      facts.state() == registration::v1::ORGANIZATION_STATE_DISSOLVED
          ? std::optional<std::string>(DayOf(facts.dissolution_date(), envelope))
          : std::nullopt,
      envelope.aggregate_version());
}

void ApplyVolunteer(pqxx::work& tx, const ReportingContext& context,
                    const events::v1::EventEnvelope& envelope) {
  const auto change = runtime::VolunteerChangeOf(envelope);
  if (!change.has_value()) return;
  const std::string& schema = context.schema();
  // The effective day as the event says it; a change without its own day (a profile change)
  // counts from the day it occurred, so a replay gives the same answer.
  const std::string day = envelope.payload().Is<rev::VolunteerProfileChanged>()
                              ? OccurredDay(envelope)
                              : runtime::FormatIsoDate(change->effective_date);
  if (!change->residence_region_code.empty() || change->state.has_value()) {
    const bool registered = envelope.payload().Is<rev::VolunteerRegistered>();
    tx.exec_params(
        "INSERT INTO " + schema +
            ".volunteer_facts AS v (volunteer_id, residence_region_code, region_path, "
            "registered_date, region_version) VALUES ($1, $2, $3, $4::date, $5) ON CONFLICT "
            "(volunteer_id) DO UPDATE SET residence_region_code = CASE WHEN $2 = '' OR "
            "v.region_version >= $5 THEN v.residence_region_code ELSE $2 END, region_path = CASE "
            "WHEN $2 = '' OR v.region_version >= $5 THEN v.region_path ELSE $3 END, "
            "registered_date = coalesce($6::date, v.registered_date), region_version = CASE WHEN "
            "$2 = '' THEN v.region_version ELSE greatest(v.region_version, $5) END",
        change->volunteer_id, change->residence_region_code,
        change->residence_region_code.empty()
            ? std::string()
            : FactRegionPath(context.regions, change->residence_region_code),
        registered ? std::optional<std::string>(day) : std::nullopt,
        change->residence_region_code.empty() ? int64_t{0} : envelope.aggregate_version(),
        registered ? std::optional<std::string>(day) : std::nullopt);
  }
  if (change->state.has_value()) {
    tx.exec_params("INSERT INTO " + schema +
                       ".volunteer_state_facts (volunteer_id, aggregate_version, state, "
                       "effective_date) VALUES ($1, $2, $3, $4::date) ON CONFLICT DO NOTHING",
                   change->volunteer_id, envelope.aggregate_version(),
                   static_cast<int>(*change->state), day);
  }
  if (change->lecture_team_id.has_value()) {
    tx.exec_params("INSERT INTO " + schema +
                       ".lecturer_certification_facts (volunteer_id, aggregate_version, "
                       "lecture_team_id, effective_date) VALUES ($1, $2, $3, $4::date) ON "
                       "CONFLICT DO NOTHING",
                   change->volunteer_id, envelope.aggregate_version(), *change->lecture_team_id,
                   day);
  }
}

void ApplyPublicProfile(pqxx::work& tx, const ReportingContext& context,
                        const events::v1::EventEnvelope& envelope) {
  const google::protobuf::Any& payload = envelope.payload();
  const std::string sql =
      "INSERT INTO " + context.schema() +
      ".public_profile_facts AS p (profile_id, volunteer_id, display_name, withdrawn, "
      "aggregate_version) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (profile_id) DO UPDATE SET "
      "volunteer_id = CASE WHEN EXCLUDED.volunteer_id = '' THEN p.volunteer_id ELSE "
      "EXCLUDED.volunteer_id END, display_name = EXCLUDED.display_name, withdrawn = "
      "EXCLUDED.withdrawn, aggregate_version = EXCLUDED.aggregate_version WHERE "
      "p.aggregate_version < EXCLUDED.aggregate_version";
  if (payload.Is<rev::PublicProfileUpserted>()) {
    const auto profile = Unpack<rev::PublicProfileUpserted>(envelope);
    if (profile.profile_id().empty()) throw runtime::PermanentEventError("profile without an id");
    tx.exec_params(sql, profile.profile_id(), IdOf(profile.volunteer(), "volunteers/", false),
                   profile.display_name(), false, envelope.aggregate_version());
  } else if (payload.Is<rev::PublicProfileWithdrawn>()) {
    // The name is dropped for new output.
    const auto withdrawn = Unpack<rev::PublicProfileWithdrawn>(envelope);
    if (withdrawn.profile_id().empty()) {
      throw runtime::PermanentEventError("profile without an id");
    }
    tx.exec_params(sql, withdrawn.profile_id(), std::string(), std::string(), true,
                   envelope.aggregate_version());
  }
}

void ApplyTraining(pqxx::work& tx, const ReportingContext& context,
                   const events::v1::EventEnvelope& envelope) {
  const google::protobuf::Any& payload = envelope.payload();
  const std::string& schema = context.schema();
  if (payload.Is<rev::TrainingSessionRecorded>()) {
    const auto session = Unpack<rev::TrainingSessionRecorded>(envelope);
    tx.exec_params("INSERT INTO " + schema +
                       ".training_session_facts (training_session_id, organizer_id, region_code, "
                       "region_path, session_date, duration_minutes) VALUES ($1, $2, $3, $4, "
                       "$5::date, $6) ON CONFLICT DO NOTHING",
                   IdOf(session.training_session(), "trainingSessions/"),
                   IdOf(session.organizer(), "organizations/", false), session.region_code(),
                   FactRegionPath(context.regions, session.region_code()),
                   DayOf(session.session_date(), envelope), session.duration_minutes());
  } else if (payload.Is<rev::TrainingAttended>()) {
    const auto attended = Unpack<rev::TrainingAttended>(envelope);
    if (attended.attendance().empty()) throw runtime::PermanentEventError("attendance without id");
    tx.exec_params("INSERT INTO " + schema +
                       ".training_attendance_facts (attendance, training_session_id, "
                       "volunteer_id, region_code, region_path, session_date, attended_minutes, "
                       "deleted) VALUES ($1, $2, $3, $4, $5, $6::date, $7, false) ON CONFLICT DO "
                       "NOTHING",
                   attended.attendance(), IdOf(attended.training_session(), "trainingSessions/"),
                   IdOf(attended.volunteer(), "volunteers/"), attended.region_code(),
                   FactRegionPath(context.regions, attended.region_code()),
                   DayOf(attended.session_date(), envelope), attended.attended_minutes());
  } else if (payload.Is<rev::TrainingAttendanceDeleted>()) {
    const auto deleted = Unpack<rev::TrainingAttendanceDeleted>(envelope);
    tx.exec_params(
        "UPDATE " + schema + ".training_attendance_facts SET deleted = true WHERE attendance = $1",
        deleted.attendance());
  }
}

void ApplyServiceHours(pqxx::work& tx, const ReportingContext& context,
                       const events::v1::EventEnvelope& envelope) {
  if (!envelope.payload().Is<rev::ServiceHoursConfirmed>()) return;
  const auto hours = Unpack<rev::ServiceHoursConfirmed>(envelope);
  // The last confirmed facts of a record replace the earlier ones (an approved correction).
  tx.exec_params(
      "INSERT INTO " + context.schema() +
          ".service_hour_facts AS s (record_id, volunteer_id, organizer_id, region_code, "
          "region_path, work_date, minutes, activity_id, aggregate_version) VALUES ($1, $2, $3, "
          "$4, $5, $6::date, $7, $8, $9) ON CONFLICT (record_id) DO UPDATE SET volunteer_id = "
          "EXCLUDED.volunteer_id, organizer_id = EXCLUDED.organizer_id, region_code = "
          "EXCLUDED.region_code, region_path = EXCLUDED.region_path, work_date = "
          "EXCLUDED.work_date, minutes = EXCLUDED.minutes, activity_id = EXCLUDED.activity_id, "
          "aggregate_version = EXCLUDED.aggregate_version WHERE s.aggregate_version < "
          "EXCLUDED.aggregate_version",
      IdOf(hours.service_hour_record(), "serviceHourRecords/"),
      IdOf(hours.volunteer(), "volunteers/"), IdOf(hours.organizer(), "organizations/", false),
      hours.region_code(), FactRegionPath(context.regions, hours.region_code()),
      DayOf(hours.work_date(), envelope), hours.minutes(),
      IdOf(hours.activity(), "activities/", false), envelope.aggregate_version());
}

}  // namespace

std::vector<runtime::ProjectionDefinition> RegistrationFactsProjections(ReportingContext& context) {
  return {{.name = "registration_facts",
           .topics = {kOrganizationTopic, kVolunteerTopic, kPublicProfileTopic,
                      kTrainingSessionTopic, kServiceHourTopic},
           .handler = [&context](pqxx::work& tx, const events::v1::EventEnvelope& envelope) {
             const std::string& type = envelope.aggregate_type();
             if (type == "organization") {
               ApplyOrganization(tx, context, envelope);
             } else if (type == "volunteer") {
               ApplyVolunteer(tx, context, envelope);
             } else if (type == "public_profile") {
               ApplyPublicProfile(tx, context, envelope);
             } else if (type == "training_session") {
               ApplyTraining(tx, context, envelope);
             } else if (type == "service_hour_record") {
               ApplyServiceHours(tx, context, envelope);
             }
             RecordFreshness(tx, context.schema(), envelope);
           }}};
}

// Append-only, like every migration track.
runtime::MigrationTrack RegistrationFactsMigrations() {
  return {"reporting_registration_facts",
          {
              {1, "create_registration_facts", R"sql(
CREATE TABLE organization_facts (
  organization_id text PRIMARY KEY,
  display_name text NOT NULL,
  kind smallint NOT NULL,                 -- jindu.registration.v1.OrganizationKind
  parent_id text NOT NULL,                -- '' at the top
  region_code text NOT NULL,
  region_path text NOT NULL,
  founding_date date,
  state smallint NOT NULL,                -- jindu.registration.v1.OrganizationState
  dissolution_date date,
  aggregate_version bigint NOT NULL
);
CREATE INDEX organization_facts_kind ON organization_facts (kind);
-- Volunteers: no name, no number; the residence region and the day registered.
CREATE TABLE volunteer_facts (
  volunteer_id text PRIMARY KEY,
  residence_region_code text NOT NULL,
  region_path text NOT NULL,
  registered_date date,
  region_version bigint NOT NULL          -- the event version the region is from
);
-- Every state a volunteer entered and from which day: the state at a period's end is the newest.
CREATE TABLE volunteer_state_facts (
  volunteer_id text NOT NULL,
  aggregate_version bigint NOT NULL,
  state smallint NOT NULL,                -- jindu.registration.v1.VolunteerState
  effective_date date NOT NULL,
  PRIMARY KEY (volunteer_id, aggregate_version)
);
-- Lecturer certifications ('' = revoked) by day.
CREATE TABLE lecturer_certification_facts (
  volunteer_id text NOT NULL,
  aggregate_version bigint NOT NULL,
  lecture_team_id text NOT NULL,
  effective_date date NOT NULL,
  PRIMARY KEY (volunteer_id, aggregate_version)
);
-- Published names of lecturers and officers (public role data), only to print tables.
CREATE TABLE public_profile_facts (
  profile_id text PRIMARY KEY,
  volunteer_id text NOT NULL,
  display_name text NOT NULL,
  withdrawn boolean NOT NULL,
  aggregate_version bigint NOT NULL
);
CREATE INDEX public_profile_facts_volunteer ON public_profile_facts (volunteer_id);
CREATE TABLE training_session_facts (
  training_session_id text PRIMARY KEY,
  organizer_id text NOT NULL,
  region_code text NOT NULL,
  region_path text NOT NULL,
  session_date date NOT NULL,
  duration_minutes integer NOT NULL
);
CREATE TABLE training_attendance_facts (
  attendance text PRIMARY KEY,
  training_session_id text NOT NULL,
  volunteer_id text NOT NULL,
  region_code text NOT NULL,
  region_path text NOT NULL,
  session_date date NOT NULL,
  attended_minutes integer NOT NULL,
  deleted boolean NOT NULL
);
CREATE TABLE service_hour_facts (
  record_id text PRIMARY KEY,
  volunteer_id text NOT NULL,
  organizer_id text NOT NULL,
  region_code text NOT NULL,
  region_path text NOT NULL,
  work_date date NOT NULL,
  minutes integer NOT NULL,
  activity_id text NOT NULL,
  aggregate_version bigint NOT NULL
);
)sql"},
          }};
}

}  // namespace jindu::reporting
