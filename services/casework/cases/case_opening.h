#pragma once
// What happens when a person arrives, by a measure decision (intake) or by hand (CreateCase):
// a new case, a new measure on the person's open case, or, when that case is in another county, a
// transfer request to that county. Shared so both paths follow the same rules. Every method runs
// in the caller's transaction, after LockPerson.
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "casework/cases/case_record.h"
#include "casework/cases/case_validation.h"
#include "casework/casework_context.h"
#include "casework/followup/case_gate.h"
#include "casework/storage/case_store.h"
#include "casework/storage/transfer_store.h"
#include "casework/storage/urine_test_store.h"
#include "casework/urine_tests/urine_test_schedule.h"
#include "jindu/casework/events/v1/case_events.pb.h"

namespace jindu::casework {

struct ArrivingPerson {
  v1::PersonalDetails person;  // checked and normalised
  std::string residence_region_code;
  v1::Measure measure;
  v1::AssistanceCategory assistance_category = v1::ASSISTANCE_CATEGORY_UNSPECIFIED;
  std::string assigned_worker_subject;
  std::string transferred_from_case_id;         // for a case opened by an accepted transfer
  std::string transferred_from_region_code;     // and the region it was in
  std::optional<runtime::CivilDate> open_date;  // default: the measure's start, or today
};

class CaseOpening {
 public:
  explicit CaseOpening(const CaseworkContext& context);

  // Serialises everything about one person until the transaction ends.
  void LockPerson(pqxx::work& tx, const std::string& national_id_hash) const;
  std::string LookupHash(const std::string& national_id_number) const;

  // Opens a new case; records its events. The person must have no open case.
  CaseRecord Open(pqxx::work& tx, const ArrivingPerson& arriving, const std::string& subject,
                  runtime::CivilDate today, events::v1::OpenedBy opened_by) const;

  // Puts `record` (loaded with lock) under a new measure: MeasureChanged, and CaseStatusChanged
  // when a relapsed person becomes active again.
  void ApplyMeasure(pqxx::work& tx, CaseRecord& record, const v1::Measure& measure,
                    const std::string& subject, runtime::CivilDate today) const;

  // A transfer request from the receiving side (`to_region_code`) for the open case `source` of
  // another county, holding the decision to apply once accepted. nullopt when the case already
  // has a pending transfer.
  std::optional<std::string> RequestTransfer(
      pqxx::work& tx, CaseRecord& source, const std::string& to_region_code,
      const std::string& subject, const std::optional<v1::MeasureDecision>& decision) const;

  bool SameCounty(const std::string& region_a, const std::string& region_b) const;

  const CaseStore& cases() const { return cases_; }
  // The urine-test schedule, kept in line by every change that can move it.
  const UrineTestSchedule& urine_test_schedule() const { return schedule_; }

 private:
  const CaseworkContext& context_;
  CaseStore cases_;
  TransferStore transfers_;
  CaseGate gate_;
  UrineTestStore urine_tests_;
  UrineTestSchedule schedule_;
};

}  // namespace jindu::casework
