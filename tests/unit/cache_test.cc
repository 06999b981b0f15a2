// Cache over an in-memory fake store: hits, single-flight, fallback and back-off, versions.

#include "runtime/cache/cache.h"

#include <gtest/gtest.h>
#include <prometheus/text_serializer.h>

#include <atomic>
#include <latch>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "runtime/logging/logger.h"

namespace jindu::runtime {
namespace {

using namespace std::chrono_literals;

// A store that can be switched to failing, counting the operations it receives. TTLs are
// recorded, not enforced (expiry is covered by the Redis integration test).
class FakeStore : public CacheStore {
 public:
  StoreResult<std::optional<std::string>> Get(const std::string& key) override {
    ++operations;
    if (failing) return StoreResult<std::optional<std::string>>::Failure("fake: down");
    std::lock_guard lock(mutex);
    auto it = data.find(key);
    if (it == data.end()) return StoreResult<std::optional<std::string>>::Ok(std::nullopt);
    return StoreResult<std::optional<std::string>>::Ok(it->second);
  }
  StoreStatus SetEx(const std::string& key, std::string_view value,
                    std::chrono::seconds ttl) override {
    ++operations;
    if (failing) return StoreStatus::Failure("fake: down");
    std::lock_guard lock(mutex);
    data[key] = std::string(value);
    ttls[key] = ttl;
    return StoreStatus::Ok({});
  }
  StoreResult<long long> Del(const std::string& key) override {
    ++operations;
    if (failing) return StoreResult<long long>::Failure("fake: down");
    std::lock_guard lock(mutex);
    return StoreResult<long long>::Ok(static_cast<long long>(data.erase(key)));
  }
  StoreResult<long long> Incr(const std::string& key) override {
    ++operations;
    if (failing) return StoreResult<long long>::Failure("fake: down");
    std::lock_guard lock(mutex);
    long long next = data.count(key) ? std::stoll(data[key]) + 1 : 1;
    data[key] = std::to_string(next);
    return StoreResult<long long>::Ok(next);
  }
  StoreResult<long long> DeleteByPrefix(const std::string& prefix) override {
    ++operations;
    if (failing) return StoreResult<long long>::Failure("fake: down");
    std::lock_guard lock(mutex);
    long long removed = 0;
    for (auto it = data.begin(); it != data.end();) {
      if (it->first.starts_with(prefix)) {
        it = data.erase(it);
        ++removed;
      } else {
        ++it;
      }
    }
    return StoreResult<long long>::Ok(removed);
  }

  std::atomic<bool> failing{false};
  std::atomic<int> operations{0};
  std::mutex mutex;
  std::map<std::string, std::string> data;
  std::map<std::string, std::chrono::seconds> ttls;
};

class CacheTest : public ::testing::Test {
 protected:
  CacheTest()
      : store_(std::make_shared<FakeStore>()),
        cache_(store_, CacheOptions{.key_prefix = "jindu:test:", .failure_backoff = 100ms}) {
    ConfigureLogging("cache-test", LogLevel::kInfo, &log_);
  }
  ~CacheTest() override { ConfigureLogging("cache-test", LogLevel::kInfo, nullptr); }

  // A load that counts its calls and returns a fresh value each time.
  std::function<std::string()> CountingLoad() {
    return [this] { return "v" + std::to_string(++loads_); };
  }
  int LogLines(const std::string& needle) const {
    std::istringstream lines(log_.str());
    int count = 0;
    for (std::string line; std::getline(lines, line);)
      count += line.find(needle) != std::string::npos;
    return count;
  }

