#include "runtime/metrics/county_label.h"

namespace jindu::runtime {

std::string CountyLabel(const std::string& region_code) {
  if (region_code.empty()) return "none";
  if (region_code[0] == 'Z') return region_code.substr(1, 6);
  return region_code.substr(0, 6);
}

}  // namespace jindu::runtime
