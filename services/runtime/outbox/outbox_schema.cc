#include "runtime/outbox/outbox_schema.h"

namespace jindu::runtime {

MigrationTrack OutboxMigrations() {
  return {"outbox", {{1, "create_outbox", R"sql(
CREATE TABLE outbox (
  seq          bigserial   PRIMARY KEY,   -- publication order
  event_id     uuid        NOT NULL UNIQUE,
  topic        text        NOT NULL,
  message_key  text        NOT NULL,      -- the aggregate id: one partition, one order per aggregate
  event_type   text        NOT NULL,
  envelope     bytea       NOT NULL,      -- serialized jindu.events.v1.EventEnvelope
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz               -- null until the broker acknowledged it
);
CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;
)sql"}}};
}

}  // namespace jindu::runtime
