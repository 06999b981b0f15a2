// `jinductl export TABLE --region R --period P --format csv|xlsx -o FILE`: a table of the seeds as
// a file, streamed from ReportingService.ExportTable.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "jindu/reporting/v1/reporting_service.grpc.pb.h"
#include "jinductl/commands.h"
#include "jinductl/errors.h"
#include "jinductl/exit_codes.h"
#include "jinductl/values.h"

namespace jindu::jinductl {
namespace {

namespace rep = reporting::v1;

int Export(Invocation& invocation) {
  rep::ExportTableRequest request;
  request.set_table(ParseEnum<rep::ReportTable>("TABLE", invocation.arg(0)));
  request.set_region_code(invocation.RequireFlag("region"));
  *request.mutable_period() = ParsePeriod("period", invocation.RequireFlag("period"));
  const std::string format = invocation.Flag("format", "csv");
  request.set_format(ParseEnum<rep::ExportFormat>("format", format));
  if (invocation.Has("rubric")) {
    request.set_assessment_rubric(ResourceName("assessmentRubrics", invocation.Flag("rubric")));
  }
  std::string path = invocation.Flag("o");

  auto stub = rep::ReportingService::NewStub(invocation.connection().Channel(Service::kReporting));
  grpc::ClientContext context;
  invocation.connection().Prepare(&context, invocation.connection().RequireToken());
  auto reader = stub->ExportTable(&context, request);
  // Chunks go to a temporary file renamed into place at the end, so a failed export never leaves
  // a truncated file under the requested name.
  std::string temporary;
  std::ofstream out;
  long long bytes = 0;
  rep::ExportTableResponse chunk;
  while (reader->Read(&chunk)) {
    if (!out.is_open()) {
      if (path.empty()) path = chunk.file_name().empty() ? "export." + format : chunk.file_name();
      temporary = path + ".part";
      out.open(temporary, std::ios::binary | std::ios::trunc);
      if (!out) {
        throw CommandFailure(kExitFailure,
                             "cannot write " + temporary + ": " + std::strerror(errno));
      }
    }
    out.write(chunk.data().data(), static_cast<std::streamsize>(chunk.data().size()));
    bytes += static_cast<long long>(chunk.data().size());
  }
  grpc::Status status = reader->Finish();
  if (out.is_open()) out.close();
  if (!status.ok()) {
    if (!temporary.empty()) ::unlink(temporary.c_str());
    throw RpcFailure(status, ServiceName(Service::kReporting),
                     invocation.connection().Address(Service::kReporting));
  }
  if (temporary.empty()) {  // no chunk at all: an empty file still answers the request
    if (path.empty()) path = "export." + format;
    temporary = path + ".part";
    std::ofstream(temporary, std::ios::binary | std::ios::trunc);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    throw CommandFailure(kExitFailure, "cannot write " + path + ": " + std::strerror(errno));
  }
  std::cout << "wrote " << path << " (" << bytes << " bytes)\n";
  return kExitOk;
}

}  // namespace

NounSpec ExportCommand() {
  return {"export",
          "export a report table as CSV or XLSX (reporting)",
          {{"",
            "TABLE",
            1,
            1,
            "export a table with Chinese headers. TABLE is one of:\n  " +
                EnumChoices(rep::ReportTable_descriptor()),
            {{"region", "CODE", "the region"},
             {"period", "PERIOD",
              "2024, 2024-Q3, 2024-07, 2024-07-01 or 2024-07-01..2024-10-31 (last day included)"},
             {"format", "FORMAT", "csv (UTF-8 with BOM, default) or xlsx"},
             {"o", "FILE", "output file (default: the name the service suggests)"},
             {"rubric", "RUBRIC", "assessment_scores only: the assessment rubric"}},
            Export}}};
}

}  // namespace jindu::jinductl
