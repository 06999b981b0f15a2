#pragma once

// Picking ports for servers started by tests.

#include "harness/ports.h"  // WaitForTcpPort, which callers of FreePort usually need next

namespace jindu::testing {

// A TCP port that nothing listens on at 127.0.0.1, chosen at random below the kernel's ephemeral
// range (so no outgoing connection takes it before the server binds it) and never returned twice
// by one process. Another process may still take it first: servers that fail to bind are
// restarted by the harness on a new port.
int FreePort();

}  // namespace jindu::testing
