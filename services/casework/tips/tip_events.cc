#include "casework/tips/tip_events.h"

#include "runtime/postgres/row_conversions.h"

namespace jindu::casework {

void AppendTipEvent(const CaseworkContext& context, pqxx::work& tx, const TipRecord& record,
                    const google::protobuf::Message& event) {
  context.outbox.Append(tx, {.aggregate_type = "tip",
                             .aggregate_id = record.id,
                             .aggregate_version = record.revision,
                             .region_code = record.region_code,
                             .payload = &event});
}

events::v1::TipFiled TipFiledEvent(const TipRecord& record) {
  events::v1::TipFiled event;
  event.set_tip(TipName(record.id));
  event.set_kind(record.kind);
  event.set_region_code(record.region_code);
  *event.mutable_observed_date() = runtime::ToProtoDate(record.observed_date);
  *event.mutable_filed_date() = runtime::ToProtoDate(record.filed_date);
  event.set_plant_count(record.plant_count);
  return event;
}

events::v1::TipStateChanged TipStateChangedEvent(const TipRecord& record, v1::TipState previous,
                                                 runtime::CivilDate effective_date) {
  events::v1::TipStateChanged event;
  event.set_tip(TipName(record.id));
  event.set_previous_state(previous);
  event.set_state(record.state);
  *event.mutable_effective_date() = runtime::ToProtoDate(effective_date);
  return event;
}

events::v1::TipOutcomeRecorded TipOutcomeRecordedEvent(const TipRecord& record,
                                                       runtime::CivilDate recorded_date) {
  events::v1::TipOutcomeRecorded event;
  event.set_tip(TipName(record.id));
  *event.mutable_outcome() = record.outcome.value();
  *event.mutable_recorded_date() = runtime::ToProtoDate(recorded_date);
  return event;
}

}  // namespace jindu::casework
