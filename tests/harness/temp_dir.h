#pragma once

// Private directories for servers started by tests.

#include <sys/types.h>

#include <string>

namespace jindu::testing {

// A fresh directory under ${TMPDIR:-/tmp}, removed with everything in it on destruction — unless
// JINDU_KEEP_TEST_DIRS is set (to any non-empty value), for looking at server logs and data after
// a run.
class TempDir {
 public:
  // prefix names what the directory is for, e.g. "postgres" gives /tmp/jindu-postgres-XXXXXX.
  explicit TempDir(const std::string& prefix);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + name
  std::string File(const std::string& name) const;
  // Hands the directory itself to another user (e.g. PostgreSQL's, which refuses to run as root).
  void Chown(uid_t uid, gid_t gid) const;

 private:
  std::string path_;
};

}  // namespace jindu::testing
