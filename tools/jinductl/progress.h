#pragma once
// Progress of a long command on stderr: a redrawn bar on a terminal, plain lines otherwise (logs
// and CI capture stay readable and free of carriage returns).
#include <string>

namespace jindu::jinductl {

class Progress {
 public:
  // `what` names the work ("regions import"), `unit` what is counted ("rows").
  Progress(std::string what, std::string unit, long long total);
  void Update(long long done);
  void Finish();

 private:
  std::string what_;
  std::string unit_;
  long long total_;
  bool terminal_;
  bool finished_ = false;
};

}  // namespace jindu::jinductl
