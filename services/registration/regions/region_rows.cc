#include "registration/regions/region_rows.h"

#include <set>
#include <variant>

#include "runtime/api/text_fields.h"
#include "runtime/auth/region_code.h"
#include "runtime/csv/csv_reader.h"

namespace jindu::registration {
namespace {

using common::v1::RegionLevel;
using runtime::FieldViolations;

constexpr size_t kMaxNameCodePoints = 64;
constexpr size_t kMaxListedCodes = 10000;

std::string Path(int index, const char* column) {
  return "rows[" + std::to_string(index) + "]." + column;
}

std::vector<std::string> SplitCodes(const std::string& text) {
  std::vector<std::string> codes;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    std::string code = text.substr(start, end - start);
    if (!code.empty()) codes.push_back(std::move(code));
    start = end + 1;
  }
  return codes;
}

}  // namespace

RegionLevel ParseRegionLevel(const std::string& text) {
  if (text == "province") return common::v1::REGION_LEVEL_PROVINCE;
  if (text == "city") return common::v1::REGION_LEVEL_CITY;
  if (text == "county") return common::v1::REGION_LEVEL_COUNTY;
  if (text == "township") return common::v1::REGION_LEVEL_TOWNSHIP;
  if (text == "village") return common::v1::REGION_LEVEL_VILLAGE;
  if (text == "special_zone") return common::v1::REGION_LEVEL_SPECIAL_ZONE;
  return common::v1::REGION_LEVEL_UNSPECIFIED;
}

std::string RegionLevelWord(RegionLevel level) {
  switch (level) {
    case common::v1::REGION_LEVEL_PROVINCE:
      return "province";
    case common::v1::REGION_LEVEL_CITY:
      return "city";
    case common::v1::REGION_LEVEL_COUNTY:
      return "county";
    case common::v1::REGION_LEVEL_TOWNSHIP:
      return "township";
    case common::v1::REGION_LEVEL_VILLAGE:
      return "village";
    case common::v1::REGION_LEVEL_SPECIAL_ZONE:
      return "special_zone";
    default:
      return "unspecified";
  }
}

bool LevelFitsCode(RegionLevel level, const std::string& code) {
  if (!runtime::IsWellFormedRegionCode(code)) return false;
  if (runtime::IsSpecialZoneCode(code)) return level == common::v1::REGION_LEVEL_SPECIAL_ZONE;
  if (code.size() == 12) return level == common::v1::REGION_LEVEL_VILLAGE;
  if (code.size() == 9) return level == common::v1::REGION_LEVEL_TOWNSHIP;
  if (code.substr(2) == "0000") return level == common::v1::REGION_LEVEL_PROVINCE;
  if (code.substr(4) == "00") return level == common::v1::REGION_LEVEL_CITY;
  return level == common::v1::REGION_LEVEL_COUNTY;
}

