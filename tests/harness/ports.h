#pragma once

// Waiting for a server to listen.

#include <chrono>
#include <string>

namespace jindu::testing {

// Returns true once a TCP connection to host:port succeeds, false when timeout passes first.
// Connection attempts are retried every few milliseconds (refused ones return at once).
bool WaitForTcpPort(const std::string& host, int port, std::chrono::milliseconds timeout);

}  // namespace jindu::testing
