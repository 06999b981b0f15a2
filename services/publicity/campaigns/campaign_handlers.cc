#include "publicity/campaigns/campaign_handlers.h"

#include <algorithm>

#include "publicity/access/publicity_roles.h"
#include "publicity/campaigns/campaign_events.h"
#include "publicity/campaigns/campaign_validation.h"
#include "publicity/participation/participation_store.h"
#include "runtime/api/paging.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/request_log.h"
#include "runtime/ids/resource_ids.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::publicity {
namespace {

constexpr const char* kCampaignType = "jindu.publicity.v1.Campaign";
constexpr int kOrganizationActive = 1;  // jindu.registration.v1.ORGANIZATION_STATE_ACTIVE
const std::vector<std::string> kMutablePaths = {"display_name", "tag", "date_range", "region_codes",
                                                "targets"};

bool Has(const std::vector<std::string>& paths, const char* path) {
  return std::find(paths.begin(), paths.end(), path) != paths.end();
}

}  // namespace

CampaignHandlers::CampaignHandlers(PublicityContext& context)
    : context_(context), campaigns_(context.schema()), registry_(context.schema()) {}

bool CampaignHandlers::Visible(const runtime::CallerAccess& caller, const CampaignRecord& record) {
  for (const std::string& code : record.campaign.region_codes()) {
    if (caller.Covers(code)) return true;
  }
  return false;
}

std::vector<std::string> CampaignHandlers::RegionPaths(const v1::Campaign& campaign) const {
  std::vector<std::string> paths;
  for (const std::string& code : campaign.region_codes()) {
    paths.push_back(context_.regions.EnclosingPath(code));
  }
  return paths;
}

grpc::Status CampaignHandlers::Create(const runtime::CallContext& call,
                                      const v1::CreateCampaignRequest& request,
                                      v1::Campaign* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("CreateCampaign", kPublicityStaff); !status.ok()) {
    return status;
  }
  const v1::Campaign& input = request.campaign();
  runtime::FieldViolations violations;
  const std::string organizer_id = runtime::CheckResourceName(
      violations, "campaign.organizer", input.organizer(), "organizations/", /*required=*/true);
  CheckCampaignFacts(input, "", context_.regions, &violations);
  if (!violations.empty()) return violations.ToStatus();
  for (int i = 0; i < input.region_codes_size(); ++i) {
    if (auto status = caller.RequireNamedRegion("campaign.region_codes[" + std::to_string(i) + "]",
                                                input.region_codes(i));
        !status.ok()) {
      return status;
    }
  }

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  runtime::RequestLog log(tx, context_.schema(), "CreateCampaign", request.request_id(), request,
                          call.principal().subject);
  if (!log.status().ok()) return log.status();
  if (log.Earlier().has_value()) {
    auto earlier = campaigns_.Find(tx, *log.Earlier());
    if (!earlier.has_value() || !Visible(caller, *earlier)) {
      return runtime::NotFoundError(kCampaignType, CampaignName(*log.Earlier()));
    }
    *response = earlier->campaign;
    return grpc::Status::OK;
  }
  // The organiser must be an active organisation the caller can see (one it cannot see answers
  // exactly like a missing one), and the campaign's regions lie inside its region.
  auto organizer = registry_.FindOrganization(tx, organizer_id);
  if (!organizer.has_value() || !caller.Covers(organizer->region_code)) {
    return runtime::InvalidFieldError("campaign.organizer", common::v1::REFERENCE_NOT_FOUND,
                                      "no such organisation");
  }
  if (organizer->state != kOrganizationActive) {
    return runtime::InvalidFieldError("campaign.organizer", common::v1::VALUE_NOT_ALLOWED,
                                      "the organisation is not active");
  }
  CheckCampaignFacts(input, organizer->region_code, context_.regions, &violations);
  if (!violations.empty()) return violations.ToStatus();

  CampaignRecord record;
  record.id = runtime::NewResourceId();
  record.revision = 1;
  record.organizer_region_code = organizer->region_code;
  v1::Campaign& campaign = record.campaign;
  campaign.set_name(CampaignName(record.id));
  campaign.set_display_name(input.display_name());
  campaign.set_tag(input.tag());
  campaign.set_organizer("organizations/" + organizer_id);
  *campaign.mutable_date_range() = input.date_range();
  *campaign.mutable_region_codes() = input.region_codes();
  *campaign.mutable_targets() = input.targets();
  campaigns_.Insert(tx, record, RegionPaths(campaign), caller.subject());
  record = *campaigns_.Find(tx, record.id);
  AppendCampaignEvent(context_, tx, record, /*created=*/true);
  log.Record(record.id);
  tx.commit();
  *response = record.campaign;
  return grpc::Status::OK;
}