  std::ostringstream log_;
  std::shared_ptr<FakeStore> store_;
  Cache cache_;
  std::atomic<int> loads_{0};
};

TEST_F(CacheTest, MissLoadsAndStoresThenHits) {
  EXPECT_EQ(cache_.GetOrLoad("dashboard:430102", 60s, CountingLoad()), "v1");
  EXPECT_EQ(cache_.GetOrLoad("dashboard:430102", 60s, CountingLoad()), "v1");
  EXPECT_EQ(loads_.load(), 1);
  EXPECT_EQ(store_->data.at("jindu:test:dashboard:430102"), "v1");
  EXPECT_EQ(store_->ttls.at("jindu:test:dashboard:430102"), 60s);
  CacheStats stats = cache_.stats();
  EXPECT_EQ(stats.hits, 1u);
  EXPECT_EQ(stats.misses, 1u);
  EXPECT_EQ(stats.loads, 1u);
  EXPECT_EQ(stats.fallbacks, 0u);
}

TEST_F(CacheTest, ZeroTtlLoadsWithoutStoring) {
  cache_.GetOrLoad("k", 0s, CountingLoad());
  cache_.GetOrLoad("k", 0s, CountingLoad());
  EXPECT_EQ(loads_.load(), 2);
  EXPECT_TRUE(store_->data.empty());
}

TEST_F(CacheTest, ColdKeyIsLoadedOnceForManyThreads) {
  constexpr int kThreads = 16;
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  std::vector<std::string> results(kThreads);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      results[i] = cache_.GetOrLoad("cold", 60s, [&] {
        std::this_thread::sleep_for(300ms);
        return "v" + std::to_string(++loads_);
      });
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(loads_.load(), 1);
  for (const auto& result : results) EXPECT_EQ(result, "v1");
  EXPECT_EQ(cache_.stats().coalesced + cache_.stats().hits, static_cast<uint64_t>(kThreads - 1));
}

// Callers that shared a load got a loaded value: reporting labels such answers as computed from the
// database, never as Redis hits (it did while Redis was down, inferring "hit" from its own load not
// having run).
TEST_F(CacheTest, HitTellsStoreAnswersFromSharedLoads) {
  constexpr int kThreads = 8;
  for (bool down : {false, true}) {
    store_->failing = down;
    std::latch start(kThreads);
    std::vector<std::thread> threads;
    std::atomic<uint64_t> hits{0};
    const uint64_t store_hits_before = cache_.stats().hits;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&] {
        start.arrive_and_wait();
        bool hit = true;
        cache_.GetOrLoadVersioned(
            "dashboards", down ? "down" : "up", 60s,
            [&] {
              std::this_thread::sleep_for(300ms);
              return std::string("v");
            },
            &hit);
        hits += hit;
      });
    }
    for (auto& thread : threads) thread.join();
    // Exactly the store's hits (a thread late enough finds the stored value), none when down.
    EXPECT_EQ(hits.load(), cache_.stats().hits - store_hits_before);
    if (down) {
      EXPECT_EQ(hits.load(), 0u);
    }
  }
  EXPECT_GT(cache_.stats().coalesced, 0u);
  store_->failing = false;
  std::this_thread::sleep_for(150ms);  // past the back-off: the next call probes the store
  bool hit = false;
  cache_.GetOrLoadVersioned("dashboards", "up", 60s, CountingLoad(), &hit);
  EXPECT_TRUE(hit);
  EXPECT_EQ(loads_.load(), 0);
}

// A load started while the store was down is shared by a caller that reads the version once the
// store is back (and by a caller of a newer version): one load of a hot key at a time, always.
TEST_F(CacheTest, VersionedLoadsAreSharedAcrossFallbackAndVersions) {
  store_->failing = true;
  std::atomic<bool> running{false};
  auto slow = [&] {
    running = true;
    std::this_thread::sleep_for(600ms);
    return "v" + std::to_string(++loads_);
  };
  std::thread during([&] { cache_.GetOrLoadVersioned("dashboards", "430102", 60s, slow); });
  while (!running.load()) std::this_thread::sleep_for(1ms);
  store_->failing = false;
  std::this_thread::sleep_for(150ms);  // past the back-off: the next caller reads the version
  std::thread after([&] { cache_.GetOrLoadVersioned("dashboards", "430102", 60s, slow); });
  std::this_thread::sleep_for(50ms);
  ASSERT_TRUE(cache_.BumpVersion("dashboards"));
  std::thread bumped([&] { cache_.GetOrLoadVersioned("dashboards", "430102", 60s, slow); });
  during.join();
  after.join();
  bumped.join();
  EXPECT_EQ(loads_.load(), 1);
  EXPECT_EQ(cache_.stats().coalesced, 2u);
}

TEST_F(CacheTest, LoadExceptionsReachTheCallerAndAreNotCached) {
  EXPECT_THROW(cache_.GetOrLoad("k", 60s, []() -> std::string { throw std::runtime_error("db"); }),
               std::runtime_error);
  EXPECT_TRUE(store_->data.empty());
  EXPECT_EQ(cache_.GetOrLoad("k", 60s, CountingLoad()), "v1");
}

TEST_F(CacheTest, StoreDownServesFromSourceAndBacksOff) {
  store_->failing = true;
  for (int i = 0; i < 50; ++i) {
    EXPECT_EQ(cache_.GetOrLoad("k", 60s, CountingLoad()), "v" + std::to_string(i + 1));
  }
  EXPECT_EQ(loads_.load(), 50);
  // Only the first call tried the store; the rest skipped it during the back-off window.
  EXPECT_EQ(store_->operations.load(), 1);
  EXPECT_FALSE(cache_.store_healthy());
  EXPECT_EQ(cache_.stats().fallbacks, 50u);
  EXPECT_EQ(cache_.stats().store_errors, 1u);
  EXPECT_EQ(LogLines("cache store unavailable"), 1);

  // After the window one call probes; still down, so still one warning in total.
  std::this_thread::sleep_for(150ms);
  cache_.GetOrLoad("k", 60s, CountingLoad());
  cache_.GetOrLoad("k", 60s, CountingLoad());
  EXPECT_EQ(store_->operations.load(), 2);
  EXPECT_EQ(LogLines("cache store unavailable"), 1);

  // Recovery: the next probe succeeds and caching resumes.
  store_->failing = false;
  std::this_thread::sleep_for(150ms);
  EXPECT_EQ(cache_.GetOrLoad("k", 60s, CountingLoad()), "v53");
  EXPECT_EQ(cache_.GetOrLoad("k", 60s, CountingLoad()), "v53");
  EXPECT_TRUE(cache_.store_healthy());
  EXPECT_EQ(LogLines("cache store reachable again"), 1);
  // Nothing identifying was logged: no keys, no values.
  EXPECT_EQ(log_.str().find("jindu:test:k"), std::string::npos);
  EXPECT_EQ(log_.str().find("v53"), std::string::npos);
}

