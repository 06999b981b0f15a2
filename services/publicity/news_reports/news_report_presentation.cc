#include "publicity/news_reports/news_report_presentation.h"

#include "runtime/postgres/row_conversions.h"

namespace jindu::publicity {

v1::NewsReport PresentNewsReport(const NewsReportRecord& record) {
  v1::NewsReport report;
  report.set_name(NewsReportName(record.id));
  report.set_title(record.title);
  report.set_outlet_name(record.outlet_name);
  report.set_media_tier(record.media_tier);
  report.set_channel(record.channel);
  report.set_uri(record.uri);
  *report.mutable_publish_date() = runtime::ToProtoDate(record.publish_date);
  report.set_organization("organizations/" + record.organization_id);
  report.set_region_code(record.region_code);
  if (!record.activity_id.empty()) report.set_activity("activities/" + record.activity_id);
  for (const std::string& id : record.featured_lecturer_ids) {
    report.add_featured_lecturers("volunteers/" + id);
  }
  for (const std::string& id : record.featured_branch_ids) {
    report.add_featured_branch_heads("organizations/" + id);
  }
  common::v1::AuditMetadata* audit = report.mutable_audit();
  *audit->mutable_create_time() = runtime::TimestampFromMicros(record.create_micros);
  *audit->mutable_update_time() = runtime::TimestampFromMicros(record.update_micros);
  audit->set_create_subject(record.create_subject);
  audit->set_update_subject(record.update_subject);
  audit->set_etag(std::to_string(record.revision));
  return report;
}

}  // namespace jindu::publicity
