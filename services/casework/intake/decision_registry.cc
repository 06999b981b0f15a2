#include "casework/intake/decision_registry.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "casework/storage/person_keys.h"

namespace jindu::casework {

bool DecisionRegistry::Known(pqxx::transaction_base& tx, const std::string& decision_number) const {
  return Find(tx, decision_number).has_value();
}

std::optional<ReceivedDecision> DecisionRegistry::Find(pqxx::transaction_base& tx,
                                                       const std::string& decision_number) const {
  const pqxx::result rows = tx.exec_params(
      "SELECT content_digest, coalesce(case_id, ''), coalesce(case_transfer_id, '') FROM " +
          context_.schema() + ".measure_decisions WHERE decision_number_hash = $1",
      DecisionNumberHash(context_.personal_data.lookup, decision_number));
  if (rows.empty()) return std::nullopt;
  return ReceivedDecision{.content_digest = rows[0][0].as<std::string>(),
                          .case_id = rows[0][1].as<std::string>(),
                          .case_transfer_id = rows[0][2].as<std::string>()};
}

void DecisionRegistry::Record(pqxx::work& tx, const v1::MeasureDecision& decision,
                              const std::string& case_id, const std::string& case_transfer_id,
                              const std::string& subject) const {
  auto optional = [](const std::string& value) -> std::optional<std::string> {
    if (value.empty()) return std::nullopt;
    return value;
  };
  tx.exec_params("INSERT INTO " + context_.schema() +
                     ".measure_decisions (decision_number_hash, content_digest, case_id, "
                     "case_transfer_id, receive_time, receive_subject) VALUES ($1, $2, $3, $4, "
                     "now(), $5) ON CONFLICT (decision_number_hash) DO UPDATE SET content_digest "
                     "= EXCLUDED.content_digest, case_id = coalesce(EXCLUDED.case_id, "
                     "measure_decisions.case_id), case_transfer_id = coalesce("
                     "EXCLUDED.case_transfer_id, measure_decisions.case_transfer_id)",
                 DecisionNumberHash(context_.personal_data.lookup, decision.decision_number()),
                 ContentDigest(decision), optional(case_id), optional(case_transfer_id), subject);
}

std::string DecisionRegistry::ContentDigest(const v1::MeasureDecision& decision) const {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream output(&stream);
    output.SetSerializationDeterministic(true);
    decision.SerializeToCodedStream(&output);
  }  // the stream writes its last bytes when destroyed
  return context_.personal_data.lookup.Digest("casework.decision_content", bytes);
}

v1::MeasureDecision DecisionOfCreate(const v1::CreateCaseRequest& request,
                                     const v1::PersonalDetails& person) {
  v1::MeasureDecision decision;
  const v1::Measure& measure = request.measure();
  decision.set_decision_number(measure.decision_number());
  decision.set_issuing_authority(measure.issuing_authority());
  decision.set_measure_type(measure.type());
  *decision.mutable_decision_date() = measure.decision_date();
  *decision.mutable_start_date() = measure.start_date();
  *decision.mutable_end_date() = measure.end_date();
  *decision.mutable_person() = person;
  decision.set_residence_region_code(request.case_().residence_region_code());
  return decision;
}

}  // namespace jindu::casework
