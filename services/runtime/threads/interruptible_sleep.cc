#include "runtime/threads/interruptible_sleep.h"

#include <condition_variable>
#include <mutex>

namespace jindu::runtime {

bool SleepUnlessStopped(std::chrono::milliseconds duration, const std::stop_token& stop) {
  // condition_variable_any wakes on a stop request itself (C++20); nothing else notifies it.
  std::mutex mutex;
  std::condition_variable_any wake;
  std::unique_lock lock(mutex);
  wake.wait_for(lock, stop, duration, [] { return false; });
  return !stop.stop_requested();
}

}  // namespace jindu::runtime
