#pragma once
// The pairings and volunteer_replica tables.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "jindu/casework/v1/assistance.pb.h"
#include "runtime/identity/civil_date.h"

namespace jindu::casework {

struct PairingRecord {
  std::string id;
  std::string case_id;
  std::string volunteer_id;
  runtime::CivilDate start_date;
  std::optional<runtime::CivilDate> end_date;
  v1::PairingState state = v1::PAIRING_STATE_ACTIVE;
  v1::PairingEndReason end_reason = v1::PAIRING_END_REASON_UNSPECIFIED;
  int64_t revision = 1;
  int64_t create_micros = 0;
  int64_t update_micros = 0;
  std::string create_subject;
  std::string update_subject;
};

struct PairingListFilter {
  std::string case_id;  // empty: every case inside region_condition
  std::string region_condition;
  std::string volunteer_id;  // empty: any
  int state = 0;
};

class PairingStore {
 public:
  explicit PairingStore(std::string schema) : schema_(std::move(schema)) {}

  void Insert(pqxx::work& tx, const PairingRecord& record, const std::string& region_code,
              const std::string& region_path) const;
  void Update(pqxx::work& tx, const PairingRecord& record) const;  // end date, state, reason
  std::optional<PairingRecord> Find(pqxx::transaction_base& tx, const std::string& case_id,
                                    const std::string& id, bool lock = false) const;
  std::vector<PairingRecord> ActiveOfCase(pqxx::transaction_base& tx,
                                          const std::string& case_id) const;
  // Case ids with an active pairing of the volunteer.
  std::vector<std::string> CasesPairedWith(pqxx::transaction_base& tx,
                                           const std::string& volunteer_id) const;
  bool ActivePairingExists(pqxx::transaction_base& tx, const std::string& case_id,
                           const std::string& volunteer_id) const;
  // Newest first, after (create_micros, id) when set.
  std::vector<PairingRecord> List(pqxx::transaction_base& tx, const PairingListFilter& filter,
                                  const std::optional<std::pair<int64_t, std::string>>& after,
                                  int limit) const;

  // The registration service's view of a volunteer, as far as this service learned it.
  struct Volunteer {
    int state = 0;  // jindu.registration.v1.VolunteerState
    std::string residence_region_code;
  };
  std::optional<Volunteer> FindVolunteer(pqxx::transaction_base& tx,
                                         const std::string& volunteer_id) const;

 private:
  std::string schema_;
};

inline std::string PairingName(const std::string& case_id, const std::string& id) {
  return "cases/" + case_id + "/pairings/" + id;
}

}  // namespace jindu::casework
