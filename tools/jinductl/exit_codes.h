#pragma once
// The exit codes of jinductl, documented in README.md and `jinductl --help`: scripts branch on
// them, so each names a kind of failure the caller can act on, never an implementation detail.

namespace jindu::jinductl {

inline constexpr int kExitOk = 0;
// Anything not covered below (an internal error, an unexpected status code, a local file problem).
inline constexpr int kExitFailure = 1;
// The command line was wrong: unknown flag or command, bad value. Nothing was sent.
inline constexpr int kExitUsage = 2;
// UNAUTHENTICATED / PERMISSION_DENIED, or no token at all.
inline constexpr int kExitDenied = 3;
// NOT_FOUND (out of the caller's scope looks the same by design).
inline constexpr int kExitNotFound = 4;
// INVALID_ARGUMENT / FAILED_PRECONDITION / ALREADY_EXISTS: the request was refused as it stands.
inline constexpr int kExitRefused = 5;
// UNAVAILABLE / DEADLINE_EXCEEDED: the service could not be reached in time.
inline constexpr int kExitUnreachable = 6;

inline constexpr char kExitCodeHelp[] =
    "Exit codes: 0 ok; 1 other failure; 2 usage error (nothing was sent); 3 unauthenticated or\n"
    "permission denied (or no token); 4 not found; 5 refused: invalid argument, failed\n"
    "precondition or already exists (field violations are printed); 6 a service could not be\n"
    "reached in time (unavailable or deadline exceeded; its address is printed).\n";

}  // namespace jindu::jinductl
