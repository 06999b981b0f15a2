#include "reporting/filings/filing_events.h"

#include "jindu/reporting/events/v1/filing_events.pb.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::reporting {
namespace {

constexpr char kFilingAggregate[] = "filing";

std::string AggregateId(const std::string& region_code, const FilingPeriod& period) {
  return region_code + "~" + period.id;
}

}  // namespace

void AppendFilingSubmitted(const runtime::OutboxWriter& outbox, pqxx::work& tx,
                           const FilingPeriod& period, const FilingRecord& record, bool late) {
  events::v1::FilingSubmitted event;
  event.set_filing(FilingName(record.region_code, period.id));
  event.set_region_code(record.region_code);
  *event.mutable_period() = period.period;
  event.set_revision(record.revision);
  *event.mutable_file_time() = runtime::TimestampFromMicros(record.file_micros);
  event.set_late(late);
  outbox.Append(tx, {.aggregate_type = kFilingAggregate,
                     .aggregate_id = AggregateId(record.region_code, period),
                     .aggregate_version = record.revision,
                     .region_code = record.region_code,
                     .payload = &event});
}

void AppendFilingReconciled(const runtime::OutboxWriter& outbox, pqxx::work& tx,
                            const FilingPeriod& period, const std::string& region_code,
                            int32_t revision, int64_t late_event_count) {
  events::v1::FilingReconciled event;
  event.set_filing(FilingName(region_code, period.id));
  event.set_region_code(region_code);
  *event.mutable_period() = period.period;
  event.set_revision(revision);
  event.set_late_event_count(late_event_count);
  outbox.Append(tx, {.aggregate_type = kFilingAggregate,
                     .aggregate_id = AggregateId(region_code, period),
                     .aggregate_version = revision,
                     .region_code = region_code,
                     .payload = &event});
}

}  // namespace jindu::reporting
