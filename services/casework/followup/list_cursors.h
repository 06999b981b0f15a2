#pragma once
// Keyset cursors of the follow-up lists: the sort key of the last row returned (an instant in
// microseconds or a calendar date) and its id. A cursor is checked part by part before it reaches
// SQL, so a forged page token is INVALID_PAGE_TOKEN, never a database error.
#include <string>
#include <vector>

namespace jindu::casework {

// (microseconds since the epoch, id).
bool SplitInstantCursor(const std::string& cursor, std::vector<std::string>* after);
// ("YYYY-MM-DD", id).
bool SplitDateCursor(const std::string& cursor, std::vector<std::string>* after);

}  // namespace jindu::casework
