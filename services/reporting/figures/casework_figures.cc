#include "reporting/figures/casework_figures.h"

#include "runtime/access/caller_access.h"
#include "runtime/postgres/prepared_statements.h"

namespace jindu::reporting {
namespace {

namespace cw = casework::v1;

// The region is a parameter ($n, bound to Bounds::pattern), not a literal: one prepared statement
// serves every region.
std::string Inside(const std::string& column, int parameter) {
  return column + " LIKE $" + std::to_string(parameter);
}

struct Bounds {
  std::string start;
  std::string end;
  std::string pattern;  // RegionPathPattern of the region
};

Bounds BoundsOf(const runtime::CivilDateRange& dates, const std::string& region_code) {
  return {runtime::FormatIsoDate(dates.start), runtime::FormatIsoDate(dates.end),
          runtime::RegionPathPattern(region_code)};
}

// Cases by measure and status on the period's last day, and those lost contact.
void FillCaseload(pqxx::transaction_base& tx, const std::string& schema, const Bounds& bounds,
                  v1::CaseworkFigures& figures) {
  const std::string with = CasesAtPeriodEnd(schema);
  // "Open cases by measure": cases under management (OpenStatusCondition) by the measure in force
  // on the last day.
  for (const pqxx::row& row :
       runtime::ExecPrepared(tx,
                             with + " SELECT measure_type, count(*) FROM at_end WHERE " +
                                 OpenStatusCondition("status") + " GROUP BY 1 ORDER BY 1",
                             bounds.start, bounds.end, bounds.pattern)) {
    v1::MeasureTotal* total = figures.add_cases_by_measure();
    total->set_measure_type(static_cast<cw::MeasureType>(row[0].as<int>()));
    total->set_cases(row[1].as<int64_t>());
  }
  // "By status": every case of the region opened before the end, in the status it had on the last
  // day, closed and transferred-out ones included (a transfer inside the region shows the sending
  // case TRANSFERRED_OUT and the receiving one open: each case once).
  for (const pqxx::row& row : runtime::ExecPrepared(
           tx, with + " SELECT status, count(*) FROM at_end GROUP BY 1 ORDER BY 1", bounds.start,
           bounds.end, bounds.pattern)) {
    v1::StatusTotal* total = figures.add_cases_by_status();
    total->set_status(static_cast<cw::CaseStatus>(row[0].as<int>()));
    total->set_cases(row[1].as<int64_t>());
  }
  // Lost contact counts persons (a person has one open case at a time; distinct anyway).
  figures.set_lost_contact(
      runtime::ExecPrepared1(
          tx,
          with + " SELECT count(DISTINCT person_pseudonym) FROM at_end WHERE status = " +
              std::to_string(cw::CASE_STATUS_LOST_CONTACT),
          bounds.start, bounds.end, bounds.pattern)[0]
          .as<int64_t>());
}

// Cases opened in the period, new users, relapses.
void FillOpenings(pqxx::transaction_base& tx, const std::string& schema, const Bounds& bounds,
                  v1::CaseworkFigures& figures) {
  // A case opened by a transfer from a county inside the region is the same person's case moving
  // within it, not a new one: only transfers from outside the region count as opened here. New
  // users are openings for persons never registered before (never a transfer).
  const pqxx::row opened = runtime::ExecPrepared1(
      tx,
      "SELECT count(*), count(*) FILTER (WHERE c.first_registration) FROM " + schema +
          ".casework_case_facts c LEFT JOIN " + schema +
          ".casework_case_facts f ON f.case_id = c.transferred_from_case_id AND c.opened_by = 3 "
          "WHERE " +
          Inside("c.region_path", 3) +
          " AND c.open_date >= $1::date AND c.open_date < $2::date AND NOT (f.case_id IS NOT NULL "
          "AND " +
          Inside("f.region_path", 3) + ")",
      bounds.start, bounds.end, bounds.pattern);
  figures.set_cases_opened(opened[0].as<int64_t>());
  figures.set_new_users(opened[1].as<int64_t>());
  // Relapses: every confirmation (a status change to RELAPSED) dated in the period.
  figures.set_relapses(runtime::ExecPrepared1(
                           tx,
                           "SELECT count(*) FROM " + schema + ".casework_status_facts s JOIN " +
                               schema + ".casework_case_facts c USING (case_id) WHERE " +
                               Inside("c.region_path", 3) +
                               " AND s.status = " + std::to_string(cw::CASE_STATUS_RELAPSED) +
                               " AND s.effective_date >= $1::date AND s.effective_date < $2::date",
                           bounds.start, bounds.end, bounds.pattern)[0]
                           .as<int64_t>());
}

// Contacts, persons contacted and relief.
void FillContacts(pqxx::transaction_base& tx, const std::string& schema, const Bounds& bounds,
                  v1::CaseworkFigures& figures) {
  // Persons contacted counts distinct persons (by pseudonym) with a reached contact: a person whose
  // case moved between two counties of the region in the period is one person for the region.
  // Relief counts every contact's relief in the period.
  const pqxx::row row = runtime::ExecPrepared1(
      tx,
      "SELECT count(*), count(*) FILTER (WHERE k.reached), count(DISTINCT c.person_pseudonym) "
      "FILTER (WHERE k.reached), coalesce(sum(k.relief_minor_units), 0)::bigint, "
      "coalesce(sum(k.relief_items), 0)::bigint FROM " +
          schema + ".casework_contact_facts k LEFT JOIN " + schema +
          ".casework_case_facts c USING (case_id) WHERE " + Inside("k.region_path", 3) +
          " AND k.contact_date >= $1::date AND k.contact_date < $2::date",
      bounds.start, bounds.end, bounds.pattern);
  figures.set_contacts(row[0].as<int64_t>());
  figures.set_contacts_reached(row[1].as<int64_t>());
  figures.set_persons_contacted(row[2].as<int64_t>());
  *figures.mutable_relief_money() = CaseworkCny(row[3].as<int64_t>());
  figures.set_relief_items(row[4].as<int64_t>());
}

void FillHelp(pqxx::transaction_base& tx, const std::string& schema, const Bounds& bounds,
              v1::CaseworkFigures& figures) {
  // Help dated in the period, by kind (kinds with none omitted). Achieved: the outcome known now is
  // ACHIEVED; it counts in the period of the help's date, also when learned later.
  for (const pqxx::row& row : runtime::ExecPrepared(
           tx,
           "SELECT kind, count(*), count(*) FILTER (WHERE outcome = " +
               std::to_string(cw::HELP_OUTCOME_ACHIEVED) +
               "), coalesce(sum(amount_minor_units), 0)::bigint FROM " + schema +
               ".casework_help_facts WHERE " + Inside("region_path", 3) +
               " AND help_date >= $1::date AND help_date < $2::date GROUP BY kind ORDER BY kind",
           bounds.start, bounds.end, bounds.pattern)) {
    v1::HelpTotal* total = figures.add_help();
    total->set_kind(static_cast<cw::HelpKind>(row[0].as<int>()));
    total->set_records(row[1].as<int64_t>());
    total->set_achieved(row[2].as<int64_t>());
    *total->mutable_amount() = CaseworkCny(row[3].as<int64_t>());
  }
}

void FillUrineTests(pqxx::transaction_base& tx, const std::string& schema, const Bounds& bounds,
                    v1::CaseworkFigures& figures) {
  // Due: scheduled tests whose due date falls in the period and that were not cancelled (a measure
  // ended or changed, the case closed or moved), fulfilled or not. Ad-hoc tests (no due date) are
  // extra and never counted. Done on schedule: of them, recorded with a sample taken by the due
  // date (the casework service decides and the event says so).
  const pqxx::row row = runtime::ExecPrepared1(
      tx,
      "SELECT count(*), count(*) FILTER (WHERE state = 3 AND done_on_schedule) FROM " + schema +
          ".casework_urine_test_facts WHERE " + Inside("region_path", 3) +
          " AND state <> 2 AND due_date >= $1::date AND due_date < $2::date",
      bounds.start, bounds.end, bounds.pattern);
  figures.set_urine_tests_due(row[0].as<int64_t>());
  figures.set_urine_tests_done_on_schedule(row[1].as<int64_t>());
}

void FillTips(pqxx::transaction_base& tx, const std::string& schema, const Bounds& bounds,
              v1::CaseworkFigures& figures) {
  const std::string inside = Inside("region_path", 3);
  // Tips filed in the period by kind; "confirmed so far": confirmed by now, whenever.
  for (const pqxx::row& row : runtime::ExecPrepared(
           tx,
           "SELECT kind, count(*), count(*) FILTER (WHERE state = " +
               std::to_string(cw::TIP_STATE_CONFIRMED) +
               "), coalesce(sum(plant_count), 0)::bigint FROM " + schema +
               ".casework_tip_facts WHERE " + inside +
               " AND filed_date >= $1::date AND filed_date < $2::date GROUP BY kind "
               "ORDER BY kind",
           bounds.start, bounds.end, bounds.pattern)) {
    v1::TipKindTotal* total = figures.add_tips_by_kind();
    total->set_kind(static_cast<cw::TipKind>(row[0].as<int>()));
    total->set_filed(row[1].as<int64_t>());
    total->set_confirmed(row[2].as<int64_t>());
    total->set_plants_reported(row[3].as<int64_t>());
  }
  // Outcomes count in the period they were (last) recorded in, whenever the tip was filed.
  const pqxx::row row = runtime::ExecPrepared1(
      tx,
      "SELECT coalesce(sum(suspects_identified), 0)::bigint, "
      "coalesce(sum(users_identified), 0)::bigint, coalesce(sum(cases_solved), 0)::bigint, "
      "coalesce(sum(prosecutions), 0)::bigint, coalesce(sum(seized_milligrams), 0)::bigint, "
      "coalesce(sum(plants_eradicated), 0)::bigint FROM " +
          schema + ".casework_tip_facts WHERE " + inside +
          " AND outcome_recorded_date >= $1::date AND outcome_recorded_date < $2::date",
      bounds.start, bounds.end, bounds.pattern);
  v1::TipOutcomeTotals* outcomes = figures.mutable_tip_outcomes();
  outcomes->set_suspects_identified(row[0].as<int64_t>());
  outcomes->set_users_identified(row[1].as<int64_t>());
  outcomes->set_cases_solved(row[2].as<int64_t>());
  outcomes->set_prosecutions(row[3].as<int64_t>());
  outcomes->set_seized_milligrams(row[4].as<int64_t>());
  outcomes->set_plants_eradicated(row[5].as<int64_t>());
}

}  // namespace

std::string CasesAtPeriodEnd(const std::string& schema) {
  // The status and measure on the last day: of the entries dated before the end, the one the case
  // reached last (by event order, not by date: a lost contact reported as "since" a day before the
  // case was opened here still follows the opening). A change dated back into the period counts
  // for it. A case with no measure in force then (none yet, or the last one ended before the end)
  // counts as under no measure (NONE).
  return "WITH c AS (SELECT case_id, person_pseudonym FROM " + schema +
         ".casework_case_facts WHERE " + Inside("region_path", 3) +
         " AND open_date < $2::date AND $1::date IS NOT NULL), st AS (SELECT DISTINCT ON "
         "(s.case_id) s.case_id, s.status FROM " +
         schema +
         ".casework_status_facts s JOIN c USING (case_id) WHERE s.effective_date < $2::date "
         "ORDER BY s.case_id, s.aggregate_version DESC), ms AS (SELECT "
         "DISTINCT ON (m.case_id) m.case_id, m.measure_type, m.end_date FROM " +
         schema +
         ".casework_measure_facts m JOIN c USING (case_id) WHERE m.effective_date < $2::date "
         "ORDER BY m.case_id, m.aggregate_version DESC), at_end AS "
         "(SELECT c.case_id, c.person_pseudonym, st.status, CASE WHEN ms.measure_type IS NULL OR "
         "ms.end_date < $2::date THEN " +
         std::to_string(cw::MEASURE_TYPE_NONE) +
         " ELSE ms.measure_type END AS measure_type FROM c JOIN st USING (case_id) LEFT JOIN ms "
         "USING (case_id))";
}

std::string OpenStatusCondition(const std::string& column) {
  return column + " NOT IN (" + std::to_string(cw::CASE_STATUS_CLOSED) + ", " +
         std::to_string(cw::CASE_STATUS_TRANSFERRED_OUT) + ")";
}

PairedCases CountPairedCases(pqxx::transaction_base& tx, const std::string& schema,
                             const std::string& region_code, const runtime::CivilDateRange& dates) {
  // Active on the last day: started by then and not ended (end_date is the first day after the
  // pairing). Many-to-one: several distinct volunteers then.
  const Bounds bounds = BoundsOf(dates, region_code);
  const pqxx::row row = runtime::ExecPrepared1(
      tx,
      "SELECT count(*), count(*) FILTER (WHERE volunteers > 1) FROM (SELECT case_id, "
      "count(DISTINCT volunteer) AS volunteers FROM " +
          schema + ".casework_pairing_facts WHERE " + Inside("region_path", 2) +
          " AND start_date < $1::date AND (end_date IS NULL OR end_date >= $1::date) GROUP BY "
          "case_id) paired",
      bounds.end, bounds.pattern);
  return {.cases = row[0].as<int64_t>(), .many_to_one = row[1].as<int64_t>()};
}

common::v1::Money CaseworkCny(int64_t minor_units) {
  common::v1::Money money;
  money.set_currency_code("CNY");
  money.set_minor_units(minor_units);
  return money;
}

v1::CaseworkFigures ComputeCaseworkFigures(pqxx::transaction_base& tx, const std::string& schema,
                                           const std::string& region_code,
                                           const runtime::CivilDateRange& dates) {
  v1::CaseworkFigures figures;
  const Bounds bounds = BoundsOf(dates, region_code);
  FillCaseload(tx, schema, bounds, figures);
  FillOpenings(tx, schema, bounds, figures);
  const PairedCases paired = CountPairedCases(tx, schema, region_code, dates);
  figures.set_cases_paired(paired.cases);
  figures.set_cases_paired_many_to_one(paired.many_to_one);
  FillContacts(tx, schema, bounds, figures);
  FillHelp(tx, schema, bounds, figures);
  FillUrineTests(tx, schema, bounds, figures);
  FillTips(tx, schema, bounds, figures);
  return figures;
}

}  // namespace jindu::reporting
