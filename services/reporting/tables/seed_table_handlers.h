#pragma once
// The tables of seed 004 (tables/seed_tables.h): lectures and reports per lecture team, lectures
// per lecturer, the six-into and media-tier breakdowns, posts and reports per branch head. Each
// request starts with the scope check every figure request has (CheckReportRequest) and answers
// from one snapshot of the projections, with its freshness.
#include "jindu/reporting/v1/reporting_service.pb.h"
#include "reporting/reporting_context.h"
#include "runtime/grpc/call_context.h"

namespace jindu::reporting {

class SeedTableHandlers {
 public:
  explicit SeedTableHandlers(ReportingContext& context);

  grpc::Status LectureTeams(const runtime::CallContext& call,
                            const v1::ComputeLectureTeamTableRequest& request,
                            v1::ComputeLectureTeamTableResponse* response);
  grpc::Status Lecturers(const runtime::CallContext& call,
                         const v1::ComputeLecturerTableRequest& request,
                         v1::ComputeLecturerTableResponse* response);
  grpc::Status SixInto(const runtime::CallContext& call,
                       const v1::ComputeSixIntoTableRequest& request,
                       v1::ComputeSixIntoTableResponse* response);
  grpc::Status MediaTiers(const runtime::CallContext& call,
                          const v1::ComputeMediaTierTableRequest& request,
                          v1::ComputeMediaTierTableResponse* response);
  grpc::Status BranchHeads(const runtime::CallContext& call,
                           const v1::ComputeBranchHeadTableRequest& request,
                           v1::ComputeBranchHeadTableResponse* response);

 private:
  ReportingContext& context_;
};

}  // namespace jindu::reporting
