#include "registration/regions/region_answer_cache.h"

#include <mutex>

namespace jindu::registration {

std::optional<v1::Region> RegionAnswerCache::Find(const std::string& code, int64_t revision) const {
  std::shared_lock lock(mutex_);
  const auto found = answers_.find(code);
  if (found == answers_.end() || found->second.revision() != revision) return std::nullopt;
  return found->second;
}

void RegionAnswerCache::Keep(const v1::Region& region) {
  std::unique_lock lock(mutex_);
  v1::Region& kept = answers_[region.region_code()];
  // Never replace a newer answer by an older one (two calls may read around an import).
  if (kept.revision() <= region.revision()) kept = region;
}

}  // namespace jindu::registration
