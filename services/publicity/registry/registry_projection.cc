#include "publicity/registry/registry_projection.h"

#include "jindu/registration/events/v1/organization_events.pb.h"
#include "runtime/inbox/idempotent_consumer.h"
#include "runtime/registry/volunteer_change.h"

namespace jindu::publicity {
namespace {

namespace reg = registration::events::v1;

std::optional<reg::OrganizationFacts> OrganizationFactsOf(
    const events::v1::EventEnvelope& envelope) {
  const google::protobuf::Any& payload = envelope.payload();
  if (payload.Is<reg::OrganizationCreated>()) {
    reg::OrganizationCreated event;
    if (!payload.UnpackTo(&event)) throw runtime::PermanentEventError("payload does not parse");
    return event.organization();
  }
  if (payload.Is<reg::OrganizationChanged>()) {
    reg::OrganizationChanged event;
    if (!payload.UnpackTo(&event)) throw runtime::PermanentEventError("payload does not parse");
    return event.organization();
  }
  return std::nullopt;
}

std::string IdAfter(const std::string& name, std::string_view prefix) {
  return name.starts_with(prefix) ? name.substr(prefix.size()) : std::string();
}

}  // namespace

runtime::ProjectionDefinition RegistryProjection(const PublicityContext& context) {
  return {
      .name = "registry",
      .topics = {kOrganizationTopic, runtime::kVolunteerTopic},
      .handler = [&context](pqxx::work& tx, const events::v1::EventEnvelope& envelope) {
        // Each aggregate's events arrive in order on one partition; after a replay an older one
        // may come again and must not undo a newer state (aggregate_version guards both tables).
        if (auto facts = OrganizationFactsOf(envelope)) {
          const std::string id = IdAfter(facts->organization(), "organizations/");
          if (id.empty()) throw runtime::PermanentEventError("organization event without a name");
          tx.exec_params(
              "INSERT INTO " + context.schema() +
                  ".organization_replica AS o (organization_id, display_name, kind, parent_id, "
                  "region_code, region_path, state, aggregate_version) VALUES ($1, $2, $3, $4, $5, "
                  "$6, $7, $8) ON CONFLICT (organization_id) DO UPDATE SET display_name = "
                  "EXCLUDED.display_name, kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id, "
                  "region_code = EXCLUDED.region_code, region_path = EXCLUDED.region_path, state "
                  "= EXCLUDED.state, aggregate_version = EXCLUDED.aggregate_version WHERE "
                  "o.aggregate_version < EXCLUDED.aggregate_version",
              id, facts->display_name(), static_cast<int>(facts->kind()),
              IdAfter(facts->parent(), "organizations/"), facts->region_code(),
              context.regions.EnclosingPath(facts->region_code()), static_cast<int>(facts->state()),
              envelope.aggregate_version());
          return;
        }
        const auto change = runtime::VolunteerChangeOf(envelope);
        if (!change.has_value()) return;
        tx.exec_params(
            "INSERT INTO " + context.schema() +
                ".volunteer_replica AS v (volunteer_id, state, residence_region_code, "
                "lecture_team_id, aggregate_version) VALUES ($1, $2, $3, coalesce($4, ''), $5) "
                "ON CONFLICT (volunteer_id) DO UPDATE SET state = coalesce($6, v.state), "
                "residence_region_code = CASE WHEN $3 = '' THEN v.residence_region_code ELSE $3 "
                "END, lecture_team_id = coalesce($4, v.lecture_team_id), aggregate_version = $5 "
                "WHERE v.aggregate_version < $5",
            change->volunteer_id,
            static_cast<int>(change->state.value_or(registration::v1::VOLUNTEER_STATE_APPLIED)),
            change->residence_region_code, change->lecture_team_id, envelope.aggregate_version(),
            change->state.has_value() ? std::optional<int>(*change->state) : std::nullopt);
      }};
}

std::optional<ReplicatedOrganization> Registry::FindOrganization(pqxx::transaction_base& tx,
                                                                 const std::string& id) const {
  const pqxx::result rows =
      tx.exec_params("SELECT organization_id, display_name, kind, state, region_code FROM " +
                         schema_ + ".organization_replica WHERE organization_id = $1",
                     id);
  if (rows.empty()) return std::nullopt;
  return ReplicatedOrganization{.id = rows[0][0].as<std::string>(),
                                .display_name = rows[0][1].as<std::string>(),
                                .kind = rows[0][2].as<int>(),
                                .state = rows[0][3].as<int>(),
                                .region_code = rows[0][4].as<std::string>()};
}

std::optional<ReplicatedVolunteer> Registry::FindVolunteer(pqxx::transaction_base& tx,
                                                           const std::string& id) const {
  const pqxx::result rows =
      tx.exec_params("SELECT volunteer_id, state, residence_region_code, lecture_team_id FROM " +
                         schema_ + ".volunteer_replica WHERE volunteer_id = $1",
                     id);
  if (rows.empty()) return std::nullopt;
  return ReplicatedVolunteer{.id = rows[0][0].as<std::string>(),
                             .state = rows[0][1].as<int>(),
                             .residence_region_code = rows[0][2].as<std::string>(),
                             .lecture_team_id = rows[0][3].as<std::string>()};
}

}  // namespace jindu::publicity
