#pragma once

#include <exception>

namespace jindu::runtime {

// True when a failure comes from the database's state rather than from the work being done: the
// connection was lost or refused, the pool had no connection free, a deadlock or serialization
// conflict rolled the transaction back, a statement timed out, the server is shutting down or out
// of resources, or a failover left it read-only. The same work may succeed later, so callers retry
// (consumers) or answer UNAVAILABLE (handlers) instead of treating the work as bad.
bool IsTransientDatabaseError(const std::exception& error);

}  // namespace jindu::runtime
