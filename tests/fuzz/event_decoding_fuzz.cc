// Fuzzes the event decoder every consumer runs on a Kafka message before any handler
// (runtime/inbox/event_decoding.h: the envelope and the payload type check), then what a handler
// does next: unpack the payload as its declared type, and for volunteer events the replicas'
// VolunteerChangeOf. Any input must end as a decoded event or a dead-letter reason, never a crash.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "fuzz_support.h"
#include "runtime/inbox/event_decoding.h"
#include "runtime/inbox/idempotent_consumer.h"
#include "runtime/registry/volunteer_change.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jindu;
  using fuzz::Require;
  const std::string_view value(reinterpret_cast<const char*>(data), size);
  const runtime::DecodedEvent decoded = runtime::DecodeEvent(value);
  Require(decoded.event.has_value() == decoded.problem.empty());
  if (!decoded.event) return 0;
  const events::v1::EventEnvelope& event = *decoded.event;
  Require(!event.event_id().empty());

  // The payload type is known (DecodeEvent checked): unpack it as a handler would.
  const std::string& type_url = event.payload().type_url();
  const google::protobuf::Descriptor* type =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
          type_url.substr(type_url.rfind('/') + 1));
  Require(type != nullptr);
  const google::protobuf::Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
  if (prototype != nullptr) {
    std::unique_ptr<google::protobuf::Message> payload(prototype->New());
    if (payload->ParseFromString(event.payload().value())) {
      std::string again;
      Require(payload->SerializeToString(&again));
    }
  }
  try {
    if (const auto change = runtime::VolunteerChangeOf(event)) {
      Require(!change->volunteer_id.empty());
    }
  } catch (const runtime::PermanentEventError&) {
    // Dead-lettered by the consumer: the expected end for a payload that does not parse.
  }
  return 0;
}
