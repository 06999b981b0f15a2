#include "runtime/cache/redis_client.h"

#include <sys/time.h>

#include <cerrno>
#include <csignal>
#include <stdexcept>

namespace jindu::runtime {
namespace {

timeval ToTimeval(std::chrono::milliseconds duration) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(duration.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((duration.count() % 1000) * 1000);
  return tv;
}

void IgnoreSigpipeUnlessHandled() {
  struct sigaction current {};
  if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL &&
      (current.sa_flags & SA_SIGINFO) == 0) {
    std::signal(SIGPIPE, SIG_IGN);
  }
}

// A glob pattern matching keys that start with prefix: the prefix's own glob characters escaped.
std::string PrefixPattern(const std::string& prefix) {
  std::string pattern;
  pattern.reserve(prefix.size() + 2);
  for (char c : prefix) {
    if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') pattern.push_back('\\');
    pattern.push_back(c);
  }
  pattern.push_back('*');
  return pattern;
}

// True when a command failed only because the server had closed a connection we reused: then it
// never reached a live server and can be sent again on a fresh connection. Timeouts are not
// retried, since the server may be merely slow and a retry would double the wait.
bool ClosedByServer(const redisContext* context, int saved_errno) {
  return context->err == REDIS_ERR_EOF ||
         (context->err == REDIS_ERR_IO && (saved_errno == ECONNRESET || saved_errno == EPIPE));
}

}  // namespace

RedisClient::RedisClient(RedisOptions options) : options_(std::move(options)) {
  if (options_.host.empty()) throw std::invalid_argument("redis: host is empty");
  if (options_.port < 1 || options_.port > 65535) {
    throw std::invalid_argument("redis: port " + std::to_string(options_.port) +
                                " is not 1..65535");
  }
  if (options_.connect_timeout.count() <= 0 || options_.command_timeout.count() <= 0) {
    throw std::invalid_argument("redis: timeouts must be positive");
  }
  if (options_.pool_size < 1) throw std::invalid_argument("redis: pool size must be at least 1");
  if (options_.database < 0) throw std::invalid_argument("redis: database must not be negative");
  IgnoreSigpipeUnlessHandled();
  for (int i = 0; i < options_.pool_size; ++i) {
    connections_.push_back(std::make_unique<Connection>());
    idle_.push_back(connections_.back().get());
  }
}

RedisClient::~RedisClient() {
  for (auto& connection : connections_) Close(connection.get());
}

void RedisClient::Close(Connection* connection) {
  if (connection->context != nullptr) redisFree(connection->context);
  connection->context = nullptr;
}

RedisClient::Connection* RedisClient::Acquire() {
  std::unique_lock lock(mutex_);
  if (!available_.wait_for(lock, options_.command_timeout, [this] { return !idle_.empty(); })) {
    return nullptr;
  }
  Connection* connection = idle_.back();
  idle_.pop_back();
  return connection;
}

void RedisClient::Release(Connection* connection) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(connection);
  }
  available_.notify_one();
}

std::string RedisClient::Connect(Connection* connection) {
  const std::string where = options_.host + ":" + std::to_string(options_.port);
  redisContext* context = redisConnectWithTimeout(options_.host.c_str(), options_.port,
                                                  ToTimeval(options_.connect_timeout));
  if (context == nullptr) return "connect to " + where + ": cannot allocate a connection";
  if (context->err != 0) {
    std::string error = "connect to " + where + ": " + context->errstr;
    redisFree(context);
    return error;
  }
  if (redisSetTimeout(context, ToTimeval(options_.command_timeout)) != REDIS_OK) {
    redisFree(context);
    return "connect to " + where + ": cannot set the command timeout";
  }
  // Keep-alive notices a peer that vanished without closing (e.g. a failed-over host).
  redisEnableKeepAlive(context);
  connection->context = context;
  connection->generation = generation_.load();

  auto handshake = [&](std::vector<std::string_view> arguments) -> std::string {
    std::vector<const char*> argv;
    std::vector<size_t> lengths;
    for (auto argument : arguments) {
      argv.push_back(argument.data());
      lengths.push_back(argument.size());
    }
    ReplyPtr reply(static_cast<redisReply*>(
        redisCommandArgv(context, static_cast<int>(argv.size()), argv.data(), lengths.data())));
    if (!reply) return std::string(context->errstr);
    if (reply->type == REDIS_REPLY_ERROR) return std::string(reply->str, reply->len);
    return "";
  };
  std::string error;
  if (!options_.password.empty()) error = handshake({"AUTH", options_.password});
  if (error.empty() && options_.database != 0) {
    std::string database = std::to_string(options_.database);
    error = handshake({"SELECT", database});
  }
  if (!error.empty()) {
    Close(connection);
    return "connect to " + where + ": " + error;
  }
  return "";
}

