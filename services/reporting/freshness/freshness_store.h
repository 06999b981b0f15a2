#pragma once
// How fresh the figures are: per producer (registration, casework, publicity), the occurred-at time
// of the newest event applied and when it was applied. Every projection records each event it
// applies in the same transaction as its effect, so an answer's freshness never claims more than
// its figures hold.
#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "jindu/events/v1/envelope.pb.h"
#include "jindu/reporting/v1/figures.pb.h"
#include "runtime/postgres/migrations.h"
#include "runtime/threads/doorbell.h"

namespace jindu::reporting {

runtime::MigrationTrack FreshnessMigrations();

// Advances the producer's last event time (never backwards: events may arrive out of order).
void RecordFreshness(pqxx::work& tx, const std::string& schema,
                     const events::v1::EventEnvelope& event);

// Rung once a transaction that recorded freshness has ended (runtime/postgres/
// transaction_end_bell.h): the figures changed, so the dashboard watcher looks at once instead of
// at its next poll.
const std::shared_ptr<runtime::Doorbell>& FiguresChangedBell();

v1::Freshness ReadFreshness(pqxx::transaction_base& tx, const std::string& schema);

}  // namespace jindu::reporting
