#pragma once

// The ids that tie one call's log lines, metrics and events together: the request id (x-request-id,
// kept from the caller or else a new UUID, echoed back in the response headers) and the W3C trace
// id (from the caller's traceparent header; https://www.w3.org/TR/trace-context/).

#include <grpcpp/support/string_ref.h>

#include <map>
#include <string>
#include <string_view>

namespace jindu::runtime {

inline constexpr char kRequestIdMetadataKey[] = "x-request-id";
inline constexpr char kTraceparentMetadataKey[] = "traceparent";

// 1-128 characters of [A-Za-z0-9._:-]. Anything else is replaced rather than logged, so a caller
// cannot forge log lines or flood them.
bool IsAcceptableRequestId(std::string_view id);

// The trace id of a valid traceparent ("00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>"),
// or empty when the header is absent or malformed.
std::string TraceIdFromTraceparent(std::string_view traceparent);

// The first value of a metadata key, or empty.
std::string_view FirstMetadataValue(
    const std::multimap<grpc::string_ref, grpc::string_ref>& metadata, std::string_view key);

// A fresh request id for a call that came without one: a version 4 UUID in canonical text, from a
// process-wide generator seeded once from the system's randomness. Not NewUuid (runtime/ids):
// libuuid makes six system calls per id (getrandom, then getpid, getppid, getuid, gettid to re-seed
// its fallback), a tenth of a small call's cost on the front door. A request id only ties log lines
// together: it must not repeat, but nothing relies on it being unguessable.
std::string NewRequestId();

// The caller's request id when acceptable, otherwise empty.
std::string AcceptableRequestIdFrom(
    const std::multimap<grpc::string_ref, grpc::string_ref>& client_metadata);

}  // namespace jindu::runtime
