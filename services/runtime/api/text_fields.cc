#include "runtime/api/text_fields.h"

namespace jindu::runtime {

size_t CodePointCount(const std::string& text) {
  size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;  // every byte but continuation bytes starts a code point
  }
  return count;
}

bool CheckTextLength(const std::string& field, const std::string& value, size_t min, size_t max,
                     FieldViolations* violations) {
  const size_t length = CodePointCount(value);
  if (length < min) {
    violations->Add(
        field, length == 0 ? common::v1::FIELD_REQUIRED : common::v1::FIELD_OUT_OF_RANGE,
        length == 0 ? "must not be empty" : "at least " + std::to_string(min) + " characters");
    return false;
  }
  if (length > max) {
    violations->Add(field, common::v1::FIELD_TOO_LONG,
                    "at most " + std::to_string(max) + " characters");
    return false;
  }
  return true;
}

}  // namespace jindu::runtime
