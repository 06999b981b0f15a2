#pragma once
// The region tree in memory, for answering "is region B inside region A" and "is this code known"
// on every call without a query. The registration service loads it from its own table; every other
// service from its replica of the RegionUpserted events (region_replica.h). Containment follows the
// rule of jindu/common/v1/region.proto: B is inside A when A is B or an ancestor of B by parent
// links, and a special zone contains its members and what lies inside them.
//
// Many readers, rare bursts of writers (an import): a shared mutex, held for microseconds.
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/auth/region_hierarchy.h"
#include "runtime/regions/region_entry.h"

namespace jindu::runtime {

class RegionDirectory final : public RegionHierarchy {
 public:
  // Stores the entry unless a revision at least as new is known (events may be applied twice or,
  // after a replay, late). Returns whether it was stored.
  bool Upsert(RegionEntry entry);

  std::optional<RegionEntry> Find(std::string_view code) const;
  bool Knows(std::string_view code) const { return Find(code).has_value(); }
  bool Contains(std::string_view ancestor, std::string_view region) const override;
  // Every region containing this one, itself first (parents and special zones, transitively).
  std::vector<std::string> Enclosing(std::string_view region) const;
  // Enclosing() as stored for list filters: ";430000;430100;430102;" (order unspecified); for a
  // region not known (yet), ";<region>;".
  std::string EnclosingPath(std::string_view region) const;
  // The chain from the region up to the root (the region first), following parents only.
  std::vector<std::string> Ancestors(std::string_view region) const;

  // Up to `limit` entries in code order, after `after_code` (exclusive; empty = from the start),
  // that `keep` accepts. `*more` tells whether further matches exist.
  std::vector<RegionEntry> List(std::string_view after_code, size_t limit,
                                const std::function<bool(const RegionEntry&)>& keep,
                                bool* more) const;
  size_t size() const;

 private:
  void Link(const RegionEntry& entry);
  void Unlink(const RegionEntry& entry);
  bool ContainsLocked(std::string_view ancestor, std::string_view region) const;

  mutable std::shared_mutex mutex_;
  std::map<std::string, RegionEntry, std::less<>> entries_;
  // code -> what it lies directly inside: its parent, and the special zones listing it as member.
  std::unordered_map<std::string, std::vector<std::string>> up_;
};

}  // namespace jindu::runtime
