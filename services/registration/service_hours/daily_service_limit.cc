#include "registration/service_hours/daily_service_limit.h"

#include "runtime/api/api_error.h"
#include "runtime/api/request_checks.h"

namespace jindu::registration {

bool FitsInDay(pqxx::work& tx, const ServiceHourStore& store, const std::string& volunteer_id,
               runtime::CivilDate day, int minutes, const std::string& replaced_record_id) {
  store.LockVolunteerDay(tx, volunteer_id, day);
  // Read after the lock: in READ COMMITTED each statement sees what committed before it began,
  // including the confirmation that held the lock before us.
  const int64_t confirmed = store.ConfirmedMinutesOn(tx, volunteer_id, day, replaced_record_id);
  return confirmed + minutes <= runtime::kMinutesPerDay;
}

grpc::Status DailyServiceHoursExceededError(runtime::CivilDate day) {
  const std::string date = runtime::FormatIsoDate(day);
  return runtime::ApiError(
      grpc::StatusCode::FAILED_PRECONDITION, common::v1::DAILY_SERVICE_HOURS_EXCEEDED,
      "the volunteer's confirmed service on " + date + " would exceed 24 hours (1440 minutes)",
      {{"work_date", date}});
}

}  // namespace jindu::registration
