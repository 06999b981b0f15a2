#pragma once
// An Office Open XML workbook of one sheet (Debian's libxlsxwriter): bold headers, numbers as
// numbers, text as text (never as formulas), columns wide enough for Chinese headers.
#include <string>

#include "reporting/exports/table_document.h"

namespace jindu::reporting {

// The workbook's bytes. Throws std::runtime_error when the library fails (disk full in the
// temporary directory, ...).
std::string RenderXlsx(const TableDocument& document);

}  // namespace jindu::reporting
