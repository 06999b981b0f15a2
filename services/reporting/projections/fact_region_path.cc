#include "reporting/projections/fact_region_path.h"

#include <thread>

#include "runtime/logging/logger.h"

namespace jindu::reporting {
namespace {

// The region and its parents up to a root (a region without a parent) are all known.
bool ChainKnown(const runtime::RegionDirectory& regions, const std::string& code) {
  const std::vector<std::string> chain = regions.Ancestors(code);
  if (chain.empty()) return false;
  const auto top = regions.Find(chain.back());
  return top.has_value() && top->parent.empty();
}

}  // namespace

std::string FactRegionPath(const runtime::RegionDirectory& regions, const std::string& code,
                           std::chrono::milliseconds patience) {
  if (code.empty()) return std::string();
  const auto deadline = std::chrono::steady_clock::now() + patience;
  while (!ChainKnown(regions, code)) {
    if (std::chrono::steady_clock::now() >= deadline) {
      runtime::LogWarn("fact stored before its region is known; it rolls up only as far as known",
                       {{"region_code", code}});
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return regions.EnclosingPath(code);
}

}  // namespace jindu::reporting
