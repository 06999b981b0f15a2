#include "reporting/figures/region_figures_handlers.h"

#include "reporting/access/report_scope.h"
#include "reporting/figures/region_figures.h"
#include "reporting/filings/frozen_figures.h"
#include "reporting/freshness/freshness_store.h"

namespace jindu::reporting {

grpc::Status RegionFiguresHandlers::Compute(const runtime::CallContext& call,
                                            const v1::ComputeRegionFiguresRequest& request,
                                            v1::ComputeRegionFiguresResponse* response) {
  ReportScope scope;
  if (auto status =
          CheckReportRequest(context_, call, "ComputeRegionFigures", request.region_code(),
                             request.has_period(), request.period(), &scope);
      !status.ok()) {
    return status;
  }
  auto connection = context_.resources.database.Acquire();
  // One snapshot: the figures, the children's and the freshness agree with each other.
  pqxx::transaction<pqxx::isolation_level::repeatable_read, pqxx::readwrite_policy::read_only> tx(
      *connection);
  *response->mutable_freshness() = ReadFreshness(tx, context_.schema());
  v1::RegionFigures figures =
      ComputeFiguresOf(tx, context_, scope.region_code, request.period(), scope.dates);
  // A county that filed exactly this month or quarter answers with what it filed; events since
  // show only as the late delta.
  if (auto frozen =
          FrozenFiguresOf(tx, context_.schema(), scope.region_code, request.period(), figures)) {
    response->set_frozen(true);
    *response->mutable_late_delta() = std::move(frozen->late.delta);
    figures = std::move(frozen->filing.frozen_figures);
  }
  *response->mutable_figures() = std::move(figures);
  if (request.by_child_region()) {
    for (const std::string& child : ChildRegions(context_, scope.region_code)) {
      *response->add_by_child_region() =
          ComputeFiguresOf(tx, context_, child, request.period(), scope.dates);
    }
  }
  return grpc::Status::OK;
}

}  // namespace jindu::reporting
