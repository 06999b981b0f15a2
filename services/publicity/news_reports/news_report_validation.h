#pragma once
// What a news report's fields must be before it is stored: checks that need nothing but the
// request (the references it makes are news_report_references.h's, which reads the database).
#include <set>
#include <string>

#include "publicity/news_reports/news_report_record.h"
#include "runtime/api/api_error.h"
#include "runtime/identity/civil_date.h"

namespace jindu::publicity {

// The paths UpdateNewsReport may change (publicity_service.proto).
const std::set<std::string>& NewsReportMutablePaths();

// Checks the fields of `input` named in `paths` (every field on create), prefixed "news_report.",
// and copies them into *record. Violations never echo values.
void CheckNewsReportFields(const v1::NewsReport& input, const std::set<std::string>& paths,
                           runtime::CivilDate today, NewsReportRecord* record,
                           runtime::FieldViolations* violations);

}  // namespace jindu::publicity
