// Cache and RedisClient against a real redis-server: hits, TTL expiry, prefix and version
// invalidation, single-flight, and riding out a Redis outage.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <thread>
#include <vector>

#include "harness/redis_server.h"
#include "harness/shared_infrastructure.h"
#include "runtime/cache/cache.h"
#include "runtime/cache/redis_client.h"

namespace jindu::runtime {
namespace {

using namespace std::chrono_literals;
using jindu::testing::RedisServer;
using jindu::testing::SharedRedis;

std::shared_ptr<RedisClient> ClientFor(const RedisServer& server) {
  RedisOptions options;
  options.host = server.host();
  options.port = server.port();
  options.connect_timeout = 250ms;
  options.command_timeout = 250ms;
  options.pool_size = 4;
  return std::make_shared<RedisClient>(options);
}

// Each test uses its own key prefix on the shared server.
class CacheRedisTest : public ::testing::Test {
 protected:
  CacheRedisTest()
      : client_(ClientFor(SharedRedis())),
        cache_(client_, CacheOptions{.key_prefix = Prefix(), .failure_backoff = 200ms}) {}

  static std::string Prefix() {
    return std::string("it:") + ::testing::UnitTest::GetInstance()->current_test_info()->name() +
           ":";
  }
  std::function<std::string()> CountingLoad() {
    return [this] { return "v" + std::to_string(++loads_); };
  }

