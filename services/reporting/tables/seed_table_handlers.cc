#include "reporting/tables/seed_table_handlers.h"

#include <pqxx/pqxx>

#include "reporting/access/report_scope.h"
#include "reporting/freshness/freshness_store.h"
#include "reporting/tables/seed_tables.h"
#include "runtime/api/api_error.h"

namespace jindu::reporting {
namespace {

using ReadOnlySnapshot =
    pqxx::transaction<pqxx::isolation_level::repeatable_read, pqxx::readwrite_policy::read_only>;

// "organizations/{id}" -> id in *team_id; empty stays empty (no filter).
grpc::Status CheckLectureTeam(const std::string& name, std::string* team_id) {
  constexpr std::string_view kPrefix = "organizations/";
  if (name.empty()) return grpc::Status::OK;
  if (!name.starts_with(kPrefix) || name.size() == kPrefix.size() ||
      name.find('/', kPrefix.size()) != std::string::npos) {
    return runtime::InvalidFieldError("lecture_team", common::v1::FIELD_MALFORMED,
                                      "organizations/{organization}");
  }
  *team_id = name.substr(kPrefix.size());
  return grpc::Status::OK;
}

// Runs `compute` in one read-only snapshot, so the rows and the freshness agree.
template <typename Response, typename Compute>
grpc::Status Answer(ReportingContext& context, Response* response, Compute compute) {
  auto connection = context.resources.database.Acquire();
  ReadOnlySnapshot tx(*connection);
  *response->mutable_freshness() = ReadFreshness(tx, context.schema());
  compute(tx);
  return grpc::Status::OK;
}

}  // namespace

SeedTableHandlers::SeedTableHandlers(ReportingContext& context) : context_(context) {}

grpc::Status SeedTableHandlers::LectureTeams(const runtime::CallContext& call,
                                             const v1::ComputeLectureTeamTableRequest& request,
                                             v1::ComputeLectureTeamTableResponse* response) {
  ReportScope scope;
  if (auto status =
          CheckReportRequest(context_, call, "ComputeLectureTeamTable", request.region_code(),
                             request.has_period(), request.period(), &scope);
      !status.ok()) {
    return status;
  }
  return Answer(context_, response, [&](pqxx::transaction_base& tx) {
    ComputeLectureTeams(tx, context_.schema(), scope.region_code, scope.dates, response);
  });
}

grpc::Status SeedTableHandlers::Lecturers(const runtime::CallContext& call,
                                          const v1::ComputeLecturerTableRequest& request,
                                          v1::ComputeLecturerTableResponse* response) {
  ReportScope scope;
  if (auto status =
          CheckReportRequest(context_, call, "ComputeLecturerTable", request.region_code(),
                             request.has_period(), request.period(), &scope);
      !status.ok()) {
    return status;
  }
  std::string team_id;
  if (auto status = CheckLectureTeam(request.lecture_team(), &team_id); !status.ok()) {
    return status;
  }
  return Answer(context_, response, [&](pqxx::transaction_base& tx) {
    ComputeLecturers(tx, context_.schema(), scope.region_code, team_id, scope.dates, response);
  });
}

grpc::Status SeedTableHandlers::SixInto(const runtime::CallContext& call,
                                        const v1::ComputeSixIntoTableRequest& request,
                                        v1::ComputeSixIntoTableResponse* response) {
  ReportScope scope;
  if (auto status = CheckReportRequest(context_, call, "ComputeSixIntoTable", request.region_code(),
                                       request.has_period(), request.period(), &scope);
      !status.ok()) {
    return status;
  }
  std::string team_id;
  if (auto status = CheckLectureTeam(request.lecture_team(), &team_id); !status.ok()) {
    return status;
  }
  return Answer(context_, response, [&](pqxx::transaction_base& tx) {
    ComputeSixInto(tx, context_.schema(), scope.region_code, request.lectures_only(), team_id,
                   scope.dates, response);
  });
}

grpc::Status SeedTableHandlers::MediaTiers(const runtime::CallContext& call,
                                           const v1::ComputeMediaTierTableRequest& request,
                                           v1::ComputeMediaTierTableResponse* response) {
  ReportScope scope;
  if (auto status =
          CheckReportRequest(context_, call, "ComputeMediaTierTable", request.region_code(),
                             request.has_period(), request.period(), &scope);
      !status.ok()) {
    return status;
  }
  return Answer(context_, response, [&](pqxx::transaction_base& tx) {
    ComputeMediaTiers(tx, context_.schema(), scope.region_code, scope.dates, response);
  });
}

grpc::Status SeedTableHandlers::BranchHeads(const runtime::CallContext& call,
                                            const v1::ComputeBranchHeadTableRequest& request,
                                            v1::ComputeBranchHeadTableResponse* response) {
  ReportScope scope;
  if (auto status =
          CheckReportRequest(context_, call, "ComputeBranchHeadTable", request.region_code(),
                             request.has_period(), request.period(), &scope);
      !status.ok()) {
    return status;
  }
  if (request.top_branches_per_region() < 0) {
    return runtime::InvalidFieldError("top_branches_per_region", common::v1::FIELD_OUT_OF_RANGE,
                                      ">= 0 (0 = all)");
  }
  return Answer(context_, response, [&](pqxx::transaction_base& tx) {
    ComputeBranchHeads(tx, context_, scope.region_code, request.top_branches_per_region(),
                       scope.dates, response);
  });
}

}  // namespace jindu::reporting
