#include "casework/followup/list_cursors.h"

#include <charconv>
#include <cstdint>

#include "runtime/api/paging.h"
#include "runtime/identity/civil_date.h"
#include "runtime/ids/resource_ids.h"

namespace jindu::casework {
namespace {

bool IsId(const std::string& id) { return !runtime::ResourceIdFromName("x/" + id, "x/").empty(); }

}  // namespace

bool SplitInstantCursor(const std::string& cursor, std::vector<std::string>* after) {
  if (!runtime::SplitCursor(cursor, 2, after)) return false;
  const std::string& key = (*after)[0];
  int64_t micros = 0;
  auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), micros);
  return error == std::errc() && end == key.data() + key.size() && IsId((*after)[1]);
}

bool SplitDateCursor(const std::string& cursor, std::vector<std::string>* after) {
  return runtime::SplitCursor(cursor, 2, after) && runtime::ParseIsoDate((*after)[0]).has_value() &&
         IsId((*after)[1]);
}

}  // namespace jindu::casework
