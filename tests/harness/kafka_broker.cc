#include "harness/kafka_broker.h"

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "harness/free_port.h"
#include "harness/installation.h"
#include "harness/kafka_admin.h"
#include "harness/log_tail.h"
#include "runtime/logging/logger.h"

namespace jindu::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr auto kFormatTimeout = 120s;
constexpr auto kStartTimeout = 120s;
constexpr auto kStopTimeout = 60s;
constexpr int kPortAttempts = 3;

// A KRaft cluster id: 16 random bytes in URL-safe base64 without padding (Kafka's Uuid format).
// Never starting with '-', which the storage tool would take for an option.
std::string RandomClusterId() {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::random_device random;
  std::string id;
  // 22 characters of 6 bits carry the 128 bits (the last one only 2 of them: its low bits are 0).
  for (int i = 0; i < 22; ++i) {
    unsigned bits = random() % 64;
    if (i == 0) bits %= 62;
    if (i == 21) bits &= 0x30;
    id += kAlphabet[bits];
  }
  return id;
}

// tools/kafka/jvm.options without comments and blank lines.
std::vector<std::string> JvmOptions(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error("cannot read " + path);
  std::vector<std::string> options;
  std::string line;
  while (std::getline(file, line)) {
    line = line.substr(0, line.find('#'));
    std::istringstream words(line);
    std::string option;
    while (words >> option) options.push_back(option);
  }
  return options;
}

std::string JavaProgram() {
  const char* java_home = std::getenv("JAVA_HOME");
  if (java_home != nullptr && *java_home != '\0') return std::string(java_home) + "/bin/java";
  return "java";
}

int64_t MillisSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

}  // namespace

std::unique_ptr<KafkaBroker> KafkaBroker::Start() {
  const auto started = Clock::now();
  std::unique_ptr<KafkaBroker> broker(new KafkaBroker());
  broker->kafka_home_ = KafkaHome();
  broker->dir_ = std::make_unique<TempDir>("kafka");
  broker->cluster_id_ = RandomClusterId();
  broker->port_ = FreePort();
  broker->WriteProperties(FreePort());
  broker->FormatStorage();
  const int64_t format_ms = MillisSince(started);
  for (int attempt = 1;; ++attempt) {
    if (broker->Launch()) break;
    if (attempt == kPortAttempts) {
      throw std::runtime_error("Kafka lost the race for free ports " + std::to_string(attempt) +
                               " times\n" + LogTail(broker->dir_->File("server.log")));
    }
    broker->port_ = FreePort();
    broker->WriteProperties(FreePort());
  }
  runtime::LogInfo("test kafka started", {{"bootstrap", broker->BootstrapServers()},
                                          {"dir", broker->dir_->path()},
                                          {"format_ms", format_ms},
                                          {"startup_ms", MillisSince(started)}});
  return broker;
}

KafkaBroker::~KafkaBroker() = default;  // ~ChildProcess kills the broker: its data is thrown away

std::string KafkaBroker::BootstrapServers() const { return "127.0.0.1:" + std::to_string(port_); }

void KafkaBroker::CreateTopic(const std::string& name, int partitions) {
  CreateKafkaTopic(BootstrapServers(), name, partitions, 30s);
}

void KafkaBroker::Stop() {
  if (server_ == nullptr || !server_->Running()) return;
  const auto started = Clock::now();
  server_->Signal(SIGTERM);
  try {
    server_->Wait(kStopTimeout);
  } catch (const std::runtime_error&) {
    runtime::LogWarn("test kafka ignored SIGTERM; killing it", {{"port", port_}});
    server_->Kill();
  }
  runtime::LogInfo("test kafka stopped", {{"port", port_}, {"stop_ms", MillisSince(started)}});
}

void KafkaBroker::Kill() {
  if (server_ != nullptr) server_->Kill();
  runtime::LogInfo("test kafka killed", {{"port", port_}});
}

void KafkaBroker::Restart() {
  Stop();
  const auto started = Clock::now();
  if (!Launch()) {
    throw std::runtime_error("Kafka cannot restart: port " + std::to_string(port_) +
                             " was taken while it was stopped\n" +
                             LogTail(dir_->File("server.log")));
  }
  runtime::LogInfo("test kafka restarted",
                   {{"bootstrap", BootstrapServers()}, {"startup_ms", MillisSince(started)}});
}

