#include "casework/contacts/contact_validation.h"

#include "casework/followup/followup_fields.h"
#include "runtime/api/text_fields.h"
#include "runtime/ids/resource_ids.h"

namespace jindu::casework {
namespace {

constexpr size_t kMaxParticipants = 20;
constexpr size_t kMaxSubjectCharacters = 128;
constexpr size_t kMaxNotesCharacters = 4000;
constexpr size_t kMaxItemsDescriptionCharacters = 200;

}  // namespace

const std::set<std::string>& ContactMutablePaths() {
  static const std::set<std::string> paths = {
      "kind",  "contact_time", "reached",      "participant_subjects",    "participant_volunteers",
      "notes", "relief_money", "relief_items", "relief_items_description"};
  return paths;
}

const std::set<std::string>& ContactImmutablePaths() {
  static const std::set<std::string> paths = {"name"};
  return paths;
}

const std::set<std::string>& ContactOutputOnlyPaths() {
  static const std::set<std::string> paths = {"audit"};
  return paths;
}

void CheckContactFields(const v1::Contact& input, const std::set<std::string>& paths,
                        runtime::FieldViolations& violations, ContactRecord* record) {
  if (paths.contains("kind")) {
    if (input.kind() == v1::CONTACT_KIND_UNSPECIFIED) {
      violations.Add("contact.kind", common::v1::FIELD_REQUIRED, "required: the kind of contact");
    } else if (!v1::ContactKind_IsValid(input.kind())) {
      violations.Add("contact.kind", common::v1::VALUE_NOT_ALLOWED, "unknown kind");
    }
    record->kind = input.kind();
  }
  if (paths.contains("contact_time")) {
    if (auto micros = CheckPastTime(violations, "contact.contact_time", input.has_contact_time(),
                                    input.contact_time())) {
      record->contact_micros = *micros;
      record->contact_date = ShanghaiDateOfMicros(*micros);
    }
  }
  if (paths.contains("reached")) record->reached = input.reached();
  if (paths.contains("participant_subjects")) {
    record->participant_subjects.assign(input.participant_subjects().begin(),
                                        input.participant_subjects().end());
    CheckTextList(violations, "contact.participant_subjects", record->participant_subjects,
                  kMaxParticipants, kMaxSubjectCharacters);
  }
  if (paths.contains("participant_volunteers")) {
    record->participant_volunteer_ids.clear();
    if (input.participant_volunteers_size() > static_cast<int>(kMaxParticipants)) {
      violations.Add("contact.participant_volunteers", common::v1::FIELD_OUT_OF_RANGE,
                     "at most " + std::to_string(kMaxParticipants) + " volunteers");
    } else {
      std::set<std::string> seen;
      for (int i = 0; i < input.participant_volunteers_size(); ++i) {
        const std::string field = "contact.participant_volunteers[" + std::to_string(i) + "]";
        const std::string id =
            runtime::ResourceIdFromName(input.participant_volunteers(i), "volunteers/");
        if (id.empty()) {
          violations.Add(field, common::v1::FIELD_MALFORMED, "must be volunteers/{volunteer}");
        } else if (!seen.insert(id).second) {
          violations.Add(field, common::v1::DUPLICATE_IN_REQUEST, "listed twice");
        } else {
          record->participant_volunteer_ids.push_back(id);
        }
      }
    }
  }
  if (paths.contains("notes")) {
    runtime::CheckTextLength("contact.notes", input.notes(), 0, kMaxNotesCharacters, &violations);
    record->notes = input.notes();
  }
  if (paths.contains("relief_money")) {
    record->relief_minor_units.reset();
    if (input.has_relief_money()) {
      CheckCnyAmount(violations, "contact.relief_money", input.relief_money());
      record->relief_minor_units = input.relief_money().minor_units();
    }
  }
  if (paths.contains("relief_items")) {
    if (input.relief_items() < 0) {
      violations.Add("contact.relief_items", common::v1::FIELD_OUT_OF_RANGE,
                     "must not be negative");
    }
    record->relief_items = input.relief_items();
  }
  if (paths.contains("relief_items_description")) {
    runtime::CheckTextLength("contact.relief_items_description", input.relief_items_description(),
                             0, kMaxItemsDescriptionCharacters, &violations);
    record->relief_items_description = input.relief_items_description();
  }
}

}  // namespace jindu::casework
