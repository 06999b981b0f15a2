#pragma once
// The keyed digests of a person's identifiers. Each use has its own domain, so the lookup index,
// the pseudonym published in events and the decision index cannot be joined with one another, and
// none can be reversed without the lookup key (runtime/crypto/keyed_hash.h).
#include <string>

#include "runtime/crypto/keyed_hash.h"

namespace jindu::casework {

// Index of cases by normalised national ID number; stored, never returned.
std::string NationalIdLookupHash(const runtime::KeyedHash& lookup, const std::string& id_number);
// "p" + 24 hex digits: the person across all their cases, in events and answers.
std::string PersonPseudonym(const runtime::KeyedHash& lookup, const std::string& id_number);
// Index of measure decisions by decision number.
std::string DecisionNumberHash(const runtime::KeyedHash& lookup,
                               const std::string& decision_number);

}  // namespace jindu::casework
