#pragma once

// Collapses concurrent calls for the same key into one: while a call for a key runs, later callers
// for that key wait for it and share its result or its exception. Keeps a cold cache key from
// sending a burst of identical queries to the source (a "cache stampede").

#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <unordered_map>

namespace jindu::runtime {

class SingleFlight {
 public:
  // Runs fn unless a call for key is already running, in which case it waits for that call instead.
  // Returns fn's result or rethrows its exception, in every caller that shared it. *leader, when
  // given, is set to whether this caller ran fn. Nothing is remembered once the call completes.
  std::string Do(const std::string& key, const std::function<std::string()>& fn,
                 bool* leader = nullptr);

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_future<std::string>> calls_;
};

}  // namespace jindu::runtime
