#pragma once

// Decoding a consumed Kafka message into the domain event it carries, before any handler sees it.
// Kept apart from the consumer (and free of Kafka and the database) so that the one step that
// reads untrusted bytes can be fuzzed on its own (tests/fuzz/event_decoding_fuzz.cc).

#include <optional>
#include <string>
#include <string_view>

#include "jindu/events/v1/envelope.pb.h"

namespace jindu::runtime {

struct DecodedEvent {
  // Present when the value is an envelope with an event id and a payload type this binary knows.
  std::optional<jindu::events::v1::EventEnvelope> event;
  // Why the message cannot be applied (the dead-letter reason); empty when `event` is present.
  std::string problem;
  // Set when the envelope parsed (event id present) but its payload type is unknown, so the
  // dead letter can name the event.
  std::string event_id;
};

// Never throws for any input. "Known" payload type: a message linked into this binary (every events
// file holds all the events of its topics, and a handler that uses one of them links the file).
DecodedEvent DecodeEvent(std::string_view value);

}  // namespace jindu::runtime
