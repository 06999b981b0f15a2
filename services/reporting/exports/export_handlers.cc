#include "reporting/exports/export_handlers.h"

#include "reporting/access/report_scope.h"
#include "reporting/exports/csv_export.h"
#include "reporting/exports/table_documents.h"
#include "reporting/exports/xlsx_export.h"

namespace jindu::reporting {
namespace {

constexpr size_t kChunkBytes = 1 << 20;

// Computes a table through its handler and renders it.
template <typename Request, typename Response, typename Handlers, typename Method, typename Render>
grpc::Status ComposeWith(Handlers& handlers, Method method, const runtime::CallContext& call,
                         const Request& request, Render render, TableDocument* document) {
  Response response;
  grpc::Status status = (handlers.*method)(call, request, &response);
  if (status.ok()) *document = render(response);
  return status;
}

}  // namespace

ExportHandlers::ExportHandlers(ReportingContext& context)
    : context_(context),
      region_figures_(context),
      tables_(context),
      assistance_(context),
      indicators_(context),
      filings_(context),
      rubrics_(context) {}

grpc::Status ExportHandlers::Compose(const runtime::CallContext& call,
                                     const v1::ExportTableRequest& request,
                                     TableDocument* document) {
  switch (request.table()) {
    case v1::REPORT_TABLE_REGION_FIGURES: {
      v1::ComputeRegionFiguresRequest compute;
      compute.set_region_code(request.region_code());
      *compute.mutable_period() = request.period();
      compute.set_by_child_region(true);
      return ComposeWith<v1::ComputeRegionFiguresRequest, v1::ComputeRegionFiguresResponse>(
          region_figures_, &RegionFiguresHandlers::Compute, call, compute, RegionFiguresDocument,
          document);
    }
    case v1::REPORT_TABLE_LECTURE_TEAMS: {
      v1::ComputeLectureTeamTableRequest compute;
      compute.set_region_code(request.region_code());
      *compute.mutable_period() = request.period();
      return ComposeWith<v1::ComputeLectureTeamTableRequest, v1::ComputeLectureTeamTableResponse>(
          tables_, &SeedTableHandlers::LectureTeams, call, compute, LectureTeamsDocument, document);
    }
    case v1::REPORT_TABLE_LECTURERS: {
      v1::ComputeLecturerTableRequest compute;
      compute.set_region_code(request.region_code());
      *compute.mutable_period() = request.period();
      return ComposeWith<v1::ComputeLecturerTableRequest, v1::ComputeLecturerTableResponse>(
          tables_, &SeedTableHandlers::Lecturers, call, compute, LecturersDocument, document);
    }
    case v1::REPORT_TABLE_SIX_INTO: {
      v1::ComputeSixIntoTableRequest compute;
      compute.set_region_code(request.region_code());
      *compute.mutable_period() = request.period();
      return ComposeWith<v1::ComputeSixIntoTableRequest, v1::ComputeSixIntoTableResponse>(
          tables_, &SeedTableHandlers::SixInto, call, compute, SixIntoDocument, document);
    }
    case v1::REPORT_TABLE_MEDIA_TIERS: {
      v1::ComputeMediaTierTableRequest compute;
      compute.set_region_code(request.region_code());
      *compute.mutable_period() = request.period();
      return ComposeWith<v1::ComputeMediaTierTableRequest, v1::ComputeMediaTierTableResponse>(
          tables_, &SeedTableHandlers::MediaTiers, call, compute, MediaTiersDocument, document);
    }
    case v1::REPORT_TABLE_BRANCH_HEADS: {
      v1::ComputeBranchHeadTableRequest compute;
      compute.set_region_code(request.region_code());
      *compute.mutable_period() = request.period();
      return ComposeWith<v1::ComputeBranchHeadTableRequest, v1::ComputeBranchHeadTableResponse>(
          tables_, &SeedTableHandlers::BranchHeads, call, compute, BranchHeadsDocument, document);
    }
    case v1::REPORT_TABLE_ASSISTANCE: {
      v1::ComputeAssistanceTableRequest compute;
      compute.set_region_code(request.region_code());
      *compute.mutable_period() = request.period();
      return ComposeWith<v1::ComputeAssistanceTableRequest, v1::ComputeAssistanceTableResponse>(
          assistance_, &AssistanceTableHandlers::Compute, call, compute, AssistanceDocument,
          document);
    }
    case v1::REPORT_TABLE_INDICATORS: {
      v1::ComputeIndicatorsRequest compute;
      compute.set_region_code(request.region_code());
      *compute.mutable_period() = request.period();
      compute.set_with_components(true);
      return ComposeWith<v1::ComputeIndicatorsRequest, v1::ComputeIndicatorsResponse>(
          indicators_, &IndicatorHandlers::Compute, call, compute, IndicatorsDocument, document);
    }
    case v1::REPORT_TABLE_FILINGS: {
      // Every page of the counties' filings for the month or quarter.
      v1::ListFilingsRequest list;
      list.set_within_region_code(request.region_code());
      *list.mutable_period() = request.period();
      list.set_page_size(1000);
      std::vector<v1::Filing> filings;
      do {
        v1::ListFilingsResponse page;
        if (auto status = filings_.List(call, list, &page); !status.ok()) return status;
        filings.insert(filings.end(), page.filings().begin(), page.filings().end());
        list.set_page_token(page.next_page_token());
      } while (!list.page_token().empty());
      *document = FilingsDocument(filings);
      return grpc::Status::OK;
    }
    case v1::REPORT_TABLE_ASSESSMENT_SCORES: {
      v1::ComputeAssessmentScoresRequest compute;
      compute.set_assessment_rubric(request.assessment_rubric());
      *compute.mutable_period() = request.period();
      compute.set_within_region_code(request.region_code());
      return ComposeWith<v1::ComputeAssessmentScoresRequest, v1::ComputeAssessmentScoresResponse>(
          rubrics_, &RubricHandlers::ComputeScores, call, compute, AssessmentScoresDocument,
          document);
    }
    default:
      return runtime::InvalidFieldError("table", common::v1::VALUE_NOT_ALLOWED, "unknown table");
  }
}

grpc::Status ExportHandlers::Export(const runtime::CallContext& call,
                                    const v1::ExportTableRequest& request,
                                    grpc::ServerWriter<v1::ExportTableResponse>* writer) {
  runtime::FieldViolations violations;
  if (request.table() == v1::REPORT_TABLE_UNSPECIFIED) {
    violations.Add("table", common::v1::FIELD_REQUIRED, "name the table to export");
  } else if (!v1::ReportTable_IsValid(request.table())) {
    violations.Add("table", common::v1::VALUE_NOT_ALLOWED, "unknown table");
  }
  if (request.format() == v1::EXPORT_FORMAT_UNSPECIFIED) {
    violations.Add("format", common::v1::FIELD_REQUIRED, "EXPORT_FORMAT_CSV or EXPORT_FORMAT_XLSX");
  } else if (!v1::ExportFormat_IsValid(request.format())) {
    violations.Add("format", common::v1::VALUE_NOT_ALLOWED, "unknown format");
  }
  if (!violations.empty()) return violations.ToStatus();
  ReportScope scope;
  if (auto status = CheckReportRequest(context_, call, "ExportTable", request.region_code(),
                                       request.has_period(), request.period(), &scope);
      !status.ok()) {
    return status;
  }
  TableDocument document;
  if (auto status = Compose(call, request, &document); !status.ok()) return status;

  const bool csv = request.format() == v1::EXPORT_FORMAT_CSV;
  const std::string bytes = csv ? RenderCsv(document) : RenderXlsx(document);
  // "宣讲及报道情况_430100_2024-07-01_2024-10-31.xlsx": the last day is inclusive, as people say.
  const std::string file_name = document.title + "_" + scope.region_code + "_" +
                                runtime::FormatIsoDate(scope.dates.start) + "_" +
                                runtime::FormatIsoDate(runtime::AddDays(scope.dates.end, -1)) +
                                (csv ? ".csv" : ".xlsx");
  size_t offset = 0;
  do {
    v1::ExportTableResponse chunk;
    if (offset == 0) {
      chunk.set_file_name(file_name);
      chunk.set_content_type(
          csv ? "text/csv; charset=utf-8"
              : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }
    chunk.set_data(bytes.substr(offset, kChunkBytes));
    offset += kChunkBytes;
    if (!writer->Write(chunk)) break;  // the client went away
  } while (offset < bytes.size());
  return grpc::Status::OK;
}

}  // namespace jindu::reporting
