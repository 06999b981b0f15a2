#include "publicity/news_reports/news_report_references.h"

#include <string>

namespace jindu::publicity {

void CheckNewsReportReferences(pqxx::transaction_base& tx, const Registry& registry,
                               const ActivityStore& activities, const NewsReportRecord& record,
                               bool check_organization,
                               const std::function<bool(const std::string&)>& caller_covers,
                               runtime::FieldViolations* violations) {
  if (check_organization) {
    auto organization = registry.FindOrganization(tx, record.organization_id);
    if (!organization.has_value()) {
      violations->Add("news_report.organization", common::v1::REFERENCE_NOT_FOUND,
                      "no such organisation in the registry");
    } else if (organization->state != 1 /* ORGANIZATION_STATE_ACTIVE */) {
      violations->Add("news_report.organization", common::v1::VALUE_NOT_ALLOWED,
                      "the organisation is dissolved");
    }
  }
  if (!record.activity_id.empty()) {
    // An activity outside the caller's scope is answered like a missing one.
    auto activity = activities.Find(tx, record.activity_id);
    if (!activity.has_value() || !caller_covers(activity->content.region_code())) {
      violations->Add("news_report.activity", common::v1::REFERENCE_NOT_FOUND, "no such activity");
    }
  }
  for (size_t i = 0; i < record.featured_lecturer_ids.size(); ++i) {
    auto volunteer = registry.FindVolunteer(tx, record.featured_lecturer_ids[i]);
    if (!volunteer.has_value() || volunteer->lecture_team_id.empty()) {
      violations->Add("news_report.featured_lecturers[" + std::to_string(i) + "]",
                      common::v1::REFERENCE_NOT_FOUND, "not a certified lecturer");
    }
  }
  for (size_t i = 0; i < record.featured_branch_ids.size(); ++i) {
    if (!registry.FindOrganization(tx, record.featured_branch_ids[i]).has_value()) {
      violations->Add("news_report.featured_branch_heads[" + std::to_string(i) + "]",
                      common::v1::REFERENCE_NOT_FOUND, "no such organisation in the registry");
    }
  }
}

}  // namespace jindu::publicity
