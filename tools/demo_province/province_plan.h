#pragma once
// What the demo province holds, decided before anything is sent: the region tree (the real
// Changsha districts and counties of seed 004, with the special zone 湘江新区, and a synthetic
// remainder with Hunan's real city names) and how many of each fact every county gets. The plan is
// a pure function of the size and the seed, so two runs describe the same province.
#include <string>
#include <vector>

namespace jindu::demo {

// How much to generate per county, and how many counties.
struct DemoSize {
  std::string name;
  int synthetic_cities = 0;      // beside 长沙市
  int counties_per_city = 0;     // in each synthetic city
  int changsha_counties = 9;     // of the real nine (fewer for the tiny size)
  int townships_per_county = 0;  // 乡镇/街道
  int villages_per_township = 0;
  int volunteers_per_county = 0;
  int active_volunteers_per_county = 0;  // of them, approved and activated
  int cases_per_county = 0;
  int activities_per_county = 0;  // approved, over the last year
  int reports_per_county = 0;
  int pledges_per_county = 0;
  int contacts_per_case = 0;
};

// "tiny" (two districts, for tests), "city" (长沙市, the default), "province" (14 cities).
// Returns false for an unknown name.
bool DemoSizeNamed(const std::string& name, DemoSize* size);

struct PlannedRegion {
  std::string code;
  std::string name;
  std::string level;  // province | city | county | township | village | special_zone
  std::string parent;
  std::string members;  // special zones: member codes separated by ';'
};

struct PlannedCounty {
  std::string code;
  std::string name;
  std::string city_code;
  std::vector<std::string> township_codes;
  std::vector<std::string> village_codes;
};

struct ProvincePlan {
  DemoSize size;
  std::vector<PlannedRegion> regions;  // parents before children
  std::vector<std::string> city_codes;
  std::vector<PlannedCounty> counties;
};

ProvincePlan PlanProvince(const DemoSize& size);

// The region import file (the header of RegionService.ImportRegions).
std::string RegionsCsv(const ProvincePlan& plan);

}  // namespace jindu::demo
