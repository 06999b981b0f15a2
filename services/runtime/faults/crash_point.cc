#include "runtime/faults/crash_point.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string>

#include "runtime/logging/logger.h"

namespace jindu::runtime {
namespace {

struct CrashPlan {
  std::string point;  // empty: no crash planned
  long remaining = 1;
};

CrashPlan ReadPlan() {
  CrashPlan plan;
  const char* value = std::getenv("JINDU_CRASH_AT");
  if (value == nullptr || *value == '\0') return plan;
  std::string text = value;
  auto colon = text.find(':');
  plan.point = text.substr(0, colon);
  if (colon != std::string::npos)
    plan.remaining = std::max(1L, std::atol(text.c_str() + colon + 1));
  return plan;
}

}  // namespace

void CrashPoint(std::string_view point) {
  static const CrashPlan plan = ReadPlan();
  static std::atomic<long> hits{0};
  if (plan.point.empty() || plan.point != point) return;
  if (hits.fetch_add(1) + 1 < plan.remaining) return;
  LogWarn("crash point reached: exiting", {{"point", std::string(point)}});
  _exit(kCrashPointExitCode);
}

}  // namespace jindu::runtime
