#include "harness/postgres_cluster.h"

#include <signal.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
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

constexpr char kSuperuser[] = "postgres";
constexpr auto kStartTimeout = 60s;
constexpr int kPortAttempts = 3;

// Quotes a keyword=value connection string value when it needs it (libpq's rules).
std::string QuoteValue(const std::string& value) {
  bool plain = !value.empty() && value.find_first_of(" \t\n\r'\\") == std::string::npos;
  if (plain) return value;
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "'";
}

std::string PercentEncode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return encoded;
}

void CopyFile(const std::string& from, const std::string& to) {
  std::error_code error;
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing, error);
  if (error) throw std::runtime_error("cannot copy " + from + " to " + to + ": " + error.message());
}

}  // namespace

std::unique_ptr<PostgresCluster> PostgresCluster::Start() {
  const auto started = Clock::now();
  std::unique_ptr<PostgresCluster> cluster(new PostgresCluster());
  cluster->dir_ = std::make_unique<TempDir>("postgres");
  cluster->bin_dir_ = PostgresBinDir();
  ChildProcess::Options options;
  options.working_directory = cluster->dir_->path();  // the test's may be closed to that user
  if (std::optional<UnixUser> user = PostgresRunAsUser()) {
    options.uid = user->uid;
    options.gid = user->gid;
    cluster->dir_->Chown(user->uid, user->gid);
  }
  cluster->InitDb(options);
  cluster->options_ = options;
  for (int attempt = 1;; ++attempt) {
    cluster->port_ = FreePort();
    if (cluster->Launch(options)) break;
    if (attempt == kPortAttempts) {
      throw std::runtime_error("PostgreSQL lost the race for a free port " +
                               std::to_string(attempt) + " times\n" +
                               LogTail(cluster->dir_->File("postgres.log")));
    }
  }
  runtime::LogInfo(
      "test postgres started",
      {{"port", cluster->port_},
       {"dir", cluster->dir_->path()},
       {"startup_ms",
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count()}});
  return cluster;
}

void PostgresCluster::InitDb(const ChildProcess::Options& options) {
  const std::string data = dir_->File("data");
  const std::string log = dir_->File("initdb.log");
  auto initdb = ChildProcess::Start(
      {bin_dir_ + "/initdb", "--pgdata=" + data, std::string("--username=") + kSuperuser,
       "--auth=trust", "--no-sync", "--encoding=UTF8", "--locale=C", "--no-instructions"},
      {}, log, options);
  int status = initdb->Wait(120s);
  if (status != 0) {
    throw std::runtime_error("initdb failed with status " + std::to_string(status) + "\n" +
                             LogTail(log));
  }
  // The settings shared with tools/infra.sh, included rather than merged so that they win.
  std::ofstream(data + "/postgresql.conf", std::ios::app) << "include_if_exists = 'jindu.conf'\n";
  CopyFile(SourceDir() + "/tools/lib/postgresql.conf", data + "/jindu.conf");
}

bool PostgresCluster::Launch(const ChildProcess::Options& options) {
  const std::string log = dir_->File("postgres.log");
  server_ = ChildProcess::Start({bin_dir_ + "/postgres", "-D", dir_->File("data"), "-p",
                                 std::to_string(port_), "-k", dir_->path()},
                                {}, log, options);
  // Connect through the unix socket in our own directory: only our server can answer there, and
  // it answers only after it has bound its TCP port (it exits when it cannot).
  const std::string socket_connection = "host=" + QuoteValue(dir_->path()) +
                                        " port=" + std::to_string(port_) + " user=" + kSuperuser +
                                        " dbname=postgres";
  const auto deadline = Clock::now() + kStartTimeout;
  std::string last_error;
  while (Clock::now() < deadline) {
    if (!server_->Running()) {
      if (LogContains(log, "Address already in use")) return false;
      throw std::runtime_error("PostgreSQL exited with status " +
                               std::to_string(*server_->exit_status()) + " while starting\n" +
                               LogTail(log));
    }
    try {
      pqxx::connection connection(socket_connection);
      return true;
    } catch (const std::exception& error) {
      last_error = error.what();
    }
    std::this_thread::sleep_for(20ms);
  }
  server_->Kill();
  throw std::runtime_error("PostgreSQL did not accept connections within " +
                           std::to_string(kStartTimeout.count()) + " s (" + last_error + ")\n" +
                           LogTail(log));
}

PostgresCluster::~PostgresCluster() {
  if (server_ == nullptr) return;
  server_->Signal(SIGINT);  // "fast" shutdown: disconnect clients, no checkpoint wait
  try {
    server_->Wait(15s);
  } catch (const std::exception&) {
    server_->Kill();
  }
}

void PostgresCluster::Shutdown(int signo) {
  if (server_ == nullptr || !server_->Running()) return;
  server_->Signal(signo);
  try {
    server_->Wait(60s);
  } catch (const std::exception&) {
    server_->Kill();
  }
}

void PostgresCluster::Stop() {
  Shutdown(SIGINT);  // pg_ctl stop -m fast
  runtime::LogInfo("test postgres stopped (fast)", {{"port", port_}});
}

void PostgresCluster::Kill() {
  Shutdown(SIGQUIT);  // pg_ctl stop -m immediate: no shutdown checkpoint, crash recovery next
  runtime::LogInfo("test postgres stopped (immediate)", {{"port", port_}});
}

void PostgresCluster::Restart() {
  Shutdown(SIGINT);
  const auto started = Clock::now();
  if (!Launch(options_)) {
    throw std::runtime_error("PostgreSQL cannot restart: port " + std::to_string(port_) +
                             " was taken while it was stopped\n" +
                             LogTail(dir_->File("postgres.log")));
  }
  runtime::LogInfo(
      "test postgres restarted",
      {{"port", port_},
       {"startup_ms",
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count()}});
}

bool PostgresCluster::Running() { return server_ != nullptr && server_->Running(); }

std::string PostgresCluster::ConnectionString(const std::string& database) const {
  return "host=127.0.0.1 port=" + std::to_string(port_) + " user=" + kSuperuser +
         " dbname=" + QuoteValue(database) + " sslmode=disable";
}

std::string PostgresCluster::Url(const std::string& database) const {
  return std::string("postgresql://") + kSuperuser + "@127.0.0.1:" + std::to_string(port_) + "/" +
         PercentEncode(database) + "?sslmode=disable";
}

std::string PostgresCluster::CreateDatabase(const std::string& name) {
  std::lock_guard lock(create_database_mutex_);
  pqxx::connection connection(ConnectionString());
  pqxx::nontransaction transaction(connection);
  pqxx::result existing =
      transaction.exec("SELECT 1 FROM pg_database WHERE datname = " + transaction.quote(name));
  if (existing.empty()) {
    try {
      transaction.exec("CREATE DATABASE " + transaction.quote_name(name));
    } catch (const pqxx::sql_error& error) {
      if (error.sqlstate() != "42P04") throw;  // duplicate_database: another process made it
    }
  }
  return ConnectionString(name);
}

}  // namespace jindu::testing
