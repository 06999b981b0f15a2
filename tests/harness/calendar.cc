#include "harness/calendar.h"

namespace jindu::testing {

google::type::Date ProtoDay(int year, int month, int day) {
  google::type::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

google::type::Date ProtoDay(runtime::CivilDate date) {
  return ProtoDay(date.year, date.month, date.day);
}

runtime::CivilDate CivilDaysFromToday(int offset) {
  return runtime::AddDays(runtime::TodayInShanghai(), offset);
}

google::type::Date DaysFromToday(int offset) { return ProtoDay(CivilDaysFromToday(offset)); }

}  // namespace jindu::testing
