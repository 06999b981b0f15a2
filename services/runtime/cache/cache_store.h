#pragma once

// The key-value operations Cache needs from its backing store. RedisClient is the real one; tests
// substitute fakes to exercise single-flight and fallback without a server. Implementations never
// throw for store trouble: they return a failed StoreResult, and must be safe to call from many
// threads at once.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/cache/store_result.h"

namespace jindu::runtime {

class CacheStore {
 public:
  virtual ~CacheStore() = default;

  // The value, or an empty optional when the key does not exist.
  virtual StoreResult<std::optional<std::string>> Get(const std::string& key) = 0;
  // Sets key to value, expiring after ttl (> 0).
  virtual StoreStatus SetEx(const std::string& key, std::string_view value,
                            std::chrono::seconds ttl) = 0;
  // Number of keys removed (0 or 1).
  virtual StoreResult<long long> Del(const std::string& key) = 0;
  // Increments an integer key (missing counts as 0) and returns the new value.
  virtual StoreResult<long long> Incr(const std::string& key) = 0;
  // Removes every key starting with prefix; returns how many were removed.
  virtual StoreResult<long long> DeleteByPrefix(const std::string& prefix) = 0;
};

}  // namespace jindu::runtime
