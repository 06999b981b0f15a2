#pragma once
// A tip as the store holds it. The sealed fields (description, submitter, source volunteer, police
// reference) are in clear only when the tip was loaded with them (TipStore::Find with sealed =
// true); otherwise they are empty and only their presence is known.
#include <cstdint>
#include <optional>
#include <string>

#include "jindu/casework/v1/tip.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::casework {

struct TipRecord {
  std::string id;
  v1::TipKind kind = v1::TIP_KIND_UNSPECIFIED;
  std::string region_code;
  runtime::CivilDate observed_date;
  runtime::CivilDate filed_date;
  int plant_count = 0;
  v1::TipState state = v1::TIP_STATE_RECEIVED;
  // Keyed hash of the submitter's subject: who may read the tip in full as its submitter.
  std::string submitter_hash;
  // Sealed at rest; set only when loaded with the sealed fields.
  std::string description;
  std::string submitter_subject;
  std::string source_volunteer;
  std::string police_reference;
  bool has_police_reference = false;
  // Set once RecordTipOutcome ran.
  std::optional<v1::TipOutcome> outcome;
  int64_t state_change_micros = 0;
  int64_t revision = 0;
  int64_t create_micros = 0;
  int64_t update_micros = 0;
  std::string update_subject;  // '' until police liaison changed the tip
};

inline std::string TipName(const std::string& id) { return "tips/" + id; }

}  // namespace jindu::casework
