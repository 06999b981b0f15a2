#pragma once
// The one event of a service-hour record: ServiceHoursConfirmed, carrying the record's confirmed
// facts whole each time they start to count or change (an approved correction), so a consumer
// keeps the last one per record. Pseudonymous ids, the organiser's region, a date and minutes:
// never the description or a reason (free text).
#include <pqxx/pqxx>

#include "registration/storage/service_hour_store.h"
#include "runtime/outbox/outbox_writer.h"

namespace jindu::registration {

inline constexpr const char* kServiceHourAggregateType = "service_hour_record";

// Appends the event for `record` as stored now (its event_version already advanced) in `tx`.
void AppendServiceHoursConfirmed(pqxx::work& tx, const runtime::OutboxWriter& outbox,
                                 const StoredRecord& record, bool corrected);

}  // namespace jindu::registration
