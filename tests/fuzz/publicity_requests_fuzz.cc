// Fuzzes publicity's request validation: the first byte picks a method, the rest is parsed as that
// method's request message, and the request goes through the validation functions its handler runs
// before any database work (activities, news reports, campaigns). The reference checks that read
// the registry replica (news_report_references.h) are left out: they are lookups, not parsing.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "fuzz_support.h"
#include "jindu/publicity/v1/publicity_service.pb.h"
#include "publicity/activities/activity_validation.h"
#include "publicity/campaigns/campaign_validation.h"
#include "publicity/news_reports/news_report_validation.h"

namespace {

using namespace jindu;

template <typename Request>
bool Parse(const uint8_t* data, size_t size, Request* request) {
  return request->ParseFromArray(data, static_cast<int>(size));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t selector = data[0] % 7;
  ++data;
  --size;
  runtime::FieldViolations violations;
  switch (selector) {
    case 0: {  // CreateActivity: every field
      publicity::v1::CreateActivityRequest request;
      if (!Parse(data, size, &request)) return 0;
      publicity::CheckActivityFields(request.activity(), publicity::AllActivityPaths(),
                                     fuzz::kToday, &violations);
      break;
    }
    case 1: {  // UpdateActivity: the mask, then the named fields over a stored activity
      publicity::v1::UpdateActivityRequest request;
      if (!Parse(data, size, &request)) return 0;
      const std::set<std::string> paths =
          publicity::CheckActivityMask(request.update_mask(), &violations);
      publicity::v1::Activity updated;
      updated.set_title("stored activity");
      publicity::ApplyActivityPaths(request.activity(), paths, &updated);
      publicity::CheckActivityFields(updated, paths, fuzz::kToday, &violations);
      break;
    }
    case 2: {  // ListActivities filters
      publicity::v1::ListActivitiesRequest request;
      if (!Parse(data, size, &request)) return 0;
      (void)publicity::CheckReviewStateFilter(request, &violations);
      (void)publicity::CheckKindFilter(request, &violations);
      break;
    }
    case 3: {  // CreateNewsReport: every field
      publicity::v1::CreateNewsReportRequest request;
      if (!Parse(data, size, &request)) return 0;
      std::set<std::string> paths = publicity::NewsReportMutablePaths();
      paths.insert("organization");
      publicity::NewsReportRecord record;
      publicity::CheckNewsReportFields(request.news_report(), paths, fuzz::kToday, &record,
                                       &violations);
      break;
    }
    case 4: {  // UpdateNewsReport: the mutable paths of the mask
      publicity::v1::UpdateNewsReportRequest request;
      if (!Parse(data, size, &request)) return 0;
      std::set<std::string> paths;
      for (const std::string& path : request.update_mask().paths()) {
        if (publicity::NewsReportMutablePaths().contains(path)) paths.insert(path);
      }
      publicity::NewsReportRecord record;
      publicity::CheckNewsReportFields(request.news_report(), paths, fuzz::kToday, &record,
                                       &violations);
      break;
    }
    case 5: {  // CreateCampaign (organiser not yet known) and as organised in a county
      publicity::v1::CreateCampaignRequest request;
      if (!Parse(data, size, &request)) return 0;
      publicity::CheckCampaignFacts(request.campaign(), "", fuzz::Regions(), &violations);
      runtime::FieldViolations county_violations;
      publicity::CheckCampaignFacts(request.campaign(), "430102", fuzz::Regions(),
                                    &county_violations);
      fuzz::CheckViolations(county_violations);
      break;
    }
    case 6: {  // UpdateCampaign
      publicity::v1::UpdateCampaignRequest request;
      if (!Parse(data, size, &request)) return 0;
      publicity::CheckCampaignFacts(request.campaign(), "430100", fuzz::Regions(), &violations);
      for (const std::string& code : request.campaign().region_codes()) {
        (void)publicity::InsideCampaignRegions(request.campaign().region_codes(), code,
                                               fuzz::Regions());
      }
      break;
    }
  }
  fuzz::CheckViolations(violations);
  return 0;
}
