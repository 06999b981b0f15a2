#pragma once
// The figures a rubric's criteria measure, per organisation and period, from the reporting
// service's own fact tables (never another service).
#include <chrono>
#include <map>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "jindu/reporting/v1/assessment.pb.h"
#include "runtime/api/request_checks.h"
#include "runtime/regions/region_directory.h"

namespace jindu::reporting {

struct AssessedOrganization {
  std::string id;  // organization_facts.organization_id
  std::string display_name;
  std::string region_code;
};

// Organisations of `kinds` inside `region_code` (by region path, so special zones count) that
// existed during the period: founded before its end (or founding day unknown) and not dissolved
// before its start. In id order.
std::vector<AssessedOrganization> OrganizationsAssessed(pqxx::transaction_base& tx,
                                                        const std::string& schema,
                                                        const std::vector<int>& kinds,
                                                        const std::string& region_code,
                                                        const runtime::CivilDateRange& dates);

struct FilingRules {
  const runtime::RegionDirectory* regions = nullptr;
  int deadline_days = 10;
  std::chrono::system_clock::time_point now;
};

// The figure of `metric` for each organisation (organisation id -> figure; 0 when nothing counts).
std::map<std::string, int64_t> MetricFigures(pqxx::transaction_base& tx, const std::string& schema,
                                             v1::AssessmentMetric metric,
                                             const std::vector<AssessedOrganization>& organizations,
                                             const runtime::CivilDateRange& dates,
                                             const FilingRules& filing_rules);

}  // namespace jindu::reporting
