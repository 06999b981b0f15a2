#include "runtime/auth/verified_token_cache.h"

#include <mutex>

namespace jindu::runtime {

std::optional<Principal> VerifiedTokenCache::Find(std::string_view token, double now) const {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(std::string(token));
  if (it == entries_.end() || now < it->second.valid_from || now >= it->second.valid_until) {
    return std::nullopt;
  }
  return it->second.principal;
}

void VerifiedTokenCache::Remember(std::string_view token, const Principal& principal,
                                  double valid_from, double valid_until) {
  std::unique_lock lock(mutex_);
  // Expired entries are never answered; starting over when full keeps memory bounded without
  // bookkeeping (a caller's next call verifies once more).
  if (entries_.size() >= capacity_) entries_.clear();
  entries_.insert_or_assign(std::string(token), Entry{principal, valid_from, valid_until});
}

}  // namespace jindu::runtime
