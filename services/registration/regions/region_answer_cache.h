#pragma once
// GetRegion's answers kept in memory, so that the service's most frequent read costs no PostgreSQL
// round trip. The region directory (runtime/regions) already holds the tree, but not everything
// GetRegion answers (the audit metadata: who changed the region and when), so the full answer is
// read once from PostgreSQL and kept beside the directory's revision of that region.
//
// An answer is served from memory only while its revision is the one the directory holds: when
// the directory learns a newer revision (an import on this replica, or a RegionUpserted event from
// another), the kept answer no longer matches and the next call reads PostgreSQL again. So the
// cache is never staler than the directory, which every other region check of the service
// already trusts. Bounded by the directory: one answer per known region at most.
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "jindu/registration/v1/region.pb.h"

namespace jindu::registration {

class RegionAnswerCache {
 public:
  // The kept answer for `code` if it is at `revision`.
  std::optional<v1::Region> Find(const std::string& code, int64_t revision) const;
  // Keeps `region` (read from PostgreSQL) as the answer for its code at its revision.
  void Keep(const v1::Region& region);

 private:
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, v1::Region> answers_;
};

}  // namespace jindu::registration
