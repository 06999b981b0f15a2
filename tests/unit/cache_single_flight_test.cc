// SingleFlight: one call per key at a time, its result or exception shared by every waiter.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <stdexcept>
#include <thread>
#include <vector>

#include "runtime/cache/single_flight.h"

namespace jindu::runtime {
namespace {

using namespace std::chrono_literals;

TEST(SingleFlight, ConcurrentCallersForOneKeyShareOneCall) {
  SingleFlight flight;
  std::atomic<int> calls{0};
  std::atomic<int> leaders{0};
  constexpr int kThreads = 32;
  std::latch start(kThreads);
  std::vector<std::string> results(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      bool leader = false;
      results[i] = flight.Do(
          "dashboard:430102",
          [&] {
            ++calls;
            std::this_thread::sleep_for(300ms);  // long enough for every thread to join
            return std::string("value");
          },
          &leader);
      if (leader) ++leaders;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(calls.load(), 1);
  EXPECT_EQ(leaders.load(), 1);
  for (const auto& result : results) EXPECT_EQ(result, "value");
}

TEST(SingleFlight, DifferentKeysDoNotWaitForEachOther) {
  SingleFlight flight;
  std::atomic<int> calls{0};
  std::latch both_running(2);
  auto fn = [&] {
    ++calls;
    // Returns only once the other key's call is running too: would deadlock if serialised.
    both_running.arrive_and_wait();
    return std::string("v");
  };
  std::thread a([&] { flight.Do("a", fn); });
  std::thread b([&] { flight.Do("b", fn); });
  a.join();
  b.join();
  EXPECT_EQ(calls.load(), 2);
}

TEST(SingleFlight, ExceptionIsSharedAndNotRemembered) {
  SingleFlight flight;
  std::atomic<int> calls{0};
  std::atomic<int> failures{0};
  constexpr int kThreads = 8;
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      try {
        flight.Do("k", [&]() -> std::string {
          ++calls;
          std::this_thread::sleep_for(200ms);
          throw std::runtime_error("source down");
        });
      } catch (const std::runtime_error& e) {
        if (std::string(e.what()) == "source down") ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(calls.load(), 1);
  EXPECT_EQ(failures.load(), kThreads);

  // A later call runs again and may succeed.
  EXPECT_EQ(flight.Do("k", [] { return std::string("recovered"); }), "recovered");
}

TEST(SingleFlight, SequentialCallsEachRun) {
  SingleFlight flight;
  int calls = 0;
  bool leader = false;
  flight.Do(
      "k", [&] { return std::to_string(++calls); }, &leader);
  EXPECT_TRUE(leader);
  EXPECT_EQ(flight.Do("k", [&] { return std::to_string(++calls); }), "2");
}

}  // namespace
}  // namespace jindu::runtime
