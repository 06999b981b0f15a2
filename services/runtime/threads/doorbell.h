#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>

namespace jindu::runtime {

// Wakes a background loop that otherwise polls (the outbox relay, the dashboard watcher) as soon as
// there is work for it. Level-triggered: a ring while the loop is busy is kept until its next Wait,
// so a ring is never lost between a look that found nothing and the wait after it. Rings made
// before one Wait collapse into one wake.
class Doorbell {
 public:
  void Ring();

  // Returns true as soon as the bell was rung (clearing it), false after `timeout` or on `stop`.
  bool Wait(std::chrono::milliseconds timeout, const std::stop_token& stop);

 private:
  std::mutex mutex_;
  std::condition_variable_any rung_changed_;
  bool rung_ = false;
};

}  // namespace jindu::runtime
