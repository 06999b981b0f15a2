#pragma once

// The one region check every service makes before acting on a region's data: may this principal act
// on region X? Yes when X equals or lies within one of the principal's region scopes.

#include <grpcpp/support/status.h>

#include <string_view>

#include "runtime/auth/principal.h"
#include "runtime/auth/region_hierarchy.h"

namespace jindu::runtime {

bool MayActOnRegion(const Principal& principal, std::string_view region_code,
                    const RegionHierarchy& hierarchy);

// OK, or PERMISSION_DENIED "principal may not act on region <code>: outside its scopes" (or, for a
// malformed code, a message saying so without echoing it).
grpc::Status AuthorizeRegion(const Principal& principal, std::string_view region_code,
                             const RegionHierarchy& hierarchy);

}  // namespace jindu::runtime
