#include "runtime/ids/uuid.h"

#include <uuid/uuid.h>

namespace jindu::runtime {

std::string NewUuid() {
  uuid_t raw;
  uuid_generate_random(raw);
  char text[37];
  uuid_unparse_lower(raw, text);
  return text;
}

}  // namespace jindu::runtime
