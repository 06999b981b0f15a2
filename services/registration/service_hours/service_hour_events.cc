#include "registration/service_hours/service_hour_events.h"

#include "jindu/registration/events/v1/service_hour_events.pb.h"

namespace jindu::registration {

void AppendServiceHoursConfirmed(pqxx::work& tx, const runtime::OutboxWriter& outbox,
                                 const StoredRecord& record, bool corrected) {
  registration::events::v1::ServiceHoursConfirmed event;
  event.set_service_hour_record(record.record.name());
  event.set_volunteer(record.record.volunteer());
  event.set_organizer(record.record.organizer());
  event.set_region_code(record.organizer_region_code);
  *event.mutable_work_date() = record.record.work_date();
  event.set_minutes(record.record.minutes());
  event.set_source(record.record.source());
  event.set_activity(record.record.activity());
  event.set_corrected(corrected);
  outbox.Append(tx, {.aggregate_type = kServiceHourAggregateType,
                     .aggregate_id = record.record_id,
                     .aggregate_version = record.event_version,
                     .region_code = record.organizer_region_code,
                     .payload = &event});
}

}  // namespace jindu::registration
