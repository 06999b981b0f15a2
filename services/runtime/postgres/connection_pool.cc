#include "runtime/postgres/connection_pool.h"

#include <utility>

#include "runtime/postgres/transaction_end_bell.h"

namespace jindu::runtime {

PooledConnection::PooledConnection(ConnectionPool* pool,
                                   std::unique_ptr<pqxx::connection> connection)
    : pool_(pool), connection_(std::move(connection)) {}

PooledConnection::PooledConnection(PooledConnection&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)), connection_(std::move(other.connection_)) {}

PooledConnection::~PooledConnection() {
  if (pool_ == nullptr) return;
  pool_->Release(std::move(connection_));
  // After the pool has it back: whoever the bells wake may need a connection themselves.
  NoteLeaseGivenBack();
}

ConnectionPool::ConnectionPool(std::string connection_string, size_t size)
    : connection_string_(std::move(connection_string)), size_(size == 0 ? 1 : size) {}

PooledConnection ConnectionPool::Acquire(std::chrono::milliseconds timeout) {
  // The time is reported however Acquire ends: a wait that ended in PoolExhausted is exactly the
  // pressure operators need to see.
  struct ReportTime {
    std::shared_ptr<PoolObserver> observer;
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    ~ReportTime() {
      if (observer != nullptr) observer->Acquired(std::chrono::steady_clock::now() - start);
    }
  } report_time;
  std::unique_ptr<pqxx::connection> connection;
  {
    std::unique_lock lock(mutex_);
    report_time.observer = observer_;
    auto one_free = [&] { return !idle_.empty() || leased_ < size_; };
    if (!one_free()) {
      ++waiting_;
      ReportCountsLocked();
      const bool got_one = available_.wait_for(lock, timeout, one_free);
      --waiting_;
      if (!got_one) {
        ReportCountsLocked();
        throw PoolExhausted("no database connection free within " +
                            std::to_string(timeout.count()) + " ms (pool size " +
                            std::to_string(size_) + ")");
      }
    }
    ++leased_;
    if (!idle_.empty()) {
      connection = std::move(idle_.back());
      idle_.pop_back();
    }
    ReportCountsLocked();
  }
  try {
    // A connection the server closed (restart, idle timeout) is replaced rather than handed out.
    if (connection == nullptr || !connection->is_open()) {
      connection = std::make_unique<pqxx::connection>(connection_string_);
      // Terse errors leave out PostgreSQL's DETAIL line, which quotes row values ("Key
      // (id_number)=(...) already exists"): error texts reach logs and dead-letter headers, and
      // personal data must not.
      connection->set_verbosity(pqxx::connection_base::terse);
    }
  } catch (...) {
    Release(nullptr);
    throw;
  }
  NoteLeaseTaken();
  return PooledConnection(this, std::move(connection));
}

void ConnectionPool::Release(std::unique_ptr<pqxx::connection> connection) {
  {
    std::lock_guard lock(mutex_);
    --leased_;
    if (connection != nullptr && connection->is_open()) {
      idle_.push_back(std::move(connection));
    } else {
      // One connection found broken means the server restarted, failed over or cut its
      // sessions: the idle ones are almost surely dead too. Dropping them now spares the next
      // callers one failed call each; they reconnect on their next lease.
      idle_.clear();
    }
    ReportCountsLocked();
  }
  available_.notify_one();
}

void ConnectionPool::SetObserver(std::shared_ptr<PoolObserver> observer) {
  std::lock_guard lock(mutex_);
  observer_ = std::move(observer);
  ReportCountsLocked();
}

void ConnectionPool::ReportCountsLocked() {
  if (observer_ != nullptr) observer_->Counts(idle_.size(), leased_, waiting_);
}

}  // namespace jindu::runtime
