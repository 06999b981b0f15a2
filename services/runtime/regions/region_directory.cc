#include "runtime/regions/region_directory.h"

#include <algorithm>
#include <mutex>
#include <unordered_set>

namespace jindu::runtime {
namespace {

void RemoveOne(std::vector<std::string>* list, const std::string& value) {
  auto it = std::find(list->begin(), list->end(), value);
  if (it != list->end()) list->erase(it);
}

}  // namespace

void RegionDirectory::Link(const RegionEntry& entry) {
  if (!entry.parent.empty()) up_[entry.code].push_back(entry.parent);
  for (const std::string& member : entry.members) up_[member].push_back(entry.code);
}

void RegionDirectory::Unlink(const RegionEntry& entry) {
  if (!entry.parent.empty()) RemoveOne(&up_[entry.code], entry.parent);
  for (const std::string& member : entry.members) RemoveOne(&up_[member], entry.code);
}

bool RegionDirectory::Upsert(RegionEntry entry) {
  std::unique_lock lock(mutex_);
  auto it = entries_.find(entry.code);
  if (it != entries_.end()) {
    if (it->second.revision >= entry.revision) return false;
    Unlink(it->second);
    it->second = std::move(entry);
    Link(it->second);
  } else {
    auto [inserted, _] = entries_.emplace(entry.code, std::move(entry));
    Link(inserted->second);
  }
  return true;
}

std::optional<RegionEntry> RegionDirectory::Find(std::string_view code) const {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(code);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

bool RegionDirectory::Contains(std::string_view ancestor, std::string_view region) const {
  std::shared_lock lock(mutex_);
  return ContainsLocked(ancestor, region);
}

bool RegionDirectory::ContainsLocked(std::string_view ancestor, std::string_view region) const {
  if (ancestor.empty() || region.empty()) return false;
  if (!entries_.contains(region) || !entries_.contains(ancestor)) return false;
  // Upwards from the region; the visited set keeps a malformed (cyclic) import from looping.
  std::vector<std::string> frontier{std::string(region)};
  std::unordered_set<std::string> visited;
  while (!frontier.empty()) {
    std::string node = std::move(frontier.back());
    frontier.pop_back();
    if (node == ancestor) return true;
    if (!visited.insert(node).second) continue;
    if (auto it = up_.find(node); it != up_.end()) {
      frontier.insert(frontier.end(), it->second.begin(), it->second.end());
    }
  }
  return false;
}

std::vector<std::string> RegionDirectory::Enclosing(std::string_view region) const {
  std::shared_lock lock(mutex_);
  std::vector<std::string> enclosing;
  if (!entries_.contains(region)) return enclosing;
  std::vector<std::string> frontier{std::string(region)};
  std::unordered_set<std::string> visited;
  while (!frontier.empty()) {
    std::string node = std::move(frontier.back());
    frontier.pop_back();
    if (!visited.insert(node).second) continue;
    if (auto it = up_.find(node); it != up_.end()) {
      frontier.insert(frontier.end(), it->second.begin(), it->second.end());
    }
    enclosing.push_back(std::move(node));
  }
  return enclosing;
}

std::string RegionDirectory::EnclosingPath(std::string_view region) const {
  std::string path = ";";
  for (const std::string& code : Enclosing(region)) path += code + ";";
  // A region not known yet is still named: the row can be found by its own code and completed
  // (RefreshRegionPaths) when the region arrives.
  if (path == ";" && !region.empty()) path += std::string(region) + ";";
  return path;
}

std::vector<std::string> RegionDirectory::Ancestors(std::string_view region) const {
  std::shared_lock lock(mutex_);
  std::vector<std::string> chain;
  std::unordered_set<std::string> seen;
  auto it = entries_.find(region);
  while (it != entries_.end() && seen.insert(it->first).second) {
    chain.push_back(it->first);
    if (it->second.parent.empty()) break;
    it = entries_.find(it->second.parent);
  }
  return chain;
}

std::vector<RegionEntry> RegionDirectory::List(std::string_view after_code, size_t limit,
                                               const std::function<bool(const RegionEntry&)>& keep,
                                               bool* more) const {
  std::shared_lock lock(mutex_);
  std::vector<RegionEntry> page;
  *more = false;
  auto it = after_code.empty() ? entries_.begin() : entries_.upper_bound(after_code);
  for (; it != entries_.end(); ++it) {
    if (!keep(it->second)) continue;
    if (page.size() == limit) {
      *more = true;
      break;
    }
    page.push_back(it->second);
  }
  return page;
}

size_t RegionDirectory::size() const {
  std::shared_lock lock(mutex_);
  return entries_.size();
}

}  // namespace jindu::runtime
