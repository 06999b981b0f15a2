#pragma once

// Appends domain events to the outbox inside the caller's transaction: the domain write and its
// events commit or roll back together, and the relay publishes them afterwards.
//
// An event names its aggregate (type, pseudonymous id, version) and the region it concerns; its
// payload is one of the event messages of jindu.<area>.events.v1. Payloads carry pseudonymous ids
// only, never names or ID numbers: they leave the service's encryption boundary.

#include <google/protobuf/message.h>

#include <cstdint>
#include <memory>
#include <pqxx/pqxx>
#include <string>

#include "jindu/events/v1/envelope.pb.h"
#include "runtime/threads/doorbell.h"

namespace jindu::runtime {

struct DomainEvent {
  std::string aggregate_type;  // e.g. "region", "case"; chooses the topic
  std::string aggregate_id;    // pseudonymous; the Kafka key
  int64_t aggregate_version = 0;
  std::string region_code;
  const google::protobuf::Message* payload = nullptr;  // required
};

class OutboxWriter {
 public:
  // `schema` is the service's schema (holding its outbox table); `producer` the service name.
  OutboxWriter(std::string schema, std::string producer);

  // The topic of a producer's aggregate type: jindu.<producer>.<aggregate_type>.v1.
  static std::string TopicFor(const std::string& producer, const std::string& aggregate_type);

  // Builds the envelope (new event id, occurred-at now, trace context of the current call) and
  // inserts it. Returns the envelope as stored. Throws std::invalid_argument on an incomplete
  // event.
  jindu::events::v1::EventEnvelope Append(pqxx::work& transaction, const DomainEvent& event) const;

  // Rung when a transaction that appended events has ended
  // (runtime/postgres/transaction_end_bell.h), so the relay publishes them at once instead of at
  // its next poll. One per process: a service runs one relay.
  static const std::shared_ptr<Doorbell>& AppendedBell();

 private:
  std::string schema_;
  std::string producer_;
};

}  // namespace jindu::runtime
