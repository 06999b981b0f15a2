#pragma once

// Misuse of an API by our own code (asking for a setting that was never declared, declaring one
// twice) is a bug, not an input error: it stops the process loudly instead of being answered.

#include <string_view>

namespace jindu::runtime {

[[noreturn]] void ProgrammingError(std::string_view what);

}  // namespace jindu::runtime
