#pragma once
// A kind of record kept under a case (contacts, help records, urine tests) as the shared follow-up
// flows see it (child_get.h, child_list.h, child_create.h, child_update.h): its names, its type,
// how one is loaded and how it is shown. The flows hold what every kind does the same way; each
// kind's handler builds its CaseChildKind and passes its own rules (roles, field checks, what a
// write changes on the case) to the flows, so its RPCs still read from its own folder.
#include <functional>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace jindu::casework {

template <typename Record, typename Response>
struct CaseChildKind {
  const char* collection;  // "contacts": its names are "cases/{case}/contacts/{id}"
  const char* type;        // "jindu.casework.v1.Contact": what NOT_FOUND names
  // One record of the case, nullopt when there is none; `sensitive` also opens its sealed fields.
  std::function<std::optional<Record>(pqxx::transaction_base& tx, const std::string& case_id,
                                      const std::string& id, bool sensitive)>
      find;
  // The record as the API shows it; its sensitive fields in clear only when `in_clear` (a FULL
  // view whose role was checked and whose read is audited).
  std::function<Response(const Record& record, bool in_clear)> present;
  // The sensitive field paths a FULL view returns in clear, for its audit entry.
  std::function<std::vector<std::string>(const Record& record)> clear_fields;
};

}  // namespace jindu::casework
