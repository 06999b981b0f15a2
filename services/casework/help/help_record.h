#pragma once
// A help record as the store holds it. `notes` is set only when loaded with sensitive fields
// (HelpRecordStore::Find with sensitive = true).
#include <cstdint>
#include <optional>
#include <string>

#include "jindu/casework/v1/help.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::casework {

struct HelpRecordRow {
  std::string id;
  std::string case_id;
  v1::HelpKind kind = v1::HELP_KIND_UNSPECIFIED;
  runtime::CivilDate help_date;
  std::optional<int64_t> amount_minor_units;  // fen; unset when no amount applies
  std::string provider;
  v1::HelpOutcome outcome = v1::HELP_OUTCOME_UNSPECIFIED;
  std::string notes;
  int64_t revision = 0;
  int64_t create_micros = 0;
  int64_t update_micros = 0;
  std::string create_subject;
  std::string update_subject;
};

inline constexpr const char* kHelpRecordCollection = "helpRecords";
inline constexpr const char* kHelpRecordType = "jindu.casework.v1.HelpRecord";

}  // namespace jindu::casework
