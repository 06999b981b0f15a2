#include "reporting/dashboards/dashboard_handlers.h"

#include "reporting/access/reporting_roles.h"
#include "reporting/dashboards/dashboard_builder.h"
#include "runtime/access/caller_access.h"
#include "runtime/api/request_checks.h"

namespace jindu::reporting {
namespace {

bool HasDashboard(common::v1::RegionLevel level) {
  return level == common::v1::REGION_LEVEL_PROVINCE || level == common::v1::REGION_LEVEL_CITY ||
         level == common::v1::REGION_LEVEL_COUNTY;
}

}  // namespace

DashboardHandlers::DashboardHandlers(ReportingContext& context)
    : context_(context),
      cache_(std::make_unique<DashboardCache>(context, context.resources.settings.redis_address)) {}

grpc::Status DashboardHandlers::Get(const runtime::CallContext& call,
                                    const v1::GetDashboardRequest& request,
                                    v1::Dashboard* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("GetDashboard", kReportReaders); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  // "dashboards/{region_code}"; region codes are not resource ids (special zones start with Z).
  constexpr std::string_view kPrefix = "dashboards/";
  std::string code;
  if (request.name().empty()) {
    violations.Add("name", common::v1::FIELD_REQUIRED, "dashboards/{region_code}");
  } else if (!request.name().starts_with(kPrefix) || request.name().size() == kPrefix.size()) {
    violations.Add("name", common::v1::FIELD_MALFORMED, "dashboards/{region_code}");
  } else {
    code = request.name().substr(kPrefix.size());
  }
  std::optional<runtime::RegionEntry> region;
  if (!code.empty()) {
    region = context_.regions.Find(code);
    if (!region.has_value()) {
      violations.Add("name", common::v1::REFERENCE_NOT_FOUND, "not a known region code");
    } else if (!HasDashboard(region->level)) {
      violations.Add("name", common::v1::VALUE_NOT_ALLOWED,
                     "dashboards exist for the province, cities and counties only");
    }
  }
  if (!violations.empty()) return violations.ToStatus();
  if (auto status = caller.RequireNamedRegion("name", code); !status.ok()) return status;

  // The day is part of the key: the current month, quarter and year roll over at midnight.
  const runtime::CivilDate today = runtime::TodayInShanghai();
  const std::string key = code + ":" + runtime::FormatIsoDate(today);
  bool hit = false;
  const std::string bytes = cache_->GetOrLoad(
      key,
      [&] {
        auto connection = context_.resources.database.Acquire();
        pqxx::transaction<pqxx::isolation_level::repeatable_read, pqxx::readwrite_policy::read_only>
            tx(*connection);
        return BuildDashboard(tx, context_, *region, today).SerializeAsString();
      },
      &hit);
  if (!response->ParseFromString(bytes)) {
    throw std::runtime_error("stored dashboard " + key + " does not parse");
  }
  response->set_source(hit ? v1::DASHBOARD_SOURCE_CACHE : v1::DASHBOARD_SOURCE_DATABASE);
  return grpc::Status::OK;
}

}  // namespace jindu::reporting
