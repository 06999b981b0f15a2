#pragma once

// A program started by a test (a server, a service binary), killed when the test lets go of it.

#include <sys/types.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace jindu::testing {

class ChildProcess {
 public:
  // Extra settings for Start; the defaults run the program like the three-argument Start.
  struct Options {
    std::optional<uid_t> uid;  // run as this user and group (only root may)
    std::optional<gid_t> gid;
    std::string working_directory;  // "" = the test's

    static Options InDirectory(std::string directory) {
      Options options;
      options.working_directory = std::move(directory);
      return options;
    }
  };

  // Starts argv[0] (looked up in $PATH unless it contains a '/') with args, extra env vars added to
  // the current environment, stdout+stderr appended to log_path ("" discards them). Throws
  // std::runtime_error when the program cannot be executed. The child is killed if the test
  // process dies, however it dies.
  static std::unique_ptr<ChildProcess> Start(const std::vector<std::string>& argv,
                                             const std::map<std::string, std::string>& env,
                                             const std::string& log_path);
  static std::unique_ptr<ChildProcess> Start(const std::vector<std::string>& argv,
                                             const std::map<std::string, std::string>& env,
                                             const std::string& log_path, const Options& options);

  ~ChildProcess();  // SIGKILL + reap if still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  const std::string& log_path() const { return log_path_; }

  // Not yet exited (reaps it if it has).
  bool Running();
  // Sends signo unless the process has already been reaped (its pid may belong to another by now).
  void Signal(int signo);
  // Waits for the exit and returns its status: the exit code, or 128+signal when a signal ended
  // it. Throws std::runtime_error when the process is still running after timeout.
  int Wait(std::chrono::milliseconds timeout);
  // SIGKILL and reap.
  void Kill();
  // The exit status once reaped (as Wait returns it), nullopt while running.
  std::optional<int> exit_status() const { return exit_status_; }

 private:
  ChildProcess(pid_t pid, std::string name, std::string log_path)
      : pid_(pid), name_(std::move(name)), log_path_(std::move(log_path)) {}
  void Reaped(int wait_status);

  pid_t pid_;
  std::string name_;  // argv[0], for messages
  std::string log_path_;
  std::optional<int> exit_status_;
};

}  // namespace jindu::testing
