#include "reporting/projections/publicity_facts_projection.h"

#include <google/protobuf/util/time_util.h>

#include "jindu/publicity/events/v1/activity_events.pb.h"
#include "jindu/publicity/events/v1/campaign_events.pb.h"
#include "jindu/publicity/events/v1/news_report_events.pb.h"
#include "jindu/publicity/events/v1/participation_events.pb.h"
#include "reporting/freshness/freshness_store.h"
#include "reporting/projections/fact_region_path.h"
#include "runtime/inbox/idempotent_consumer.h"
#include "runtime/postgres/row_conversions.h"
#include "runtime/postgres/sql_arrays.h"

namespace jindu::reporting {
namespace {

namespace pev = publicity::events::v1;

template <typename Event>
Event Unpack(const events::v1::EventEnvelope& envelope) {
  Event event;
  if (!envelope.payload().UnpackTo(&event)) {
    throw runtime::PermanentEventError(envelope.event_type() + " payload does not parse");
  }
  return event;
}

// "activities/abc" -> "abc"; a fact without its own name cannot be keyed, so it is poison.
std::string IdOf(const std::string& name, std::string_view prefix, bool required = true) {
  if (name.starts_with(prefix) && name.size() > prefix.size()) return name.substr(prefix.size());
  if (required)
    throw runtime::PermanentEventError("event without a well-formed " + std::string(prefix) +
                                       " name");
  return std::string();
}

// The fact's own day; a date-less fact counts on the day (Asia/Shanghai) the event occurred.
std::string DayOf(const google::type::Date& date, const events::v1::EventEnvelope& envelope) {
  if (runtime::IsValidCivilDate(date.year(), date.month(), date.day())) {
    return runtime::FormatIsoDate(runtime::FromProtoDate(date));
  }
  const int64_t micros =
      google::protobuf::util::TimeUtil::TimestampToMicroseconds(envelope.occurred_at());
  return runtime::FormatIsoDate(runtime::CivilDateInShanghai(
      std::chrono::system_clock::time_point(std::chrono::microseconds(micros))));
}

void ApplyActivity(pqxx::work& tx, const ReportingContext& context,
                   const events::v1::EventEnvelope& envelope) {
  const google::protobuf::Any& payload = envelope.payload();
  pev::ActivityFacts facts;
  if (payload.Is<pev::ActivityApproved>()) {
    facts = Unpack<pev::ActivityApproved>(envelope).activity();
  } else if (payload.Is<pev::ActivityCorrected>()) {
    facts = Unpack<pev::ActivityCorrected>(envelope).activity();
  } else {
    // Submissions and rejections: nothing that counts changes (a rejected correction leaves the
    // approved revision counting).
    return;
  }
  const std::string id = IdOf(facts.activity(), "activities/");
  std::vector<std::string> lecturers;
  for (const std::string& name : facts.lecturers()) {
    lecturers.push_back(IdOf(name, "volunteers/"));
  }
  const std::string& schema = context.schema();
  // The newer approved revision replaces the older; a replayed older one changes nothing.
  const pqxx::result applied = tx.exec_params(
      "INSERT INTO " + schema +
          ".activity_facts AS a (activity_id, organization_id, region_code, region_path, "
          "activity_date, kind, six_into_category, campaign_id, audience, lecturer_ids, "
          "approved_revision, aggregate_version) VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, "
          "$9, $10::text[], $11, $12) ON CONFLICT (activity_id) DO UPDATE SET organization_id = "
          "EXCLUDED.organization_id, region_code = EXCLUDED.region_code, region_path = "
          "EXCLUDED.region_path, activity_date = EXCLUDED.activity_date, kind = EXCLUDED.kind, "
          "six_into_category = EXCLUDED.six_into_category, campaign_id = EXCLUDED.campaign_id, "
          "audience = EXCLUDED.audience, lecturer_ids = EXCLUDED.lecturer_ids, "
          "approved_revision = EXCLUDED.approved_revision, aggregate_version = "
          "EXCLUDED.aggregate_version WHERE a.aggregate_version < EXCLUDED.aggregate_version "
          "RETURNING activity_id",
      id, IdOf(facts.organization(), "organizations/"), facts.region_code(),
      FactRegionPath(context.regions, facts.region_code()), DayOf(facts.activity_date(), envelope),
      static_cast<int>(facts.kind()), static_cast<int>(facts.six_into_category()),
      IdOf(facts.campaign(), "campaigns/", false), facts.audience_count(),
      runtime::PlainTextArray(lecturers), facts.approved_revision(), envelope.aggregate_version());
  if (applied.empty()) return;
  tx.exec_params("DELETE FROM " + schema + ".activity_fact_materials WHERE activity_id = $1", id);
  for (const auto& material : facts.materials()) {
    tx.exec_params("INSERT INTO " + schema +
                       ".activity_fact_materials (activity_id, kind, count) VALUES ($1, $2, $3) "
                       "ON CONFLICT (activity_id, kind) DO UPDATE SET count = EXCLUDED.count",
                   id, static_cast<int>(material.kind()), material.count());
  }
}

void ApplyNewsReport(pqxx::work& tx, const ReportingContext& context,
                     const events::v1::EventEnvelope& envelope) {
  const google::protobuf::Any& payload = envelope.payload();
  const std::string& schema = context.schema();
  if (payload.Is<pev::NewsReportRetracted>()) {
    const std::string id =
        IdOf(Unpack<pev::NewsReportRetracted>(envelope).news_report(), "newsReports/");
    // Keeps the row as a tombstone, so a replayed older "published" cannot bring it back.
    tx.exec_params("INSERT INTO " + schema +
                       ".news_report_facts AS n (news_report_id, retracted, aggregate_version) "
                       "VALUES ($1, true, $2) ON CONFLICT (news_report_id) DO UPDATE SET "
                       "retracted = true, aggregate_version = EXCLUDED.aggregate_version WHERE "
                       "n.aggregate_version < EXCLUDED.aggregate_version",
                   id, envelope.aggregate_version());
    return;
  }
  pev::NewsReportFacts facts;
  if (payload.Is<pev::NewsReportPublished>()) {
    facts = Unpack<pev::NewsReportPublished>(envelope).news_report();
  } else if (payload.Is<pev::NewsReportChanged>()) {
    facts = Unpack<pev::NewsReportChanged>(envelope).news_report();
  } else {
    return;
  }
  std::vector<std::string> branches;
  for (const std::string& name : facts.featured_branch_heads()) {
    branches.push_back(IdOf(name, "organizations/"));
  }
  std::vector<std::string> lecturers;
  for (const std::string& name : facts.featured_lecturers()) {
    lecturers.push_back(IdOf(name, "volunteers/"));
  }
  tx.exec_params(
      "INSERT INTO " + schema +
          ".news_report_facts AS n (news_report_id, outlet_name, media_tier, channel, "
          "publish_date, organization_id, region_code, region_path, activity_id, "
          "featured_branch_ids, featured_lecturer_ids, retracted, aggregate_version) VALUES ($1, "
          "$2, $3, $4, $5::date, $6, $7, $8, $9, $10::text[], $11::text[], false, $12) ON "
          "CONFLICT (news_report_id) DO UPDATE SET outlet_name = EXCLUDED.outlet_name, "
          "media_tier = EXCLUDED.media_tier, channel = EXCLUDED.channel, publish_date = "
          "EXCLUDED.publish_date, organization_id = EXCLUDED.organization_id, region_code = "
          "EXCLUDED.region_code, region_path = EXCLUDED.region_path, activity_id = "
          "EXCLUDED.activity_id, featured_branch_ids = EXCLUDED.featured_branch_ids, "
          "featured_lecturer_ids = EXCLUDED.featured_lecturer_ids, retracted = false, "
          "aggregate_version = EXCLUDED.aggregate_version WHERE n.aggregate_version < "
          "EXCLUDED.aggregate_version",
      IdOf(facts.news_report(), "newsReports/"), facts.outlet_name(),
      static_cast<int>(facts.media_tier()), static_cast<int>(facts.channel()),
      DayOf(facts.publish_date(), envelope), IdOf(facts.organization(), "organizations/"),
      facts.region_code(), FactRegionPath(context.regions, facts.region_code()),
      IdOf(facts.activity(), "activities/", false), runtime::PlainTextArray(branches),
      runtime::PlainTextArray(lecturers), envelope.aggregate_version());
}

void ApplyCampaign(pqxx::work& tx, const ReportingContext& context,
                   const events::v1::EventEnvelope& envelope) {
  const google::protobuf::Any& payload = envelope.payload();
  pev::CampaignFacts facts;
  if (payload.Is<pev::CampaignCreated>()) {
    facts = Unpack<pev::CampaignCreated>(envelope).campaign();
  } else if (payload.Is<pev::CampaignChanged>()) {
    facts = Unpack<pev::CampaignChanged>(envelope).campaign();
  } else {
    return;
  }
  const std::string id = IdOf(facts.campaign(), "campaigns/");
  const std::string& schema = context.schema();
  const pqxx::result applied = tx.exec_params(
      "INSERT INTO " + schema +
          ".campaign_facts AS c (campaign_id, display_name, tag, aggregate_version) VALUES ($1, "
          "$2, $3, $4) ON CONFLICT (campaign_id) DO UPDATE SET display_name = "
          "EXCLUDED.display_name, tag = EXCLUDED.tag, aggregate_version = "
          "EXCLUDED.aggregate_version WHERE c.aggregate_version < EXCLUDED.aggregate_version "
          "RETURNING campaign_id",
      id, facts.display_name(), static_cast<int>(facts.tag()), envelope.aggregate_version());
  if (applied.empty()) return;
  tx.exec_params("DELETE FROM " + schema + ".campaign_target_facts WHERE campaign_id = $1", id);
  for (const auto& target : facts.targets()) {
    tx.exec_params("INSERT INTO " + schema +
                       ".campaign_target_facts (campaign_id, region_code, kind, target_count) "
                       "VALUES ($1, $2, $3, $4) ON CONFLICT (campaign_id, region_code, kind) DO "
                       "UPDATE SET target_count = EXCLUDED.target_count",
                   id, target.region_code(), static_cast<int>(target.kind()),
                   target.target_count());
  }
}

void ApplyParticipation(pqxx::work& tx, const ReportingContext& context,
                        const events::v1::EventEnvelope& envelope) {
  if (!envelope.payload().Is<pev::ParticipationBatchAccepted>()) return;
  const auto batch = Unpack<pev::ParticipationBatchAccepted>(envelope);
  if (batch.batch_id().empty()) throw runtime::PermanentEventError("batch without an id");
  const std::string campaign = IdOf(batch.campaign(), "campaigns/");
  // Keyed by the batch: a batch redelivered under another event id still counts once.
  for (const auto& count : batch.counts()) {
    tx.exec_params(
        "INSERT INTO " + context.schema() +
            ".participation_facts (batch_id, region_code, count_date, kind, campaign_id, "
            "region_path, accepted, score_sum, max_score_sum) VALUES ($1, $2, $3::date, $4, $5, "
            "$6, $7, $8, $9) ON CONFLICT DO NOTHING",
        batch.batch_id(), count.region_code(), DayOf(count.date(), envelope),
        static_cast<int>(count.kind()), campaign,
        FactRegionPath(context.regions, count.region_code()), count.accepted(), count.score_sum(),
        count.max_score_sum());
  }
}

}  // namespace

std::vector<runtime::ProjectionDefinition> PublicityFactsProjections(ReportingContext& context) {
  return {{.name = "publicity_facts",
           .topics = {kActivityTopic, kNewsReportTopic, kCampaignTopic, kParticipationTopic},
           .handler = [&context](pqxx::work& tx, const events::v1::EventEnvelope& envelope) {
             if (envelope.aggregate_type() == "activity") {
               ApplyActivity(tx, context, envelope);
             } else if (envelope.aggregate_type() == "news_report") {
               ApplyNewsReport(tx, context, envelope);
             } else if (envelope.aggregate_type() == "campaign") {
               ApplyCampaign(tx, context, envelope);
             } else if (envelope.aggregate_type() == "participation") {
               ApplyParticipation(tx, context, envelope);
             }
             RecordFreshness(tx, context.schema(), envelope);
           }}};
}

// Append-only, like every migration track.
runtime::MigrationTrack PublicityFactsMigrations() {
  return {"reporting_publicity_facts",
          {
              {1, "create_publicity_facts", R"sql(
-- Approved activities at their approved revision (the only ones that count).
CREATE TABLE activity_facts (
  activity_id text PRIMARY KEY,
  organization_id text NOT NULL,
  region_code text NOT NULL,
  region_path text NOT NULL,
  activity_date date NOT NULL,
  kind smallint NOT NULL,                 -- jindu.publicity.v1.ActivityKind
  six_into_category smallint NOT NULL,    -- jindu.publicity.v1.SixIntoCategory
  campaign_id text NOT NULL,              -- '' when none
  audience bigint NOT NULL,
  lecturer_ids text[] NOT NULL,           -- volunteer ids
  approved_revision integer NOT NULL,
  aggregate_version bigint NOT NULL
);
CREATE INDEX activity_facts_date ON activity_facts (activity_date);
CREATE INDEX activity_facts_organization ON activity_facts (organization_id, activity_date);
CREATE TABLE activity_fact_materials (
  activity_id text NOT NULL REFERENCES activity_facts (activity_id) ON DELETE CASCADE,
  kind smallint NOT NULL,                 -- jindu.publicity.v1.MaterialKind
  count bigint NOT NULL,
  PRIMARY KEY (activity_id, kind)
);
-- News reports; a retracted one keeps its row (a tombstone) and stops counting.
CREATE TABLE news_report_facts (
  news_report_id text PRIMARY KEY,
  outlet_name text NOT NULL DEFAULT '',
  media_tier smallint NOT NULL DEFAULT 0,   -- jindu.publicity.v1.MediaTier
  channel smallint NOT NULL DEFAULT 0,      -- jindu.publicity.v1.MediaChannel
  publish_date date,
  organization_id text NOT NULL DEFAULT '',
  region_code text NOT NULL DEFAULT '',
  region_path text NOT NULL DEFAULT '',
  activity_id text NOT NULL DEFAULT '',
  featured_branch_ids text[] NOT NULL DEFAULT '{}',
  featured_lecturer_ids text[] NOT NULL DEFAULT '{}',
  retracted boolean NOT NULL,
  aggregate_version bigint NOT NULL
);
CREATE INDEX news_report_facts_date ON news_report_facts (publish_date) WHERE NOT retracted;
CREATE INDEX news_report_facts_organization ON news_report_facts (organization_id)
  WHERE NOT retracted;
CREATE TABLE campaign_facts (
  campaign_id text PRIMARY KEY,
  display_name text NOT NULL,
  tag smallint NOT NULL,
  aggregate_version bigint NOT NULL
);
CREATE TABLE campaign_target_facts (
  campaign_id text NOT NULL,
  region_code text NOT NULL,
  kind smallint NOT NULL,                 -- jindu.publicity.v1.ParticipationKind
  target_count bigint NOT NULL,
  PRIMARY KEY (campaign_id, region_code, kind)
);
-- Participation counts per ingest batch, region, day and kind.
CREATE TABLE participation_facts (
  batch_id text NOT NULL,
  region_code text NOT NULL,
  count_date date NOT NULL,
  kind smallint NOT NULL,
  campaign_id text NOT NULL,
  region_path text NOT NULL,
  accepted bigint NOT NULL,
  score_sum bigint NOT NULL,
  max_score_sum bigint NOT NULL,
  PRIMARY KEY (batch_id, region_code, count_date, kind)
);
)sql"},
          }};
}

}  // namespace jindu::reporting
