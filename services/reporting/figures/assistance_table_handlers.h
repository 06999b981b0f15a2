#pragma once
// ComputeAssistanceTable: assistance work per child region (seed 004 section 4) and the region's
// total, from the casework facts. The total is computed for the region itself, not summed from
// the rows: a special zone's row repeats cases of its member districts, and a person moved between
// two child regions is one person assisted for the region.
#include <pqxx/pqxx>

#include "jindu/reporting/v1/reporting_service.pb.h"
#include "reporting/reporting_context.h"
#include "runtime/api/request_checks.h"
#include "runtime/grpc/call_context.h"

namespace jindu::reporting {

class AssistanceTableHandlers {
 public:
  explicit AssistanceTableHandlers(ReportingContext& context);

  grpc::Status Compute(const runtime::CallContext& call,
                       const v1::ComputeAssistanceTableRequest& request,
                       v1::ComputeAssistanceTableResponse* response);

 private:
  v1::AssistanceRow RowOf(pqxx::transaction_base& tx, const std::string& region_code,
                          const runtime::CivilDateRange& dates) const;

  ReportingContext& context_;
};

}  // namespace jindu::reporting
