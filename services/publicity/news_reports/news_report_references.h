#pragma once
// What a news report references must exist: reference checks read the registry replica
// (organisations, lecturers, branches), because a report counts for an organisation's district
// and names who it features by registry id, and the activities, for the activity it reports on.
#include <functional>
#include <pqxx/pqxx>
#include <string>

#include "publicity/activities/activity_store.h"
#include "publicity/news_reports/news_report_record.h"
#include "publicity/registry/registry_projection.h"
#include "runtime/api/api_error.h"

namespace jindu::publicity {

// Checks what *record references: against the registry replica, that the organisation exists and
// is active (on create), each featured lecturer is a certified lecturer and each featured branch an
// organisation; against the activities, that the activity reported on exists and is visible to
// the caller (`caller_covers`: whether the caller's scope covers a region).
void CheckNewsReportReferences(pqxx::transaction_base& tx, const Registry& registry,
                               const ActivityStore& activities, const NewsReportRecord& record,
                               bool check_organization,
                               const std::function<bool(const std::string&)>& caller_covers,
                               runtime::FieldViolations* violations);

}  // namespace jindu::publicity
