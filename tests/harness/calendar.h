#pragma once
// Calendar days for requests in tests: dates relative to today in Asia/Shanghai (the calendar the
// services use), so tests of "not in the future" and "overdue" rules stay right on any day.
#include "google/type/date.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::testing {

google::type::Date ProtoDay(int year, int month, int day);
google::type::Date ProtoDay(runtime::CivilDate date);
// Today + `offset` days (negative: in the past), Shanghai's calendar.
runtime::CivilDate CivilDaysFromToday(int offset);
google::type::Date DaysFromToday(int offset);

}  // namespace jindu::testing
