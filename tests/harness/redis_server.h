#pragma once

// A private Redis server for tests.

#include <memory>
#include <string>

#include "harness/child_process.h"
#include "harness/temp_dir.h"

namespace jindu::testing {

// redis-server on a free port of 127.0.0.1 with the settings of tools/lib/redis.conf (nothing
// persisted), in its own temporary directory. Can be stopped and restarted on the same port, to
// test how services ride out a Redis outage.
class RedisServer {
 public:
  // Throws std::runtime_error, with the end of the server's log, when the server does not start.
  static std::unique_ptr<RedisServer> Start();
  ~RedisServer();
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  std::string host() const { return "127.0.0.1"; }
  int port() const { return port_; }
  // "127.0.0.1:<port>", the form services take as --redis-address.
  std::string Address() const { return host() + ":" + std::to_string(port_); }

  // Kills the server at once (connections are refused from then on). Its port stays this object's.
  void Stop();
  // Starts the server again on the same port (empty: nothing is persisted) and waits until it
  // answers. Throws when it cannot (e.g. someone else took the port meanwhile).
  void Restart();
  bool Running();

 private:
  RedisServer() = default;
  // Starts the server on port_; false when it lost a race for the port.
  bool Launch();

  std::unique_ptr<TempDir> dir_;  // first member: deleted after the server has stopped
  std::unique_ptr<ChildProcess> server_;
  int port_ = 0;
};

}  // namespace jindu::testing
