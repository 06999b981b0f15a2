#pragma once

// A fixed-size pool of PostgreSQL connections shared by a service's gRPC handlers, relay and
// consumers. libpqxx connections are not thread-safe, so each caller leases one for the length of a
// unit of work and gives it back; a connection found broken is replaced on its next lease, and
// takes the idle ones with it (after a restart or failover they are dead as well).

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace jindu::runtime {

class ConnectionPool;

// A leased connection; returns to the pool when it goes out of scope.
class PooledConnection {
 public:
  PooledConnection(PooledConnection&& other) noexcept;
  PooledConnection& operator=(PooledConnection&&) = delete;
  PooledConnection(const PooledConnection&) = delete;
  ~PooledConnection();

  pqxx::connection& operator*() { return *connection_; }
  pqxx::connection* operator->() { return connection_.get(); }

 private:
  friend class ConnectionPool;
  PooledConnection(ConnectionPool* pool, std::unique_ptr<pqxx::connection> connection);

  ConnectionPool* pool_;
  std::unique_ptr<pqxx::connection> connection_;
};

class ConnectionPool {
 public:
  // Connections open lazily, so a pool can be built before the database is up.
  ConnectionPool(std::string connection_string, size_t size);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Waits up to `timeout` for a free connection; throws PoolExhausted when none frees up, or
  // pqxx::broken_connection when the database cannot be reached.
  PooledConnection Acquire(std::chrono::milliseconds timeout = std::chrono::seconds(5));

  const std::string& connection_string() const { return connection_string_; }
  size_t size() const { return size_; }

 private:
  friend class PooledConnection;
  void Release(std::unique_ptr<pqxx::connection> connection);

  const std::string connection_string_;
  const size_t size_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  size_t leased_ = 0;
};

class PoolExhausted : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace jindu::runtime
