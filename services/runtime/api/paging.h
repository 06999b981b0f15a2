#pragma once
// List paging as proto/README.md specifies it: page_size 0 means the default, larger than the
// maximum means the maximum, negative is INVALID_ARGUMENT; page_token is opaque to the caller and
// valid only for a request with the same filters (INVALID_ARGUMENT / INVALID_PAGE_TOKEN otherwise).
//
// A token carries a cursor (the sort key of the last row returned, so the next query starts after
// it: keyset paging, stable under inserts and as fast on page 1,000 as on page 1) and a fingerprint
// of the request's filters. Tokens are not secret and need no signature: a forged cursor only moves
// where a list starts, and every row is still filtered by the caller's scope.
#include <google/protobuf/message.h>
#include <grpcpp/support/status.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jindu::runtime {

struct PageRequest {
  int page_size = 0;   // effective: 1..max
  std::string cursor;  // empty on the first page
};

struct PagingLimits {
  int default_size = 50;
  int max_size = 1000;
};

// Reads page_size and page_token of `request` (fields of those names; others are filters).
grpc::Status ReadPageRequest(const google::protobuf::Message& request, PageRequest* page,
                             const PagingLimits& limits = {});

// The token for the page after the one that ended at `cursor`.
std::string NextPageToken(const google::protobuf::Message& request, std::string_view cursor);

// INVALID_ARGUMENT / INVALID_PAGE_TOKEN, for a cursor that does not parse.
grpc::Status InvalidPageTokenError();
// A cursor holding one integer (a revision, a year).
bool CursorToInt(std::string_view cursor, int64_t* value);

// Joins and splits cursors made of several sort-key parts ("2024-05-01", "7f3a...").
std::string JoinCursor(std::initializer_list<std::string_view> parts);
bool SplitCursor(std::string_view cursor, size_t expected_parts, std::vector<std::string>* parts);

}  // namespace jindu::runtime
