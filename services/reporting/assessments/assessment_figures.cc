#include "reporting/assessments/assessment_figures.h"

#include <cstdio>

#include "jindu/publicity/v1/activity.pb.h"
#include "reporting/filings/filing_period.h"
#include "reporting/filings/filing_store.h"
#include "runtime/access/caller_access.h"
#include "runtime/identity/civil_date.h"
#include "runtime/postgres/sql_arrays.h"

namespace jindu::reporting {
namespace {

// Each assessed organisation (root) with itself and every unit below it in organization_facts
// (parent_id links): "the organisation and its units" of assessment.proto. $1 = the roots.
std::string UnitsCte(const std::string& schema) {
  return "WITH RECURSIVE units(root, id) AS (SELECT o, o FROM unnest($1::text[]) o UNION "
         "SELECT u.root, c.organization_id FROM units u JOIN " +
         schema + ".organization_facts c ON c.parent_id = u.id AND c.parent_id <> '') ";
}

std::map<std::string, int64_t> ByRoot(const pqxx::result& rows) {
  std::map<std::string, int64_t> figures;
  for (const pqxx::row& row : rows) figures[row[0].as<std::string>()] = row[1].as<int64_t>();
  return figures;
}

// The county an organisation's filings come from: its region or the nearest county above it.
std::string CountyOf(const runtime::RegionDirectory& regions, const std::string& region_code) {
  for (const std::string& code : regions.Ancestors(region_code)) {
    const auto entry = regions.Find(code);
    if (entry.has_value() && entry->level == common::v1::REGION_LEVEL_COUNTY) return code;
  }
  return "";
}

// The filing periods (calendar months and quarters) lying wholly inside the dates whose deadline
// has passed at `now`: only those can be late or missing.
std::vector<FilingPeriod> DuePeriods(const runtime::CivilDateRange& dates,
                                     const FilingRules& rules) {
  std::vector<FilingPeriod> due;
  for (runtime::CivilDate month{dates.start.year, dates.start.month, 1}; month < dates.end;
       month = month.month == 12 ? runtime::CivilDate{month.year + 1, 1, 1}
                                 : runtime::CivilDate{month.year, month.month + 1, 1}) {
    char id[32];
    std::snprintf(id, sizeof id, "%04d-%02d", month.year, month.month);
    std::vector<std::string> ids = {id};
    if (month.month % 3 == 0) {
      std::snprintf(id, sizeof id, "%04d-Q%d", month.year, month.month / 3);
      ids.push_back(id);
    }
    for (const std::string& period_id : ids) {
      auto period = ParseFilingPeriodId(period_id);
      if (!period.has_value() || period->dates.start < dates.start ||
          dates.end < period->dates.end) {
        continue;
      }
      if (FilingDeadline(*period, rules.deadline_days) <= rules.now) due.push_back(*period);
    }
  }
  return due;
}

std::map<std::string, int64_t> FilingFigures(pqxx::transaction_base& tx, const std::string& schema,
                                             bool late,
                                             const std::vector<AssessedOrganization>& organizations,
                                             const runtime::CivilDateRange& dates,
                                             const FilingRules& rules) {
  // Per county once, then given to each organisation of the county.
  std::map<std::string, int64_t> by_county;
  const FilingStore filings(schema);
  const std::vector<FilingPeriod> due = DuePeriods(dates, rules);
  std::map<std::string, std::map<std::string, FilingRecord>> filed_by_period;
  for (const FilingPeriod& period : due)
    filed_by_period[period.id] = filings.FiledIn(tx, period.id);
  std::map<std::string, int64_t> figures;
  for (const AssessedOrganization& organization : organizations) {
    const std::string county = CountyOf(*rules.regions, organization.region_code);
    if (county.empty()) continue;  // above county level: nothing is filed for it
    int64_t count = 0;
    for (const FilingPeriod& period : due) {
      const auto& filed = filed_by_period[period.id];
      auto it = filed.find(county);
      if (late) {
        count += it != filed.end() &&
                 it->second.file_time >= FilingDeadline(period, rules.deadline_days);
      } else {
        count += it == filed.end();
      }
    }
    figures[organization.id] = count;
  }
  return figures;
}

}  // namespace

std::vector<AssessedOrganization> OrganizationsAssessed(pqxx::transaction_base& tx,
                                                        const std::string& schema,
                                                        const std::vector<int>& kinds,
                                                        const std::string& region_code,
                                                        const runtime::CivilDateRange& dates) {
  std::string kind_list;
  for (int kind : kinds) kind_list += (kind_list.empty() ? "" : ",") + std::to_string(kind);
  std::vector<AssessedOrganization> organizations;
  for (const pqxx::row& row :
       tx.exec_params("SELECT organization_id, display_name, region_code FROM " + schema +
                          ".organization_facts WHERE kind IN (" + kind_list + ") AND " +
                          runtime::RegionPathCondition(tx, "region_path", {region_code}, false) +
                          " AND (founding_date IS NULL OR founding_date < $2::date) AND "
                          "(dissolution_date IS NULL OR dissolution_date >= $1::date) ORDER BY "
                          "organization_id",
                      runtime::FormatIsoDate(dates.start), runtime::FormatIsoDate(dates.end))) {
    organizations.push_back({.id = row[0].as<std::string>(),
                             .display_name = row[1].as<std::string>(),
                             .region_code = row[2].as<std::string>()});
  }
  return organizations;
}

std::map<std::string, int64_t> MetricFigures(pqxx::transaction_base& tx, const std::string& schema,
                                             v1::AssessmentMetric metric,
                                             const std::vector<AssessedOrganization>& organizations,
                                             const runtime::CivilDateRange& dates,
                                             const FilingRules& filing_rules) {
  std::vector<std::string> ids;
  for (const auto& organization : organizations) ids.push_back(organization.id);
  const std::string roots = runtime::PlainTextArray(ids);
  const std::string start = runtime::FormatIsoDate(dates.start);
  const std::string end = runtime::FormatIsoDate(dates.end);
  const std::string units = UnitsCte(schema);
  const std::string lecture = std::to_string(publicity::v1::ACTIVITY_KIND_LECTURE);
  switch (metric) {
    // Approved activities (at their approved revision) held by the organisation or its units.
    case v1::ASSESSMENT_METRIC_ACTIVITIES:
    case v1::ASSESSMENT_METRIC_LECTURES:
    case v1::ASSESSMENT_METRIC_AUDIENCE: {
      const std::string what = metric == v1::ASSESSMENT_METRIC_ACTIVITIES ? "count(*)"
                               : metric == v1::ASSESSMENT_METRIC_LECTURES
                                   ? "count(*) FILTER (WHERE a.kind = " + lecture + ")"
                                   : "coalesce(sum(a.audience), 0)";
      return ByRoot(tx.exec_params(units + "SELECT u.root, " + what + " FROM units u JOIN " +
                                       schema +
                                       ".activity_facts a ON a.organization_id = u.id WHERE "
                                       "a.activity_date >= $2::date AND a.activity_date < "
                                       "$3::date GROUP BY u.root",
                                   roots, start, end));
    }
    // Reports not retracted, published in the period, by the organisation or its units or
    // featuring one of them as a branch; a report counts once per assessed organisation.
    case v1::ASSESSMENT_METRIC_NEWS_REPORTS:
      return ByRoot(tx.exec_params(
          units + "SELECT u.root, count(DISTINCT n.news_report_id) FROM units u JOIN " + schema +
              ".news_report_facts n ON (n.organization_id = u.id OR u.id = ANY "
              "(n.featured_branch_ids)) WHERE NOT n.retracted AND n.publish_date >= $2::date AND "
              "n.publish_date < $3::date GROUP BY u.root",
          roots, start, end));
    // volunteer_facts carry no registering organisation (registration publishes only the
    // residence region), so a volunteer registered in the period counts for every assessed
    // organisation of exactly the region they reside in: a region-level attribution.
    case v1::ASSESSMENT_METRIC_VOLUNTEERS_RECRUITED:
      return ByRoot(tx.exec_params(
          "SELECT o.organization_id, count(v.volunteer_id) FROM " + schema +
              ".organization_facts o JOIN " + schema +
              ".volunteer_facts v ON v.residence_region_code = o.region_code WHERE "
              "o.organization_id = ANY($1::text[]) AND v.registered_date >= $2::date AND "
              "v.registered_date < $3::date GROUP BY o.organization_id",
          roots, start, end));
    // Attendances (not deleted) at training sessions the organisation or its units organised.
    case v1::ASSESSMENT_METRIC_TRAINING_ATTENDANCES:
      return ByRoot(tx.exec_params(
          units + "SELECT u.root, count(t.attendance) FROM units u JOIN " + schema +
              ".training_session_facts s ON s.organizer_id = u.id JOIN " + schema +
              ".training_attendance_facts t ON t.training_session_id = s.training_session_id "
              "WHERE NOT t.deleted AND t.session_date >= $2::date AND t.session_date < $3::date "
              "GROUP BY u.root",
          roots, start, end));
    // Confirmed service minutes organised by the organisation or its units, in whole hours
    // (rounded down over the period's total).
    case v1::ASSESSMENT_METRIC_SERVICE_HOURS:
      return ByRoot(tx.exec_params(
          units + "SELECT u.root, coalesce(sum(h.minutes), 0) / 60 FROM units u JOIN " + schema +
              ".service_hour_facts h ON h.organizer_id = u.id WHERE h.work_date >= $2::date AND "
              "h.work_date < $3::date GROUP BY u.root",
          roots, start, end));
    // Filings of the organisation's county (months and quarters wholly inside the period whose
    // deadline has passed): filed after the deadline, or not filed at all.
    case v1::ASSESSMENT_METRIC_LATE_FILINGS:
      return FilingFigures(tx, schema, true, organizations, dates, filing_rules);
    case v1::ASSESSMENT_METRIC_MISSING_FILINGS:
      return FilingFigures(tx, schema, false, organizations, dates, filing_rules);
    default:
      return {};
  }
}

}  // namespace jindu::reporting
