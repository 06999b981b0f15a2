#include "casework/assistance/volunteer_replica_projection.h"

#include "casework/assistance/pairing_ending.h"
#include "casework/storage/case_store.h"
#include "casework/storage/pairing_store.h"
#include "jindu/registration/v1/volunteer.pb.h"
#include "runtime/postgres/row_conversions.h"
#include "runtime/registry/volunteer_change.h"

namespace jindu::casework {

runtime::ProjectionDefinition VolunteerReplicaProjection(const CaseworkContext& context) {
  return {
      .name = "volunteers",
      .topics = {runtime::kVolunteerTopic},
      .handler = [&context](pqxx::work& tx, const events::v1::EventEnvelope& envelope) {
        const auto change = runtime::VolunteerChangeOf(envelope);
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
            change->residence_region_code, envelope.aggregate_version(),
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
