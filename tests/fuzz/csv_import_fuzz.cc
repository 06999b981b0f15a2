// Fuzzes the CSV importer: the runtime's RFC 4180 reader (runtime/csv) and, over the same bytes,
// registration's region and denominator import parsers (ReadRegionRows, PlanRegionImport,
// ReadDenominatorRows), as ImportRegions / ImportRegionDenominators run them on an uploaded file.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <variant>

#include "fuzz_support.h"
#include "registration/regions/denominator_rows.h"
#include "registration/regions/region_import_plan.h"
#include "registration/regions/region_rows.h"
#include "runtime/csv/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jindu;
  using fuzz::Require;
  const std::string text(reinterpret_cast<const char*>(data), size);

  // Small limits, so the fuzzer reaches them too.
  runtime::CsvOptions options;
  options.max_fields_per_row = 9;
  options.max_field_bytes = 64;
  options.max_rows = 50;
  const auto parsed = runtime::ParseCsv(text, options);
  if (const auto* document = std::get_if<runtime::CsvDocument>(&parsed)) {
    Require(!document->header.empty() && document->header.size() <= options.max_fields_per_row);
    Require(document->rows.size() <= options.max_rows);
    for (const runtime::CsvRow& row : document->rows) {
      Require(row.fields.size() == document->header.size());
      Require(row.line >= 2);
      for (const std::string& field : row.fields) Require(field.size() <= options.max_field_bytes);
    }
    for (const std::string& name : document->header) {
      if (!name.empty()) Require(runtime::FindColumn(*document, name).has_value());
    }
  } else {
    const auto& error = std::get<runtime::CsvError>(parsed);
    Require(!error.message.empty());
  }
  (void)runtime::ParseCsv(text);  // the defaults, as the importers use them

  runtime::FieldViolations region_violations;
  const std::vector<registration::RegionRow> rows =
      registration::ReadRegionRows(text, &region_violations);
  fuzz::CheckViolations(region_violations);
  Require(region_violations.size() <= registration::kMaxReportedViolations + 1);
  if (region_violations.empty()) {
    std::map<std::string, runtime::RegionEntry> stored;
    for (const char* code : {"430000", "430100", "430102"}) {
      if (auto entry = fuzz::Regions().Find(code)) stored.emplace(code, *entry);
    }
    runtime::FieldViolations plan_violations;
    const registration::RegionImportPlan plan =
        registration::PlanRegionImport(rows, stored, &plan_violations);
    fuzz::CheckViolations(plan_violations);
    if (plan_violations.empty()) {
      Require(plan.created.size() + plan.updated.size() + static_cast<size_t>(plan.unchanged) ==
              rows.size());
    }
  }

  runtime::FieldViolations denominator_violations;
  (void)registration::ReadDenominatorRows(text, fuzz::Regions(), &denominator_violations);
  fuzz::CheckViolations(denominator_violations);
  return 0;
}
