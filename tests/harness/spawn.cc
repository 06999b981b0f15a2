#include "harness/spawn.h"

#include <fcntl.h>
#include <grp.h>
#include <linux/close_range.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "harness/installation.h"

extern char** environ;

namespace jindu::testing {
namespace {

// Everything the child needs, prepared before fork: between fork and exec a child of a threaded
// process may only make async-signal-safe calls (no allocation).
struct PreparedExec {
  std::string path;
  std::vector<std::string> argv_storage;
  std::vector<std::string> env_storage;
  std::vector<char*> argv;
  std::vector<char*> envp;
  int log_fd = -1;
  int null_fd = -1;
};

PreparedExec Prepare(const SpawnRequest& request) {
  if (request.argv.empty()) throw std::invalid_argument("Spawn: empty argv");
  PreparedExec exec;
  std::optional<std::string> path = FindProgram(request.argv[0]);
  if (!path) throw std::runtime_error("Spawn: " + request.argv[0] + " not found in PATH");
  exec.path = *path;
  exec.argv_storage = request.argv;

  std::map<std::string, std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string text = *entry;
    size_t equals = text.find('=');
    if (equals != std::string::npos) env[text.substr(0, equals)] = text.substr(equals + 1);
  }
  for (const auto& [name, value] : request.env) env[name] = value;
  for (const auto& [name, value] : env) exec.env_storage.push_back(name + "=" + value);

  for (std::string& arg : exec.argv_storage) exec.argv.push_back(arg.data());
  exec.argv.push_back(nullptr);
  for (std::string& entry : exec.env_storage) exec.envp.push_back(entry.data());
  exec.envp.push_back(nullptr);
  return exec;
}

// Runs in the child: never returns. Reports a failure to exec through error_fd.
[[noreturn]] void ExecChild(const PreparedExec& exec, const SpawnRequest& request, int error_fd,
                            pid_t parent) {
  auto fail = [error_fd](int error) {
    ssize_t ignored = write(error_fd, &error, sizeof(error));
    (void)ignored;
    _exit(127);
  };
  // The parent may ignore or block signals (SIGPIPE often is); servers expect the defaults.
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int signo = 1; signo < NSIG; ++signo) signal(signo, SIG_DFL);

  if (dup2(exec.null_fd, STDIN_FILENO) < 0 || dup2(exec.log_fd, STDOUT_FILENO) < 0 ||
      dup2(exec.log_fd, STDERR_FILENO) < 0) {
    fail(errno);
  }
  // No other descriptor of the test (sockets, pipes to ctest) may outlive exec.
  syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);

  if (request.gid) {
    gid_t gid = *request.gid;
    if (setgroups(1, &gid) != 0 || setgid(gid) != 0) fail(errno);
  }
  if (request.uid && setuid(*request.uid) != 0) fail(errno);
  // After setuid: changing credentials clears the parent-death signal.
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) fail(errno);
  if (getppid() != parent) _exit(127);  // the parent died before prctl took effect
  if (!request.working_directory.empty() && chdir(request.working_directory.c_str()) != 0) {
    fail(errno);
  }
  execve(exec.path.c_str(), exec.argv.data(), exec.envp.data());
  fail(errno);
  _exit(127);
}

pid_t ForkAndExec(const SpawnRequest& request) {
  PreparedExec exec = Prepare(request);
  const std::string log_path = request.log_path.empty() ? "/dev/null" : request.log_path;
  exec.log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (exec.log_fd < 0) {
    throw std::runtime_error("Spawn: cannot open " + log_path + ": " + std::strerror(errno));
  }
  exec.null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  int error_pipe[2];
  if (exec.null_fd < 0 || pipe2(error_pipe, O_CLOEXEC) != 0) {
    int error = errno;
    close(exec.log_fd);
    if (exec.null_fd >= 0) close(exec.null_fd);
    throw std::runtime_error(std::string("Spawn: ") + std::strerror(error));
  }

  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid == 0) {
    close(error_pipe[0]);
    ExecChild(exec, request, error_pipe[1], parent);
  }
  const int fork_error = errno;
  close(error_pipe[1]);
  close(exec.log_fd);
  close(exec.null_fd);
  if (pid < 0) {
    close(error_pipe[0]);
    throw std::runtime_error(std::string("Spawn: fork: ") + std::strerror(fork_error));
  }
  // The pipe closes without data when exec succeeds (it is close-on-exec).
  int exec_error = 0;
  ssize_t n;
  do {
    n = read(error_pipe[0], &exec_error, sizeof(exec_error));
  } while (n < 0 && errno == EINTR);
  close(error_pipe[0]);
  if (n > 0) {
    waitpid(pid, nullptr, 0);
    throw std::runtime_error("Spawn: cannot execute " + exec.path + ": " +
                             std::strerror(exec_error));
  }
  return pid;
}

// The one thread that forks every child (see Spawn). Never destroyed: it must outlive every
// ChildProcess, including those destroyed during static destruction.
class ForkThread {
 public:
  static ForkThread& Instance() {
    static ForkThread* instance = new ForkThread();
    return *instance;
  }

  pid_t Run(const SpawnRequest& request) {
    std::packaged_task<pid_t()> task([&request] { return ForkAndExec(request); });
    std::future<pid_t> result = task.get_future();
    {
      std::lock_guard lock(mutex_);
      tasks_.push_back(std::move(task));
    }
    wake_.notify_one();
    return result.get();
  }

 private:
  ForkThread() : thread_([this] { Loop(); }) { thread_.detach(); }

  [[noreturn]] void Loop() {
    while (true) {
      std::packaged_task<pid_t()> task;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return !tasks_.empty(); });
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::packaged_task<pid_t()>> tasks_;
  std::thread thread_;
};

}  // namespace

pid_t Spawn(const SpawnRequest& request) { return ForkThread::Instance().Run(request); }

}  // namespace jindu::testing
