#include "publicity/news_reports/news_report_handlers.h"

#include "publicity/access/publicity_roles.h"
#include "publicity/news_reports/news_report_events.h"
#include "publicity/news_reports/news_report_presentation.h"
#include "publicity/news_reports/news_report_references.h"
#include "publicity/news_reports/news_report_validation.h"
#include "runtime/access/caller_access.h"
#include "runtime/api/paging.h"
#include "runtime/api/request_log.h"
#include "runtime/ids/resource_ids.h"

namespace jindu::publicity {
namespace {

constexpr const char* kNewsReportType = "jindu.publicity.v1.NewsReport";

std::set<std::string> EveryField() {
  std::set<std::string> paths = NewsReportMutablePaths();
  paths.insert("organization");
  return paths;
}

}  // namespace

NewsReportHandlers::NewsReportHandlers(PublicityContext& context)
    : context_(context),
      reports_(context.schema()),
      registry_(context.schema()),
      activities_(context.schema()) {}

grpc::Status NewsReportHandlers::Create(const runtime::CallContext& call,
                                        const v1::CreateNewsReportRequest& request,
                                        v1::NewsReport* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("CreateNewsReport", kPublicityStaff); !status.ok()) {
    return status;
  }
  NewsReportRecord record;
  runtime::FieldViolations violations;
  if (!request.has_news_report()) {
    violations.Add("news_report", common::v1::FIELD_REQUIRED, "send the report");
    return violations.ToStatus();
  }
  CheckNewsReportFields(request.news_report(), EveryField(), runtime::TodayInShanghai(), &record,
                        &violations);
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  runtime::RequestLog log(tx, context_.schema(), "CreateNewsReport", request.request_id(), request,
                          call.principal().subject);
  if (!log.status().ok()) return log.status();
  if (log.Earlier().has_value()) {
    auto earlier = reports_.Find(tx, *log.Earlier());
    if (!earlier.has_value())
      return runtime::NotFoundError(kNewsReportType, NewsReportName(*log.Earlier()));
    *response = PresentNewsReport(*earlier);
    return grpc::Status::OK;
  }
  CheckNewsReportReferences(
      tx, registry_, activities_, record, /*check_organization=*/true,
      [&](const std::string& region) { return caller.Covers(region); }, &violations);
  if (!violations.empty()) return violations.ToStatus();
  // The report counts for the organisation's district, which must be the caller's to record.
  const auto organization = registry_.FindOrganization(tx, record.organization_id);
  if (auto status =
          caller.RequireNamedRegion("news_report.organization", organization->region_code);
      !status.ok()) {
    return status;
  }
  record.id = runtime::NewResourceId();
  record.region_code = organization->region_code;
  record.revision = 1;
  record.create_subject = caller.subject();
  record.update_subject = caller.subject();
  reports_.Insert(tx, record, context_.regions.EnclosingPath(record.region_code));
  AppendNewsReportPublished(context_, tx, record);
  log.Record(record.id);
  auto created = reports_.Find(tx, record.id);
  tx.commit();
  *response = PresentNewsReport(*created);
  return grpc::Status::OK;
}

grpc::Status NewsReportHandlers::Get(const runtime::CallContext& call,
                                     const v1::GetNewsReportRequest& request,
                                     v1::NewsReport* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("GetNewsReport", kReaders); !status.ok()) return status;
  runtime::FieldViolations violations;
  const std::string id =
      runtime::CheckResourceName(violations, "name", request.name(), "newsReports/", true);
  if (!violations.empty()) return violations.ToStatus();
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  auto record = reports_.Find(tx, id);
  if (!record.has_value() || !caller.Covers(record->region_code)) {
    return runtime::NotFoundError(kNewsReportType, request.name());
  }
  *response = PresentNewsReport(*record);
  return grpc::Status::OK;
}

