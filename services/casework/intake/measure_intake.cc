#include "casework/intake/measure_intake.h"

#include "runtime/identity/civil_date.h"

namespace jindu::casework {
namespace {

v1::MeasureDecisionResult Result(v1::MeasureDecisionOutcome outcome) {
  v1::MeasureDecisionResult result;
  result.set_outcome(outcome);
  return result;
}

}  // namespace

google::rpc::Status ToRpcStatus(const grpc::Status& status) {
  google::rpc::Status rpc_status;
  if (!status.error_details().empty() && rpc_status.ParseFromString(status.error_details())) {
    return rpc_status;
  }
  rpc_status.set_code(status.error_code());
  rpc_status.set_message(status.error_message());
  return rpc_status;
}

MeasureIntake::MeasureIntake(const CaseworkContext& context)
    : context_(context), opening_(context), decisions_(context) {}

v1::MeasureDecisionResult MeasureIntake::Apply(const runtime::CallContext& call,
                                               const runtime::CallerAccess& caller,
                                               const v1::MeasureDecision& decision,
                                               int64_t index) const {
  (void)call;
  v1::MeasureDecisionResult result;
  runtime::FieldViolations violations;
  auto person =
      CheckMeasureDecision(decision, context_.regions, runtime::TodayInShanghai(), &violations);
  grpc::Status problem = violations.ToStatus();
  if (problem.ok()) {
    problem = caller.RequireNamedRegion("residence_region_code", decision.residence_region_code());
  }
  if (problem.ok()) {
    result = ApplyValid(caller, decision, *person);
  } else {
    result.set_outcome(v1::MEASURE_DECISION_OUTCOME_REJECTED);
    *result.mutable_error() = ToRpcStatus(problem);
  }
  result.set_index(index);
  return result;
}

v1::MeasureDecisionResult MeasureIntake::ApplyValid(const runtime::CallerAccess& caller,
                                                    const v1::MeasureDecision& input,
                                                    const CheckedPerson& person) const {
  v1::MeasureDecision decision = input;
  *decision.mutable_person() = person.details;  // normalised
  const runtime::CivilDate today = runtime::TodayInShanghai();
  const std::string hash = opening_.LookupHash(person.details.national_id_number());
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  opening_.LockPerson(tx, hash);
  const v1::Measure measure = MeasureOfDecision(decision);

  if (auto received = decisions_.Find(tx, decision.decision_number())) {
    v1::MeasureDecisionResult result;
    if (!received->case_transfer_id.empty()) {
      result.set_case_transfer(CaseTransferName(received->case_transfer_id));
    }
    auto record = opening_.cases().Find(tx, received->case_id, false, /*lock=*/true);
    if (record.has_value() && caller.Covers(record->residence_region_code)) {
      result.set_affected_case(CaseName(received->case_id));
    }
    if (received->content_digest == decisions_.ContentDigest(decision)) {
      result.set_outcome(v1::MEASURE_DECISION_OUTCOME_UNCHANGED);
      return result;
    }
    // A corrected decision: the case it opened or updated takes the corrected measure.
    if (!record.has_value() || !IsOpenStatus(record->status)) {
      result.set_outcome(v1::MEASURE_DECISION_OUTCOME_REJECTED);
      *result.mutable_error() = ToRpcStatus(runtime::FailedPreconditionError(
          common::v1::ILLEGAL_STATE_TRANSITION,
          "decision_number: this decision was received before and its case is not open (or "
          "waits on a transfer)"));
      return result;
    }
    opening_.ApplyMeasure(tx, *record, measure, caller.subject(), today);
    decisions_.Record(tx, decision, record->id, "", caller.subject());
    tx.commit();
    result.set_outcome(v1::MEASURE_DECISION_OUTCOME_UPDATED);
    return result;
  }

  auto open = opening_.cases().FindOpenByPerson(tx, hash, /*lock=*/true);
  if (!open.has_value()) {
    CaseRecord record = opening_.Open(tx,
                                      {.person = person.details,
                                       .residence_region_code = decision.residence_region_code(),
                                       .measure = measure},
                                      caller.subject(), today, events::v1::OPENED_BY_INTAKE);
    decisions_.Record(tx, decision, record.id, "", caller.subject());
    tx.commit();
    auto result = Result(v1::MEASURE_DECISION_OUTCOME_OPENED);
    result.set_affected_case(CaseName(record.id));
    return result;
  }
  if (opening_.SameCounty(open->residence_region_code, decision.residence_region_code())) {
    opening_.ApplyMeasure(tx, *open, measure, caller.subject(), today);
    decisions_.Record(tx, decision, open->id, "", caller.subject());
    tx.commit();
    auto result = Result(v1::MEASURE_DECISION_OUTCOME_UPDATED);
    if (caller.Covers(open->residence_region_code)) result.set_affected_case(CaseName(open->id));
    return result;
  }
  auto transfer = opening_.RequestTransfer(tx, *open, decision.residence_region_code(),
                                           caller.subject(), decision);
  if (!transfer.has_value()) {
    auto result = Result(v1::MEASURE_DECISION_OUTCOME_REJECTED);
    *result.mutable_error() = ToRpcStatus(runtime::FailedPreconditionError(
        common::v1::TRANSFER_PENDING,
        "the person has an open case in another county with a transfer already pending; send "
        "the decision again once it is decided"));
    return result;
  }
  decisions_.Record(tx, decision, "", *transfer, caller.subject());
  tx.commit();
  auto result = Result(v1::MEASURE_DECISION_OUTCOME_TRANSFER_REQUESTED);
  result.set_case_transfer(CaseTransferName(*transfer));
  return result;
}

}  // namespace jindu::casework
