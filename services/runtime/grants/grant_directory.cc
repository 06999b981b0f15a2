#include "runtime/grants/grant_directory.h"

#include <algorithm>
#include <mutex>
#include <stdexcept>

#include "runtime/api/role_check.h"
#include "runtime/auth/region_code.h"

namespace jindu::runtime {
namespace {

std::optional<std::chrono::system_clock::time_point> ExpireTime(
    const registration::events::v1::GrantGiven& event) {
  if (!event.has_expire_time()) return std::nullopt;
  return std::chrono::system_clock::time_point(std::chrono::seconds(event.expire_time().seconds()));
}

}  // namespace

void GrantDirectory::Give(GrantEntry entry) {
  std::unique_lock lock(mutex_);
  if (!entry.grant.empty()) {
    // Applying the same event twice (at-least-once delivery) keeps one entry.
    for (auto it = by_subject_.begin(); it != by_subject_.end(); ++it) {
      if (it->second.grant == entry.grant) return;
    }
  }
  std::string subject = entry.subject;
  by_subject_.emplace(std::move(subject), std::move(entry));
}

bool GrantDirectory::Revoke(const std::string& grant) {
  std::unique_lock lock(mutex_);
  for (auto it = by_subject_.begin(); it != by_subject_.end(); ++it) {
    if (!grant.empty() && it->second.grant == grant) {
      by_subject_.erase(it);
      return true;
    }
  }
  return false;
}

void GrantDirectory::Apply(const registration::events::v1::GrantGiven& event) {
  Give({.grant = event.grant(),
        .subject = event.subject(),
        .role = RoleClaim(event.role()),
        .region_code = event.region_code(),
        .expire_time = ExpireTime(event)});
}

void GrantDirectory::Apply(const registration::events::v1::GrantRevoked& event) {
  Revoke(event.grant());
}

Principal GrantDirectory::Resolve(const Principal& authenticated) const {
  Principal resolved;
  resolved.subject = authenticated.subject;
  const auto now = std::chrono::system_clock::now();
  std::shared_lock lock(mutex_);
  auto [begin, end] = by_subject_.equal_range(authenticated.subject);
  for (auto it = begin; it != end; ++it) {
    const GrantEntry& entry = it->second;
    if (entry.expire_time.has_value() && *entry.expire_time <= now) continue;
    RoleGrant grant{entry.role, entry.region_code};
    if (std::find(resolved.grants.begin(), resolved.grants.end(), grant) != resolved.grants.end()) {
      continue;
    }
    resolved.grants.push_back(grant);
    if (!resolved.HasRole(entry.role)) resolved.roles.push_back(entry.role);
    if (std::find(resolved.region_scopes.begin(), resolved.region_scopes.end(),
                  entry.region_code) == resolved.region_scopes.end()) {
      resolved.region_scopes.push_back(entry.region_code);
    }
  }
  return resolved;
}

size_t GrantDirectory::size() const {
  std::shared_lock lock(mutex_);
  return by_subject_.size();
}

std::vector<GrantEntry> ParseBootstrapAdmins(const std::string& text) {
  std::vector<GrantEntry> entries;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string item = text.substr(start, end - start);
    start = end + 1;
    // "a=430000, b=430100": spaces around entries are layout, never part of a subject.
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (item.empty()) continue;
    const size_t equals = item.rfind('=');
    if (equals == std::string::npos || equals == 0 ||
        !IsWellFormedRegionCode(item.substr(equals + 1))) {
      throw std::invalid_argument(
          "bootstrap admin entries are subject=region_code, e.g. admin@hunan=430000");
    }
    entries.push_back({.subject = item.substr(0, equals),
                       .role = RoleClaim(common::v1::ROLE_PROVINCE_ADMIN),
                       .region_code = item.substr(equals + 1)});
  }
  return entries;
}

}  // namespace jindu::runtime
