#pragma once

// A private Apache Kafka broker for tests.

#include <memory>
#include <string>
#include <vector>

#include "harness/child_process.h"
#include "harness/temp_dir.h"

namespace jindu::testing {

// A single-node KRaft cluster (broker and controller in one JVM) on free ports of 127.0.0.1, with
// its storage in a temporary directory and the settings of tools/kafka/server.properties (topics
// created on first use, one partition by default, nothing deleted). The broker's jars are the ones
// tools/setup.sh installs (see KafkaHome in installation.h).
class KafkaBroker {
 public:
  // Returns once the broker answers metadata requests. Throws std::runtime_error, with the end of
  // the broker's log, when it does not start, or when Kafka is not installed.
  static std::unique_ptr<KafkaBroker> Start();
  ~KafkaBroker();  // kills the broker; its data goes with the directory
  KafkaBroker(const KafkaBroker&) = delete;
  KafkaBroker& operator=(const KafkaBroker&) = delete;

  // "127.0.0.1:<port>", the form services take as --kafka-bootstrap.
  std::string BootstrapServers() const;
  int port() const { return port_; }
  // Creates a topic with the given number of partitions and waits until the broker serves all of
  // them; does nothing when the topic exists. Throws std::runtime_error on failure.
  void CreateTopic(const std::string& name, int partitions);
  // Where the broker's storage (data/) and logs (server.log, stdout.log) are.
  const std::string& directory() const { return dir_->path(); }

  // Faults for reliability scenarios. Stop: SIGTERM (a controlled shutdown) and wait, SIGKILL
  // after 60 s. Kill: SIGKILL at once (the storage is left as a crash leaves it). Restart: starts
  // the broker again on the same ports and storage (clients reconnect to the address they know)
  // and waits until it answers metadata requests; stops it first when it runs. Throws
  // std::runtime_error, with the end of its log, when it does not come back.
  void Stop();
  void Kill();
  void Restart();
  bool Running();

 private:
  KafkaBroker() = default;
  // The java command line up to the main class.
  std::vector<std::string> JavaCommand() const;
  void WriteProperties(int controller_port) const;
  void FormatStorage();
  // Starts the broker on port_; false when it lost a race for a port.
  bool Launch();

  std::unique_ptr<TempDir> dir_;  // first member: deleted after the broker has stopped
  std::unique_ptr<ChildProcess> server_;
  std::string kafka_home_;
  std::string cluster_id_;
  int port_ = 0;
};

}  // namespace jindu::testing
