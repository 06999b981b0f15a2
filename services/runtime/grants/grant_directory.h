#pragma once
// Who may do what where, as the registration service granted it: the in-memory replica every
// service asks on every call (PrincipalResolver), fed by GrantGiven / GrantRevoked events
// (grant_replica.h). A revoked grant stops working as soon as its event is applied here, seconds
// after the revocation, whatever the caller's token still says: tokens carry only the subject.
//
// Bootstrap grants (from settings) let the first province administrator in before any grant
// exists; they cannot be revoked by events.
#include <chrono>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "jindu/registration/events/v1/grant_events.pb.h"
#include "runtime/auth/principal.h"

namespace jindu::runtime {

struct GrantEntry {
  std::string grant;  // "grants/{id}"; empty for bootstrap grants
  std::string subject;
  std::string role;  // claim form, "county_officer"
  std::string region_code;
  std::optional<std::chrono::system_clock::time_point> expire_time;
};

class GrantDirectory final : public PrincipalResolver {
 public:
  void Give(GrantEntry entry);
  // Returns false when the grant was unknown (already revoked, or never seen).
  bool Revoke(const std::string& grant);
  void Apply(const registration::events::v1::GrantGiven& event);
  void Apply(const registration::events::v1::GrantRevoked& event);

  // The caller with exactly the grants in force now for its subject; token claims are ignored.
  Principal Resolve(const Principal& authenticated) const override;
  size_t size() const;

 private:
  mutable std::shared_mutex mutex_;
  std::multimap<std::string, GrantEntry> by_subject_;
};

// Parses bootstrap grants "subject=region[,subject=region...]" as ROLE_PROVINCE_ADMIN grants;
// throws std::invalid_argument on a malformed entry.
std::vector<GrantEntry> ParseBootstrapAdmins(const std::string& text);

}  // namespace jindu::runtime
