#include "reporting/projections/casework_facts_projection.h"

#include <google/protobuf/util/time_util.h>

#include <chrono>
#include <optional>
#include <string>

#include "jindu/casework/events/v1/case_events.pb.h"
#include "jindu/casework/events/v1/tip_events.pb.h"
#include "reporting/freshness/freshness_store.h"
#include "runtime/inbox/idempotent_consumer.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::reporting {
namespace {

namespace ce = casework::events::v1;

template <typename Event>
std::optional<Event> Unpack(const events::v1::EventEnvelope& envelope) {
  if (!envelope.payload().Is<Event>()) return std::nullopt;
  Event event;
  if (!envelope.payload().UnpackTo(&event)) {
    throw runtime::PermanentEventError("payload does not parse");
  }
  return event;
}

// A date of the payload as ISO text for a $n::date parameter; a date-less fact takes the day the
// event occurred (Asia/Shanghai).
std::string DayOr(const google::type::Date& date, const events::v1::EventEnvelope& envelope) {
  if (date.year() != 0) return runtime::FormatIsoDate(runtime::FromProtoDate(date));
  const auto micros =
      google::protobuf::util::TimeUtil::TimestampToMicroseconds(envelope.occurred_at());
  return runtime::FormatIsoDate(runtime::CivilDateInShanghai(
      std::chrono::system_clock::time_point(std::chrono::microseconds(micros))));
}

std::optional<std::string> OptionalDay(bool has, const google::type::Date& date) {
  if (!has || date.year() == 0) return std::nullopt;
  return runtime::FormatIsoDate(runtime::FromProtoDate(date));
}

std::string IdAfter(const std::string& name, std::string_view prefix) {
  return name.starts_with(prefix) ? name.substr(prefix.size()) : name;
}

class CaseFacts {
 public:
  CaseFacts(const ReportingContext& context, pqxx::work& tx,
            const events::v1::EventEnvelope& envelope)
      : context_(context), tx_(tx), envelope_(envelope), schema_(context.schema()) {}

  void Apply() {
    if (auto event = Unpack<ce::CaseOpened>(envelope_)) return Opened(*event);
    if (auto event = Unpack<ce::MeasureChanged>(envelope_)) return Measure(*event);
    if (auto event = Unpack<ce::CaseStatusChanged>(envelope_)) return Status(*event);
    if (auto event = Unpack<ce::CasePaired>(envelope_)) return Paired(*event);
    if (auto event = Unpack<ce::CaseUnpaired>(envelope_)) return Unpaired(*event);
    if (auto event = Unpack<ce::ContactLogged>(envelope_)) return Contact(event->contact());
    if (auto event = Unpack<ce::ContactCorrected>(envelope_)) return Contact(event->contact());
    if (auto event = Unpack<ce::HelpGiven>(envelope_)) return Help(event->help());
    if (auto event = Unpack<ce::HelpUpdated>(envelope_)) return Help(event->help());
    if (auto event = Unpack<ce::UrineTestScheduled>(envelope_)) {
      return UrineTest(event->urine_test(), event->due_date(), 1, std::nullopt, false);
    }
    if (auto event = Unpack<ce::UrineTestCancelled>(envelope_)) {
      return UrineTest(event->urine_test(), event->due_date(), 2, std::nullopt, false);
    }
    if (auto event = Unpack<ce::UrineTestRecorded>(envelope_)) {
      return UrineTest(event->urine_test(), event->due_date(), 3,
                       OptionalDay(event->has_test_date(), event->test_date()),
                       event->done_on_schedule());
    }
    // CaseTransferred (the sending case's status change and the receiving case's opening say all
    // the figures need), MeasureReported, CaseCategoryChanged, CaseTeamChanged: nothing counted.
  }

 private:
  const std::string& case_id() const { return envelope_.aggregate_id(); }
  int64_t version() const { return envelope_.aggregate_version(); }
  std::string Path(const std::string& region_code) const {
    return context_.regions.EnclosingPath(region_code);
  }

  void Opened(const ce::CaseOpened& event) {
    const std::string& region = event.residence_region_code().empty()
                                    ? envelope_.region_code()
                                    : event.residence_region_code();
    const std::string open_date = DayOr(event.open_date(), envelope_);
    tx_.exec_params("INSERT INTO " + schema_ +
                        ".casework_case_facts (case_id, person_pseudonym, region_code, "
                        "region_path, open_date, opened_by, first_registration, "
                        "transferred_from_case_id) VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8) "
                        "ON CONFLICT (case_id) DO NOTHING",
                    case_id(), event.person_pseudonym(), region, Path(region), open_date,
                    static_cast<int>(event.opened_by()), event.first_registration(),
                    event.transferred_from_case().empty()
                        ? std::string()
                        : IdAfter(event.transferred_from_case(), "cases/"));
    InsertStatus(casework::v1::CASE_STATUS_ACTIVE, open_date);
    InsertMeasure(
        event.measure_type(),
        event.has_measure_start_date() ? DayOr(event.measure_start_date(), envelope_) : open_date,
        OptionalDay(event.has_measure_end_date(), event.measure_end_date()));
  }

