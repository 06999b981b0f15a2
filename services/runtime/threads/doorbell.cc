#include "runtime/threads/doorbell.h"

namespace jindu::runtime {

void Doorbell::Ring() {
  {
    std::lock_guard lock(mutex_);
    rung_ = true;
  }
  rung_changed_.notify_all();
}

bool Doorbell::Wait(std::chrono::milliseconds timeout, const std::stop_token& stop) {
  std::unique_lock lock(mutex_);
  // wait_for with a stop token returns the predicate's value when woken by the stop request too.
  if (!rung_changed_.wait_for(lock, stop, timeout, [this] { return rung_; })) return false;
  rung_ = false;
  return true;
}

}  // namespace jindu::runtime
