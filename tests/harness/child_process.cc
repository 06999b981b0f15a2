#include "harness/child_process.h"

#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>
#include <thread>

#include "harness/spawn.h"

namespace jindu::testing {

std::unique_ptr<ChildProcess> ChildProcess::Start(const std::vector<std::string>& argv,
                                                  const std::map<std::string, std::string>& env,
                                                  const std::string& log_path) {
  return Start(argv, env, log_path, Options{});
}

std::unique_ptr<ChildProcess> ChildProcess::Start(const std::vector<std::string>& argv,
                                                  const std::map<std::string, std::string>& env,
                                                  const std::string& log_path,
                                                  const Options& options) {
  SpawnRequest request{argv, env, log_path, options.uid, options.gid, options.working_directory};
  pid_t pid = Spawn(request);
  return std::unique_ptr<ChildProcess>(new ChildProcess(pid, argv.at(0), log_path));
}

ChildProcess::~ChildProcess() { Kill(); }

void ChildProcess::Reaped(int wait_status) {
  exit_status_ = WIFSIGNALED(wait_status) ? 128 + WTERMSIG(wait_status) : WEXITSTATUS(wait_status);
}

bool ChildProcess::Running() {
  if (exit_status_) return false;
  int wait_status = 0;
  pid_t result = waitpid(pid_, &wait_status, WNOHANG);
  if (result == pid_) {
    Reaped(wait_status);
    return false;
  }
  if (result < 0 && errno == ECHILD) {  // reaped elsewhere: nothing more to learn about it
    exit_status_ = -1;
    return false;
  }
  return true;
}

void ChildProcess::Signal(int signo) {
  if (Running()) kill(pid_, signo);
}

int ChildProcess::Wait(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto pause = std::chrono::milliseconds(1);
  while (Running()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      throw std::runtime_error(name_ + " (pid " + std::to_string(pid_) + ") still running after " +
                               std::to_string(timeout.count()) + " ms");
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(20));
  }
  return *exit_status_;
}

void ChildProcess::Kill() {
  if (!Running()) return;
  kill(pid_, SIGKILL);
  int wait_status = 0;
  pid_t result;
  do {
    result = waitpid(pid_, &wait_status, 0);
  } while (result < 0 && errno == EINTR);
  if (result == pid_) {
    Reaped(wait_status);
  } else {
    exit_status_ = -1;
  }
}

}  // namespace jindu::testing
