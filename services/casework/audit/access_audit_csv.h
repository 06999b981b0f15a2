#pragma once
// The CSV form of the access audit log that ExportAccessAuditEntries streams: UTF-8 with a byte
// order mark (spreadsheet programs in zh-CN read UTF-8 only with it), Chinese headers, RFC 4180
// rows ending in CRLF, every value quoted, times as Asia/Shanghai wall-clock time.
#include <cstdint>
#include <string>
#include <string_view>

#include "casework/audit/access_audit_chain.h"

namespace jindu::casework {

// The byte order mark and the header row:
// 序号,时间,用户,角色,方法,资源,人员代号,地区,字段,目的,拒绝.
std::string AccessAuditCsvHeader();
// One entry as a row, CRLF included.
std::string AccessAuditCsvRow(const AccessAuditEntryContent& entry);

// A value quoted as RFC 4180 says ("" for a quote). A value a spreadsheet would run as a formula
// (starting with = + - @, tab or CR) gets a leading apostrophe, so an export opened by an auditor
// cannot execute text a reader typed as their purpose (CSV injection).
std::string CsvField(std::string_view value);
// "2024-07-01 00:30:05" in Asia/Shanghai (UTC+8, no daylight saving) for microseconds since the
// epoch.
std::string ShanghaiDateTime(int64_t micros);

}  // namespace jindu::casework
