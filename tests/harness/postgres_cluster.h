#pragma once

// A private PostgreSQL server for tests.

#include <memory>
#include <mutex>
#include <string>

#include "harness/child_process.h"
#include "harness/temp_dir.h"

namespace jindu::testing {

// A fresh cluster (initdb) in its own temporary directory, served on a free port of 127.0.0.1 with
// the settings of tools/lib/postgresql.conf (no fsync: fast, not durable). Every local connection
// is trusted; the superuser is "postgres". Run as root, the server runs as an unprivileged user
// (see PostgresRunAsUser in installation.h), since PostgreSQL refuses root.
class PostgresCluster {
 public:
  // Throws std::runtime_error, with the end of the server's log, when the server does not start.
  static std::unique_ptr<PostgresCluster> Start();
  ~PostgresCluster();  // fast shutdown, then the directory is deleted
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;

  int port() const { return port_; }
  // A libpq connection string (keyword=value form) for the given database, as the superuser.
  std::string ConnectionString(const std::string& database = "postgres") const;
  // The same as a postgresql:// URI, the form services take as --postgres-url.
  std::string Url(const std::string& database = "postgres") const;
  // Creates the database (if absent) and returns its connection string. Thread-safe.
  std::string CreateDatabase(const std::string& name);
  // Where the data directory (data/) and the server's log (postgres.log) are.
  const std::string& directory() const { return dir_->path(); }

  // Outages, for tests that need them. Stop the cluster of a test process of its own (every
  // reliability executable is one: SharedPostgres() there serves that executable only), never one
  // that other test processes use.
  //
  // Stop: "fast" shutdown (pg_ctl stop -m fast: SIGINT), sessions are terminated with "terminating
  // connection due to administrator command", connections are refused from then on. Kill: the
  // "immediate" mode (SIGQUIT), a crash as far as the data directory is concerned: the next start
  // runs crash recovery. Both wait until the server has exited.
  void Stop();
  void Kill();
  // Starts the server again on the same port with the same data directory and waits until it
  // accepts connections. Throws std::runtime_error when it cannot (e.g. the port was taken).
  void Restart();
  bool Running();

 private:
  PostgresCluster() = default;
  void InitDb(const ChildProcess::Options& options);
  // Starts the server on port_; false when it lost a race for the port.
  bool Launch(const ChildProcess::Options& options);
  void Shutdown(int signo);

  std::unique_ptr<TempDir> dir_;  // first member: deleted after the server has stopped
  std::unique_ptr<ChildProcess> server_;
  std::string bin_dir_;
  ChildProcess::Options options_;  // how the server runs (its user), kept for Restart
  int port_ = 0;
  std::mutex create_database_mutex_;
};

}  // namespace jindu::testing
