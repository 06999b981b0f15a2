// The request ids HandleCall makes for calls that came without one (correlation_ids.h): UUID text,
// and never the same twice, within a thread or across threads.
#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "runtime/grpc/correlation_ids.h"

namespace jindu::runtime {
namespace {

TEST(RequestIdTest, IsAVersion4UuidInCanonicalText) {
  for (int i = 0; i < 1000; ++i) {
    const std::string id = NewRequestId();
    ASSERT_EQ(id.size(), 36u) << id;
    for (size_t c = 0; c < id.size(); ++c) {
      if (c == 8 || c == 13 || c == 18 || c == 23) {
        ASSERT_EQ(id[c], '-') << id;
      } else {
        ASSERT_TRUE((id[c] >= '0' && id[c] <= '9') || (id[c] >= 'a' && id[c] <= 'f')) << id;
      }
    }
    EXPECT_EQ(id[14], '4') << id;
    EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << id;
    EXPECT_TRUE(IsAcceptableRequestId(id)) << id;
  }
}

TEST(RequestIdTest, NeverRepeatsWithinOrAcrossThreads) {
  constexpr int kThreads = 8, kPerThread = 20000;
  std::mutex mutex;
  std::unordered_set<std::string> seen;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      std::vector<std::string> mine;
      for (int i = 0; i < kPerThread; ++i) mine.push_back(NewRequestId());
      std::lock_guard lock(mutex);
      seen.insert(mine.begin(), mine.end());
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(seen.size(), static_cast<size_t>(kThreads * kPerThread));
}

// Every hex digit outside the fixed version and variant bits takes several values: the generator
// is not stuck on a constant (e.g. a seed that failed to be drawn).
TEST(RequestIdTest, EveryFreeDigitVaries) {
  std::vector<std::unordered_set<char>> digits(36);
  for (int i = 0; i < 200; ++i) {
    const std::string id = NewRequestId();
    for (size_t c = 0; c < id.size(); ++c) digits[c].insert(id[c]);
  }
  for (size_t c = 0; c < digits.size(); ++c) {
    if (c == 8 || c == 13 || c == 18 || c == 23 || c == 14) continue;
    EXPECT_GE(digits[c].size(), c == 19 ? 4u : 8u) << "position " << c;
  }
}

}  // namespace
}  // namespace jindu::runtime
