#include "runtime/postgres/migrations.h"

#include <openssl/evp.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "runtime/logging/logger.h"

namespace jindu::runtime {
namespace {

std::string Sha256Hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  static const char* kHex = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xF]);
  }
  return hex;
}

void ValidateSchemaName(const std::string& schema) {
  static const std::regex kIdentifier("[a-z_][a-z0-9_]{0,62}");
  if (!std::regex_match(schema, kIdentifier)) {
    throw std::invalid_argument("schema name '" + schema +
                                "' must be a lower-case SQL identifier ([a-z_][a-z0-9_]*)");
  }
}

// Runs one statement outside any transaction block; session-level locks outlive it. libpqxx allows
// one open transaction object per connection, so this one must end before the next begins.
void SessionStatement(pqxx::connection& connection, const std::string& sql,
                      const std::string& argument) {
  pqxx::nontransaction session(connection);
  session.exec_params(sql, argument);
}

}  // namespace

MigrationTrack LoadMigrationTrack(const std::string& track,
                                  const std::filesystem::path& directory) {
  static const std::regex kFileName(R"((\d+)_([a-z0-9_]+)\.sql)");
  MigrationTrack result{track, {}};
  std::set<int> versions;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (!entry.is_regular_file()) continue;
    std::string file = entry.path().filename().string();
    std::smatch match;
    if (!std::regex_match(file, match, kFileName)) {
      throw std::invalid_argument("migration file '" + entry.path().string() +
                                  "' must be named <version>_<name>.sql");
    }
    int version = std::stoi(match[1].str());
    if (!versions.insert(version).second) {
      throw std::invalid_argument("two migration files in '" + directory.string() +
                                  "' have version " + std::to_string(version));
    }
    std::ifstream in(entry.path());
    std::stringstream sql;
    sql << in.rdbuf();
    result.migrations.push_back({version, match[2].str(), sql.str()});
  }
  std::sort(result.migrations.begin(), result.migrations.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return result;
}

int ApplyMigrations(pqxx::connection& connection, const std::string& schema,
                    const std::vector<MigrationTrack>& tracks) {
  ValidateSchemaName(schema);
  const std::string history = schema + ".schema_migrations";

  // A session-level advisory lock keyed by the schema name: replicas of one service starting at
  // once apply each migration exactly once, and different services do not wait for each other.
  const std::string lock_key = "jindu.migrations." + schema;
  SessionStatement(connection, "SELECT pg_advisory_lock(hashtext($1))", lock_key);
  int applied = 0;
  try {
    {
      pqxx::work tx(connection);
      tx.exec0("CREATE SCHEMA IF NOT EXISTS " + schema);
      tx.exec0("CREATE TABLE IF NOT EXISTS " + history +
               " (track text NOT NULL, version integer NOT NULL, name text NOT NULL,"
               "  checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),"
               "  PRIMARY KEY (track, version))");
      tx.commit();
    }
    for (const MigrationTrack& track : tracks) {
      std::map<int, std::string> done;
      {
        pqxx::read_transaction tx(connection);
        for (const auto& row : tx.exec_params(
                 "SELECT version, checksum FROM " + history + " WHERE track = $1", track.name)) {
          done[row[0].as<int>()] = row[1].as<std::string>();
        }
      }
      for (const Migration& migration : track.migrations) {
        const std::string checksum = Sha256Hex(migration.sql);
        auto found = done.find(migration.version);
        if (found != done.end()) {
          if (found->second != checksum) {
            throw std::runtime_error("migration " + track.name + "/" +
                                     std::to_string(migration.version) + "_" + migration.name +
                                     " was changed after it was applied to schema " + schema +
                                     ": add a new migration instead of editing an applied one");
          }
          continue;
        }
        pqxx::work tx(connection);
        tx.exec0("SET LOCAL search_path TO " + schema + ", public");
        tx.exec0(migration.sql);
        tx.exec_params(
            "INSERT INTO " + history + " (track, version, name, checksum) VALUES ($1, $2, $3, $4)",
            track.name, migration.version, migration.name, checksum);
        tx.commit();
        ++applied;
        LogInfo("migration applied", {{"schema", schema},
                                      {"track", track.name},
                                      {"version", migration.version},
                                      {"name", migration.name}});
      }
    }
  } catch (...) {
    SessionStatement(connection, "SELECT pg_advisory_unlock(hashtext($1))", lock_key);
    throw;
  }
  SessionStatement(connection, "SELECT pg_advisory_unlock(hashtext($1))", lock_key);
  return applied;
}

}  // namespace jindu::runtime
