#pragma once
// What the generator sent and the service accepted, counted on the generator's side only (it never
// reads a service's database), and the dashboard figures that follow from it: for a region (the
// province or a city) and the current month, quarter and year in Asia/Shanghai, the numbers the
// reporting service's dashboard must show once every event is applied.
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "demo_province/province_plan.h"
#include "runtime/identity/civil_date.h"

namespace jindu::demo {

// How a fact counts in a period [start, end).
enum class Counting {
  kInPeriod,    // dated inside the period (an activity, a contact, a case opened)
  kStockAtEnd,  // existing at the period's end: dated before `end` (a volunteer, a pairing)
};

class SentTally {
 public:
  explicit SentTally(const ProvincePlan& plan);

  // `figure` is the path of the figure in the dashboard's RegionFigures, e.g.
  // "publicity.activities"; `county` the county the fact belongs to (or the city or province, for
  // their own associations).
  void Add(const std::string& figure, Counting counting, const std::string& county,
           runtime::CivilDate date, int64_t amount = 1);
  // Sent and accepted, by kind ("volunteers": 3600), for the summary.
  void CountSent(const std::string& kind, int64_t amount = 1);

  // {"size", "today", "sent": {...}, "dashboards": {region: {"month"|"quarter"|"year": {figure:
  // value}}}} for the province and every city.
  nlohmann::json Summary(runtime::CivilDate today, int failed_calls) const;

 private:
  struct Fact {
    std::string figure;
    Counting counting;
    std::string county;
    runtime::CivilDate date;
    int64_t amount;
  };
  std::map<std::string, int64_t> Figures(const std::string& region, runtime::CivilDate start,
                                         runtime::CivilDate end) const;

  const ProvincePlan& plan_;
  std::map<std::string, std::string> city_of_county_;
  mutable std::mutex mutex_;
  std::vector<Fact> facts_;
  std::map<std::string, int64_t> sent_;
};

}  // namespace jindu::demo
