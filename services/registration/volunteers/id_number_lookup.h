#pragma once
// The keyed hash that finds a person by national ID number without storing or comparing it in
// clear: one domain for volunteers, so the same number hashes differently in other uses.
#include <string>

#include "runtime/crypto/keyed_hash.h"

namespace jindu::registration {

inline std::string VolunteerIdNumberLookup(const runtime::KeyedHash& lookup,
                                           const std::string& normalized_id_number) {
  return lookup.Digest("volunteer.national_id", normalized_id_number);
}

}  // namespace jindu::registration
