// `jinductl regions import|list|get`: the region tree of RegionService (registration).
#include <fstream>
#include <sstream>

#include "jindu/registration/v1/region_service.grpc.pb.h"
#include "jinductl/commands.h"
#include "jinductl/errors.h"
#include "jinductl/exit_codes.h"
#include "jinductl/progress.h"
#include "jinductl/values.h"

namespace jindu::jinductl {
namespace {

namespace reg = registration::v1;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read " + path);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// Splits a CSV file into its header and data records, keeping quoted line breaks inside their
// record (RFC 4180), so batches never cut a record in two.
void SplitRecords(const std::string& csv, std::string* header, std::vector<std::string>* records) {
  std::string current;
  bool quoted = false;
  bool first = true;
  for (size_t i = 0; i <= csv.size(); ++i) {
    const bool end = i == csv.size();
    const char c = end ? '\n' : csv[i];
    current += c;
    if (c == '"') quoted = !quoted;
    if (c != '\n' || (quoted && !end)) continue;
    std::string record = current;
    current.clear();
    if (end && record == "\n") break;
    if (first) {
      *header = record;
      first = false;
    } else if (record != "\n" && record != "\r\n") {
      records->push_back(record);
    }
  }
}

int Import(Invocation& invocation) {
  const std::string path = invocation.arg(0);
  const bool denominators = invocation.Has("denominators");
  const bool validate_only = invocation.Has("validate-only");
  const long long batch_rows = ParseCount("batch-rows", invocation.Flag("batch-rows", "50000"), 1);
  std::string header;
  std::vector<std::string> records;
  SplitRecords(ReadFile(path), &header, &records);
  if (header.empty()) throw UsageError(path + " is empty (expected a CSV header line)");

  auto stub = reg::RegionService::NewStub(invocation.connection().Channel(Service::kRegistration));
  // Files above one request's limit go in batches of --batch-rows records, each with the header;
  // a region's parent must then come in the same or an earlier batch (files listing parents first,
  // as exports do, always qualify).
  reg::ImportRegionsResponse total;
  Progress progress(denominators ? "denominators import" : "regions import", "rows",
                    static_cast<long long>(records.size()));
  long long sent = 0;
  progress.Update(0);
  do {
    std::string batch = header;
    const size_t end = std::min(records.size(), static_cast<size_t>(sent + batch_rows));
    for (size_t i = static_cast<size_t>(sent); i < end; ++i) batch += records[i];
    try {
      if (denominators) {
        reg::ImportRegionDenominatorsRequest request;
        request.set_csv(batch);
        request.set_validate_only(validate_only);
        request.set_request_id(NewRequestId());
        reg::ImportRegionDenominatorsResponse response;
        invocation.connection().Invoke(Service::kRegistration, [&](grpc::ClientContext* context) {
          return stub->ImportRegionDenominators(context, request, &response);
        });
        total.set_rows_read(total.rows_read() + response.rows_read());
        total.set_created(total.created() + response.created());
        total.set_updated(total.updated() + response.updated());
        total.set_unchanged(total.unchanged() + response.unchanged());
      } else {
        reg::ImportRegionsRequest request;
        request.set_csv(batch);
        request.set_validate_only(validate_only);
        request.set_request_id(NewRequestId());
        reg::ImportRegionsResponse response;
        invocation.connection().Invoke(Service::kRegistration, [&](grpc::ClientContext* context) {
          return stub->ImportRegions(context, request, &response);
        });
        total.set_rows_read(total.rows_read() + response.rows_read());
        total.set_created(total.created() + response.created());
        total.set_updated(total.updated() + response.updated());
        total.set_unchanged(total.unchanged() + response.unchanged());
      }
    } catch (const RpcFailure&) {
      progress.Finish();
      if (sent > 0) {
        std::cerr << "jinductl: the first " << sent
                  << " rows were applied; the batch after them was refused (row numbers below "
                     "count from row "
                  << sent << ")\n";
      }
      throw;
    }
    sent = static_cast<long long>(end);
    progress.Update(sent);
  } while (static_cast<size_t>(sent) < records.size());
  progress.Finish();
  total.set_validate_only(validate_only);
  if (invocation.json()) {
    PrintJson(total);
  } else {
    std::cout << (validate_only ? "validated (nothing applied)" : "imported") << ": "
              << total.rows_read() << " rows read, " << total.created() << " created, "
              << total.updated() << " updated, " << total.unchanged() << " unchanged\n";
  }
  return kExitOk;
}

void PrintRegions(const Invocation& invocation, const reg::ListRegionsResponse& response) {
  if (invocation.json()) {
    PrintJson(response);
    return;
  }
  Table table({"代码 code", "名称 name", "级别 level", "上级 parent", "有效 valid"});
  for (const reg::Region& region : response.regions()) {
    table.AddRow({region.region_code(), region.display_name(), ShortName(region.level()),
                  region.parent_region_code().empty() ? "-" : region.parent_region_code(),
                  FormatDate(region.valid_from()) + ".." +
                      (region.has_valid_to() ? FormatDate(region.valid_to()) : "")});
  }
  table.Print(std::cout);
  NoteNextPage(response.next_page_token());
}

int List(Invocation& invocation) {
  reg::ListRegionsRequest request;
  request.set_parent_region_code(invocation.Flag("parent"));
  request.set_within_region_code(invocation.Flag("within"));
  for (const std::string& level : invocation.FlagValues("level")) {
    request.add_levels(ParseEnum<common::v1::RegionLevel>("level", level));
  }
  request.set_include_expired(invocation.Has("include-expired"));
  ApplyPaging(invocation, &request);
  auto stub = reg::RegionService::NewStub(invocation.connection().Channel(Service::kRegistration));
  reg::ListRegionsResponse response;
  invocation.connection().Invoke(Service::kRegistration, [&](grpc::ClientContext* context) {
    return stub->ListRegions(context, request, &response);
  });
  PrintRegions(invocation, response);
  return kExitOk;
}

int Get(Invocation& invocation) {
  reg::GetRegionRequest request;
  request.set_name(ResourceName("regions", invocation.arg(0)));
  auto stub = reg::RegionService::NewStub(invocation.connection().Channel(Service::kRegistration));
  reg::Region region;
  invocation.connection().Invoke(Service::kRegistration, [&](grpc::ClientContext* context) {
    return stub->GetRegion(context, request, &region);
  });
  PrintResource(invocation, region);
  return kExitOk;
}

}  // namespace

NounSpec RegionsCommands() {
  std::vector<FlagSpec> list_flags = {
      {"parent", "CODE", "only direct children of this region"},
      {"within", "CODE", "only this region and every region inside it"},
      {"level", "LEVEL", "only this level: " + EnumChoices(common::v1::RegionLevel_descriptor()),
       true},
      {"include-expired", "", "include regions no longer valid"}};
  for (const FlagSpec& flag : PagingFlags()) list_flags.push_back(flag);
  return {"regions",
          "the region tree (registration)",
          {{"import",
            "FILE.csv",
            1,
            1,
            "import regions (or --denominators) from a CSV file, all or nothing per batch; the\n"
            "header is code,name,level,parent,valid_from,valid_to[,members][,successors] (or\n"
            "code,year,population,students_enrolled with --denominators)",
            {{"denominators", "", "the file holds yearly denominators"},
             {"validate-only", "", "check and count without applying anything"},
             {"batch-rows", "N", "rows per request for large files (default 50000)"}},
            Import},
           {"list", "", 0, 0, "list regions, ordered by code", list_flags, List},
           {"get", "CODE", 1, 1, "show one region", {}, Get}}};
}

}  // namespace jindu::jinductl
