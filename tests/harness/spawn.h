#pragma once

// Starting a program as a child of this process, for ChildProcess.

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jindu::testing {

struct SpawnRequest {
  std::vector<std::string> argv;           // argv[0] is looked up in $PATH unless it has a '/'
  std::map<std::string, std::string> env;  // added to (or replacing in) this process's environment
  std::string log_path;                    // stdout and stderr are appended here; "" = /dev/null
  std::optional<uid_t> uid;                // run as this user (we must be root)...
  std::optional<gid_t> gid;                // ...and group
  std::string working_directory;           // "" = ours
};

// Starts the program and returns its pid once it has been exec'd; throws std::runtime_error when
// the log cannot be opened or the program cannot be executed.
//
// The child gets SIGKILL if this process dies (PR_SET_PDEATHSIG), so that a crashed or killed test
// leaves no server behind. That signal follows the death of the *thread* that forked, so every
// child is forked by one helper thread that lives as long as the process.
pid_t Spawn(const SpawnRequest& request);

}  // namespace jindu::testing
