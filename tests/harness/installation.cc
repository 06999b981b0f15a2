#include "harness/installation.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace jindu::testing {
namespace {

namespace fs = std::filesystem;

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

std::string HomeDir() {
  const char* home = std::getenv("HOME");
  if (home != nullptr && *home != '\0') return home;
  const passwd* entry = getpwuid(geteuid());
  return entry != nullptr ? entry->pw_dir : "/";
}

// Orders "9" before "15": PostgreSQL's directories are named by major version.
bool NewerVersion(const fs::path& a, const fs::path& b) {
  return std::stoi(a.filename().string()) > std::stoi(b.filename().string());
}

}  // namespace

std::string SourceDir() { return EnvOr("JINDU_SOURCE_DIR", JINDU_SOURCE_DIR); }

std::string KafkaHome() {
  std::string cache = EnvOr("JINDU_CACHE_DIR", HomeDir() + "/.cache/jindu");
  std::string home = EnvOr("JINDU_KAFKA_HOME", cache + "/kafka/" + JINDU_KAFKA_VERSION);
  std::error_code error;
  if (!fs::is_directory(home + "/libs", error)) {
    throw std::runtime_error("Kafka " JINDU_KAFKA_VERSION " is not installed in " + home +
                             " (no libs/ there): run tools/setup.sh, or set JINDU_KAFKA_HOME");
  }
  return home;
}

std::string PostgresBinDir() {
  const char* override_dir = std::getenv("JINDU_PG_BINDIR");
  if (override_dir != nullptr && *override_dir != '\0') return override_dir;
  std::vector<fs::path> versions;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", error)) {
    const std::string name = entry.path().filename().string();
    if (!name.empty() && std::all_of(name.begin(), name.end(), ::isdigit) &&
        fs::exists(entry.path() / "bin" / "postgres", error)) {
      versions.push_back(entry.path());
    }
  }
  if (versions.empty()) {
    throw std::runtime_error(
        "no PostgreSQL server under /usr/lib/postgresql: run tools/setup.sh, or set "
        "JINDU_PG_BINDIR");
  }
  std::sort(versions.begin(), versions.end(), NewerVersion);
  return (versions.front() / "bin").string();
}

std::optional<UnixUser> PostgresRunAsUser() {
  if (geteuid() != 0) return std::nullopt;
  std::string name = EnvOr("JINDU_PG_USER", "postgres");
  const passwd* entry = getpwnam(name.c_str());
  if (entry == nullptr) {
    throw std::runtime_error("PostgreSQL cannot run as root and user '" + name +
                             "' does not exist: run tools/setup.sh, or set JINDU_PG_USER");
  }
  return UnixUser{name, entry->pw_uid, entry->pw_gid};
}

std::optional<std::string> FindProgram(const std::string& program) {
  if (program.find('/') != std::string::npos) return program;
  std::string path = EnvOr("PATH", "/usr/local/bin:/usr/bin:/bin");
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find(':', start);
    if (end == std::string::npos) end = path.size();
    std::string dir = path.substr(start, end - start);
    std::string candidate = (dir.empty() ? "." : dir) + "/" + program;
    if (access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate)) return candidate;
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace jindu::testing
