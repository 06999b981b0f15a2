#pragma once

// A thread-safe Redis client over hiredis's blocking API, for the cache.
//
// A small pool of connections serves concurrent gRPC threads: a call borrows one connection for
// one command, so readers of hot dashboards do not queue behind a single socket. Connections are
// opened lazily; every command is bounded by the command timeout, and waiting for a free
// connection by that timeout too, so a slow or unreachable Redis turns into a prompt failure
// rather than a hung request. After an I/O failure the failed connection is closed and every idle
// one is marked stale, so that after a Redis restart each is reopened on its next use; a command
// that failed only because its reused connection had been closed by the server is retried once on
// a fresh connection.
//
// Constructing a RedisClient makes the process ignore SIGPIPE if it still has the default
// disposition: hiredis writes with write(2), and a server closing its end must not kill us.

#include <hiredis/hiredis.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/cache/cache_store.h"

namespace jindu::runtime {

struct RedisOptions {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::chrono::milliseconds connect_timeout{500};
  std::chrono::milliseconds command_timeout{250};
  // As many as the callers that may read at once: connections open lazily and cost Redis little,
  // while 4 of them made 16 concurrent dashboard readers on a loaded machine wait past the command
  // timeout, which takes Redis out of use for a while (the Redis outage scenario saw 4-18 such
  // store errors with Redis healthy).
  int pool_size = 16;
  std::string password;  // AUTH when not empty
  int database = 0;      // SELECT when not 0
};

class RedisClient final : public CacheStore {
 public:
  // Does not connect. Throws std::invalid_argument for an empty host, a port outside 1..65535,
  // non-positive timeouts or pool size, or a negative database.
  explicit RedisClient(RedisOptions options);
  ~RedisClient() override;
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  StoreResult<std::optional<std::string>> Get(const std::string& key) override;
  StoreStatus SetEx(const std::string& key, std::string_view value,
                    std::chrono::seconds ttl) override;
  StoreResult<long long> Del(const std::string& key) override;
  StoreResult<long long> Incr(const std::string& key) override;
  // SCAN with MATCH over the whole keyspace, deleting matches in batches with UNLINK. Cost grows
  // with the size of the database, not of the match; not atomic with concurrent writers.
  StoreResult<long long> DeleteByPrefix(const std::string& prefix) override;
  StoreStatus Ping();

 private:
  struct ReplyDeleter {
    void operator()(redisReply* reply) const { freeReplyObject(reply); }
  };
  using ReplyPtr = std::unique_ptr<redisReply, ReplyDeleter>;

  struct Connection {
    redisContext* context = nullptr;
    uint64_t generation = 0;  // generation_ when opened; older ones are stale
  };

  // Sends one command on a pooled connection. Error replies are failures.
  StoreResult<ReplyPtr> Command(const std::vector<std::string_view>& arguments);
  Connection* Acquire();
  void Release(Connection* connection);
  std::string Connect(Connection* connection);  // "" on success, else the reason
  static void Close(Connection* connection);

  const RedisOptions options_;
  std::atomic<uint64_t> generation_{0};
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> connections_;
  std::vector<Connection*> idle_;  // guarded by mutex_
};

}  // namespace jindu::runtime
