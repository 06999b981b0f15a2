#pragma once
// What the scenario programs of tests/bench share: flag parsing, core pinning, medians and the
// JSON row every program writes for tools/bench.sh.
#include <sched.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace jindu::bench {

// --name=value flags; unknown flags print the usage and exit 2.
class Flags {
 public:
  Flags(int argc, char** argv, std::string usage) : usage_(std::move(usage)) {
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      const size_t eq = arg.find('=');
      if (!arg.starts_with("--") || eq == std::string::npos) Usage(argv[0]);
      values_[arg.substr(2, eq - 2)] = arg.substr(eq + 1);
    }
    program_ = argv[0];
  }
  int Int(const std::string& name, int fallback) {
    known_.push_back(name);
    const auto found = values_.find(name);
    return found == values_.end() ? fallback : std::atoi(found->second.c_str());
  }
  std::string String(const std::string& name, const std::string& fallback) {
    known_.push_back(name);
    const auto found = values_.find(name);
    return found == values_.end() ? fallback : found->second;
  }
  // Call after reading every flag.
  void CheckAllKnown() const {
    for (const auto& [name, value] : values_) {
      if (std::find(known_.begin(), known_.end(), name) == known_.end()) Usage(program_.c_str());
    }
  }

 private:
  [[noreturn]] void Usage(const char* program) const {
    std::cerr << "usage: " << program << " " << usage_ << "\n";
    std::exit(2);
  }
  std::string usage_;
  std::string program_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> known_;
};

// Pins every thread of this process to `core` (sched_setaffinity on a tid moves that thread only);
// processes started afterwards inherit it.
inline void PinProcess(int core) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(core, &set);
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    (void)sched_setaffinity(std::stoi(task.path().filename()), sizeof set, &set);
  }
}

// Servers on core 0, this client on core 1, when there are two cores or more.
inline bool CanPin() { return std::thread::hardware_concurrency() >= 2; }
inline const char* PinningText(bool pinned) {
  return pinned ? "servers (services, PostgreSQL, Kafka, Redis) on core 0, client on core 1"
                : "none (1 core)";
}

inline double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// One row of the table: baseline, ours, ratio and whether the target is met.
struct Row {
  std::string metric;
  double baseline = 0;
  double ours = 0;
  double ratio = 0;
  std::string target;  // ">= 0.75", "<= 1.2"; empty for a diagnostic
  bool met = false;
};

inline Row AtLeast(std::string metric, double baseline, double ours, double target) {
  Row row{.metric = std::move(metric), .baseline = baseline, .ours = ours};
  row.ratio = baseline > 0 ? ours / baseline : 0;
  std::ostringstream text;
  text << ">= " << target;
  row.target = text.str();
  row.met = row.ratio >= target;
  return row;
}
inline Row AtMost(std::string metric, double baseline, double ours, double target) {
  Row row{.metric = std::move(metric), .baseline = baseline, .ours = ours};
  row.ratio = baseline > 0 ? ours / baseline : 0;
  std::ostringstream text;
  text << "<= " << target;
  row.target = text.str();
  row.met = row.ratio > 0 && row.ratio <= target;
  return row;
}

inline std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Prints the rows and writes {"scenario":..., "rows":[...], "details":{...}} to `path`.
inline void Report(const std::string& scenario, const std::string& path,
                   const std::vector<Row>& rows,
                   const std::vector<std::pair<std::string, std::string>>& details) {
  std::cout << std::fixed << std::setprecision(2) << "\nscenario " << scenario
            << " | metric | baseline | ours | ratio | target\n";
  for (const Row& row : rows) {
    std::cout << scenario << " | " << row.metric << " | " << row.baseline << " | " << row.ours
              << " | " << row.ratio << " | "
              << (row.target.empty() ? "-" : row.target + (row.met ? " met" : " MISSED")) << "\n";
  }
  for (const auto& [key, value] : details) std::cout << key << ": " << value << "\n";
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream json(path);
  json << std::fixed << std::setprecision(3) << "{\"scenario\":" << JsonString(scenario)
       << ",\"rows\":[";
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& row = rows[i];
    json << (i ? "," : "") << "{\"metric\":" << JsonString(row.metric)
         << ",\"baseline\":" << row.baseline << ",\"ours\":" << row.ours
         << ",\"ratio\":" << row.ratio << ",\"target\":" << JsonString(row.target)
         << ",\"met\":" << (row.met ? "true" : "false") << "}";
  }
  json << "],\"details\":{";
  for (size_t i = 0; i < details.size(); ++i) {
    json << (i ? "," : "") << JsonString(details[i].first) << ":" << JsonString(details[i].second);
  }
  json << "}}\n";
  std::cout << "wrote " << path << std::endl;
}

}  // namespace jindu::bench