  std::shared_ptr<RedisClient> client_;
  Cache cache_;
  std::atomic<int> loads_{0};
};

TEST_F(CacheRedisTest, ClientCommands) {
  const std::string p = Prefix();
  ASSERT_TRUE(client_->Ping().ok());
  auto missing = client_->Get(p + "absent");
  ASSERT_TRUE(missing.ok()) << missing.error();
  EXPECT_FALSE(missing.value().has_value());

  const std::string binary("a\0b\r\n", 5);  // values are binary-safe
  ASSERT_TRUE(client_->SetEx(p + "k", binary, 60s).ok());
  auto value = client_->Get(p + "k");
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(value.value(), binary);

  EXPECT_EQ(client_->Incr(p + "n").value(), 1);
  EXPECT_EQ(client_->Incr(p + "n").value(), 2);
  auto wrong_type = client_->Incr(p + "k");  // an error reply is a failure, not an exception
  EXPECT_FALSE(wrong_type.ok());
  EXPECT_NE(wrong_type.error().find("not an integer"), std::string::npos) << wrong_type.error();
  EXPECT_EQ(client_->Del(p + "k").value(), 1);
  EXPECT_EQ(client_->Del(p + "k").value(), 0);
}

TEST_F(CacheRedisTest, DeleteByPrefixScansPastOneBatchAndEscapesGlobs) {
  const std::string p = Prefix();
  for (int i = 0; i < 1200; ++i)
    ASSERT_TRUE(client_->SetEx(p + "bulk:" + std::to_string(i), "x", 60s).ok());
  ASSERT_TRUE(client_->SetEx(p + "a*b:1", "x", 60s).ok());
  ASSERT_TRUE(client_->SetEx(p + "axb:1", "x", 60s).ok());
  ASSERT_TRUE(client_->SetEx(p + "keep", "x", 60s).ok());

  auto removed = client_->DeleteByPrefix(p + "bulk:");
  ASSERT_TRUE(removed.ok()) << removed.error();
  EXPECT_EQ(removed.value(), 1200);
  // "*" in the prefix is a literal character, not a wildcard.
  EXPECT_EQ(client_->DeleteByPrefix(p + "a*b:").value(), 1);
  EXPECT_TRUE(client_->Get(p + "axb:1").value().has_value());
  EXPECT_TRUE(client_->Get(p + "keep").value().has_value());
}

TEST_F(CacheRedisTest, HitMissAndTtlExpiry) {
  EXPECT_EQ(cache_.GetOrLoad("dashboard:430102", 1s, CountingLoad()), "v1");
  EXPECT_EQ(cache_.GetOrLoad("dashboard:430102", 1s, CountingLoad()), "v1");
  EXPECT_EQ(client_->Get(Prefix() + "dashboard:430102").value(), "v1");
  EXPECT_EQ(cache_.stats().hits, 1u);
  EXPECT_EQ(cache_.stats().misses, 1u);

  std::this_thread::sleep_for(2100ms);  // Redis expires keys with second TTLs within ~1 s
  EXPECT_EQ(cache_.GetOrLoad("dashboard:430102", 1s, CountingLoad()), "v2");
  EXPECT_EQ(loads_.load(), 2);
}

TEST_F(CacheRedisTest, PrefixInvalidation) {
  cache_.GetOrLoad("dashboard:430102", 60s, CountingLoad());
  cache_.GetOrLoad("dashboard:430103", 60s, CountingLoad());
  cache_.GetOrLoad("statistics:430102", 60s, CountingLoad());
  ASSERT_TRUE(cache_.InvalidatePrefix("dashboard:"));
  EXPECT_EQ(cache_.GetOrLoad("dashboard:430102", 60s, CountingLoad()), "v4");
  EXPECT_EQ(cache_.GetOrLoad("dashboard:430103", 60s, CountingLoad()), "v5");
  EXPECT_EQ(cache_.GetOrLoad("statistics:430102", 60s, CountingLoad()), "v3");
  ASSERT_TRUE(cache_.Invalidate("statistics:430102"));
  EXPECT_EQ(cache_.GetOrLoad("statistics:430102", 60s, CountingLoad()), "v6");
}

TEST_F(CacheRedisTest, VersionInvalidation) {
  EXPECT_EQ(cache_.GetOrLoadVersioned("dashboards", "430102", 60s, CountingLoad()), "v1");
  EXPECT_EQ(cache_.GetOrLoadVersioned("dashboards", "430102", 60s, CountingLoad()), "v1");
  EXPECT_EQ(cache_.GetOrLoadVersioned("statistics", "430102", 60s, CountingLoad()), "v2");
  ASSERT_TRUE(cache_.BumpVersion("dashboards"));
  EXPECT_EQ(cache_.GetOrLoadVersioned("dashboards", "430102", 60s, CountingLoad()), "v3");
  EXPECT_EQ(cache_.GetOrLoadVersioned("dashboards", "430102", 60s, CountingLoad()), "v3");
  EXPECT_EQ(cache_.GetOrLoadVersioned("statistics", "430102", 60s, CountingLoad()), "v2");
  // The counter lives in Redis, so another replica's cache sees the bump too.
  Cache other_replica(client_, CacheOptions{.key_prefix = Prefix(), .failure_backoff = 200ms});
  EXPECT_EQ(other_replica.GetOrLoadVersioned("dashboards", "430102", 60s, CountingLoad()), "v3");
}

TEST_F(CacheRedisTest, SixteenThreadsOnAColdKeyLoadOnce) {
  constexpr int kThreads = 16;
  std::latch start(kThreads);
  std::vector<std::string> results(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      results[i] = cache_.GetOrLoad("cold:430000", 60s, [&] {
        std::this_thread::sleep_for(300ms);  // a slow aggregate query
        return "v" + std::to_string(++loads_);
      });
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(loads_.load(), 1);
  for (const auto& result : results) EXPECT_EQ(result, "v1");
  EXPECT_EQ(client_->Get(Prefix() + "cold:430000").value(), "v1");
}

// Own server: stopping the shared one would disturb other tests.
TEST(CacheRedisOutageTest, ServesFromSourceWhileRedisIsDownAndUsesItAgainAfterRestart) {
  std::unique_ptr<RedisServer> redis = RedisServer::Start();
  auto client = ClientFor(*redis);
  Cache cache(client, CacheOptions{.key_prefix = "it:outage:", .failure_backoff = 200ms});
  std::atomic<int> loads{0};
  auto load = [&] { return "v" + std::to_string(++loads); };

  // Warm: pooled connections now exist and will be dead after the stop.
  EXPECT_EQ(cache.GetOrLoad("dashboard", 60s, load), "v1");
  EXPECT_EQ(cache.GetOrLoad("dashboard", 60s, load), "v1");

  redis->Stop();
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(cache.GetOrLoad("dashboard", 60s, load), "v" + std::to_string(i + 2));
  }
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_LT(elapsed, 1s) << "100 calls during the outage took "
                         << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()
                         << " ms";
  EXPECT_EQ(loads.load(), 101);
  EXPECT_FALSE(cache.store_healthy());
  EXPECT_GE(cache.stats().fallbacks, 100u);

  redis->Restart();                    // empty: nothing is persisted
  std::this_thread::sleep_for(300ms);  // past the back-off window
  const int before = loads.load();
  EXPECT_EQ(cache.GetOrLoad("dashboard", 60s, load), "v" + std::to_string(before + 1));
  EXPECT_EQ(cache.GetOrLoad("dashboard", 60s, load), "v" + std::to_string(before + 1));
  EXPECT_EQ(loads.load(), before + 1);  // the second came from Redis
  EXPECT_TRUE(cache.store_healthy());
  EXPECT_EQ(client->Get("it:outage:dashboard").value(), "v" + std::to_string(before + 1));
}

TEST(CacheRedisOutageTest, ClientRecoversOnItsFirstCommandAfterARestart) {
  std::unique_ptr<RedisServer> redis = RedisServer::Start();
  auto client = ClientFor(*redis);
  ASSERT_TRUE(client->Ping().ok());
  redis->Stop();
  EXPECT_FALSE(client->Ping().ok());
  redis->Restart();
  // The pooled connection died with the old server; the command is retried on a fresh one.
  auto pong = client->Ping();
  EXPECT_TRUE(pong.ok()) << pong.error();

  // And a stop/restart the client did not notice in between.
  ASSERT_TRUE(client->SetEx("k", "v", 60s).ok());
  redis->Stop();
  redis->Restart();
  auto value = client->Get("k");
  ASSERT_TRUE(value.ok()) << value.error();
  EXPECT_FALSE(value.value().has_value());
}

}  // namespace
}  // namespace jindu::runtime
