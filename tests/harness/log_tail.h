#pragma once

// Reading a server's log, for exceptions that say why a server did not start.

#include <string>

namespace jindu::testing {

// The last max_lines lines of the file at path (at most 64 KiB of them), or a note saying the file
// cannot be read. Never throws.
std::string LogTail(const std::string& path, int max_lines = 40);

// True when the last 64 KiB of the file at path contain text (e.g. a server's "Address already in
// use", which tells a lost race for a port from other failures). Never throws.
bool LogContains(const std::string& path, const std::string& text);

}  // namespace jindu::testing
