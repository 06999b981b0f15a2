#pragma once

#include <chrono>
#include <stop_token>

namespace jindu::runtime {

// Waits `duration`, or less: returns as soon as `stop` is requested, so a background loop in
// back-off (relay, consumer) never delays a shutdown. Returns false when stopped early.
bool SleepUnlessStopped(std::chrono::milliseconds duration, const std::stop_token& stop);

}  // namespace jindu::runtime
