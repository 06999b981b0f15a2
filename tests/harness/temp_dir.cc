#include "harness/temp_dir.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "runtime/logging/logger.h"

namespace jindu::testing {

TempDir::TempDir(const std::string& prefix) {
  const char* tmpdir = std::getenv("TMPDIR");
  std::string pattern = std::string(tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp") +
                        "/jindu-" + prefix + "-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) {
    throw std::runtime_error("cannot create a directory like " + pattern + ": " +
                             std::strerror(errno));
  }
  path_ = buffer.data();
}

TempDir::~TempDir() {
  const char* keep = std::getenv("JINDU_KEEP_TEST_DIRS");
  if (keep != nullptr && *keep != '\0') {
    runtime::LogInfo("kept test directory", {{"path", path_}});
    return;
  }
  std::error_code ignored;  // a destructor cannot report; a leftover in /tmp is harmless
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::File(const std::string& name) const { return path_ + "/" + name; }

void TempDir::Chown(uid_t uid, gid_t gid) const {
  if (chown(path_.c_str(), uid, gid) != 0) {
    throw std::runtime_error("cannot chown " + path_ + ": " + std::strerror(errno));
  }
}

}  // namespace jindu::testing
