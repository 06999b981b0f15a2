#include "registration/regions/denominator_rows.h"

#include <charconv>
#include <set>
#include <variant>

#include "registration/regions/region_rows.h"
#include "runtime/csv/csv_reader.h"

namespace jindu::registration {
namespace {

std::string Path(size_t index, const char* column) {
  return "rows[" + std::to_string(index) + "]." + column;
}

std::optional<int64_t> ParseCount(const std::string& text) {
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::vector<RegionYear> ReadDenominatorRows(const std::string& csv,
                                            const runtime::RegionDirectory& regions,
                                            runtime::FieldViolations* violations) {
  std::vector<RegionYear> rows;
  auto parsed = runtime::ParseCsv(csv);
  if (const auto* error = std::get_if<runtime::CsvError>(&parsed)) {
    violations->Add("csv", common::v1::FIELD_MALFORMED, error->message);
    return rows;
  }
  const auto& document = std::get<runtime::CsvDocument>(parsed);
  auto code_column = runtime::FindColumn(document, "code");
  auto year_column = runtime::FindColumn(document, "year");
  auto population_column = runtime::FindColumn(document, "population");
  auto students_column = runtime::FindColumn(document, "students_enrolled");
  if (!code_column || !year_column || !population_column) {
    violations->Add("csv", common::v1::FIELD_REQUIRED,
                    "header must have the columns code,year,population[,students_enrolled]");
    return rows;
  }
  std::set<std::pair<std::string, int>> seen;
  for (size_t i = 0; i < document.rows.size(); ++i) {
    if (violations->size() >= kMaxReportedViolations) break;
    const auto& fields = document.rows[i].fields;
    const size_t before = violations->size();
    RegionYear row;
    row.code = fields[*code_column];
    if (!regions.Knows(row.code)) {
      violations->Add(Path(i, "code"), common::v1::REFERENCE_NOT_FOUND,
                      "not a known region code; import the region first");
    }
    auto year = ParseCount(fields[*year_column]);
    if (!year || *year < 2000 || *year > 9999) {
      violations->Add(Path(i, "year"), common::v1::FIELD_OUT_OF_RANGE,
                      "must be a year from 2000 to 9999");
    } else {
      row.year = static_cast<int>(*year);
    }
    auto population = ParseCount(fields[*population_column]);
    if (!population || *population < 0) {
      violations->Add(Path(i, "population"), common::v1::FIELD_OUT_OF_RANGE,
                      "must be a whole number >= 0");
    } else {
      row.population = *population;
    }
    if (students_column && !fields[*students_column].empty()) {
      auto students = ParseCount(fields[*students_column]);
      if (!students || *students < 0) {
        violations->Add(Path(i, "students_enrolled"), common::v1::FIELD_OUT_OF_RANGE,
                        "must be a whole number >= 0, or empty");
      } else {
        row.students_enrolled = *students;
      }
    }
    if (violations->size() == before && !seen.insert({row.code, row.year}).second) {
      violations->Add(Path(i, "year"), common::v1::DUPLICATE_IN_REQUEST,
                      "region " + row.code + " has this year on an earlier row");
    }
    if (violations->size() == before) rows.push_back(std::move(row));
  }
  violations->LimitTo(kMaxReportedViolations);
  return rows;
}

}  // namespace jindu::registration
