#pragma once

// Versioned SQL migrations, applied at service start. Each service owns one PostgreSQL schema; its
// migrations run with that schema first on the search_path, so their SQL names tables unqualified.
//
// Migrations are grouped in tracks: the shared runtime's own tables (outbox, inbox) are one track,
// the service's domain tables another, so neither has to number around the other. Applied
// migrations are recorded with a checksum: editing a migration that already ran stops the service
// instead of leaving databases that silently differ.

#include <filesystem>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace jindu::runtime {

struct Migration {
  int version = 0;   // ascending within a track, starting at 1
  std::string name;  // e.g. "create_regions"
  std::string sql;   // one or more statements
};

struct MigrationTrack {
  std::string name;  // e.g. "runtime", "registration"
  std::vector<Migration> migrations;
};

// Reads files named "<version>_<name>.sql" (e.g. 0001_create_regions.sql) from a directory.
// Throws std::invalid_argument naming the file when a name does not follow the pattern or two
// files share a version.
MigrationTrack LoadMigrationTrack(const std::string& track, const std::filesystem::path& directory);

// Creates the schema if needed and applies every pending migration of the tracks, each in its own
// transaction. Concurrent callers (several replicas starting) serialise on an advisory lock.
// Returns the number of migrations applied. Throws std::runtime_error when an applied migration's
// checksum differs from the one given, or when a migration fails (that migration is rolled back).
int ApplyMigrations(pqxx::connection& connection, const std::string& schema,
                    const std::vector<MigrationTrack>& tracks);

}  // namespace jindu::runtime
