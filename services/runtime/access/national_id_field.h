#pragma once
// The national ID number field of a request about a person (a volunteer, a case), checked against
// GB 11643: the check character, a real past birth date, and an address code that is a known
// region of this province's tree (current or expired: numbers keep the code of the birth place at
// birth) or belongs to another province (people move in; our tree holds only this province).
#include <optional>
#include <string>

#include "runtime/api/api_error.h"
#include "runtime/identity/civil_date.h"
#include "runtime/identity/national_id_number.h"
#include "runtime/regions/region_directory.h"

namespace jindu::runtime {

// Returns the parsed number, or nullopt after adding a violation under `field`.
std::optional<ParsedNationalId> CheckNationalIdField(const std::string& field,
                                                     const std::string& text,
                                                     const RegionDirectory& regions,
                                                     CivilDate today, FieldViolations* violations);

}  // namespace jindu::runtime
