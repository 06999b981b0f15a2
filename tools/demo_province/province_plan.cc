#include "demo_province/province_plan.h"

#include <cstdio>

namespace jindu::demo {
namespace {

struct NamedCode {
  const char* code;
  const char* name;
};

// Seed 004's districts and counties of 长沙市 (GB/T 2260).
constexpr NamedCode kChangsha[] = {
    {"430102", "芙蓉区"}, {"430103", "天心区"}, {"430104", "岳麓区"},
    {"430105", "开福区"}, {"430111", "雨花区"}, {"430112", "望城区"},
    {"430121", "长沙县"}, {"430181", "浏阳市"}, {"430182", "宁乡市"}};

// Hunan's other cities (GB/T 2260); their counties are synthetic.
constexpr NamedCode kOtherCities[] = {{"430200", "株洲市"},
                                      {"430300", "湘潭市"},
                                      {"430400", "衡阳市"},
                                      {"430500", "邵阳市"},
                                      {"430600", "岳阳市"},
                                      {"430700", "常德市"},
                                      {"430800", "张家界市"},
                                      {"430900", "益阳市"},
                                      {"431000", "郴州市"},
                                      {"431100", "永州市"},
                                      {"431200", "怀化市"},
                                      {"431300", "娄底市"},
                                      {"433100", "湘西土家族苗族自治州"}};

// Syllables that make plausible place names (two of them, then a suffix).
constexpr const char* kFirst[] = {"东", "西", "南", "北", "青", "石", "金", "桃", "白", "龙",
                                  "枫", "云", "花", "泉", "松", "湘", "清", "长", "新", "高"};
constexpr const char* kSecond[] = {"山", "塘", "桥", "湖", "坪", "岭", "江", "阳", "溪", "田",
                                   "林", "港", "冲", "园", "洲", "源", "峰", "湾", "铺", "口"};

std::string PlaceName(int n, const char* suffix) {
  constexpr int kFirsts = sizeof(kFirst) / sizeof(kFirst[0]);
  constexpr int kSeconds = sizeof(kSecond) / sizeof(kSecond[0]);
  std::string name = std::string(kFirst[n % kFirsts]) + kSecond[(n / kFirsts) % kSeconds];
  // Beyond 400 combinations a number keeps names unique within the parent.
  if (n >= kFirsts * kSeconds) name += std::to_string(n / (kFirsts * kSeconds) + 1);
  return name + suffix;
}

std::string Digits(int value, int width) {
  char text[16];
  std::snprintf(text, sizeof text, "%0*d", width, value);
  return text;
}

void AddCountyBelow(ProvincePlan& plan, const std::string& code, const std::string& name,
                    const std::string& city_code, int salt) {
  const DemoSize& size = plan.size;
  plan.regions.push_back({code, name, "county", city_code, ""});
  PlannedCounty county{code, name, city_code, {}, {}};
  for (int t = 0; t < size.townships_per_county; ++t) {
    const std::string township = code + Digits(t + 1, 3);
    plan.regions.push_back(
        {township, PlaceName(salt * 7 + t, t % 3 == 0 ? "街道" : "镇"), "township", code, ""});
    county.township_codes.push_back(township);
    for (int v = 0; v < size.villages_per_township; ++v) {
      const std::string village = township + Digits(v + 1, 3);
      plan.regions.push_back({village,
                              PlaceName(salt * 13 + t * 31 + v, v % 4 == 0 ? "社区" : "村"),
                              "village", township, ""});
      county.village_codes.push_back(village);
    }
  }
  plan.counties.push_back(std::move(county));
}

}  // namespace

bool DemoSizeNamed(const std::string& name, DemoSize* size) {
  if (name == "tiny") {
    *size = {.name = name,
             .synthetic_cities = 0,
             .counties_per_city = 0,
             .changsha_counties = 2,
             .townships_per_county = 3,
             .villages_per_township = 3,
             .volunteers_per_county = 30,
             .active_volunteers_per_county = 10,
             .cases_per_county = 10,
             .activities_per_county = 20,
             .reports_per_county = 10,
             .pledges_per_county = 500,
             .contacts_per_case = 2};
  } else if (name == "city") {
    *size = {.name = name,
             .synthetic_cities = 0,
             .counties_per_city = 0,
             .changsha_counties = 9,
             .townships_per_county = 12,
             .villages_per_township = 10,
             .volunteers_per_county = 400,
             .active_volunteers_per_county = 120,
             .cases_per_county = 40,
             .activities_per_county = 80,
             .reports_per_county = 40,
             .pledges_per_county = 3000,
             .contacts_per_case = 3};
  } else if (name == "province") {
    // 9 + 13 x 9 = 126 counties, 2,142 townships, 25,704 villages, 113,400 volunteers, 11,340
    // cases.
    *size = {.name = name,
             .synthetic_cities = 13,
             .counties_per_city = 9,
             .changsha_counties = 9,
             .townships_per_county = 17,
             .villages_per_township = 12,
             .volunteers_per_county = 900,
             .active_volunteers_per_county = 150,
             .cases_per_county = 90,
             .activities_per_county = 100,
             .reports_per_county = 40,
             .pledges_per_county = 4000,
             .contacts_per_case = 3};
  } else {
    return false;
  }
  return true;
}

ProvincePlan PlanProvince(const DemoSize& size) {
  ProvincePlan plan;
  plan.size = size;
  plan.regions.push_back({"430000", "湖南省", "province", "", ""});
  plan.regions.push_back({"430100", "长沙市", "city", "430000", ""});
  plan.city_codes.push_back("430100");
  int salt = 0;
  for (int i = 0; i < size.changsha_counties && i < 9; ++i) {
    AddCountyBelow(plan, kChangsha[i].code, kChangsha[i].name, "430100", ++salt);
  }
  if (size.changsha_counties > 2) {
    // 湘江新区, the state-level new area: a special zone holding 岳麓区.
    plan.regions.push_back({"Z43010001", "湘江新区", "special_zone", "430100", "430104"});
  }
  for (int c = 0; c < size.synthetic_cities && c < 13; ++c) {
    const std::string city = kOtherCities[c].code;
    plan.regions.push_back({city, kOtherCities[c].name, "city", "430000", ""});
    plan.city_codes.push_back(city);
    for (int k = 0; k < size.counties_per_city; ++k) {
      // County codes 21.. of the city (the GB/T 2260 range for counties).
      const std::string code = city.substr(0, 4) + Digits(21 + k, 2);
      AddCountyBelow(plan, code, PlaceName(c * 11 + k, k % 3 == 0 ? "区" : "县"), city, ++salt);
    }
  }
  return plan;
}

std::string RegionsCsv(const ProvincePlan& plan) {
  std::string csv = "code,name,level,parent,valid_from,valid_to,members,successors\n";
  for (const PlannedRegion& region : plan.regions) {
    csv += region.code + "," + region.name + "," + region.level + "," + region.parent +
           ",2000-01-01,," + region.members + ",\n";
  }
  return csv;
}

}  // namespace jindu::demo
