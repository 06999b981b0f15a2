#pragma once
// A stored news report as the API shows it.
#include "publicity/news_reports/news_report_record.h"

namespace jindu::publicity {

v1::NewsReport PresentNewsReport(const NewsReportRecord& record);

}  // namespace jindu::publicity
