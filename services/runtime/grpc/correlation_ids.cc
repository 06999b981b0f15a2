#include "runtime/grpc/correlation_ids.h"

namespace jindu::runtime {
namespace {

bool IsLowerHex(std::string_view text) {
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool IsAllZeros(std::string_view text) {
  return text.find_first_not_of('0') == std::string_view::npos;
}

}  // namespace

bool IsAcceptableRequestId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string TraceIdFromTraceparent(std::string_view traceparent) {
  // version "-" trace-id "-" parent-id "-" flags; later versions may append fields after a '-'.
  if (traceparent.size() < 55 || traceparent[2] != '-' || traceparent[35] != '-' ||
      traceparent[52] != '-') {
    return "";
  }
  std::string_view version = traceparent.substr(0, 2);
  std::string_view trace_id = traceparent.substr(3, 32);
  std::string_view parent_id = traceparent.substr(36, 16);
  std::string_view flags = traceparent.substr(53, 2);
  if (!IsLowerHex(version) || version == "ff" || !IsLowerHex(trace_id) || IsAllZeros(trace_id) ||
      !IsLowerHex(parent_id) || IsAllZeros(parent_id) || !IsLowerHex(flags)) {
    return "";
  }
  if (version == "00" ? traceparent.size() != 55
                      : traceparent.size() > 55 && traceparent[55] != '-') {
    return "";
  }
  return std::string(trace_id);
}

std::string_view FirstMetadataValue(
    const std::multimap<grpc::string_ref, grpc::string_ref>& metadata, std::string_view key) {
  auto it = metadata.find(grpc::string_ref(key.data(), key.size()));
  if (it == metadata.end()) return {};
  return std::string_view(it->second.data(), it->second.size());
}

std::string AcceptableRequestIdFrom(
    const std::multimap<grpc::string_ref, grpc::string_ref>& client_metadata) {
  std::string_view id = FirstMetadataValue(client_metadata, kRequestIdMetadataKey);
  return IsAcceptableRequestId(id) ? std::string(id) : std::string();
}

}  // namespace jindu::runtime
