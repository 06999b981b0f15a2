#pragma once
// The events of a news report (proto/jindu/publicity/events/v1/news_report_events.proto), written
// to the outbox in the transaction that changes the report: published on create, changed on every
// update, retracted on delete. Reporting counts reports from these alone.
#include <pqxx/pqxx>

#include "publicity/news_reports/news_report_record.h"
#include "publicity/publicity_context.h"

namespace jindu::publicity {

void AppendNewsReportPublished(const PublicityContext& context, pqxx::work& tx,
                               const NewsReportRecord& record);
void AppendNewsReportChanged(const PublicityContext& context, pqxx::work& tx,
                             const NewsReportRecord& record);
// `revision` is the report's revision after the retraction.
void AppendNewsReportRetracted(const PublicityContext& context, pqxx::work& tx,
                               const NewsReportRecord& record, int64_t revision);

}  // namespace jindu::publicity
