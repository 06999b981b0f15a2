#include "casework/audit/access_audit_csv.h"

#include <chrono>
#include <cstdio>
#include <initializer_list>

namespace jindu::casework {
namespace {

constexpr char kByteOrderMark[] = "\xEF\xBB\xBF";
constexpr char kRowEnd[] = "\r\n";

std::string Row(std::initializer_list<std::string_view> values) {
  std::string row;
  for (std::string_view value : values) {
    if (!row.empty()) row += ',';
    row += CsvField(value);
  }
  return row + kRowEnd;
}

}  // namespace

std::string CsvField(std::string_view value) {
  std::string field = "\"";
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                         value[0] == '\t' || value[0] == '\r')) {
    field += '\'';
  }
  for (char c : value) {
    if (c == '"') field += '"';
    field += c;
  }
  return field + '"';
}

std::string ShanghaiDateTime(int64_t micros) {
  using namespace std::chrono;
  const sys_seconds instant = floor<seconds>(sys_time<microseconds>(microseconds(micros)));
  const auto local = instant + hours(8);
  const sys_days day = floor<days>(local);
  const year_month_day date{day};
  const hh_mm_ss time{local - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u %02d:%02d:%02d", static_cast<int>(date.year()),
                unsigned(date.month()), unsigned(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return text;
}

std::string AccessAuditCsvHeader() {
  return kByteOrderMark + Row({"序号", "时间", "用户", "角色", "方法", "资源", "人员代号", "地区",
                               "字段", "目的", "拒绝"});
}

std::string AccessAuditCsvRow(const AccessAuditEntryContent& entry) {
  return Row({std::to_string(entry.sequence), ShanghaiDateTime(entry.time_micros), entry.subject,
              entry.roles, entry.method, entry.resource, entry.person_pseudonym, entry.region_code,
              entry.fields, entry.purpose, entry.denied ? "是" : "否"});
}

}  // namespace jindu::casework
