#pragma once
// CSV as Excel opens it correctly: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting.
// Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) is prefixed
// with an apostrophe: an export must never execute what someone typed into a name.
#include <string>

#include "reporting/exports/table_document.h"

namespace jindu::reporting {

std::string RenderCsv(const TableDocument& document);

}  // namespace jindu::reporting
