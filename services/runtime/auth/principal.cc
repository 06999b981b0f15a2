#include "runtime/auth/principal.h"

#include <algorithm>

namespace jindu::runtime {

bool Principal::HasRole(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

}  // namespace jindu::runtime