bool KafkaBroker::Running() { return server_ != nullptr && server_->Running(); }

std::vector<std::string> KafkaBroker::JavaCommand() const {
  const std::string source = SourceDir();
  std::vector<std::string> command{JavaProgram()};
  for (std::string& option : JvmOptions(source + "/tools/kafka/jvm.options")) {
    command.push_back(std::move(option));
  }
  // Made by tools/setup.sh; the JVM checks that it matches these jars and itself, and ignores it
  // (with a warning in stdout.log) when it does not.
  const std::string archive = kafka_home_ + "/kafka.jsa";
  std::error_code error;
  if (std::filesystem::exists(archive, error))
    command.push_back("-XX:SharedArchiveFile=" + archive);
  command.push_back("-Dlog4j2.configurationFile=" + source + "/tools/kafka/log4j2.properties");
  command.push_back("-Dkafka.logs.dir=" + dir_->path());
  command.push_back("-cp");
  command.push_back(kafka_home_ + "/libs/*");
  return command;
}

void KafkaBroker::WriteProperties(int controller_port) const {
  const std::string shared = SourceDir() + "/tools/kafka/server.properties";
  std::ifstream in(shared);
  if (!in) throw std::runtime_error("cannot read " + shared);
  std::ofstream out(dir_->File("server.properties"), std::ios::trunc);
  out << in.rdbuf() << "\n# This instance\n"
      << "node.id=1\n"
      << "listeners=PLAINTEXT://127.0.0.1:" << port_
      << ",CONTROLLER://127.0.0.1:" << controller_port << "\n"
      << "advertised.listeners=PLAINTEXT://127.0.0.1:" << port_ << "\n"
      << "controller.quorum.voters=1@127.0.0.1:" << controller_port << "\n"
      << "log.dirs=" << dir_->File("data") << "\n";
  if (!out) throw std::runtime_error("cannot write " + dir_->File("server.properties"));
}

void KafkaBroker::FormatStorage() {
  std::vector<std::string> command = JavaCommand();
  for (const char* arg : {"kafka.tools.StorageTool", "format", "--cluster-id"}) {
    command.push_back(arg);
  }
  command.push_back(cluster_id_);
  command.push_back("--config");
  command.push_back(dir_->File("server.properties"));
  const std::string log = dir_->File("format.log");
  auto format =
      ChildProcess::Start(command, {}, log, ChildProcess::Options::InDirectory(dir_->path()));
  int status = format->Wait(kFormatTimeout);
  if (status != 0) {
    throw std::runtime_error("formatting Kafka storage failed with status " +
                             std::to_string(status) + "\n" + LogTail(log));
  }
}

bool KafkaBroker::Launch() {
  std::vector<std::string> command = JavaCommand();
  command.push_back("kafka.Kafka");
  command.push_back(dir_->File("server.properties"));
  const std::string stdout_log = dir_->File("stdout.log");
  const std::string server_log = dir_->File("server.log");
  server_ = ChildProcess::Start(command, {}, stdout_log,
                                ChildProcess::Options::InDirectory(dir_->path()));

  const auto deadline = Clock::now() + kStartTimeout;
  while (Clock::now() < deadline) {
    if (!server_->Running()) {
      if (LogContains(server_log, "Address already in use")) return false;
      throw std::runtime_error("the Kafka broker exited with status " +
                               std::to_string(*server_->exit_status()) + " while starting\n" +
                               LogTail(server_log) + LogTail(stdout_log, 10));
    }
    // The broker opens its port once it has caught up with the metadata log. Whoever answers must
    // report our cluster id: another test's broker may hold the port (ours then exits, above).
    if (WaitForTcpPort("127.0.0.1", port_, 100ms) &&
        KafkaClusterId(BootstrapServers(), 5s) == cluster_id_) {
      return true;
    }
  }
  server_->Kill();
  throw std::runtime_error("the Kafka broker did not answer metadata requests within " +
                           std::to_string(kStartTimeout.count()) + " s\n" + LogTail(server_log) +
                           LogTail(stdout_log, 10));
}

}  // namespace jindu::testing
