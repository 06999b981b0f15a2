#include "runtime/cache/single_flight.h"

namespace jindu::runtime {

std::string SingleFlight::Do(const std::string& key, const std::function<std::string()>& fn,
                             bool* leader) {
  std::promise<std::string> promise;
  {
    std::unique_lock lock(mutex_);
    auto it = calls_.find(key);
    if (it != calls_.end()) {
      std::shared_future<std::string> running = it->second;
      lock.unlock();
      if (leader != nullptr) *leader = false;
      return running.get();  // rethrows the leader's exception
    }
    calls_.emplace(key, promise.get_future().share());
  }
  if (leader != nullptr) *leader = true;

  // Publish before forgetting the call: a caller arriving in between joins the finished call
  // instead of starting another.
  auto forget = [&] {
    std::lock_guard lock(mutex_);
    calls_.erase(key);
  };
  try {
    std::string value = fn();
    promise.set_value(value);
    forget();
    return value;
  } catch (...) {
    promise.set_exception(std::current_exception());
    forget();
    throw;
  }
}

}  // namespace jindu::runtime
