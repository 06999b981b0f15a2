#pragma once

#include <string>

namespace jindu::runtime {

// A random (version 4) UUID in its canonical lower-case text form: event ids, request ids.
std::string NewUuid();

}  // namespace jindu::runtime
