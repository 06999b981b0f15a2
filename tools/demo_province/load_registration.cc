// Registration's part of the demo province: the region tree by one import, the association tree
// (province > city > county associations, a lecture team and industry branches per county, a branch
// in every township, a member group in every third village), volunteers living in the townships
// (some approved and active, three lecturers per county).
#include <cstdio>
#include <iostream>

#include "demo_province/demo_loaders.h"
#include "jindu/casework/v1/casework_service.grpc.pb.h"
#include "jindu/publicity/v1/publicity_service.grpc.pb.h"
#include "jindu/registration/v1/region_service.grpc.pb.h"
#include "jindu/registration/v1/registration_service.grpc.pb.h"

namespace jindu::demo {
namespace {

namespace reg = registration::v1;

class RegistrationLoad {
 public:
  explicit RegistrationLoad(DemoContext& context)
      : context_(context),
        stub_(reg::RegistrationService::NewStub(context.client.registration())) {}

  std::string Organization(const std::string& display_name, reg::OrganizationKind kind,
                           const std::string& region, const std::string& parent,
                           const std::string& counted_in,
                           reg::BranchSector sector = reg::BRANCH_SECTOR_UNSPECIFIED) {
    reg::CreateOrganizationRequest request;
    reg::Organization* organization = request.mutable_organization();
    organization->set_display_name(display_name);
    organization->set_kind(kind);
    organization->set_region_code(region);
    organization->set_parent(parent);
    organization->set_sector(sector);
    *organization->mutable_founding_date() = DateOf({2019, 6, 26});
    reg::Organization created;
    if (!context_.client
             .Call(*stub_, &reg::RegistrationService::Stub::CreateOrganization, request, &created)
             .ok()) {
      return "";
    }
    context_.tally.CountSent("organizations");
    context_.tally.Add("registration.organizations." + reg::OrganizationKind_Name(kind),
                       Counting::kStockAtEnd, counted_in, context_.today);
    return created.name();
  }

  // A volunteer of the county living in one of its townships: registered today; approved and
  // activated when `active`; certified in the county's lecture team when `lecture_team` is set.
  std::string Volunteer(const PlannedCounty& county, int index, bool active,
                        const std::string& lecture_team) {
    reg::CreateVolunteerRequest create;
    reg::Volunteer* volunteer = create.mutable_volunteer();
    volunteer->set_display_name("志愿者" + county.name + std::to_string(index + 1));
    volunteer->set_national_id_number(
        NationalIdNumber(county.code, {1960 + index / 1000 % 40, 1 + index % 12, 1}, index % 1000));
    char phone[32];
    std::snprintf(phone, sizeof phone, "+86139%04d%04d", CountyIndex(county), index % 10000);
    volunteer->set_phone(phone);
    volunteer->set_residence_region_code(
        county.township_codes[index % county.township_codes.size()]);
    reg::Volunteer answer;
    auto& client = context_.client;
    if (!client.Call(*stub_, &reg::RegistrationService::Stub::CreateVolunteer, create, &answer)
             .ok()) {
      return "";
    }
    const std::string name = answer.name();
    context_.tally.CountSent("volunteers");
    context_.tally.Add("registration.volunteers", Counting::kStockAtEnd, county.code,
                       context_.today);
    if (!active) return name;
    reg::ApproveVolunteerRequest approve;
    approve.set_name(name);
    reg::ActivateVolunteerRequest activate;
    activate.set_name(name);
    if (!client.Call(*stub_, &reg::RegistrationService::Stub::ApproveVolunteer, approve, &answer)
             .ok() ||
        !client.Call(*stub_, &reg::RegistrationService::Stub::ActivateVolunteer, activate, &answer)
             .ok()) {
      return "";
    }
    context_.tally.Add("registration.active_volunteers", Counting::kStockAtEnd, county.code,
                       context_.today);
    if (lecture_team.empty()) return name;
    reg::CertifyLecturerRequest certify;
    certify.set_name(name);
    certify.mutable_certification()->set_lecture_team(lecture_team);
    *certify.mutable_certification()->mutable_certified_date() = DateOf({2020, 3, 1});
    if (!client.Call(*stub_, &reg::RegistrationService::Stub::CertifyLecturer, certify, &answer)
             .ok()) {
      return "";
    }
    context_.tally.Add("registration.lecturers", Counting::kStockAtEnd, county.code,
                       context_.today);
    return name;
  }

  int CountyIndex(const PlannedCounty& county) const {
    return static_cast<int>(&county - context_.plan.counties.data());
  }

