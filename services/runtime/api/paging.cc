#include "runtime/api/paging.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <openssl/sha.h>

#include <algorithm>
#include <charconv>
#include <memory>

#include "runtime/api/api_error.h"
#include "runtime/auth/base64url.h"

namespace jindu::runtime {
namespace {

constexpr char kTokenVersion = '1';
constexpr size_t kFingerprintBytes = 12;
constexpr char kCursorSeparator = '\x1f';  // unit separator: never in a code, id or date

// The filters of a request: the request without its paging fields, serialised deterministically.
std::string Fingerprint(const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> filters(request.New());
  filters->CopyFrom(request);
  const auto* descriptor = filters->GetDescriptor();
  const auto* reflection = filters->GetReflection();
  for (const char* paging_field : {"page_size", "page_token"}) {
    if (const auto* field = descriptor->FindFieldByName(paging_field)) {
      reflection->ClearField(filters.get(), field);
    }
  }
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    filters->SerializeToCodedStream(&coded);
  }
  bytes.insert(0, descriptor->full_name() + '\0');
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return std::string(reinterpret_cast<const char*>(digest), kFingerprintBytes);
}

}  // namespace

grpc::Status ReadPageRequest(const google::protobuf::Message& request, PageRequest* page,
                             const PagingLimits& limits) {
  const auto* descriptor = request.GetDescriptor();
  const auto* reflection = request.GetReflection();
  int requested = 0;
  if (const auto* size_field = descriptor->FindFieldByName("page_size")) {
    requested = reflection->GetInt32(request, size_field);
  }
  if (requested < 0) {
    return InvalidFieldError(
        "page_size", common::v1::FIELD_OUT_OF_RANGE,
        "must be 0 (default " + std::to_string(limits.default_size) + ") or positive");
  }
  page->page_size = requested == 0 ? limits.default_size : std::min(requested, limits.max_size);
  page->cursor.clear();
  std::string token;
  if (const auto* token_field = descriptor->FindFieldByName("page_token")) {
    token = reflection->GetString(request, token_field);
  }
  if (token.empty()) return grpc::Status::OK;
  std::string bytes;
  const std::string expected = Fingerprint(request);
  if (!Base64UrlDecode(token, &bytes) || bytes.size() < 1 + kFingerprintBytes ||
      bytes[0] != kTokenVersion || bytes.compare(1, kFingerprintBytes, expected) != 0) {
    return InvalidPageTokenError();
  }
  page->cursor = bytes.substr(1 + kFingerprintBytes);
  return grpc::Status::OK;
}

grpc::Status InvalidPageTokenError() {
  return ApiError(grpc::StatusCode::INVALID_ARGUMENT, common::v1::INVALID_PAGE_TOKEN,
                  "page_token: not a token of this list with these filters; start again "
                  "without a token");
}

bool CursorToInt(std::string_view cursor, int64_t* value) {
  auto [end, error] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), *value);
  return error == std::errc() && end == cursor.data() + cursor.size() && *value >= 0;
}

std::string NextPageToken(const google::protobuf::Message& request, std::string_view cursor) {
  std::string bytes(1, kTokenVersion);
  bytes += Fingerprint(request);
  bytes += cursor;
  return Base64UrlEncode(bytes);
}

std::string JoinCursor(std::initializer_list<std::string_view> parts) {
  std::string cursor;
  bool first = true;
  for (std::string_view part : parts) {
    if (!first) cursor += kCursorSeparator;
    cursor += part;
    first = false;
  }
  return cursor;
}

bool SplitCursor(std::string_view cursor, size_t expected_parts, std::vector<std::string>* parts) {
  parts->clear();
  size_t start = 0;
  while (true) {
    size_t end = cursor.find(kCursorSeparator, start);
    parts->emplace_back(cursor.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts->size() == expected_parts;
}

}  // namespace jindu::runtime
