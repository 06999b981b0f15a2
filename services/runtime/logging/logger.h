#pragma once

// Structured logging: one JSON object per line on stderr, so that a log shipper can index every
// field. Each line carries the service name and, when set for the current thread, the request and
// trace ids of the call being served.
//
// Never log personal data (names, ID numbers, test results): log pseudonymous ids instead.

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace jindu::runtime {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

// Parses "debug", "info", "warn" or "error"; returns false for anything else.
bool ParseLogLevel(std::string_view text, LogLevel* level);

// A key and a JSON value; numbers, strings and booleans all convert implicitly. A field whose value
// is null is left out of the line, so an optional field needs no branching at the call site.
using LogField = std::pair<std::string, nlohmann::json>;

// Sets the service name written on every line, the lowest level written and where lines go
// (stderr when sink is null). Call once at start, before other threads log.
void ConfigureLogging(std::string service, LogLevel min_level, std::ostream* sink = nullptr);

void Log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields = {});
// Whether a line at `level` would be written: lets a caller skip building fields that cost (e.g.
// on every call) when they would be thrown away.
bool LogEnabled(LogLevel level);
inline void LogDebug(std::string_view m, std::initializer_list<LogField> f = {}) {
  Log(LogLevel::kDebug, m, f);
}
inline void LogInfo(std::string_view m, std::initializer_list<LogField> f = {}) {
  Log(LogLevel::kInfo, m, f);
}
inline void LogWarn(std::string_view m, std::initializer_list<LogField> f = {}) {
  Log(LogLevel::kWarn, m, f);
}
inline void LogError(std::string_view m, std::initializer_list<LogField> f = {}) {
  Log(LogLevel::kError, m, f);
}

// Attaches a request id and trace id to every line this thread logs while the scope lives.
// Scopes nest; the previous ids come back when a scope ends.
class ScopedLogContext {
 public:
  ScopedLogContext(std::string request_id, std::string trace_id);
  ~ScopedLogContext();
  ScopedLogContext(const ScopedLogContext&) = delete;
  ScopedLogContext& operator=(const ScopedLogContext&) = delete;

  static const std::string& CurrentRequestId();
  static const std::string& CurrentTraceId();

 private:
  std::string previous_request_id_;
  std::string previous_trace_id_;
};

}  // namespace jindu::runtime
