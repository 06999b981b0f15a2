#include "runtime/auth/region_tree.h"

#include <algorithm>
#include <mutex>
#include <stdexcept>
#include <unordered_set>

#include "runtime/auth/region_code.h"

namespace jindu::runtime {

RegionTree::RegionTree(bool follow_code_structure)
    : follow_code_structure_(follow_code_structure),
      parents_(std::make_shared<const ParentMap>()) {}

void RegionTree::AddEdge(std::string child, std::string parent) {
  std::lock_guard lock(write_mutex_);
  auto copy = std::make_shared<ParentMap>(*Snapshot());
  AddEdgeTo(copy.get(), follow_code_structure_, std::move(child), std::move(parent));
  Publish(std::move(copy));
}

bool RegionTree::RemoveEdge(std::string_view child, std::string_view parent) {
  std::lock_guard lock(write_mutex_);
  auto copy = std::make_shared<ParentMap>(*Snapshot());
  auto it = copy->find(std::string(child));
  if (it == copy->end()) return false;
  auto position = std::find(it->second.begin(), it->second.end(), parent);
  if (position == it->second.end()) return false;
  it->second.erase(position);
  if (it->second.empty()) copy->erase(it);
  Publish(std::move(copy));
  return true;
}

void RegionTree::ReplaceEdges(const std::vector<Edge>& edges) {
  auto replacement = std::make_shared<ParentMap>();
  for (const auto& [child, parent] : edges) {
    AddEdgeTo(replacement.get(), follow_code_structure_, child, parent);
  }
  std::lock_guard lock(write_mutex_);
  Publish(std::move(replacement));
}

bool RegionTree::Contains(std::string_view ancestor, std::string_view region) const {
  std::shared_ptr<const ParentMap> snapshot = Snapshot();
  return ContainsIn(*snapshot, follow_code_structure_, ancestor, region);
}

std::shared_ptr<const RegionTree::ParentMap> RegionTree::Snapshot() const {
  std::lock_guard lock(snapshot_mutex_);
  return parents_;
}

void RegionTree::Publish(std::shared_ptr<const ParentMap> parents) {
  std::lock_guard lock(snapshot_mutex_);
  parents_.swap(parents);
  // The old map is released here, after the lock, by whichever holder drops it last.
}

void RegionTree::AddEdgeTo(ParentMap* parents, bool follow_code_structure, std::string child,
                           std::string parent) {
  if (!IsWellFormedRegionCode(child) || !IsWellFormedRegionCode(parent)) {
    throw std::invalid_argument(
        "region edge " + child + " -> " + parent +
        ": codes must be 6, 9 or 12 digits or a special zone (Z and 8 digits)");
  }
  if (child == parent) throw std::invalid_argument("region edge " + child + " -> itself");
  if (ContainsIn(*parents, follow_code_structure, child, parent)) {
    throw std::invalid_argument("region edge " + child + " -> " + parent +
                                " would make a cycle: " + parent + " already lies within " + child);
  }
  auto& list = (*parents)[child];
  if (std::find(list.begin(), list.end(), parent) == list.end()) list.push_back(std::move(parent));
}

bool RegionTree::ContainsIn(const ParentMap& parents, bool follow_code_structure,
                            std::string_view ancestor, std::string_view region) {
  if (!IsWellFormedRegionCode(ancestor) || !IsWellFormedRegionCode(region)) return false;
  // Walk upwards from the region through explicit and structural parents. The graph is acyclic
  // (AddEdgeTo refuses cycles); the visited set only keeps diamonds from being walked twice.
  std::vector<std::string> frontier{std::string(region)};
  std::unordered_set<std::string> visited;
  while (!frontier.empty()) {
    std::string node = std::move(frontier.back());
    frontier.pop_back();
    if (node == ancestor) return true;
    if (!visited.insert(node).second) continue;
    if (auto it = parents.find(node); it != parents.end()) {
      frontier.insert(frontier.end(), it->second.begin(), it->second.end());
    }
    if (follow_code_structure) {
      if (auto parent = StructuralParentRegion(node)) frontier.push_back(std::move(*parent));
    }
  }
  return false;
}

}  // namespace jindu::runtime