  // A new measure counts from its start date (a decision may be dated back), or from the day of the
  // event for a measure without one.
  void Measure(const ce::MeasureChanged& event) {
    InsertMeasure(event.measure_type(), DayOr(event.measure_start_date(), envelope_),
                  OptionalDay(event.has_measure_end_date(), event.measure_end_date()));
  }

  void Status(const ce::CaseStatusChanged& event) {
    InsertStatus(event.status(), DayOr(event.effective_date(), envelope_));
  }

  void InsertStatus(casework::v1::CaseStatus status, const std::string& day) {
    tx_.exec_params("INSERT INTO " + schema_ +
                        ".casework_status_facts (case_id, aggregate_version, status, "
                        "effective_date) VALUES ($1, $2, $3, $4::date) ON CONFLICT DO NOTHING",
                    case_id(), version(), static_cast<int>(status), day);
  }

  void InsertMeasure(casework::v1::MeasureType type, const std::string& day,
                     const std::optional<std::string>& end_date) {
    tx_.exec_params("INSERT INTO " + schema_ +
                        ".casework_measure_facts (case_id, aggregate_version, measure_type, "
                        "effective_date, end_date) VALUES ($1, $2, $3, $4::date, $5::date) ON "
                        "CONFLICT DO NOTHING",
                    case_id(), version(), static_cast<int>(type), day, end_date);
  }

  void Paired(const ce::CasePaired& event) {
    const std::string& region = envelope_.region_code();
    tx_.exec_params("INSERT INTO " + schema_ +
                        ".casework_pairing_facts AS p (pairing, case_id, volunteer, region_code, "
                        "region_path, start_date, end_date, aggregate_version) VALUES ($1, $2, "
                        "$3, $4, $5, $6::date, NULL, $7) ON CONFLICT (pairing) DO UPDATE SET "
                        "volunteer = EXCLUDED.volunteer, start_date = EXCLUDED.start_date, "
                        "aggregate_version = EXCLUDED.aggregate_version WHERE "
                        "p.aggregate_version < EXCLUDED.aggregate_version",
                    event.pairing(), case_id(), event.volunteer(), region, Path(region),
                    DayOr(event.start_date(), envelope_), version());
  }

  void Unpaired(const ce::CaseUnpaired& event) {
    tx_.exec_params("UPDATE " + schema_ +
                        ".casework_pairing_facts SET end_date = $2::date, aggregate_version = $3 "
                        "WHERE pairing = $1 AND aggregate_version < $3",
                    event.pairing(), DayOr(event.end_date(), envelope_), version());
  }

  // Logged and corrected carry the whole facts: the newer version replaces the row.
  void Contact(const ce::ContactFacts& facts) {
    const std::string& region = envelope_.region_code();
    tx_.exec_params(
        "INSERT INTO " + schema_ +
            ".casework_contact_facts AS c (contact, case_id, region_code, region_path, kind, "
            "contact_date, reached, relief_minor_units, relief_items, aggregate_version) VALUES "
            "($1, $2, $3, $4, $5, $6::date, $7, $8, $9, $10) ON CONFLICT (contact) DO UPDATE SET "
            "region_code = EXCLUDED.region_code, region_path = EXCLUDED.region_path, kind = "
            "EXCLUDED.kind, contact_date = EXCLUDED.contact_date, reached = EXCLUDED.reached, "
            "relief_minor_units = EXCLUDED.relief_minor_units, relief_items = "
            "EXCLUDED.relief_items, aggregate_version = EXCLUDED.aggregate_version WHERE "
            "c.aggregate_version < EXCLUDED.aggregate_version",
        facts.contact(), case_id(), region, Path(region), static_cast<int>(facts.kind()),
        DayOr(facts.contact_date(), envelope_), facts.reached(), facts.relief_money().minor_units(),
        static_cast<int64_t>(facts.relief_items()), version());
  }

  void Help(const ce::HelpFacts& facts) {
    const std::string& region = envelope_.region_code();
    tx_.exec_params(
        "INSERT INTO " + schema_ +
            ".casework_help_facts AS h (help_record, case_id, region_code, region_path, kind, "
            "help_date, amount_minor_units, outcome, aggregate_version) VALUES ($1, $2, $3, $4, "
            "$5, $6::date, $7, $8, $9) ON CONFLICT (help_record) DO UPDATE SET region_code = "
            "EXCLUDED.region_code, region_path = EXCLUDED.region_path, kind = EXCLUDED.kind, "
            "help_date = EXCLUDED.help_date, amount_minor_units = EXCLUDED.amount_minor_units, "
            "outcome = EXCLUDED.outcome, aggregate_version = EXCLUDED.aggregate_version WHERE "
            "h.aggregate_version < EXCLUDED.aggregate_version",
        facts.help_record(), case_id(), region, Path(region), static_cast<int>(facts.kind()),
        DayOr(facts.help_date(), envelope_), facts.amount().minor_units(),
        static_cast<int>(facts.outcome()), version());
  }

