#include "harness/free_port.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <mutex>
#include <random>
#include <set>
#include <stdexcept>

namespace jindu::testing {
namespace {

// Linux hands out ephemeral ports from 32768 up by default; below that only listeners we start
// (and the odd fixed-port service, which the bind check sees) use ports.
constexpr int kLowestPort = 20000;
constexpr int kPortCount = 12000;

// True when 127.0.0.1:port can be bound now. No SO_REUSEADDR: a port with connections lingering
// in TIME_WAIT counts as busy, which only makes the choice more careful.
bool CanBind(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  bool free = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  close(fd);
  return free;
}

}  // namespace

int FreePort() {
  static std::mutex mutex;
  static std::set<int> handed_out;
  static std::mt19937 random{std::random_device{}()};
  std::lock_guard lock(mutex);
  std::uniform_int_distribution<int> pick(kLowestPort, kLowestPort + kPortCount - 1);
  for (int attempt = 0; attempt < 1000; ++attempt) {
    int port = pick(random);
    if (handed_out.count(port) == 0 && CanBind(port)) {
      handed_out.insert(port);
      return port;
    }
  }
  throw std::runtime_error("FreePort: no free TCP port found on 127.0.0.1");
}

}  // namespace jindu::testing