 private:
  DemoContext& context_;
  std::unique_ptr<reg::RegistrationService::Stub> stub_;
};

}  // namespace

bool LoadRegions(DemoContext& context) {
  auto stub = reg::RegionService::NewStub(context.client.registration());
  reg::ImportRegionsRequest request;
  request.set_csv(RegionsCsv(context.plan));
  reg::ImportRegionsResponse response;
  const grpc::Status status =
      context.client.Call(*stub, &reg::RegionService::Stub::ImportRegions, request, &response);
  if (!status.ok()) return false;
  context.tally.CountSent("regions", response.rows_read());
  std::cerr << "  regions: " << response.rows_read() << " rows (" << response.created()
            << " created, " << response.unchanged() << " unchanged)\n";
  // Denominators for the rates (publicity coverage, youth education): every county's and
  // village's population and pupils for this year and the last, synthetic but plausible.
  std::string denominators = "code,year,population,students_enrolled\n";
  for (const PlannedCounty& county : context.plan.counties) {
    const uint64_t key = std::hash<std::string>{}(county.code);
    const int64_t population = 300'000 + static_cast<int64_t>(Spread(key, 1, 1'200'000));
    for (int year : {context.today.year - 1, context.today.year}) {
      denominators += county.code + "," + std::to_string(year) + "," + std::to_string(population) +
                      "," + std::to_string(population / 9) + "\n";
      for (const std::string& village : county.village_codes) {
        const int64_t people =
            1'500 + static_cast<int64_t>(Spread(key, std::stoull(village), 3'500));
        denominators += village + "," + std::to_string(year) + "," + std::to_string(people) + ",\n";
      }
    }
  }
  reg::ImportRegionDenominatorsRequest denominators_request;
  denominators_request.set_csv(denominators);
  reg::ImportRegionDenominatorsResponse denominators_response;
  if (!context.client
           .Call(*stub, &reg::RegionService::Stub::ImportRegionDenominators, denominators_request,
                 &denominators_response)
           .ok()) {
    return false;
  }
  std::cerr << "  denominators: " << denominators_response.rows_read() << " rows\n";

  // Casework and publicity learn the regions from registration's events within moments; until they
  // know the last one, a fact placed in it would be refused. A list filtered by that region answers
  // INVALID_ARGUMENT or PERMISSION_DENIED until then (the client's patience retries it).
  const std::string last = context.plan.regions.back().code;
  auto cases = casework::v1::CaseworkService::NewStub(context.client.casework());
  casework::v1::ListCasesRequest list_cases;
  list_cases.set_within_region_code(last);
  list_cases.set_page_size(1);
  casework::v1::ListCasesResponse listed_cases;
  auto activities = publicity::v1::PublicityService::NewStub(context.client.publicity());
  publicity::v1::ListActivitiesRequest list_activities;
  list_activities.set_within_region_code(last);
  list_activities.set_page_size(1);
  publicity::v1::ListActivitiesResponse listed_activities;
  return context.client
             .Call(*cases, &casework::v1::CaseworkService::Stub::ListCases, list_cases,
                   &listed_cases, DemoClient::As::kLoader,
                   DemoClient::Patience::kUntilTreeReplicated)
             .ok() &&
         context.client
             .Call(*activities, &publicity::v1::PublicityService::Stub::ListActivities,
                   list_activities, &listed_activities, DemoClient::As::kLoader,
                   DemoClient::Patience::kUntilTreeReplicated)
             .ok();
}

CountyDirectory LoadRegistration(DemoContext& context) {
  RegistrationLoad load(context);
  const ProvincePlan& plan = context.plan;
  const std::string province = load.Organization(
      "湖南省社会禁毒协会", reg::ORGANIZATION_KIND_ASSOCIATION, "430000", "", "430000");
  std::map<std::string, std::string> city_associations;
  for (const PlannedRegion& region : plan.regions) {
    if (region.level != "city") continue;
    city_associations[region.code] =
        load.Organization(region.name + "社会禁毒协会", reg::ORGANIZATION_KIND_ASSOCIATION,
                          region.code, province, region.code);
  }
  CountyDirectory counties;
  std::vector<std::function<void()>> jobs;
  for (const PlannedCounty& county : plan.counties) {
    counties[county.code];
    jobs.push_back([&, county_ptr = &county] {
      const PlannedCounty& c = *county_ptr;
      CountyOrganizations organizations;
      organizations.association =
          load.Organization(c.name + "社会禁毒协会", reg::ORGANIZATION_KIND_ASSOCIATION, c.code,
                            city_associations.at(c.city_code), c.code);
      organizations.lecture_team =
          load.Organization(c.name + "禁毒讲师团", reg::ORGANIZATION_KIND_LECTURE_TEAM, c.code,
                            organizations.association, c.code);
      load.Organization(c.name + "交通运输禁毒分会", reg::ORGANIZATION_KIND_INDUSTRY_BRANCH, c.code,
                        organizations.association, c.code, reg::BRANCH_SECTOR_TRANSPORT);
      load.Organization(c.name + "寄递物流禁毒分会", reg::ORGANIZATION_KIND_INDUSTRY_BRANCH, c.code,
                        organizations.association, c.code, reg::BRANCH_SECTOR_POSTAL);
      const size_t villages_per_township =
          c.village_codes.size() / std::max<size_t>(1, c.township_codes.size());
      for (size_t t = 0; t < c.township_codes.size(); ++t) {
        const std::string branch = load.Organization(
            "第" + std::to_string(t + 1) + "乡镇禁毒分会", reg::ORGANIZATION_KIND_TOWNSHIP_BRANCH,
            c.township_codes[t], organizations.association, c.code);
        for (size_t v = 0; v < villages_per_township; v += 3) {
          load.Organization("第" + std::to_string(v + 1) + "村禁毒会员小组",
                            reg::ORGANIZATION_KIND_VILLAGE_MEMBER_GROUP,
                            c.village_codes[t * villages_per_township + v], branch, c.code);
        }
      }
      counties.at(c.code) = organizations;
    });
  }
  RunJobs("organisations (by county)", std::move(jobs), context.threads);

  jobs.clear();
  std::mutex mutex;
  for (const PlannedCounty& county : plan.counties) {
    const int volunteers = plan.size.volunteers_per_county;
    const int active = plan.size.active_volunteers_per_county;
    for (int i = 0; i < volunteers; ++i) {
      jobs.push_back([&, county_ptr = &county, i, active] {
        const PlannedCounty& c = *county_ptr;
        const bool lecturer = i < 3;
        const std::string name = load.Volunteer(
            c, i, i < active, lecturer ? counties.at(c.code).lecture_team : std::string());
        if (name.empty() || i >= active) return;
        std::lock_guard lock(mutex);
        (lecturer ? counties.at(c.code).lecturers : counties.at(c.code).active_volunteers)
            .push_back(name);
      });
    }
  }
  RunJobs("volunteers", std::move(jobs), context.threads);
  return counties;
}

}  // namespace jindu::demo
