#include "runtime/grpc/correlation_ids.h"

#include <atomic>
#include <cstdint>
#include <random>

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

// SplitMix64 (Steele, Lea, Flood 2014) over one counter for the whole process: each output is a
// bijection of the counter, which advances by a fixed odd step, so the process's ids do not repeat
// for 2^63 calls; the counter starts at a random point, so two processes' ids meet only with
// negligible probability. One atomic add per id: no per-thread seeding (gRPC's synchronous server
// starts and ends threads all the time, and seeding a std::random_device costs more than a call).
uint64_t SplitMix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::atomic<uint64_t>& RequestIdCounter() {
  static std::atomic<uint64_t>* counter = [] {
    std::random_device device;
    return new std::atomic<uint64_t>((static_cast<uint64_t>(device()) << 32) ^ device());
  }();
  return *counter;
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

std::string NewRequestId() {
  constexpr uint64_t kStep = 0x9e3779b97f4a7c15ULL;
  const uint64_t at = RequestIdCounter().fetch_add(2 * kStep, std::memory_order_relaxed);
  uint64_t high = SplitMix64(at + kStep), low = SplitMix64(at + 2 * kStep);
  high = (high & ~0xf000ULL) | 0x4000ULL;          // version 4
  low = (low & ~(0xcULL << 60)) | (0x8ULL << 60);  // variant 10xx
  constexpr char kHex[] = "0123456789abcdef";
  std::string text(36, '-');
  int bit = 60;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) continue;
    const uint64_t word = bit >= 0 ? high : low;
    text[i] = kHex[(word >> (bit >= 0 ? bit : bit + 64)) & 0xf];
    bit -= 4;
  }
  return text;
}

std::string AcceptableRequestIdFrom(
    const std::multimap<grpc::string_ref, grpc::string_ref>& client_metadata) {
  std::string_view id = FirstMetadataValue(client_metadata, kRequestIdMetadataKey);
  return IsAcceptableRequestId(id) ? std::string(id) : std::string();
}

}  // namespace jindu::runtime
