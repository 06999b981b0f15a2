#include "publicity/news_reports/news_report_events.h"

#include "jindu/publicity/events/v1/news_report_events.pb.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::publicity {
namespace {

events::v1::NewsReportFacts Facts(const NewsReportRecord& record) {
  events::v1::NewsReportFacts facts;
  facts.set_news_report(NewsReportName(record.id));
  facts.set_outlet_name(record.outlet_name);
  facts.set_media_tier(record.media_tier);
  facts.set_channel(record.channel);
  *facts.mutable_publish_date() = runtime::ToProtoDate(record.publish_date);
  facts.set_organization("organizations/" + record.organization_id);
  facts.set_region_code(record.region_code);
  if (!record.activity_id.empty()) facts.set_activity("activities/" + record.activity_id);
  for (const std::string& id : record.featured_lecturer_ids) {
    facts.add_featured_lecturers("volunteers/" + id);
  }
  for (const std::string& id : record.featured_branch_ids) {
    facts.add_featured_branch_heads("organizations/" + id);
  }
  return facts;
}

void Append(const PublicityContext& context, pqxx::work& tx, const NewsReportRecord& record,
            int64_t revision, const google::protobuf::Message& event) {
  context.outbox.Append(tx, {.aggregate_type = "news_report",
                             .aggregate_id = record.id,
                             .aggregate_version = revision,
                             .region_code = record.region_code,
                             .payload = &event});
}

}  // namespace

void AppendNewsReportPublished(const PublicityContext& context, pqxx::work& tx,
                               const NewsReportRecord& record) {
  events::v1::NewsReportPublished event;
  *event.mutable_news_report() = Facts(record);
  Append(context, tx, record, record.revision, event);
}

void AppendNewsReportChanged(const PublicityContext& context, pqxx::work& tx,
                             const NewsReportRecord& record) {
  events::v1::NewsReportChanged event;
  *event.mutable_news_report() = Facts(record);
  Append(context, tx, record, record.revision, event);
}

void AppendNewsReportRetracted(const PublicityContext& context, pqxx::work& tx,
                               const NewsReportRecord& record, int64_t revision) {
  events::v1::NewsReportRetracted event;
  event.set_news_report(NewsReportName(record.id));
  Append(context, tx, record, revision, event);
}

}  // namespace jindu::publicity
