#pragma once
// Length rules of text fields, counted in characters (Unicode code points, as the contracts state
// them: "1..64 characters" allows 64 Chinese characters, not 64 bytes).
#include <cstddef>
#include <string>

#include "runtime/api/api_error.h"

namespace jindu::runtime {

// Code points of UTF-8 text (the gRPC layer has already rejected invalid UTF-8 in string fields).
size_t CodePointCount(const std::string& text);

// Adds FIELD_REQUIRED (empty while min > 0), FIELD_OUT_OF_RANGE (shorter than min) or
// FIELD_TOO_LONG to *violations; true when fine.
bool CheckTextLength(const std::string& field, const std::string& value, size_t min, size_t max,
                     FieldViolations* violations);

}  // namespace jindu::runtime
