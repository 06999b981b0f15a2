#include "harness/ports.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <thread>

namespace jindu::testing {
namespace {

using Clock = std::chrono::steady_clock;

// One non-blocking connect to one address, bounded by timeout (a host that drops packets must not
// hold the caller past its deadline).
bool TryConnect(const addrinfo& address, std::chrono::milliseconds timeout) {
  int fd = socket(address.ai_family, address.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                  address.ai_protocol);
  if (fd < 0) return false;
  bool connected = false;
  if (connect(fd, address.ai_addr, address.ai_addrlen) == 0) {
    connected = true;
  } else if (errno == EINPROGRESS) {
    pollfd waiting{.fd = fd, .events = POLLOUT, .revents = 0};
    if (poll(&waiting, 1, static_cast<int>(timeout.count())) == 1) {
      int error = 0;
      socklen_t length = sizeof(error);
      connected = getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0;
    }
  }
  close(fd);
  return connected;
}

bool TryConnect(const std::string& host, int port, std::chrono::milliseconds timeout) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* addresses = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &addresses) != 0) {
    return false;
  }
  bool connected = false;
  for (addrinfo* address = addresses; address != nullptr && !connected;
       address = address->ai_next) {
    connected = TryConnect(*address, timeout);
  }
  freeaddrinfo(addresses);
  return connected;
}

}  // namespace

bool WaitForTcpPort(const std::string& host, int port, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (TryConnect(
            host, port,
            std::clamp(left, std::chrono::milliseconds(1), std::chrono::milliseconds(1000)))) {
      return true;
    }
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace jindu::testing
