#pragma once

// Tokens this service has already verified, so that the next call with the same bearer token skips
// the signature check (an ES256 or RS256 verify is the largest cost of a cheap call: the front-door
// benchmark found a quarter of registration's CPU in it). A hit needs the exact same token bytes,
// and holds only inside the token's own validity window (nbf and iat .. exp, with the leeway): the
// keys are fixed for the verifier's life, so the signature's answer cannot change, and the time
// checks are repeated on every hit. Bounded: when full it starts over.

#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "runtime/auth/principal.h"

namespace jindu::runtime {

class VerifiedTokenCache {
 public:
  explicit VerifiedTokenCache(size_t capacity = 4096) : capacity_(capacity) {}

  // The principal of `token` if it was verified before and `now` (seconds since the epoch) lies in
  // [valid_from, valid_until).
  std::optional<Principal> Find(std::string_view token, double now) const;

  void Remember(std::string_view token, const Principal& principal, double valid_from,
                double valid_until);

 private:
  struct Entry {
    Principal principal;
    double valid_from;
    double valid_until;
  };
  size_t capacity_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace jindu::runtime
