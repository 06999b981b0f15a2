#pragma once
// What a news report must be before it is stored. Field checks need nothing but the request;
// reference checks read the registry replica (organisations, lecturers, branches), because a
// report counts for an organisation's district and names who it features by registry id.
#include <pqxx/pqxx>
#include <set>
#include <string>

#include "publicity/news_reports/news_report_record.h"
#include "publicity/registry/registry_projection.h"
#include "runtime/api/api_error.h"

namespace jindu::publicity {

// The paths UpdateNewsReport may change (publicity_service.proto).
const std::set<std::string>& NewsReportMutablePaths();

// Checks the fields of `input` named in `paths` (every field on create), prefixed "news_report.",
// and copies them into *record. Violations never echo values.
void CheckNewsReportFields(const v1::NewsReport& input, const std::set<std::string>& paths,
                           runtime::CivilDate today, NewsReportRecord* record,
                           runtime::FieldViolations* violations);

// Checks what *record references against the replica: the organisation exists and is active (on
// create), each featured lecturer is a certified lecturer, each featured branch an organisation.
void CheckNewsReportReferences(pqxx::transaction_base& tx, const Registry& registry,
                               const NewsReportRecord& record, bool check_organization,
                               runtime::FieldViolations* violations);

}  // namespace jindu::publicity
