// Back-off sleeps in background loops must end at once when the service stops.

#include <gtest/gtest.h>

#include <thread>

#include "runtime/threads/interruptible_sleep.h"

namespace jindu::runtime {
namespace {

using namespace std::chrono_literals;

TEST(InterruptibleSleepTest, SleepsTheWholeDurationWhenNotStopped) {
  std::stop_source never;
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(SleepUnlessStopped(50ms, never.get_token()));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 50ms);
}

TEST(InterruptibleSleepTest, AStopRequestEndsTheSleepEarly) {
  std::stop_source stop;
  std::jthread stopper([&] {
    std::this_thread::sleep_for(20ms);
    stop.request_stop();
  });
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(SleepUnlessStopped(std::chrono::minutes(10), stop.get_token()));
  // Loose on purpose: this is about not waiting ten minutes, not about scheduling latency.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
}

TEST(InterruptibleSleepTest, AnAlreadyStoppedTokenDoesNotSleep) {
  std::stop_source stop;
  stop.request_stop();
  EXPECT_FALSE(SleepUnlessStopped(std::chrono::minutes(10), stop.get_token()));
}

}  // namespace
}  // namespace jindu::runtime
