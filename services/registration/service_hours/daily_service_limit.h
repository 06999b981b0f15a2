#pragma once
// The 24-hour rule: a volunteer's confirmed service never passes 1440 minutes on one day. Whatever
// would add confirmed minutes to a day (an organiser's entry, a confirmation, an approved
// correction, a publicity activity) asks here inside its own transaction. The check takes the
// volunteer-day lock first, so two concurrent confirmations of the same day run one after the
// other and the second sees the first's minutes: they cannot pass 24 hours together.
#include <grpcpp/support/status.h>

#include <pqxx/pqxx>
#include <string>

#include "registration/storage/service_hour_store.h"
#include "runtime/identity/civil_date.h"

namespace jindu::registration {

// Locks the volunteer's day and tells whether `minutes` more fit beside the day's confirmed
// records, not counting `replaced_record_id` (the record being changed; empty for a new one).
bool FitsInDay(pqxx::work& tx, const ServiceHourStore& store, const std::string& volunteer_id,
               runtime::CivilDate day, int minutes, const std::string& replaced_record_id);

// FAILED_PRECONDITION / DAILY_SERVICE_HOURS_EXCEEDED with the day in the metadata.
grpc::Status DailyServiceHoursExceededError(runtime::CivilDate day);

// The review note of a record that arrived breaking the rule.
inline constexpr const char* kDailyLimitReviewNote = "daily total would exceed 24 hours";

}  // namespace jindu::registration
