// RedisClient without a server: configuration checks and prompt, non-throwing failure.

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <functional>

#include "runtime/cache/redis_client.h"

namespace jindu::runtime {
namespace {

// A loopback port nothing listens on: bound, read back, released.
int UnusedPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

RedisOptions With(const std::function<void(RedisOptions&)>& change) {
  RedisOptions options;
  change(options);
  return options;
}

TEST(RedisClient, RefusesBadOptions) {
  EXPECT_THROW(RedisClient(With([](auto& o) { o.host = ""; })), std::invalid_argument);
  EXPECT_THROW(RedisClient(With([](auto& o) { o.port = 0; })), std::invalid_argument);
  EXPECT_THROW(RedisClient(With([](auto& o) { o.port = 70000; })), std::invalid_argument);
  EXPECT_THROW(RedisClient(With([](auto& o) { o.command_timeout = std::chrono::milliseconds(0); })),
               std::invalid_argument);
  EXPECT_THROW(RedisClient(With([](auto& o) { o.pool_size = 0; })), std::invalid_argument);
}

TEST(RedisClient, UnreachableServerFailsPromptlyWithAReason) {
  RedisClient client(With([](auto& o) { o.port = UnusedPort(); }));
  auto started = std::chrono::steady_clock::now();
  auto value = client.Get("k");
  EXPECT_FALSE(value.ok());
  EXPECT_NE(value.error().find("Connection refused"), std::string::npos) << value.error();
  EXPECT_FALSE(client.SetEx("k", "v", std::chrono::seconds(10)).ok());
  EXPECT_FALSE(client.Incr("k").ok());
  EXPECT_FALSE(client.Del("k").ok());
  EXPECT_FALSE(client.DeleteByPrefix("k").ok());
  EXPECT_FALSE(client.Ping().ok());
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}

}  // namespace
}  // namespace jindu::runtime
