#include "runtime/grpc/termination_signals.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>

#include "runtime/config/programming_error.h"

namespace jindu::runtime {
namespace {

// A signal handler may only do async-signal-safe things: it writes the signal number into a pipe
// (the self-pipe trick) and Wait() reads it on an ordinary thread.
int pipe_fds[2] = {-1, -1};
std::atomic<bool> instance_alive{false};
struct sigaction previous_term {};
struct sigaction previous_int {};

void OnSignal(int signal) {
  int saved_errno = errno;
  unsigned char byte = static_cast<unsigned char>(signal);
  [[maybe_unused]] ssize_t written = write(pipe_fds[1], &byte, 1);
  errno = saved_errno;
}

}  // namespace

TerminationSignals::TerminationSignals() {
  if (instance_alive.exchange(true)) ProgrammingError("two TerminationSignals alive at once");
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) ProgrammingError("cannot create the signal pipe");
  struct sigaction action {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGTERM, &action, &previous_term);
  sigaction(SIGINT, &action, &previous_int);
}

TerminationSignals::~TerminationSignals() {
  sigaction(SIGTERM, &previous_term, nullptr);
  sigaction(SIGINT, &previous_int, nullptr);
  close(pipe_fds[0]);
  close(pipe_fds[1]);
  pipe_fds[0] = pipe_fds[1] = -1;
  instance_alive = false;
}

int TerminationSignals::Wait() {
  unsigned char byte = 0;
  while (read(pipe_fds[0], &byte, 1) < 0 && errno == EINTR) {
  }
  return byte;
}

void TerminationSignals::Interrupt() {
  unsigned char byte = 0;
  [[maybe_unused]] ssize_t written = write(pipe_fds[1], &byte, 1);
}

}  // namespace jindu::runtime