grpc::Status NewsReportHandlers::List(const runtime::CallContext& call,
                                      const v1::ListNewsReportsRequest& request,
                                      v1::ListNewsReportsResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ListNewsReports", kReaders); !status.ok()) return status;
  runtime::FieldViolations violations;
  NewsReportListFilter filter;
  filter.organization_id = runtime::CheckResourceName(
      violations, "organization", request.organization(), "organizations/", false);
  for (int i = 0; i < request.media_tiers_size(); ++i) {
    const int tier = request.media_tiers(i);
    if (tier == v1::MEDIA_TIER_UNSPECIFIED || !v1::MediaTier_IsValid(tier)) {
      violations.Add("media_tiers[" + std::to_string(i) + "]", common::v1::VALUE_NOT_ALLOWED,
                     "unknown media tier");
    }
    filter.media_tiers.push_back(tier);
  }
  for (int i = 0; i < request.channels_size(); ++i) {
    const int channel = request.channels(i);
    if (channel == v1::MEDIA_CHANNEL_UNSPECIFIED || !v1::MediaChannel_IsValid(channel)) {
      violations.Add("channels[" + std::to_string(i) + "]", common::v1::VALUE_NOT_ALLOWED,
                     "unknown channel");
    }
    filter.channels.push_back(channel);
  }
  filter.published = runtime::CheckDateRangeFilter(violations, "date_range",
                                                   request.has_date_range(), request.date_range());
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
  std::optional<NewsReportCursor> after;
  if (!page.cursor.empty()) {
    std::vector<std::string> parts;
    if (!runtime::SplitCursor(page.cursor, 2, &parts) ||
        !runtime::ParseIsoDate(parts[0]).has_value() || parts[1].empty()) {
      return runtime::InvalidPageTokenError();
    }
    after = NewsReportCursor{.publish_date = parts[0], .id = parts[1]};
  }
  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  filter.region_condition = runtime::RegionPathCondition(tx, "region_path", regions, all);
  std::vector<NewsReportRecord> records = reports_.List(tx, filter, after, page.page_size + 1);
  const bool more = static_cast<int>(records.size()) > page.page_size;
  if (more) records.resize(page.page_size);
  for (const NewsReportRecord& record : records) {
    *response->add_news_reports() = PresentNewsReport(record);
  }
  if (more) {
    const NewsReportRecord& last = records.back();
    response->set_next_page_token(runtime::NextPageToken(
        request, runtime::JoinCursor({runtime::FormatIsoDate(last.publish_date), last.id})));
  }
  return grpc::Status::OK;
}

grpc::Status NewsReportHandlers::Update(const runtime::CallContext& call,
                                        const v1::UpdateNewsReportRequest& request,
                                        v1::NewsReport* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("UpdateNewsReport", kPublicityStaff); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const v1::NewsReport& input = request.news_report();
  const std::string id = runtime::CheckResourceName(violations, "news_report.name", input.name(),
                                                    "newsReports/", true);
  if (request.update_mask().paths_size() == 0) {
    violations.Add("update_mask", common::v1::FIELD_REQUIRED, "name the paths to change");
  }
  std::set<std::string> paths;
  for (const std::string& path : request.update_mask().paths()) {
    if (path == "name" || path == "organization" || path == "region_code" || path == "audit") {
      violations.Add("update_mask", common::v1::FIELD_IMMUTABLE, path + " cannot change");
    } else if (!NewsReportMutablePaths().contains(path)) {
      violations.Add("update_mask", common::v1::UNKNOWN_FIELD_PATH, path + " is not updatable");
    } else {
      paths.insert(path);
    }
  }
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  auto record = reports_.Find(tx, id, /*lock=*/true);
  if (!record.has_value() || !caller.Covers(record->region_code)) {
    return runtime::NotFoundError(kNewsReportType, input.name());
  }
  if (!request.etag().empty() && request.etag() != std::to_string(record->revision)) {
    return runtime::EtagMismatchError(input.name());
  }
  CheckNewsReportFields(input, paths, runtime::TodayInShanghai(), &*record, &violations);
  if (!violations.empty()) return violations.ToStatus();
  CheckNewsReportReferences(
      tx, registry_, activities_, *record, /*check_organization=*/false,
      [&](const std::string& region) { return caller.Covers(region); }, &violations);
  if (!violations.empty()) return violations.ToStatus();
  ++record->revision;
  record->update_subject = caller.subject();
  reports_.Update(tx, *record);
  AppendNewsReportChanged(context_, tx, *record);
  auto updated = reports_.Find(tx, id);
  tx.commit();
  *response = PresentNewsReport(*updated);
  return grpc::Status::OK;
}

grpc::Status NewsReportHandlers::Delete(const runtime::CallContext& call,
                                        const v1::DeleteNewsReportRequest& request,
                                        google::protobuf::Empty*) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("DeleteNewsReport", kPublicityStaff); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const std::string id =
      runtime::CheckResourceName(violations, "name", request.name(), "newsReports/", true);
  if (!violations.empty()) return violations.ToStatus();
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  auto record = reports_.Find(tx, id, /*lock=*/true);
  if (!record.has_value() || !caller.Covers(record->region_code)) {
    return runtime::NotFoundError(kNewsReportType, request.name());
  }
  if (!request.etag().empty() && request.etag() != std::to_string(record->revision)) {
    return runtime::EtagMismatchError(request.name());
  }
  reports_.Retract(tx, id, caller.subject());
  AppendNewsReportRetracted(context_, tx, *record, record->revision + 1);
  tx.commit();
  return grpc::Status::OK;
}

}  // namespace jindu::publicity