TEST_F(CacheTest, OnlyOneCallerProbesAfterTheWindow) {
  store_->failing = true;
  cache_.GetOrLoad("k", 60s, CountingLoad());
  std::this_thread::sleep_for(150ms);
  constexpr int kThreads = 8;
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      cache_.GetOrLoad("k" + std::to_string(i), 60s, CountingLoad());
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(store_->operations.load(), 2);
}

TEST_F(CacheTest, BumpVersionMakesOldEntriesUnreachable) {
  EXPECT_EQ(cache_.GetOrLoadVersioned("dashboards", "430102", 60s, CountingLoad()), "v1");
  EXPECT_EQ(cache_.GetOrLoadVersioned("dashboards", "430102", 60s, CountingLoad()), "v1");
  EXPECT_EQ(store_->data.count("jindu:test:dashboards@v0:430102"), 1u);
  ASSERT_TRUE(cache_.BumpVersion("dashboards"));
  EXPECT_EQ(cache_.GetOrLoadVersioned("dashboards", "430102", 60s, CountingLoad()), "v2");
  EXPECT_EQ(store_->data.count("jindu:test:dashboards@v1:430102"), 1u);
  // Other namespaces are untouched.
  EXPECT_EQ(cache_.GetOrLoadVersioned("statistics", "430102", 60s, CountingLoad()), "v3");
  ASSERT_TRUE(cache_.BumpVersion("dashboards"));
  EXPECT_EQ(cache_.GetOrLoadVersioned("statistics", "430102", 60s, CountingLoad()), "v3");
}

TEST_F(CacheTest, VersionedFallsBackWithoutStoringWhenTheStoreIsDown) {
  store_->failing = true;
  EXPECT_EQ(cache_.GetOrLoadVersioned("dashboards", "430102", 60s, CountingLoad()), "v1");
  EXPECT_EQ(cache_.GetOrLoadVersioned("dashboards", "430102", 60s, CountingLoad()), "v2");
  EXPECT_FALSE(cache_.BumpVersion("dashboards"));
  store_->failing = false;
  EXPECT_TRUE(store_->data.empty());
}

TEST_F(CacheTest, InvalidateKeyAndPrefix) {
  cache_.GetOrLoad("dashboard:430102", 60s, CountingLoad());
  cache_.GetOrLoad("dashboard:430103", 60s, CountingLoad());
  cache_.GetOrLoad("statistics:430102", 60s, CountingLoad());
  ASSERT_TRUE(cache_.Invalidate("dashboard:430103"));
  EXPECT_EQ(cache_.GetOrLoad("dashboard:430103", 60s, CountingLoad()), "v4");
  ASSERT_TRUE(cache_.InvalidatePrefix("dashboard:"));
  EXPECT_EQ(cache_.GetOrLoad("dashboard:430102", 60s, CountingLoad()), "v5");
  EXPECT_EQ(cache_.GetOrLoad("statistics:430102", 60s, CountingLoad()), "v3");

  store_->failing = true;
  EXPECT_FALSE(cache_.InvalidatePrefix("dashboard:"));
}

TEST(CacheMetricsTest, LookupsLoadsAndFallbacksShowOnTheServicesRegistry) {
  auto store = std::make_shared<FakeStore>();
  prometheus::Registry registry;
  Cache cache(store, CacheOptions{.name = "dashboards", .metrics_registry = &registry});
  auto load = [] { return std::string("figures"); };
  cache.GetOrLoad("430102", 60s, load);  // miss, load
  cache.GetOrLoad("430102", 60s, load);  // hit
  store->failing = true;
  cache.GetOrLoad("430103", 60s, load);  // store error, fallback, load

  std::string text = prometheus::TextSerializer().Serialize(registry.Collect());
  for (const char* sample :
       {"jindu_cache_requests_total{cache=\"dashboards\",result=\"hit\"} 1",
        "jindu_cache_requests_total{cache=\"dashboards\",result=\"miss\"} 1",
        "jindu_cache_requests_total{cache=\"dashboards\",result=\"fallback\"} 1",
        "jindu_cache_loads_total{cache=\"dashboards\"} 2",
        "jindu_cache_store_errors_total{cache=\"dashboards\"} 1"}) {
    EXPECT_NE(text.find(sample), std::string::npos) << sample << "\n" << text;
  }
}

}  // namespace
}  // namespace jindu::runtime
