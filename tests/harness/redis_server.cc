#include "harness/redis_server.h"

#include <hiredis/hiredis.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "harness/free_port.h"
#include "harness/installation.h"
#include "harness/log_tail.h"
#include "runtime/logging/logger.h"

namespace jindu::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr auto kStartTimeout = 30s;
constexpr int kPortAttempts = 3;

// One PING through the unix socket; true on PONG.
bool Pings(const std::string& socket_path) {
  timeval timeout{.tv_sec = 1, .tv_usec = 0};
  redisContext* context = redisConnectUnixWithTimeout(socket_path.c_str(), timeout);
  bool pong = false;
  if (context != nullptr && context->err == 0) {
    auto* reply = static_cast<redisReply*>(redisCommand(context, "PING"));
    pong =
        reply != nullptr && reply->type == REDIS_REPLY_STATUS && std::string(reply->str) == "PONG";
    if (reply != nullptr) freeReplyObject(reply);
  }
  if (context != nullptr) redisFree(context);
  return pong;
}

int64_t MillisSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

}  // namespace

std::unique_ptr<RedisServer> RedisServer::Start() {
  const auto started = Clock::now();
  std::unique_ptr<RedisServer> redis(new RedisServer());
  redis->dir_ = std::make_unique<TempDir>("redis");
  for (int attempt = 1;; ++attempt) {
    redis->port_ = FreePort();
    if (redis->Launch()) break;
    if (attempt == kPortAttempts) {
      throw std::runtime_error("Redis lost the race for a free port " + std::to_string(attempt) +
                               " times\n" + LogTail(redis->dir_->File("redis.log")));
    }
  }
  runtime::LogInfo(
      "test redis started",
      {{"port", redis->port_}, {"dir", redis->dir_->path()}, {"startup_ms", MillisSince(started)}});
  return redis;
}

bool RedisServer::Launch() {
  const std::string log = dir_->File("redis.log");
  const std::string socket_path = dir_->File("redis.sock");
  server_ = ChildProcess::Start(
      {"redis-server", SourceDir() + "/tools/lib/redis.conf", "--port", std::to_string(port_),
       "--dir", dir_->path(), "--unixsocket", socket_path, "--unixsocketperm", "700"},
      {}, log, ChildProcess::Options::InDirectory(dir_->path()));
  // Ask through the unix socket in our own directory: only our server answers there, and only
  // after it has bound its TCP port (it exits when it cannot).
  const auto deadline = Clock::now() + kStartTimeout;
  while (Clock::now() < deadline) {
    if (!server_->Running()) {
      if (LogContains(log, "Address already in use")) return false;
      throw std::runtime_error("redis-server exited with status " +
                               std::to_string(*server_->exit_status()) + " while starting\n" +
                               LogTail(log));
    }
    if (Pings(socket_path)) return true;
    std::this_thread::sleep_for(10ms);
  }
  server_->Kill();
  throw std::runtime_error("redis-server did not answer within " +
                           std::to_string(kStartTimeout.count()) + " s\n" + LogTail(log));
}

RedisServer::~RedisServer() = default;  // ~ChildProcess kills the server

void RedisServer::Stop() {
  if (server_ != nullptr) server_->Kill();
}

void RedisServer::Restart() {
  Stop();
  const auto started = Clock::now();
  if (!Launch()) {
    throw std::runtime_error("Redis cannot restart: port " + std::to_string(port_) +
                             " was taken while it was stopped\n" +
                             LogTail(dir_->File("redis.log")));
  }
  runtime::LogInfo("test redis restarted", {{"port", port_}, {"startup_ms", MillisSince(started)}});
}

bool RedisServer::Running() { return server_ != nullptr && server_->Running(); }

}  // namespace jindu::testing
