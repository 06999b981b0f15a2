#pragma once
// The three loads, in order: registration (regions, organisations, volunteers, lecturers), then
// publicity and casework side by side. Every fact goes through a service's public gRPC API, and
// every accepted one is counted in the tally with the date it counts on.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "demo_province/demo_client.h"
#include "demo_province/province_plan.h"
#include "demo_province/sent_tally.h"
#include "google/type/date.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::demo {

struct DemoContext {
  const ProvincePlan& plan;
  DemoClient& client;
  SentTally& tally;
  runtime::CivilDate today;
  int threads = 6;
};

// What registration created in a county, which the other loads refer to.
struct CountyOrganizations {
  std::string association;                     // "organizations/..."
  std::string lecture_team;                    // "organizations/..."
  std::vector<std::string> lecturers;          // "volunteers/...", certified
  std::vector<std::string> active_volunteers;  // "volunteers/...", active
};
using CountyDirectory = std::map<std::string, CountyOrganizations>;

// Deterministic spread: a number in [0, bound) from the parts.
uint64_t Spread(uint64_t a, uint64_t b, uint64_t bound);

// The date as the APIs take it.
google::type::Date DateOf(runtime::CivilDate day);

// A valid GB 11643 number issued in `county` (6 digits) for a birth date and sequence.
std::string NationalIdNumber(const std::string& county, runtime::CivilDate birth, int sequence);

bool LoadRegions(DemoContext& context);
CountyDirectory LoadRegistration(DemoContext& context);
void LoadPublicity(DemoContext& context, const CountyDirectory& counties);
void LoadCasework(DemoContext& context, const CountyDirectory& counties);

}  // namespace jindu::demo