grpc::Status CampaignHandlers::Get(const runtime::CallContext& call,
                                   const v1::GetCampaignRequest& request, v1::Campaign* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("GetCampaign", kReaders); !status.ok()) return status;
  runtime::FieldViolations violations;
  const std::string id = runtime::CheckResourceName(violations, "name", request.name(),
                                                    "campaigns/", /*required=*/true);
  if (!violations.empty()) return violations.ToStatus();
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  auto record = campaigns_.Find(tx, id);
  if (!record.has_value() || !Visible(caller, *record)) {
    return runtime::NotFoundError(kCampaignType, request.name());
  }
  *response = record->campaign;
  return grpc::Status::OK;
}

grpc::Status CampaignHandlers::List(const runtime::CallContext& call,
                                    const v1::ListCampaignsRequest& request,
                                    v1::ListCampaignsResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ListCampaigns", kReaders); !status.ok()) return status;
  runtime::FieldViolations violations;
  CampaignListFilter filter;
  filter.overlapping = runtime::CheckDateRangeFilter(
      violations, "overlapping", request.has_overlapping(), request.overlapping());
  runtime::CheckRegionFilter(violations, context_.regions, "within_region_code",
                             request.within_region_code());
  runtime::PageRequest page;
  if (auto status = runtime::ReadPageRequest(request, &page); !status.ok()) return status;
  if (!violations.empty()) return violations.ToStatus();
  std::vector<std::string> regions;
  bool all = false;
  if (auto status =
          caller.ListScope("within_region_code", request.within_region_code(), &regions, &all);
      !status.ok()) {
    return status;
  }
  std::optional<CampaignCursor> after;
  if (!page.cursor.empty()) {
    std::vector<std::string> parts;
    if (!runtime::SplitCursor(page.cursor, 2, &parts) ||
        !runtime::ParseIsoDate(parts[0]).has_value() || parts[1].empty()) {
      return runtime::InvalidPageTokenError();
    }
    after = CampaignCursor{parts[0], parts[1]};
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  filter.region_condition = runtime::RegionPathCondition(tx, "r.region_path", regions, all);
  std::vector<CampaignRecord> records = campaigns_.List(tx, filter, after, page.page_size + 1);
  const bool more = static_cast<int>(records.size()) > page.page_size;
  if (more) records.resize(page.page_size);
  for (const CampaignRecord& record : records) *response->add_campaigns() = record.campaign;
  if (more) {
    const CampaignRecord& last = records.back();
    response->set_next_page_token(runtime::NextPageToken(
        request, runtime::JoinCursor({runtime::FormatIsoDate(runtime::FromProtoDate(
                                          last.campaign.date_range().start_date())),
                                      last.id})));
  }
  return grpc::Status::OK;
}

grpc::Status CampaignHandlers::Update(const runtime::CallContext& call,
                                      const v1::UpdateCampaignRequest& request,
                                      v1::Campaign* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("UpdateCampaign", kPublicityStaff); !status.ok()) {
    return status;
  }
  const v1::Campaign& input = request.campaign();
  runtime::FieldViolations violations;
  const std::string id = runtime::CheckResourceName(violations, "campaign.name", input.name(),
                                                    "campaigns/", /*required=*/true);
  std::vector<std::string> paths(request.update_mask().paths().begin(),
                                 request.update_mask().paths().end());
  if (paths.empty()) {
    violations.Add("update_mask", common::v1::FIELD_REQUIRED,
                   "name the paths to change: display_name, tag, date_range, region_codes, "
                   "targets");
  }
  for (size_t i = 0; i < paths.size(); ++i) {
    if (!Has(kMutablePaths, paths[i].c_str())) {
      violations.Add("update_mask.paths[" + std::to_string(i) + "]", common::v1::UNKNOWN_FIELD_PATH,
                     "not a mutable path (display_name, tag, date_range, region_codes, targets)");
    }
  }
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  auto stored = campaigns_.Find(tx, id, /*lock=*/true);
  if (!stored.has_value() || !Visible(caller, *stored)) {
    return runtime::NotFoundError(kCampaignType, input.name());
  }
  if (!request.etag().empty() && request.etag() != std::to_string(stored->revision)) {
    return runtime::EtagMismatchError(input.name());
  }
  CampaignRecord record = *stored;
  v1::Campaign& campaign = record.campaign;
  if (Has(paths, "display_name")) campaign.set_display_name(input.display_name());
  if (Has(paths, "tag")) campaign.set_tag(input.tag());
  if (Has(paths, "date_range")) {
    if (input.has_date_range()) {
      *campaign.mutable_date_range() = input.date_range();
    } else {
      campaign.clear_date_range();
    }
  }
  if (Has(paths, "region_codes")) *campaign.mutable_region_codes() = input.region_codes();
  if (Has(paths, "targets")) *campaign.mutable_targets() = input.targets();
  CheckCampaignFacts(campaign, record.organizer_region_code, context_.regions, &violations);
  if (!violations.empty()) return violations.ToStatus();
  if (Has(paths, "region_codes")) {
    // Regions only grow: entries already counted in a region must stay inside the campaign.
    for (const std::string& old_code : stored->campaign.region_codes()) {
      if (std::find(campaign.region_codes().begin(), campaign.region_codes().end(), old_code) ==
          campaign.region_codes().end()) {
        return runtime::InvalidFieldError("campaign.region_codes", common::v1::VALUE_NOT_ALLOWED,
                                          "regions may only be added: " + old_code + " is missing");
      }
    }
    for (int i = 0; i < campaign.region_codes_size(); ++i) {
      if (std::find(stored->campaign.region_codes().begin(), stored->campaign.region_codes().end(),
                    campaign.region_codes(i)) != stored->campaign.region_codes().end()) {
        continue;
      }
      if (auto status = caller.RequireNamedRegion(
              "campaign.region_codes[" + std::to_string(i) + "]", campaign.region_codes(i));
          !status.ok()) {
        return status;
      }
    }
  }
  if (Has(paths, "date_range")) {
    // The campaign row is locked FOR UPDATE above, and ingest reads it FOR SHARE: no entry can
    // be counted inside the old range and outside the new one while this runs.
    if (auto recorded = RecordedDayRange(tx, context_.schema(), id); recorded.has_value()) {
      const runtime::CivilDate start = runtime::FromProtoDate(campaign.date_range().start_date());
      const runtime::CivilDate end = runtime::FromProtoDate(campaign.date_range().end_date());
      if (recorded->first < start || !(recorded->second < end)) {
        return runtime::InvalidFieldError(
            "campaign.date_range", common::v1::VALUE_NOT_ALLOWED,
            "must keep every recorded entry: entries were recorded from " +
                runtime::FormatIsoDate(recorded->first) + " to " +
                runtime::FormatIsoDate(recorded->second));
      }
    }
  }
  ++record.revision;
  campaigns_.Update(tx, record, RegionPaths(campaign), caller.subject());
  record = *campaigns_.Find(tx, id);
  AppendCampaignEvent(context_, tx, record, /*created=*/false);
  tx.commit();
  *response = record.campaign;
  return grpc::Status::OK;
}

}  // namespace jindu::publicity
