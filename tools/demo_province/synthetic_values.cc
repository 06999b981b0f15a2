// Deterministic "random" values, dates as the APIs take them and valid synthetic ID numbers for the
// demo province.
#include <cstdio>

#include "demo_province/demo_loaders.h"

namespace jindu::demo {

uint64_t Spread(uint64_t a, uint64_t b, uint64_t bound) {
  // splitmix64 over the pair: well spread, and the same on every run and machine.
  uint64_t x = a * 0x9E3779B97F4A7C15ULL + b + 0x632BE59BD9B4E019ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  x ^= x >> 31;
  return bound == 0 ? 0 : x % bound;
}

google::type::Date DateOf(runtime::CivilDate day) {
  google::type::Date date;
  date.set_year(day.year);
  date.set_month(day.month);
  date.set_day(day.day);
  return date;
}

std::string NationalIdNumber(const std::string& county, runtime::CivilDate birth, int sequence) {
  char body[32];
  std::snprintf(body, sizeof body, "%s%04d%02d%02d%03d", county.substr(0, 6).c_str(), birth.year,
                birth.month, birth.day, sequence % 1000);
  // GB 11643: ISO 7064 MOD 11-2 check character over the 17 digits.
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (body[i] - '0') * kWeights[i];
  return std::string(body, 17) + "10X98765432"[sum % 11];
}

}  // namespace jindu::demo
