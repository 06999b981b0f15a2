#include "casework/storage/person_keys.h"

namespace jindu::casework {

std::string NationalIdLookupHash(const runtime::KeyedHash& lookup, const std::string& id_number) {
  return lookup.Digest("casework.national_id", id_number);
}

std::string PersonPseudonym(const runtime::KeyedHash& lookup, const std::string& id_number) {
  return "p" + lookup.Digest("casework.person_pseudonym", id_number).substr(0, 24);
}

std::string DecisionNumberHash(const runtime::KeyedHash& lookup,
                               const std::string& decision_number) {
  return lookup.Digest("casework.decision_number", decision_number);
}

}  // namespace jindu::casework