StoreResult<RedisClient::ReplyPtr> RedisClient::Command(
    const std::vector<std::string_view>& arguments) {
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  argv.reserve(arguments.size());
  lengths.reserve(arguments.size());
  for (auto argument : arguments) {
    argv.push_back(argument.data());
    lengths.push_back(argument.size());
  }

  Connection* connection = Acquire();
  if (connection == nullptr) {
    return StoreResult<ReplyPtr>::Failure("no free Redis connection within the command timeout");
  }
  for (int attempt = 0;; ++attempt) {
    if (connection->context != nullptr && connection->generation != generation_.load()) {
      Close(connection);  // opened before a failure elsewhere: probably dead too
    }
    bool reused = connection->context != nullptr;
    if (!reused) {
      std::string error = Connect(connection);
      if (!error.empty()) {
        Release(connection);
        return StoreResult<ReplyPtr>::Failure(std::move(error));
      }
    }
    errno = 0;
    ReplyPtr reply(static_cast<redisReply*>(redisCommandArgv(
        connection->context, static_cast<int>(argv.size()), argv.data(), lengths.data())));
    int saved_errno = errno;
    if (!reply) {
      std::string error = std::string("redis ") + std::string(arguments.front()) + ": " +
                          connection->context->errstr;
      bool retry = reused && attempt == 0 && ClosedByServer(connection->context, saved_errno);
      Close(connection);
      ++generation_;
      if (retry) continue;
      Release(connection);
      return StoreResult<ReplyPtr>::Failure(std::move(error));
    }
    Release(connection);
    if (reply->type == REDIS_REPLY_ERROR) {
      return StoreResult<ReplyPtr>::Failure(std::string("redis ") + std::string(arguments.front()) +
                                            ": " + std::string(reply->str, reply->len));
    }
    return StoreResult<ReplyPtr>::Ok(std::move(reply));
  }
}

StoreResult<std::optional<std::string>> RedisClient::Get(const std::string& key) {
  using Result = StoreResult<std::optional<std::string>>;
  auto reply = Command({"GET", key});
  if (!reply.ok()) return Result::Failure(reply.error());
  const redisReply* r = reply.value().get();
  if (r->type == REDIS_REPLY_NIL) return Result::Ok(std::nullopt);
  if (r->type != REDIS_REPLY_STRING) return Result::Failure("redis GET: unexpected reply type");
  return Result::Ok(std::string(r->str, r->len));
}

StoreStatus RedisClient::SetEx(const std::string& key, std::string_view value,
                               std::chrono::seconds ttl) {
  if (ttl.count() <= 0) return StoreStatus::Failure("redis SETEX: ttl must be positive");
  std::string seconds = std::to_string(ttl.count());
  auto reply = Command({"SETEX", key, seconds, value});
  if (!reply.ok()) return StoreStatus::Failure(reply.error());
  return StoreStatus::Ok({});
}

StoreResult<long long> RedisClient::Del(const std::string& key) {
  auto reply = Command({"DEL", key});
  if (!reply.ok()) return StoreResult<long long>::Failure(reply.error());
  return StoreResult<long long>::Ok(reply.value()->integer);
}

StoreResult<long long> RedisClient::Incr(const std::string& key) {
  auto reply = Command({"INCR", key});
  if (!reply.ok()) return StoreResult<long long>::Failure(reply.error());
  if (reply.value()->type != REDIS_REPLY_INTEGER) {
    return StoreResult<long long>::Failure("redis INCR: unexpected reply type");
  }
  return StoreResult<long long>::Ok(reply.value()->integer);
}

StoreResult<long long> RedisClient::DeleteByPrefix(const std::string& prefix) {
  using Result = StoreResult<long long>;
  const std::string pattern = PrefixPattern(prefix);
  std::string cursor = "0";
  long long removed = 0;
  do {
    auto reply = Command({"SCAN", cursor, "MATCH", pattern, "COUNT", "500"});
    if (!reply.ok()) return Result::Failure(reply.error());
    const redisReply* r = reply.value().get();
    if (r->type != REDIS_REPLY_ARRAY || r->elements != 2 ||
        r->element[0]->type != REDIS_REPLY_STRING || r->element[1]->type != REDIS_REPLY_ARRAY) {
      return Result::Failure("redis SCAN: unexpected reply shape");
    }
    cursor.assign(r->element[0]->str, r->element[0]->len);
    const redisReply* keys = r->element[1];
    if (keys->elements > 0) {
      // UNLINK frees the values in the background, so a large purge does not stall Redis.
      std::vector<std::string_view> unlink{"UNLINK"};
      for (size_t i = 0; i < keys->elements; ++i) {
        unlink.emplace_back(keys->element[i]->str, keys->element[i]->len);
      }
      auto deleted = Command(unlink);
      if (!deleted.ok()) return Result::Failure(deleted.error());
      removed += deleted.value()->integer;
    }
  } while (cursor != "0");
  return Result::Ok(removed);
}

StoreStatus RedisClient::Ping() {
  auto reply = Command({"PING"});
  if (!reply.ok()) return StoreStatus::Failure(reply.error());
  return StoreStatus::Ok({});
}

}  // namespace jindu::runtime
