#include "runtime/metrics/periodic_refresh.h"

#include <exception>
#include <utility>

#include "runtime/logging/logger.h"
#include "runtime/threads/interruptible_sleep.h"

namespace jindu::runtime {

PeriodicRefresh::PeriodicRefresh(std::string name, std::chrono::milliseconds interval,
                                 std::function<void()> refresh)
    : thread_(
          [name = std::move(name), interval, refresh = std::move(refresh)](std::stop_token stop) {
            bool failing = false;
            do {
              try {
                refresh();
                if (failing) LogInfo("gauges refreshed again", {{"gauges", name}});
                failing = false;
              } catch (const std::exception& error) {
                if (!failing) {
                  LogWarn("gauges not refreshed; keeping their last values",
                          {{"gauges", name}, {"error", error.what()}});
                }
                failing = true;
              }
            } while (SleepUnlessStopped(interval, stop));
          }) {}

}  // namespace jindu::runtime
