#include "jinductl/progress.h"

#include <unistd.h>

#include <cstdio>

namespace jindu::jinductl {

Progress::Progress(std::string what, std::string unit, long long total)
    : what_(std::move(what)),
      unit_(std::move(unit)),
      total_(total),
      terminal_(isatty(STDERR_FILENO) == 1) {}

void Progress::Update(long long done) {
  const long long total = total_ > 0 ? total_ : 1;
  const int percent = static_cast<int>(done * 100 / total);
  if (terminal_) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(done * kWidth / total);
    std::fprintf(stderr, "\r%s [%s%s] %3d%% %lld/%lld %s", what_.c_str(),
                 std::string(static_cast<size_t>(filled), '#').c_str(),
                 std::string(static_cast<size_t>(kWidth - filled), '-').c_str(), percent, done,
                 total_, unit_.c_str());
  } else {
    std::fprintf(stderr, "%s: %lld/%lld %s (%d%%)\n", what_.c_str(), done, total_, unit_.c_str(),
                 percent);
  }
  std::fflush(stderr);
}

void Progress::Finish() {
  if (finished_) return;
  finished_ = true;
  if (terminal_) std::fprintf(stderr, "\n");
}

}  // namespace jindu::jinductl
