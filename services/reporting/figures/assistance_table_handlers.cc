#include "reporting/figures/assistance_table_handlers.h"

#include "jindu/casework/v1/contact.pb.h"
#include "reporting/access/report_scope.h"
#include "reporting/figures/casework_figures.h"
#include "reporting/figures/region_figures.h"
#include "reporting/freshness/freshness_store.h"
#include "runtime/access/caller_access.h"

namespace jindu::reporting {
namespace {

namespace cw = casework::v1;

}  // namespace

AssistanceTableHandlers::AssistanceTableHandlers(ReportingContext& context) : context_(context) {}

grpc::Status AssistanceTableHandlers::Compute(const runtime::CallContext& call,
                                              const v1::ComputeAssistanceTableRequest& request,
                                              v1::ComputeAssistanceTableResponse* response) {
  ReportScope scope;
  if (auto status =
          CheckReportRequest(context_, call, "ComputeAssistanceTable", request.region_code(),
                             request.has_period(), request.period(), &scope);
      !status.ok()) {
    return status;
  }
  auto connection = context_.resources.database.Acquire();
  // One snapshot: the rows, the total and the freshness agree with each other.
  pqxx::transaction<pqxx::isolation_level::repeatable_read, pqxx::readwrite_policy::read_only> tx(
      *connection);
  *response->mutable_freshness() = ReadFreshness(tx, context_.schema());
  for (const std::string& child : ChildRegions(context_, scope.region_code)) {
    *response->add_rows() = RowOf(tx, child, scope.dates);
  }
  *response->mutable_total() = RowOf(tx, scope.region_code, scope.dates);
  return grpc::Status::OK;
}

v1::AssistanceRow AssistanceTableHandlers::RowOf(pqxx::transaction_base& tx,
                                                 const std::string& region_code,
                                                 const runtime::CivilDateRange& dates) const {
  const std::string& schema = context_.schema();
  const std::string start = runtime::FormatIsoDate(dates.start);
  const std::string end = runtime::FormatIsoDate(dates.end);
  const std::string inside = runtime::RegionPathCondition(tx, "region_path", {region_code}, false);
  v1::AssistanceRow row;
  row.set_region_code(region_code);
  if (auto entry = context_.regions.Find(region_code)) {
    row.set_region_display_name(entry->display_name);
  }
  // Cases under management on the period's last day (the figures' open cases).
  row.set_cases(tx.exec_params1(CasesAtPeriodEnd(schema) + " SELECT count(*) FROM at_end WHERE " +
                                    OpenStatusCondition("status"),
                                start, end, runtime::RegionPathPattern(region_code))[0]
                    .as<int64_t>());
  // Persons assisted (帮扶对象): distinct persons (by pseudonym, so a person moved between two
  // counties of the region counts once) reached by a contact or given help in the period.
  row.set_persons_assisted(
      tx.exec_params1("SELECT count(DISTINCT c.person_pseudonym) FROM (SELECT case_id FROM " +
                          schema + ".casework_contact_facts WHERE " + inside +
                          " AND reached AND contact_date >= $1::date AND contact_date < $2::date "
                          "UNION SELECT case_id FROM " +
                          schema + ".casework_help_facts WHERE " + inside +
                          " AND help_date >= $1::date AND help_date < $2::date) assisted JOIN " +
                          schema + ".casework_case_facts c USING (case_id)",
                      start, end)[0]
          .as<int64_t>());
  // Visits (走访慰问人次): reached home visits and relief visits, each once. Group meetings:
  // reached group-meeting contacts, i.e. attendances by the region's persons (contacts are per
  // person). Relief: every contact's relief in the period.
  const pqxx::row contacts = tx.exec_params1(
      "SELECT count(*) FILTER (WHERE reached AND kind IN (" +
          std::to_string(cw::CONTACT_KIND_HOME_VISIT) + ", " +
          std::to_string(cw::CONTACT_KIND_RELIEF_VISIT) +
          ")), count(*) FILTER (WHERE reached AND kind = " +
          std::to_string(cw::CONTACT_KIND_GROUP_MEETING) +
          "), coalesce(sum(relief_minor_units), 0)::bigint, coalesce(sum(relief_items), "
          "0)::bigint FROM " +
          schema + ".casework_contact_facts WHERE " + inside +
          " AND contact_date >= $1::date AND contact_date < $2::date",
      start, end);
  row.set_visits(contacts[0].as<int64_t>());
  row.set_group_meetings(contacts[1].as<int64_t>());
  *row.mutable_relief_money() = CaseworkCny(contacts[2].as<int64_t>());
  row.set_relief_items(contacts[3].as<int64_t>());
  // Jobs placed (就业安置): employment help dated in the period whose outcome is ACHIEVED.
  row.set_jobs_placed(
      tx.exec_params1("SELECT count(*) FROM " + schema + ".casework_help_facts WHERE " + inside +
                          " AND kind = " + std::to_string(cw::HELP_KIND_EMPLOYMENT) +
                          " AND outcome = " + std::to_string(cw::HELP_OUTCOME_ACHIEVED) +
                          " AND help_date >= $1::date AND help_date < $2::date",
                      start, end)[0]
          .as<int64_t>());
  const PairedCases paired = CountPairedCases(tx, schema, region_code, dates);
  row.set_cases_paired(paired.cases);
  row.set_cases_paired_many_to_one(paired.many_to_one);
  return row;
}

}  // namespace jindu::reporting