std::vector<RegionRow> ReadRegionRows(const std::string& csv, FieldViolations* violations) {
  std::vector<RegionRow> rows;
  auto parsed = runtime::ParseCsv(csv);
  if (const auto* error = std::get_if<runtime::CsvError>(&parsed)) {
    violations->Add("csv", common::v1::FIELD_MALFORMED, error->message);
    return rows;
  }
  const auto& document = std::get<runtime::CsvDocument>(parsed);
  struct Columns {
    std::optional<size_t> code, name, level, parent, valid_from, valid_to, members, successors;
  } columns{
      runtime::FindColumn(document, "code"),       runtime::FindColumn(document, "name"),
      runtime::FindColumn(document, "level"),      runtime::FindColumn(document, "parent"),
      runtime::FindColumn(document, "valid_from"), runtime::FindColumn(document, "valid_to"),
      runtime::FindColumn(document, "members"),    runtime::FindColumn(document, "successors")};
  for (auto [column, name] : {std::pair{columns.code, "code"},
                              {columns.name, "name"},
                              {columns.level, "level"},
                              {columns.parent, "parent"},
                              {columns.valid_from, "valid_from"},
                              {columns.valid_to, "valid_to"}}) {
    if (!column.has_value()) {
      violations->Add("csv", common::v1::FIELD_REQUIRED,
                      std::string("header lacks the column \"") + name +
                          "\" (expected code,name,level,parent,valid_from,valid_to[,members]"
                          "[,successors])");
    }
  }
  if (!violations->empty()) return rows;

  std::set<std::string> seen_codes;
  rows.reserve(document.rows.size());
  for (size_t i = 0; i < document.rows.size(); ++i) {
    if (violations->size() >= kMaxReportedViolations) break;
    const auto& fields = document.rows[i].fields;
    const int index = static_cast<int>(i);
    RegionRow row{.index = index};
    runtime::RegionEntry& entry = row.entry;
    entry.code = fields[*columns.code];
    entry.display_name = fields[*columns.name];
    entry.parent = fields[*columns.parent];
    const size_t before = violations->size();

    if (!runtime::IsWellFormedRegionCode(entry.code)) {
      violations->Add(Path(index, "code"), common::v1::FIELD_MALFORMED,
                      "must be 6, 9 or 12 digits, or Z and 8 digits for a special zone");
    } else if (!seen_codes.insert(entry.code).second) {
      violations->Add(Path(index, "code"), common::v1::DUPLICATE_IN_REQUEST,
                      "code " + entry.code + " appears on an earlier row of the file");
    }
    if (entry.display_name.empty()) {
      violations->Add(Path(index, "name"), common::v1::FIELD_REQUIRED, "must not be empty");
    } else if (runtime::CodePointCount(entry.display_name) > kMaxNameCodePoints) {
      violations->Add(Path(index, "name"), common::v1::FIELD_TOO_LONG, "at most 64 characters");
    }
    entry.level = ParseRegionLevel(fields[*columns.level]);
    if (entry.level == common::v1::REGION_LEVEL_UNSPECIFIED) {
      violations->Add(Path(index, "level"), common::v1::VALUE_NOT_ALLOWED,
                      "must be province, city, county, township, village or special_zone");
    } else if (runtime::IsWellFormedRegionCode(entry.code) &&
               !LevelFitsCode(entry.level, entry.code)) {
      violations->Add(Path(index, "level"), common::v1::VALUE_NOT_ALLOWED,
                      RegionLevelWord(entry.level) + " does not fit code " + entry.code);
    }
    if (entry.level == common::v1::REGION_LEVEL_PROVINCE) {
      if (!entry.parent.empty()) {
        violations->Add(Path(index, "parent"), common::v1::VALUE_NOT_ALLOWED,
                        "a province has no parent");
      }
    } else if (entry.parent.empty()) {
      violations->Add(Path(index, "parent"), common::v1::FIELD_REQUIRED,
                      "every region but the province has a parent");
    } else if (!runtime::IsWellFormedRegionCode(entry.parent)) {
      violations->Add(Path(index, "parent"), common::v1::FIELD_MALFORMED, "must be a region code");
    } else if (entry.parent == entry.code) {
      violations->Add(Path(index, "parent"), common::v1::VALUE_NOT_ALLOWED,
                      "a region cannot be its own parent");
    }
    auto valid_from = runtime::ParseIsoDate(fields[*columns.valid_from]);
    if (!valid_from.has_value()) {
      violations->Add(Path(index, "valid_from"),
                      fields[*columns.valid_from].empty() ? common::v1::FIELD_REQUIRED
                                                          : common::v1::FIELD_MALFORMED,
                      "must be a date YYYY-MM-DD");
    } else {
      entry.valid_from = *valid_from;
    }
    if (const std::string& text = fields[*columns.valid_to]; !text.empty()) {
      auto valid_to = runtime::ParseIsoDate(text);
      if (!valid_to.has_value()) {
        violations->Add(Path(index, "valid_to"), common::v1::FIELD_MALFORMED,
                        "must be a date YYYY-MM-DD, or empty while the region is current");
      } else if (valid_from.has_value() && *valid_to <= *valid_from) {
        violations->Add(Path(index, "valid_to"), common::v1::END_BEFORE_START,
                        "must be after valid_from");
      } else {
        entry.valid_to = *valid_to;
      }
    }
    if (columns.members.has_value()) entry.members = SplitCodes(fields[*columns.members]);
    if (columns.successors.has_value()) {
      entry.successors = SplitCodes(fields[*columns.successors]);
    }
    if (entry.level != common::v1::REGION_LEVEL_SPECIAL_ZONE && !entry.members.empty()) {
      violations->Add(Path(index, "members"), common::v1::VALUE_NOT_ALLOWED,
                      "only a special zone lists members");
    }
    if (entry.level == common::v1::REGION_LEVEL_SPECIAL_ZONE && entry.members.empty()) {
      violations->Add(Path(index, "members"), common::v1::FIELD_REQUIRED,
                      "a special zone lists the divisions it groups, separated by ';'");
    }
    if (entry.members.size() > kMaxListedCodes || entry.successors.size() > kMaxListedCodes) {
      violations->Add(Path(index, "members"), common::v1::FIELD_OUT_OF_RANGE,
                      "at most 10000 codes");
    }
    for (const auto& [list, column] :
         {std::pair{&entry.members, "members"}, {&entry.successors, "successors"}}) {
      std::set<std::string> distinct;
      for (const std::string& code : *list) {
        if (!runtime::IsWellFormedRegionCode(code)) {
          violations->Add(Path(index, column), common::v1::FIELD_MALFORMED,
                          "every entry must be a region code");
          break;
        }
        if (!distinct.insert(code).second || code == entry.code) {
          violations->Add(Path(index, column), common::v1::DUPLICATE_IN_REQUEST,
                          "lists " + code + " twice or lists the region itself");
          break;
        }
      }
    }
    if (!entry.successors.empty() && !entry.valid_to.has_value()) {
      violations->Add(Path(index, "successors"), common::v1::VALUE_NOT_ALLOWED,
                      "only a region that is no longer valid (valid_to set) has successors");
    }
    if (violations->size() == before) rows.push_back(std::move(row));
  }
  violations->LimitTo(kMaxReportedViolations);
  return rows;
}

}  // namespace jindu::registration
