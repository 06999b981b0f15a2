#pragma once

// Containment from explicit (child, parent) edges, for divisions that cut across the code
// structure: a state-level new area or development zone administers townships whose codes belong to
// other counties. By default the structural parents of GB/T 2260 codes are followed too, so an edge
// (township 430104001 -> zone 430180) puts that township's villages inside the zone as well, while
// the township stays inside its county.
//
// Fed by hand (or by configuration) for now; later by the replica of the registration service's
// division events, through ReplaceEdges. Reads work on an immutable snapshot of the edges, holding
// a lock only to copy a shared_ptr, so they never wait for a writer's work nor starve a writer (as
// readers of glibc's reader-preferring rwlock can); writers copy the snapshot, change the copy and
// publish it.

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "runtime/auth/region_hierarchy.h"

namespace jindu::runtime {

class RegionTree final : public RegionHierarchy {
 public:
  using Edge = std::pair<std::string, std::string>;  // (child, parent)

  explicit RegionTree(bool follow_code_structure = true);

  // Throws std::invalid_argument when a code is malformed, child equals parent, or the edge would
  // make a division its own ancestor.
  void AddEdge(std::string child, std::string parent);
  // Returns false when the edge was not present.
  bool RemoveEdge(std::string_view child, std::string_view parent);
  // Replaces every explicit edge at once; readers see the old set or the new one, never a mix.
  // Throws like AddEdge, leaving the current edges untouched.
  void ReplaceEdges(const std::vector<Edge>& edges);

  bool Contains(std::string_view ancestor, std::string_view region) const override;

 private:
  using ParentMap = std::unordered_map<std::string, std::vector<std::string>>;

  static void AddEdgeTo(ParentMap* parents, bool follow_code_structure, std::string child,
                        std::string parent);
  static bool ContainsIn(const ParentMap& parents, bool follow_code_structure,
                         std::string_view ancestor, std::string_view region);

  std::shared_ptr<const ParentMap> Snapshot() const;
  void Publish(std::shared_ptr<const ParentMap> parents);

  const bool follow_code_structure_;
  std::mutex write_mutex_;                    // serialises writers; readers never take it
  mutable std::mutex snapshot_mutex_;         // guards parents_ itself, not the map it points to
  std::shared_ptr<const ParentMap> parents_;  // child -> its explicit parents; never null
};

}  // namespace jindu::runtime
