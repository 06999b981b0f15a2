#include "reporting/filings/filing_presentation.h"

#include "runtime/postgres/row_conversions.h"

namespace jindu::reporting {
namespace {

google::protobuf::Timestamp ToTimestamp(std::chrono::system_clock::time_point time) {
  return runtime::TimestampFromMicros(
      std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count());
}

}  // namespace

v1::Filing PresentFiling(const FilingView& view) {
  v1::Filing filing;
  filing.set_name(FilingName(view.region_code, view.period.id));
  filing.set_region_code(view.region_code);
  *filing.mutable_period() = view.period.period;
  *filing.mutable_deadline_time() = ToTimestamp(FilingDeadline(view.period, view.deadline_days));
  std::optional<std::chrono::system_clock::time_point> filed_at;
  if (view.record != nullptr) filed_at = view.record->file_time;
  filing.set_state(FilingStateAt(view.period, view.deadline_days, view.now, filed_at));
  if (view.record == nullptr) return filing;
  const FilingRecord& record = *view.record;
  *filing.mutable_file_time() = runtime::TimestampFromMicros(record.file_micros);
  filing.set_filer_subject(record.filer_subject);
  filing.set_revision(record.revision);
  common::v1::AuditMetadata* audit = filing.mutable_audit();
  *audit->mutable_create_time() = runtime::TimestampFromMicros(record.file_micros);
  audit->set_create_subject(record.filer_subject);
  *audit->mutable_update_time() = runtime::TimestampFromMicros(record.update_micros);
  audit->set_update_subject(record.update_subject);
  // The revision is what ReconcileFiling checks, so it is the etag.
  audit->set_etag(std::to_string(record.revision));
  if (view.late != nullptr) {
    *filing.mutable_frozen_figures() = record.frozen_figures;
    *filing.mutable_late_delta() = view.late->delta;
    filing.set_late_event_count(view.late->changed_cells);
  }
  return filing;
}

}  // namespace jindu::reporting
