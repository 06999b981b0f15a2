#include "runtime/config/programming_error.h"

#include <cstdio>
#include <cstdlib>

namespace jindu::runtime {

void ProgrammingError(std::string_view what) {
  std::fprintf(stderr, "jindu: programming error: %.*s\n", static_cast<int>(what.size()),
               what.data());
  std::abort();
}

}  // namespace jindu::runtime
