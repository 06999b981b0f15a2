#pragma once
// ExportTable: any table of the reporting API as CSV (UTF-8 with BOM) or XLSX with Chinese
// headers, streamed in chunks of at most 1 MiB. The table is computed by the same handler that
// answers it over gRPC, with the caller's own authority.
#include <grpcpp/support/sync_stream.h>

#include "jindu/reporting/v1/reporting_service.pb.h"
#include "reporting/assessments/rubric_handlers.h"
#include "reporting/exports/table_document.h"
#include "reporting/figures/assistance_table_handlers.h"
#include "reporting/figures/region_figures_handlers.h"
#include "reporting/filings/filing_handlers.h"
#include "reporting/indicators/indicator_handlers.h"
#include "reporting/reporting_context.h"
#include "reporting/tables/seed_table_handlers.h"
#include "runtime/grpc/call_context.h"

namespace jindu::reporting {

class ExportHandlers {
 public:
  explicit ExportHandlers(ReportingContext& context);

  grpc::Status Export(const runtime::CallContext& call, const v1::ExportTableRequest& request,
                      grpc::ServerWriter<v1::ExportTableResponse>* writer);

 private:
  grpc::Status Compose(const runtime::CallContext& call, const v1::ExportTableRequest& request,
                       TableDocument* document);

  ReportingContext& context_;
  RegionFiguresHandlers region_figures_;
  SeedTableHandlers tables_;
  AssistanceTableHandlers assistance_;
  IndicatorHandlers indicators_;
  FilingHandlers filings_;
  RubricHandlers rubrics_;
};

}  // namespace jindu::reporting
