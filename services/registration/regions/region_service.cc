#include "registration/regions/region_service.h"

#include <google/protobuf/util/json_util.h>

#include "registration/regions/region_import_plan.h"
#include "registration/regions/region_rows.h"
#include "runtime/api/api_error.h"
#include "runtime/api/paging.h"
#include "runtime/api/request_log.h"
#include "runtime/api/role_check.h"
#include "runtime/auth/region_code.h"
#include "runtime/grpc/handle_call.h"
#include "runtime/logging/logger.h"
#include "runtime/postgres/row_conversions.h"
#include "runtime/regions/region_path_refresh.h"

namespace jindu::registration {
namespace {

// The request log keeps an answer as text (PostgreSQL checks it is UTF-8): an import's answer is
// kept as its JSON form, never as wire bytes, whose varints are not UTF-8 once a count passes 127.
std::string RecordedAnswer(const google::protobuf::Message& answer) {
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(answer, &json);
  return json;
}
void ReadRecordedAnswer(const std::string& recorded, google::protobuf::Message* answer) {
  (void)google::protobuf::util::JsonStringToMessage(recorded, answer);
}

using common::v1::ROLE_PROVINCE_ADMIN;
using common::v1::ROLE_SYSTEM_CALLER;
using runtime::CallContext;

constexpr const char* kRegionType = "jindu.registration.v1.Region";
constexpr size_t kMaxCsvBytes = 16 * 1024 * 1024;

// Checks the csv field of an import request; OK when it may be parsed.
grpc::Status CheckCsvField(const std::string& csv) {
  if (csv.empty()) {
    return runtime::InvalidFieldError("csv", common::v1::FIELD_REQUIRED,
                                      "the file is empty: send its bytes, header line first");
  }
  if (csv.size() > kMaxCsvBytes) {
    return runtime::InvalidFieldError("csv", common::v1::FIELD_TOO_LONG,
                                      "at most 16 MiB; split the file");
  }
  return grpc::Status::OK;
}

grpc::Status CheckRegionName(const std::string& field, const std::string& name, std::string* code) {
  *code = RegionCodeFromName(name);
  if (code->empty()) {
    return runtime::InvalidFieldError(
        field, name.empty() ? common::v1::FIELD_REQUIRED : common::v1::FIELD_MALFORMED,
        "must be regions/{region_code}, e.g. regions/430102");
  }
  return grpc::Status::OK;
}

// The codes whose place in the tree an update changed.
std::vector<std::string> MovedInTree(const std::vector<runtime::RegionEntry>& updated,
                                     const std::map<std::string, runtime::RegionEntry>& stored) {
  std::vector<std::string> moved;
  for (const runtime::RegionEntry& entry : updated) {
    for (std::string& code : runtime::MovedByUpsert(stored.at(entry.code), entry)) {
      moved.push_back(std::move(code));
    }
  }
  return moved;
}

// Every table of this service whose rows carry a region path.
constexpr runtime::RegionPathColumn kPathColumns[] = {
    {"organizations", "region_code", "region_path"},
    {"volunteers", "residence_region_code", "region_path"},
    {"grants", "region_code", "region_path"},
    {"volunteer_transfers", "to_region_code", "to_region_path"},
    {"volunteer_transfers", "from_region_code", "from_region_path"},
};

}  // namespace

std::string RegionCodeFromName(const std::string& name) {
  constexpr std::string_view kPrefix = "regions/";
  if (!name.starts_with(kPrefix)) return {};
  std::string code = name.substr(kPrefix.size());
  return runtime::IsWellFormedRegionCode(code) ? code : std::string();
}

RegionServiceImpl::RegionServiceImpl(const runtime::ServiceResources& resources,
                                     runtime::RegionDirectory& directory)
    : resources_(resources),
      directory_(directory),
      regions_(resources.schema),
      denominators_(resources.schema),
      outbox_(resources.schema, resources.settings.service_name) {}

grpc::Status RegionServiceImpl::GetRegion(grpc::ServerContext* context,
                                          const v1::GetRegionRequest* request,
                                          v1::Region* response) {
  return runtime::HandleCall(context, resources_.call_policy, [&](const CallContext&) {
    std::string code;
    if (auto status = CheckRegionName("name", request->name(), &code); !status.ok()) {
      return status;
    }
    // From memory while the kept answer is at the revision the directory knows.
    if (const auto entry = directory_.Find(code); entry.has_value()) {
      if (auto kept = answers_.Find(code, entry->revision); kept.has_value()) {
        *response = std::move(*kept);
        return grpc::Status::OK;
      }
    }
    auto connection = resources_.database.Acquire();
    pqxx::read_transaction tx(*connection);
    auto region = regions_.Get(tx, code);
    if (!region.has_value()) return runtime::NotFoundError(kRegionType, request->name());
    answers_.Keep(*region);
    *response = std::move(*region);
    return grpc::Status::OK;
  });
}

grpc::Status RegionServiceImpl::ListRegions(grpc::ServerContext* context,
                                            const v1::ListRegionsRequest* request,
                                            v1::ListRegionsResponse* response) {
  return runtime::HandleCall(context, resources_.call_policy, [&](const CallContext&) {
    runtime::FieldViolations violations;
    const std::string& parent = request->parent_region_code();
    const std::string& within = request->within_region_code();
    if (!parent.empty() && !runtime::IsWellFormedRegionCode(parent)) {
      violations.Add("parent_region_code", common::v1::FIELD_MALFORMED, "must be a region code");
    }
    if (!within.empty() && !runtime::IsWellFormedRegionCode(within)) {
      violations.Add("within_region_code", common::v1::FIELD_MALFORMED, "must be a region code");
    }
    std::vector<common::v1::RegionLevel> levels;
    for (int i = 0; i < request->levels_size(); ++i) {
      const auto level = request->levels(i);
      if (level == common::v1::REGION_LEVEL_UNSPECIFIED ||
          !common::v1::RegionLevel_IsValid(level)) {
        violations.Add("levels[" + std::to_string(i) + "]", common::v1::VALUE_NOT_ALLOWED,
                       "must be a region level other than UNSPECIFIED");
      }
      levels.push_back(level);
    }
    runtime::CivilDate valid_on = runtime::TodayInShanghai();
    if (request->has_valid_on() && !request->include_expired()) {
      valid_on = runtime::FromProtoDate(request->valid_on());
      if (!runtime::IsValidCivilDate(valid_on)) {
        violations.Add("valid_on", common::v1::FIELD_MALFORMED, "must be a calendar date");
      }
    }
    runtime::PageRequest page;
    if (auto status = runtime::ReadPageRequest(*request, &page); !status.ok()) return status;
    if (!violations.empty()) return violations.ToStatus();

    auto keep = [&](const runtime::RegionEntry& entry) {
      if (!parent.empty() && entry.parent != parent) return false;
      if (!levels.empty() && std::find(levels.begin(), levels.end(), entry.level) == levels.end()) {
        return false;
      }
      if (!request->include_expired() && !entry.ValidOn(valid_on)) return false;
      if (!within.empty() && !directory_.Contains(within, entry.code)) return false;
      return true;
    };
    bool more = false;
    auto entries = directory_.List(page.cursor, static_cast<size_t>(page.page_size), keep, &more);
    std::vector<std::string> codes;
    for (const auto& entry : entries) codes.push_back(entry.code);
    auto connection = resources_.database.Acquire();
    pqxx::read_transaction tx(*connection);
    for (auto& region : regions_.GetMany(tx, codes)) *response->add_regions() = std::move(region);
    if (more && !codes.empty()) {
      response->set_next_page_token(runtime::NextPageToken(*request, codes.back()));
    }
    return grpc::Status::OK;
  });
}

grpc::Status RegionServiceImpl::ListRegionRevisions(grpc::ServerContext* context,
                                                    const v1::ListRegionRevisionsRequest* request,
                                                    v1::ListRegionRevisionsResponse* response) {
  return runtime::HandleCall(context, resources_.call_policy, [&](const CallContext&) {
    std::string code;
    if (auto status = CheckRegionName("name", request->name(), &code); !status.ok()) {
      return status;
    }
    runtime::PageRequest page;
    if (auto status = runtime::ReadPageRequest(*request, &page); !status.ok()) return status;
    int64_t before = 0;
    if (!page.cursor.empty() && !runtime::CursorToInt(page.cursor, &before)) {
      return runtime::InvalidPageTokenError();
    }
    auto connection = resources_.database.Acquire();
    pqxx::read_transaction tx(*connection);
    if (!regions_.Get(tx, code).has_value()) {
      return runtime::NotFoundError(kRegionType, request->name());
    }
    auto revisions = regions_.Revisions(tx, code, before, page.page_size + 1);
    const bool more = static_cast<int>(revisions.size()) > page.page_size;
    if (more) revisions.pop_back();
    for (auto& revision : revisions) *response->add_revisions() = std::move(revision);
    if (more) {
      response->set_next_page_token(runtime::NextPageToken(
          *request, std::to_string(response->revisions().rbegin()->revision())));
    }
    return grpc::Status::OK;
  });
}

grpc::Status RegionServiceImpl::ImportRegions(grpc::ServerContext* context,
                                              const v1::ImportRegionsRequest* request,
                                              v1::ImportRegionsResponse* response) {
  return runtime::HandleCall(context, resources_.call_policy, [&](const CallContext& call) {
    if (auto status = runtime::RequireAnyRole(call.principal(), "ImportRegions",
                                              {ROLE_PROVINCE_ADMIN, ROLE_SYSTEM_CALLER});
        !status.ok()) {
      return status;
    }
    if (auto status = CheckCsvField(request->csv()); !status.ok()) return status;
    runtime::FieldViolations violations;
    std::vector<RegionRow> rows = ReadRegionRows(request->csv(), &violations);
    if (!violations.empty()) return violations.ToStatus();

    auto connection = resources_.database.Acquire();
    pqxx::work tx(*connection);
    runtime::RequestLog log(tx, resources_.schema, "ImportRegions", request->request_id(), *request,
                            call.principal().subject);
    if (!log.status().ok()) return log.status();
    if (log.Earlier().has_value()) {
      ReadRecordedAnswer(*log.Earlier(), response);
      return grpc::Status::OK;
    }
    regions_.LockForImport(tx);
    const auto stored = regions_.LoadAll(tx);
    RegionImportPlan plan = PlanRegionImport(rows, stored, &violations);
    if (!violations.empty()) return violations.ToStatus();

    response->set_rows_read(static_cast<int32_t>(rows.size()));
    response->set_created(static_cast<int32_t>(plan.created.size()));
    response->set_updated(static_cast<int32_t>(plan.updated.size()));
    response->set_unchanged(plan.unchanged);
    response->set_validate_only(request->validate_only());
    if (request->validate_only()) return grpc::Status::OK;  // rolled back: nothing written

    const std::string& subject = call.principal().subject;
    for (const auto* changes : {&plan.created, &plan.updated}) {
      for (const runtime::RegionEntry& entry : *changes) {
        regions_.Save(tx, entry, subject);
        const auto event = runtime::ToRegionUpserted(entry);
        outbox_.Append(tx, {.aggregate_type = "region",
                            .aggregate_id = entry.code,
                            .aggregate_version = entry.revision,
                            .region_code = entry.code,
                            .payload = &event});
      }
    }
    // Rows inside a region that moved in the tree get paths of the new tree, in this same
    // transaction: the tree as it will be is the stored one plus this import.
    if (std::vector<std::string> moved = MovedInTree(plan.updated, stored); !moved.empty()) {
      runtime::RegionDirectory after;
      for (const auto& [code, entry] : stored) after.Upsert(entry);
      for (const auto* changes : {&plan.created, &plan.updated}) {
        for (const runtime::RegionEntry& entry : *changes) after.Upsert(entry);
      }
      const int rewritten =
          runtime::RefreshRegionPaths(tx, resources_.schema, after, moved, kPathColumns);
      runtime::LogInfo("region paths refreshed", {{"regions", moved.size()}, {"rows", rewritten}});
    }
    log.Record(RecordedAnswer(*response));
    tx.commit();
    // Read-your-writes on this replica; other replicas learn it from the events.
    for (const auto* changes : {&plan.created, &plan.updated}) {
      for (const runtime::RegionEntry& entry : *changes) directory_.Upsert(entry);
    }
    runtime::LogInfo("regions imported", {{"rows", rows.size()},
                                          {"created", plan.created.size()},
                                          {"updated", plan.updated.size()},
                                          {"unchanged", plan.unchanged}});
    return grpc::Status::OK;
  });
}

grpc::Status RegionServiceImpl::ImportRegionDenominators(
    grpc::ServerContext* context, const v1::ImportRegionDenominatorsRequest* request,
    v1::ImportRegionDenominatorsResponse* response) {
  return runtime::HandleCall(context, resources_.call_policy, [&](const CallContext& call) {
    if (auto status = runtime::RequireAnyRole(call.principal(), "ImportRegionDenominators",
                                              {ROLE_PROVINCE_ADMIN, ROLE_SYSTEM_CALLER});
        !status.ok()) {
      return status;
    }
    if (auto status = CheckCsvField(request->csv()); !status.ok()) return status;
    runtime::FieldViolations violations;
    std::vector<RegionYear> rows = ReadDenominatorRows(request->csv(), directory_, &violations);
    if (!violations.empty()) return violations.ToStatus();

    auto connection = resources_.database.Acquire();
    pqxx::work tx(*connection);
    runtime::RequestLog log(tx, resources_.schema, "ImportRegionDenominators",
                            request->request_id(), *request, call.principal().subject);
    if (!log.status().ok()) return log.status();
    if (log.Earlier().has_value()) {
      ReadRecordedAnswer(*log.Earlier(), response);
      return grpc::Status::OK;
    }
    denominators_.LockForImport(tx);
    auto stored = denominators_.LoadAll(tx);
    std::vector<std::pair<RegionYear, int64_t>> changes;  // values, new revision
    int created = 0, unchanged = 0;
    for (const RegionYear& row : rows) {
      auto it = stored.find({row.code, row.year});
      if (it == stored.end()) {
        changes.emplace_back(row, 1);
        ++created;
      } else if (it->second.values == row) {
        ++unchanged;
      } else {
        changes.emplace_back(row, it->second.revision + 1);
      }
    }
    response->set_rows_read(static_cast<int32_t>(rows.size()));
    response->set_created(created);
    response->set_updated(static_cast<int32_t>(changes.size()) - created);
    response->set_unchanged(unchanged);
    response->set_validate_only(request->validate_only());
    if (request->validate_only()) return grpc::Status::OK;
    for (const auto& [values, revision] : changes) {
      denominators_.Save(tx, values, revision, call.principal().subject);
      registration::events::v1::RegionDenominatorsUpserted event;
      event.set_region_code(values.code);
      event.set_year(values.year);
      event.set_population(values.population);
      event.set_students_enrolled(values.students_enrolled.value_or(0));
      outbox_.Append(tx, {.aggregate_type = "region",
                          .aggregate_id = values.code,
                          .aggregate_version = revision,
                          .region_code = values.code,
                          .payload = &event});
    }
    log.Record(RecordedAnswer(*response));
    tx.commit();
    return grpc::Status::OK;
  });
}

grpc::Status RegionServiceImpl::ListRegionDenominators(
    grpc::ServerContext* context, const v1::ListRegionDenominatorsRequest* request,
    v1::ListRegionDenominatorsResponse* response) {
  return runtime::HandleCall(context, resources_.call_policy, [&](const CallContext&) {
    std::string code;
    if (auto status = CheckRegionName("parent", request->parent(), &code); !status.ok()) {
      return status;
    }
    runtime::PageRequest page;
    if (auto status = runtime::ReadPageRequest(*request, &page); !status.ok()) return status;
    if (!directory_.Knows(code)) return runtime::NotFoundError(kRegionType, request->parent());
    int64_t before = 0;
    if (!page.cursor.empty() && !runtime::CursorToInt(page.cursor, &before)) {
      return runtime::InvalidPageTokenError();
    }
    auto connection = resources_.database.Acquire();
    pqxx::read_transaction tx(*connection);
    auto list = denominators_.List(tx, code, static_cast<int>(before), page.page_size + 1);
    const bool more = static_cast<int>(list.size()) > page.page_size;
    if (more) list.pop_back();
    for (auto& item : list) *response->add_denominators() = std::move(item);
    if (more) {
      response->set_next_page_token(runtime::NextPageToken(
          *request, std::to_string(response->denominators().rbegin()->year())));
    }
    return grpc::Status::OK;
  });
}

}  // namespace jindu::registration
