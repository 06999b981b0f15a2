#include "runtime/metrics/process_collector.h"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

namespace jindu::runtime {
namespace {

// The fields of /proc/self/stat we need (proc(5): utime 14, stime 15, num_threads 20,
// starttime 22, vsize 23, rss 24; 1-based).
struct ProcessStat {
  double utime_ticks = 0;
  double stime_ticks = 0;
  double threads = 0;
  double start_ticks = 0;
  double virtual_bytes = 0;
  double resident_pages = 0;
};

bool ReadProcessStat(ProcessStat* stat) {
  std::ifstream in("/proc/self/stat");
  std::string line;
  if (!std::getline(in, line)) return false;
  // The command name (field 2) is parenthesised and may contain spaces; fields resume after the
  // last ')'.
  std::size_t close = line.rfind(')');
  if (close == std::string::npos) return false;
  std::istringstream fields(line.substr(close + 1));
  std::string field;
  for (int index = 3; fields >> field; ++index) {
    double value = std::strtod(field.c_str(), nullptr);
    switch (index) {
      case 14:
        stat->utime_ticks = value;
        break;
      case 15:
        stat->stime_ticks = value;
        break;
      case 20:
        stat->threads = value;
        break;
      case 22:
        stat->start_ticks = value;
        break;
      case 23:
        stat->virtual_bytes = value;
        break;
      case 24:
        stat->resident_pages = value;
        return true;
      default:
        break;
    }
  }
  return false;
}

// Seconds since the epoch at which the system booted ("btime" in /proc/stat).
bool ReadBootTime(double* boot_time) {
  std::ifstream in("/proc/stat");
  std::string key;
  while (in >> key) {
    if (key == "btime") return static_cast<bool>(in >> *boot_time);
    in.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
  }
  return false;
}

bool CountOpenFds(double* count) {
  DIR* directory = opendir("/proc/self/fd");
  if (directory == nullptr) return false;
  int entries = 0;
  while (dirent* entry = readdir(directory)) {
    if (entry->d_name[0] != '.') ++entries;
  }
  closedir(directory);
  *count = entries - 1;  // not counting the descriptor opendir itself holds
  return true;
}

prometheus::MetricFamily Family(std::string name, std::string help, prometheus::MetricType type,
                                double value) {
  prometheus::ClientMetric metric;
  if (type == prometheus::MetricType::Counter) {
    metric.counter.value = value;
  } else {
    metric.gauge.value = value;
  }
  return prometheus::MetricFamily{std::move(name), std::move(help), type, {metric}};
}

}  // namespace

std::vector<prometheus::MetricFamily> ProcessCollector::Collect() const {
  using prometheus::MetricType;
  std::vector<prometheus::MetricFamily> families;
  const double ticks_per_second = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page_bytes = static_cast<double>(sysconf(_SC_PAGESIZE));

  ProcessStat stat;
  if (ReadProcessStat(&stat)) {
    families.push_back(
        Family("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.",
               MetricType::Counter, (stat.utime_ticks + stat.stime_ticks) / ticks_per_second));
    families.push_back(Family("process_resident_memory_bytes", "Resident memory size in bytes.",
                              MetricType::Gauge, stat.resident_pages * page_bytes));
    families.push_back(Family("process_virtual_memory_bytes", "Virtual memory size in bytes.",
                              MetricType::Gauge, stat.virtual_bytes));
    families.push_back(Family("process_threads", "Number of OS threads in the process.",
                              MetricType::Gauge, stat.threads));
    double boot_time = 0;
    if (ReadBootTime(&boot_time)) {
      families.push_back(Family(
          "process_start_time_seconds", "Start time of the process since unix epoch in seconds.",
          MetricType::Gauge, boot_time + stat.start_ticks / ticks_per_second));
    }
  }
  double open_fds = 0;
  if (CountOpenFds(&open_fds)) {
    families.push_back(Family("process_open_fds", "Number of open file descriptors.",
                              MetricType::Gauge, open_fds));
  }
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    families.push_back(Family("process_max_fds", "Maximum number of open file descriptors.",
                              MetricType::Gauge, static_cast<double>(limit.rlim_cur)));
  }
  return families;
}

}  // namespace jindu::runtime
