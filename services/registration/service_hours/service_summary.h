#pragma once
// A volunteer's service and training facts for reads: the certificate summary
// (GetVolunteerServiceSummary) and the trained / minutes fields of a volunteer.
//
// "Last 12 months" ending on `as_of` is the work (or session) dates in (as_of minus 12 months,
// as_of]: for 2024-06-30, 2023-07-01 through 2024-06-30; a 29 February minus 12 months is 28
// February. Only CONFIRMED records count; a pending correction counts as the record still stands.
#include <cstdint>
#include <map>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <vector>

#include "jindu/registration/v1/registration_service.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::registration {

// The last day before the window ending on `as_of`: as_of minus 12 months (day clamped to the
// month's length).
runtime::CivilDate TwelveMonthsBefore(runtime::CivilDate as_of);

// Fills as_of_date, minutes_last_12_months, minutes_all_time (confirmed minutes on days up to
// as_of: a certificate dated as_of does not count later service), by_organizer (most minutes of
// all time first, then of the window, then by name; organisations' display names are public),
// trainings_last_12_months and training_minutes_last_12_months. Leaves the identity fields alone.
void FillServiceFacts(pqxx::transaction_base& tx, const std::string& schema,
                      const std::string& volunteer_id, runtime::CivilDate as_of,
                      v1::VolunteerServiceSummary* summary);

// Volunteer.service_minutes_last_12_months.
int64_t ConfirmedMinutesLast12Months(pqxx::transaction_base& tx, const std::string& schema,
                                     const std::string& volunteer_id, runtime::CivilDate as_of);
// Volunteer.trained: attended at least one session in the window.
bool TrainedInLast12Months(pqxx::transaction_base& tx, const std::string& schema,
                           const std::string& volunteer_id, runtime::CivilDate as_of);

// The same for a page of volunteers in one query each (ids as the service assigned them).
// Volunteers without confirmed minutes are absent from the map; untrained ones from the set.
std::map<std::string, int64_t> ConfirmedMinutesLast12Months(
    pqxx::transaction_base& tx, const std::string& schema,
    const std::vector<std::string>& volunteer_ids, runtime::CivilDate as_of);
std::set<std::string> TrainedInLast12Months(pqxx::transaction_base& tx, const std::string& schema,
                                            const std::vector<std::string>& volunteer_ids,
                                            runtime::CivilDate as_of);

}  // namespace jindu::registration
