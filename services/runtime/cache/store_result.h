#pragma once

// The outcome of one cache store operation: a value, or a failure with a reason. The cache treats
// every failure the same way (serve from the source, back off), so a reason string is enough.

#include <string>
#include <utility>
#include <variant>

namespace jindu::runtime {

template <typename T>
class StoreResult {
 public:
  static StoreResult Ok(T value) { return StoreResult(std::move(value), std::string(), true); }
  static StoreResult Failure(std::string error) {
    return StoreResult(T(), std::move(error), false);
  }

  bool ok() const { return ok_; }
  const T& value() const { return value_; }
  T& value() { return value_; }
  // Why it failed (e.g. "connect to 127.0.0.1:6379: Connection refused"); empty when ok.
  const std::string& error() const { return error_; }

 private:
  StoreResult(T value, std::string error, bool ok)
      : value_(std::move(value)), error_(std::move(error)), ok_(ok) {}

  T value_;
  std::string error_;
  bool ok_;
};

using StoreStatus = StoreResult<std::monostate>;

}  // namespace jindu::runtime
