#pragma once

// Turns an unexpected OpenSSL failure (allocation, a missing algorithm) into an exception. Never
// used for a value that fails to authenticate: that is an expected outcome with its own error.

#include <string_view>

namespace jindu::runtime {

// Throws std::runtime_error("<operation> failed: <oldest queued OpenSSL error>") and clears the
// calling thread's OpenSSL error queue, so a stale error is never reported against a later,
// unrelated operation on the same thread.
[[noreturn]] void ThrowOpenSslFailure(std::string_view operation);

}  // namespace jindu::runtime
