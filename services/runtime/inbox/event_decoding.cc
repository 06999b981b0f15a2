#include "runtime/inbox/event_decoding.h"

#include <google/protobuf/descriptor.h>

namespace jindu::runtime {

DecodedEvent DecodeEvent(std::string_view value) {
  DecodedEvent decoded;
  jindu::events::v1::EventEnvelope event;
  if (!event.ParseFromArray(value.data(), static_cast<int>(value.size())) ||
      event.event_id().empty()) {
    decoded.problem = "undecodable: value is not a jindu.events.v1.EventEnvelope with an event_id";
    return decoded;
  }
  // A payload of a type this build does not know (a newer package version, a message added since,
  // or garbage) cannot be applied. Handlers skip types they do not use, so without this check the
  // event would be recorded as applied and lost for good; dead-lettered, it can be replayed after
  // an upgrade.
  const std::string& type_url = event.payload().type_url();
  const std::string type_name = type_url.substr(type_url.rfind('/') + 1);
  if (type_name.empty() ||
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(type_name) ==
          nullptr) {
    decoded.problem = "unknown payload type: " + type_url;
    decoded.event_id = event.event_id();
    return decoded;
  }
  decoded.event = std::move(event);
  return decoded;
}

}  // namespace jindu::runtime