  // state: 1 scheduled, 2 cancelled, 3 recorded. The newest event of the test decides.
  void UrineTest(const std::string& test, const google::type::Date& due_date, int state,
                 const std::optional<std::string>& test_date, bool done_on_schedule) {
    const std::string& region = envelope_.region_code();
    tx_.exec_params(
        "INSERT INTO " + schema_ +
            ".casework_urine_test_facts AS t (urine_test, case_id, region_code, region_path, "
            "due_date, state, test_date, done_on_schedule, aggregate_version) VALUES ($1, $2, $3, "
            "$4, $5::date, $6, $7::date, $8, $9) ON CONFLICT (urine_test) DO UPDATE SET "
            "region_code = EXCLUDED.region_code, region_path = EXCLUDED.region_path, due_date = "
            "EXCLUDED.due_date, state = EXCLUDED.state, test_date = EXCLUDED.test_date, "
            "done_on_schedule = EXCLUDED.done_on_schedule, aggregate_version = "
            "EXCLUDED.aggregate_version WHERE t.aggregate_version < EXCLUDED.aggregate_version",
        test, case_id(), region, Path(region), OptionalDay(due_date.year() != 0, due_date), state,
        test_date, done_on_schedule, version());
  }

  const ReportingContext& context_;
  pqxx::work& tx_;
  const events::v1::EventEnvelope& envelope_;
  const std::string& schema_;
};

class TipFacts {
 public:
  TipFacts(const ReportingContext& context, pqxx::work& tx,
           const events::v1::EventEnvelope& envelope)
      : context_(context), tx_(tx), envelope_(envelope), schema_(context.schema()) {}

  void Apply() {
    if (auto event = Unpack<ce::TipFiled>(envelope_)) return Filed(*event);
    if (auto event = Unpack<ce::TipStateChanged>(envelope_)) return State(*event);
    if (auto event = Unpack<ce::TipOutcomeRecorded>(envelope_)) return Outcome(*event);
  }

 private:
  void Filed(const ce::TipFiled& event) {
    const std::string& region =
        event.region_code().empty() ? envelope_.region_code() : event.region_code();
    tx_.exec_params(
        "INSERT INTO " + schema_ +
            ".casework_tip_facts (tip, kind, region_code, region_path, filed_date, "
            "plant_count, state, state_version) VALUES ($1, $2, $3, $4, $5::date, $6, "
            "$7, $8) ON CONFLICT (tip) DO NOTHING",
        event.tip(), static_cast<int>(event.kind()), region, context_.regions.EnclosingPath(region),
        DayOr(event.filed_date(), envelope_), static_cast<int64_t>(event.plant_count()),
        static_cast<int>(casework::v1::TIP_STATE_RECEIVED), envelope_.aggregate_version());
  }

  void State(const ce::TipStateChanged& event) {
    tx_.exec_params("UPDATE " + schema_ +
                        ".casework_tip_facts SET state = $2, state_version = $3 WHERE tip = $1 "
                        "AND state_version < $3",
                    event.tip(), static_cast<int>(event.state()), envelope_.aggregate_version());
  }

  // An outcome replaces the previous one whole; it counts on the day it was (last) recorded.
  void Outcome(const ce::TipOutcomeRecorded& event) {
    const casework::v1::TipOutcome& outcome = event.outcome();
    int64_t milligrams = 0;
    for (const auto& seizure : outcome.seizures()) milligrams += seizure.milligrams();
    tx_.exec_params("UPDATE " + schema_ +
                        ".casework_tip_facts SET outcome_recorded_date = $2::date, "
                        "suspects_identified = $3, users_identified = $4, cases_solved = $5, "
                        "prosecutions = $6, seized_milligrams = $7, plants_eradicated = $8, "
                        "outcome_version = $9 WHERE tip = $1 AND outcome_version < $9",
                    event.tip(), DayOr(event.recorded_date(), envelope_),
                    static_cast<int64_t>(outcome.suspects_identified()),
                    static_cast<int64_t>(outcome.users_identified()),
                    static_cast<int64_t>(outcome.cases_solved()),
                    static_cast<int64_t>(outcome.prosecutions()), milligrams,
                    static_cast<int64_t>(outcome.plants_eradicated()),
                    envelope_.aggregate_version());
  }

  const ReportingContext& context_;
  pqxx::work& tx_;
  const events::v1::EventEnvelope& envelope_;
  const std::string& schema_;
};

}  // namespace

std::vector<runtime::ProjectionDefinition> CaseworkFactsProjections(ReportingContext& context) {
  std::vector<runtime::ProjectionDefinition> projections;
  projections.push_back(
      {.name = "casework_cases",
       .topics = {kCaseworkCaseTopic},
       .handler = [&context](pqxx::work& tx, const events::v1::EventEnvelope& envelope) {
         CaseFacts(context, tx, envelope).Apply();
         RecordFreshness(tx, context.schema(), envelope);
       }});
  projections.push_back(
      {.name = "casework_tips",
       .topics = {kCaseworkTipTopic},
       .handler = [&context](pqxx::work& tx, const events::v1::EventEnvelope& envelope) {
         TipFacts(context, tx, envelope).Apply();
         RecordFreshness(tx, context.schema(), envelope);
       }});
  return projections;
}

}  // namespace jindu::reporting
