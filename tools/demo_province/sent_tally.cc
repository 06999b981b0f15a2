#include "demo_province/sent_tally.h"

namespace jindu::demo {
namespace {

runtime::CivilDate FirstOfMonth(int year, int month) { return {year, month, 1}; }
runtime::CivilDate NextMonth(int year, int month) {
  return month == 12 ? runtime::CivilDate{year + 1, 1, 1} : runtime::CivilDate{year, month + 1, 1};
}

}  // namespace

SentTally::SentTally(const ProvincePlan& plan) : plan_(plan) {
  for (const PlannedCounty& county : plan.counties) city_of_county_[county.code] = county.city_code;
}

void SentTally::Add(const std::string& figure, Counting counting, const std::string& county,
                    runtime::CivilDate date, int64_t amount) {
  std::lock_guard lock(mutex_);
  facts_.push_back({figure, counting, county, date, amount});
}

void SentTally::CountSent(const std::string& kind, int64_t amount) {
  std::lock_guard lock(mutex_);
  sent_[kind] += amount;
}

std::map<std::string, int64_t> SentTally::Figures(const std::string& region,
                                                  runtime::CivilDate start,
                                                  runtime::CivilDate end) const {
  std::map<std::string, int64_t> figures;
  for (const Fact& fact : facts_) {
    const auto city = city_of_county_.find(fact.county);
    const bool inside = region == "430000" || fact.county == region ||
                        (city != city_of_county_.end() && city->second == region);
    if (!inside) continue;
    const bool counts = fact.counting == Counting::kInPeriod ? fact.date >= start && fact.date < end
                                                             : fact.date < end;
    if (counts) figures[fact.figure] += fact.amount;
    // A figure with nothing in the period is still a figure: zero.
    figures.try_emplace(fact.figure, 0);
  }
  return figures;
}

nlohmann::json SentTally::Summary(runtime::CivilDate today, int failed_calls) const {
  std::lock_guard lock(mutex_);
  const int quarter_first_month = (today.month - 1) / 3 * 3 + 1;
  const std::vector<std::tuple<std::string, runtime::CivilDate, runtime::CivilDate>> periods = {
      {"month", FirstOfMonth(today.year, today.month), NextMonth(today.year, today.month)},
      {"quarter", FirstOfMonth(today.year, quarter_first_month),
       NextMonth(today.year, quarter_first_month + 2)},
      {"year", runtime::CivilDate{today.year, 1, 1}, runtime::CivilDate{today.year + 1, 1, 1}}};
  nlohmann::json summary;
  summary["size"] = plan_.size.name;
  summary["today"] = runtime::FormatIsoDate(today);
  summary["failed_calls"] = failed_calls;
  summary["sent"] = sent_;
  std::vector<std::string> regions = {"430000"};
  regions.insert(regions.end(), plan_.city_codes.begin(), plan_.city_codes.end());
  for (const std::string& region : regions) {
    for (const auto& [name, start, end] : periods) {
      summary["dashboards"][region][name] = Figures(region, start, end);
    }
  }
  return summary;
}

}  // namespace jindu::demo
