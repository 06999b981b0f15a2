#include "casework/audit/access_audit_presentation.h"

#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {
namespace {

// The writer joins roles and field paths with ',' (neither contains one); "" is no item at all.
template <typename Repeated>
void SplitInto(const std::string& joined, Repeated* items) {
  size_t start = 0;
  while (start < joined.size()) {
    size_t end = joined.find(',', start);
    if (end == std::string::npos) end = joined.size();
    items->Add(joined.substr(start, end - start));
    start = end + 1;
  }
}

}  // namespace

std::string AccessAuditEntryName(int64_t sequence) {
  return "accessAuditEntries/" + std::to_string(sequence);
}

v1::AccessAuditEntry PresentAccessAuditEntry(const StoredAccessAuditEntry& stored) {
  const AccessAuditEntryContent& content = stored.content;
  v1::AccessAuditEntry entry;
  entry.set_name(AccessAuditEntryName(content.sequence));
  entry.set_sequence(content.sequence);
  *entry.mutable_time() = runtime::TimestampFromMicros(content.time_micros);
  entry.set_subject(content.subject);
  SplitInto(content.roles, entry.mutable_roles());
  entry.set_method(content.method);
  entry.set_resource(content.resource);
  entry.set_person_pseudonym(content.person_pseudonym);
  entry.set_region_code(content.region_code);
  SplitInto(content.fields, entry.mutable_fields());
  entry.set_purpose(content.purpose);
  entry.set_denied(content.denied);
  entry.set_entry_hash(stored.entry_hash);
  entry.set_previous_hash(stored.previous_hash);
  return entry;
}

}  // namespace jindu::casework
