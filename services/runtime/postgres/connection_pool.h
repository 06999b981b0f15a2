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

// What the pool tells its observer (runtime/postgres/pool_metrics.h turns it into Prometheus
// series). An interface rather than a metrics registry, so the pool works without one (tests,
// tools) and knows nothing of how it is watched.
class PoolObserver {
 public:
  virtual ~PoolObserver() = default;
  // The counts after every change: open connections idle in the pool, connections leased, callers
  // waiting for one. Called under the pool's lock: keep it cheap and never call back into the pool.
  virtual void Counts(size_t idle, size_t in_use, size_t waiting) = 0;
  // How long one Acquire took until it had a connection, or gave up (exhausted, unreachable).
  virtual void Acquired(std::chrono::duration<double> took) = 0;
};

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

  // Reports to `observer` from now on (null: to nobody); it is told the current counts at once.
  void SetObserver(std::shared_ptr<PoolObserver> observer);

 private:
  friend class PooledConnection;
  void Release(std::unique_ptr<pqxx::connection> connection);
  void ReportCountsLocked();

  const std::string connection_string_;
  const size_t size_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  size_t leased_ = 0;
  size_t waiting_ = 0;
  std::shared_ptr<PoolObserver> observer_;
};

class PoolExhausted : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace jindu::runtime
