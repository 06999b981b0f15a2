#pragma once
// A contact as the store holds it. `notes` is set only when loaded with sensitive fields
// (ContactStore::Find with sensitive = true); the relief items' description is always opened, as
// the API shows it in every view.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "jindu/casework/v1/contact.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::casework {

struct ContactRecord {
  std::string id;
  std::string case_id;
  v1::ContactKind kind = v1::CONTACT_KIND_UNSPECIFIED;
  int64_t contact_micros = 0;
  runtime::CivilDate contact_date;  // Asia/Shanghai day of contact_micros
  bool reached = false;
  std::vector<std::string> participant_subjects;
  std::vector<std::string> participant_volunteer_ids;  // "volunteers/{id}" without the prefix
  std::string notes;
  std::optional<int64_t> relief_minor_units;  // fen; unset when no money was given
  int relief_items = 0;
  std::string relief_items_description;
  int64_t revision = 0;
  int64_t create_micros = 0;
  int64_t update_micros = 0;
  std::string create_subject;
  std::string update_subject;
};

inline constexpr const char* kContactCollection = "contacts";
inline constexpr const char* kContactType = "jindu.casework.v1.Contact";

}  // namespace jindu::casework
