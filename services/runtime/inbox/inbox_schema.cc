#include "runtime/inbox/inbox_schema.h"

namespace jindu::runtime {

MigrationTrack InboxMigrations() {
  return {"inbox", {{1, "create_inbox", R"sql(
CREATE TABLE inbox (
  consumer        text        NOT NULL,   -- one service may run several consumers (projections)
  event_id        text        NOT NULL,
  topic           text        NOT NULL,
  kafka_partition integer     NOT NULL,
  kafka_offset    bigint      NOT NULL,
  outcome         text        NOT NULL CHECK (outcome IN ('applied', 'dead_lettered')),
  processed_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
)sql"}}};
}

}  // namespace jindu::runtime
