#include "casework/help/help_validation.h"

#include "casework/followup/followup_fields.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/text_fields.h"

namespace jindu::casework {
namespace {

constexpr size_t kMaxProviderCharacters = 128;
constexpr size_t kMaxNotesCharacters = 2000;

}  // namespace

const std::set<std::string>& HelpCreatePaths() {
  static const std::set<std::string> paths = {"kind",     "help_date", "amount",
                                              "provider", "outcome",   "notes"};
  return paths;
}

const std::set<std::string>& HelpMutablePaths() {
  static const std::set<std::string> paths = {"help_date", "amount", "provider", "outcome",
                                              "notes"};
  return paths;
}

const std::set<std::string>& HelpImmutablePaths() {
  static const std::set<std::string> paths = {"name", "kind"};
  return paths;
}

const std::set<std::string>& HelpOutputOnlyPaths() {
  static const std::set<std::string> paths = {"audit"};
  return paths;
}

void CheckHelpFields(const v1::HelpRecord& input, const std::set<std::string>& paths,
                     runtime::FieldViolations& violations, HelpRecordRow* record) {
  if (paths.contains("kind")) {
    if (input.kind() == v1::HELP_KIND_UNSPECIFIED) {
      violations.Add("help_record.kind", common::v1::FIELD_REQUIRED, "required: the kind of help");
    } else if (!v1::HelpKind_IsValid(input.kind())) {
      violations.Add("help_record.kind", common::v1::VALUE_NOT_ALLOWED, "unknown kind");
    }
    record->kind = input.kind();
  }
  if (paths.contains("help_date")) {
    if (auto date = runtime::CheckPastDate(violations, "help_record.help_date",
                                           input.has_help_date(), input.help_date())) {
      record->help_date = *date;
    }
  }
  if (paths.contains("amount")) {
    record->amount_minor_units.reset();
    if (input.has_amount()) {
      CheckCnyAmount(violations, "help_record.amount", input.amount());
      record->amount_minor_units = input.amount().minor_units();
    }
  }
  if (paths.contains("provider")) {
    runtime::CheckTextLength("help_record.provider", input.provider(), 0, kMaxProviderCharacters,
                             &violations);
    record->provider = input.provider();
  }
  if (paths.contains("outcome")) {
    if (input.outcome() == v1::HELP_OUTCOME_UNSPECIFIED) {
      violations.Add("help_record.outcome", common::v1::FIELD_REQUIRED,
                     "required: PENDING until known");
    } else if (!v1::HelpOutcome_IsValid(input.outcome())) {
      violations.Add("help_record.outcome", common::v1::VALUE_NOT_ALLOWED, "unknown outcome");
    }
    record->outcome = input.outcome();
  }
  if (paths.contains("notes")) {
    runtime::CheckTextLength("help_record.notes", input.notes(), 0, kMaxNotesCharacters,
                             &violations);
    record->notes = input.notes();
  }
}

void CheckAmountRequired(const HelpRecordRow& record, runtime::FieldViolations& violations) {
  if ((record.kind == v1::HELP_KIND_LOAN || record.kind == v1::HELP_KIND_SUBSISTENCE_ALLOWANCE) &&
      !record.amount_minor_units.has_value()) {
    violations.Add("help_record.amount", common::v1::FIELD_REQUIRED,
                   "required for loans and subsistence allowances");
  }
}

}  // namespace jindu::casework
