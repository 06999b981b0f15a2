#include "runtime/logging/logger.h"

#include <chrono>
#include <ctime>
#include <iostream>
#include <mutex>

namespace jindu::runtime {
namespace {

struct LoggerState {
  std::mutex mutex;
  std::string service = "jindu";
  LogLevel min_level = LogLevel::kInfo;
  std::ostream* sink = &std::cerr;
};

LoggerState& State() {
  static LoggerState* state = new LoggerState();  // never destroyed: threads may log at exit
  return *state;
}

thread_local std::string current_request_id;
thread_local std::string current_trace_id;

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

// RFC 3339 in UTC with milliseconds, e.g. 2026-11-23T12:00:00.123Z.
std::string NowRfc3339() {
  auto now = std::chrono::system_clock::now();
  auto seconds = std::chrono::system_clock::to_time_t(now);
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[40];
  size_t n = std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(buffer + n, sizeof(buffer) - n, ".%03dZ", static_cast<int>(millis));
  return buffer;
}

}  // namespace

bool ParseLogLevel(std::string_view text, LogLevel* level) {
  for (LogLevel candidate :
       {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn, LogLevel::kError}) {
    if (text == LevelName(candidate)) {
      *level = candidate;
      return true;
    }
  }
  return false;
}

void ConfigureLogging(std::string service, LogLevel min_level, std::ostream* sink) {
  LoggerState& state = State();
  std::lock_guard lock(state.mutex);
  state.service = std::move(service);
  state.min_level = min_level;
  state.sink = sink != nullptr ? sink : &std::cerr;
}

bool LogEnabled(LogLevel level) { return level >= State().min_level; }

void Log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields) {
  LoggerState& state = State();
  if (level < state.min_level) return;
  nlohmann::json line = nlohmann::json::object();
  line["ts"] = NowRfc3339();
  line["level"] = LevelName(level);
  line["msg"] = message;
  if (!current_request_id.empty()) line["request_id"] = current_request_id;
  if (!current_trace_id.empty()) line["trace_id"] = current_trace_id;
  for (const auto& [key, value] : fields) {
    if (!value.is_null()) line[key] = value;
  }
  std::lock_guard lock(state.mutex);
  line["service"] = state.service;
  // Replace invalid UTF-8 rather than throw: a log line must never take the process down.
  (*state.sink) << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  state.sink->flush();
}

ScopedLogContext::ScopedLogContext(std::string request_id, std::string trace_id)
    : previous_request_id_(std::move(current_request_id)),
      previous_trace_id_(std::move(current_trace_id)) {
  current_request_id = std::move(request_id);
  current_trace_id = std::move(trace_id);
}

ScopedLogContext::~ScopedLogContext() {
  current_request_id = std::move(previous_request_id_);
  current_trace_id = std::move(previous_trace_id_);
}

const std::string& ScopedLogContext::CurrentRequestId() { return current_request_id; }
const std::string& ScopedLogContext::CurrentTraceId() { return current_trace_id; }

}  // namespace jindu::runtime
