#pragma once
// The measure decisions received, by keyed hash of the decision number: what makes intake
// idempotent. A decision seen before with the same content is UNCHANGED; with other content it is
// a correction of that decision.
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "casework/casework_context.h"
#include "jindu/casework/v1/casework_service.pb.h"
#include "jindu/casework/v1/intake.pb.h"

namespace jindu::casework {

struct ReceivedDecision {
  std::string content_digest;
  std::string case_id;           // the case it opened or updated, if any
  std::string case_transfer_id;  // or the transfer it requested
};

class DecisionRegistry {
 public:
  explicit DecisionRegistry(const CaseworkContext& context) : context_(context) {}

  bool Known(pqxx::transaction_base& tx, const std::string& decision_number) const;
  std::optional<ReceivedDecision> Find(pqxx::transaction_base& tx,
                                       const std::string& decision_number) const;
  // Records (or, for a correction, replaces) the decision and what it did.
  void Record(pqxx::work& tx, const v1::MeasureDecision& decision, const std::string& case_id,
              const std::string& case_transfer_id, const std::string& subject) const;
  // Keyed digest of the decision's whole content (personal fields included, so never stored
  // in clear anywhere).
  std::string ContentDigest(const v1::MeasureDecision& decision) const;

 private:
  const CaseworkContext& context_;
};

// The decision a CreateCase with a measure stands for.
v1::MeasureDecision DecisionOfCreate(const v1::CreateCaseRequest& request,
                                     const v1::PersonalDetails& person);

}  // namespace jindu::casework
