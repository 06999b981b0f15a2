#include "runtime/postgres/prepared_statements.h"

#include <cstdio>

namespace jindu::runtime {

std::string PreparedStatementName(const std::string& sql) {
  // FNV-1a, 64 bits: stable across processes and builds (std::hash need not be), and a collision
  // among a service's few hundred statements is vanishingly unlikely (and caught by pqxx).
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : sql) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char name[24];
  std::snprintf(name, sizeof name, "jindu_%016llx", static_cast<unsigned long long>(hash));
  return name;
}

}  // namespace jindu::runtime
