#include "reporting/drug_free/drug_free_community_handlers.h"

#include <chrono>
#include <map>
#include <set>

#include "reporting/drug_free/drug_free_criteria.h"
#include "reporting/drug_free/drug_free_events.h"
#include "reporting/drug_free/drug_free_roles.h"
#include "reporting/figures/region_figures.h"
#include "reporting/indicators/indicator_catalogue.h"
#include "reporting/indicators/indicator_values.h"
#include "reporting/projections/denominator_projection.h"
#include "runtime/api/paging.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/request_log.h"
#include "runtime/api/text_fields.h"
#include "runtime/identity/civil_date.h"
#include "runtime/ids/resource_ids.h"
#include "runtime/postgres/row_conversions.h"

namespace jindu::reporting {
namespace {

constexpr char kApplicationType[] = "jindu.reporting.v1.DrugFreeCommunityApplication";
constexpr char kCollection[] = "drugFreeCommunityApplications/";
constexpr size_t kMaxNoteCharacters = 1000;
constexpr size_t kMaxDecisionCharacters = 500;
constexpr int kMaxInspectionResults = 20;

google::protobuf::Timestamp Now() {
  return runtime::TimestampFromMicros(std::chrono::duration_cast<std::chrono::microseconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count());
}

// Villages and communities apply, and townships (the proto's 9-digit codes).
bool MayApply(const runtime::RegionEntry& entry) {
  return entry.level == common::v1::REGION_LEVEL_VILLAGE ||
         entry.level == common::v1::REGION_LEVEL_TOWNSHIP;
}

// A change that produces an event: the next version, who and when.
void Touch(DrugFreeRecord& record, const std::string& subject) {
  ++record.version;
  common::v1::AuditMetadata* audit = record.application.mutable_audit();
  *audit->mutable_update_time() = Now();
  audit->set_update_subject(subject);
  audit->set_etag(std::to_string(record.version));
}

grpc::Status CheckEtag(const std::string& etag, const DrugFreeRecord& record) {
  if (!etag.empty() && etag != std::to_string(record.version)) {
    return runtime::EtagMismatchError(record.application.name());
  }
  return grpc::Status::OK;
}

grpc::Status IllegalTransition(const DrugFreeRecord& record, const std::string& what) {
  return runtime::FailedPreconditionError(
      common::v1::ILLEGAL_STATE_TRANSITION,
      "application is " + v1::DrugFreeApplicationState_Name(record.application.state()) + ": " +
          what,
      record.application.name());
}

}  // namespace

DrugFreeCommunityHandlers::DrugFreeCommunityHandlers(ReportingContext& context)
    : context_(context),
      store_(context.schema()),
      outbox_(context.schema(), context.resources.settings.service_name) {}

bool DrugFreeCommunityHandlers::Refresh(pqxx::work& tx, DrugFreeRecord& record) {
  v1::DrugFreeCommunityApplication& app = record.application;
  const int year = app.year();
  const runtime::CivilDateRange dates{.start = {year, 1, 1}, .end = {year + 1, 1, 1}};
  common::v1::Period period;
  period.set_year(year);
  const v1::RegionFigures figures =
      ComputeFiguresOf(tx, context_, app.region_code(), period, dates);
  const RegionDenominators denominators =
      DenominatorsOf(tx, context_.schema(), app.region_code(), year);
  std::map<v1::Indicator, v1::IndicatorValue> values;
  for (v1::Indicator indicator : DrugFreeIndicators()) {
    values[indicator] =
        IndicatorValueOf(DefinitionOn(indicator, dates.start), figures, denominators);
  }
  const std::vector<v1::InspectionResult> inspections(app.inspections().begin(),
                                                      app.inspections().end());
  const std::vector<v1::CriterionResult> results =
      EvaluateDrugFreeCriteria(app.settlement_type(), values, inspections);
  app.clear_criteria();
  for (const v1::CriterionResult& result : results) *app.add_criteria() = result;
  const bool met = AllMet(results);
  app.set_all_criteria_met(met);
  *app.mutable_evaluate_time() = Now();
  const bool flagged = app.state() == v1::DRUG_FREE_APPLICATION_STATE_CERTIFIED && !met;
  if (flagged != app.flagged()) {
    app.set_flagged(flagged);
    Touch(record, "reporting");
    AppendFlagChanged(outbox_, tx, record);
  }
  store_.Update(tx, record);
  return met;
}

grpc::Status DrugFreeCommunityHandlers::Load(pqxx::work& tx, const runtime::CallerAccess& caller,
                                             const std::string& name, DrugFreeRecord* record) {
  runtime::FieldViolations violations;
  const std::string id = runtime::CheckResourceName(violations, "name", name, kCollection, true);
  if (!violations.empty()) return violations.ToStatus();
  auto found = store_.Find(tx, id, /*for_update=*/true);
  if (!found.has_value() || !caller.Covers(found->application.region_code())) {
    return runtime::NotFoundError(kApplicationType, name);
  }
  *record = std::move(*found);
  return grpc::Status::OK;
}

grpc::Status DrugFreeCommunityHandlers::Create(
    const runtime::CallContext& call, const v1::CreateDrugFreeCommunityApplicationRequest& request,
    v1::DrugFreeCommunityApplication* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("CreateDrugFreeCommunityApplication", kDrugFreeWriters);
      !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const v1::DrugFreeCommunityApplication& in = request.application();
  if (!request.has_application()) {
    violations.Add("application", common::v1::FIELD_REQUIRED, "the application");
  }
  const std::string& region = in.region_code();
  if (region.empty()) {
    violations.Add("application.region_code", common::v1::FIELD_REQUIRED,
                   "the village or community applying");
  } else if (auto entry = context_.regions.Find(region); !entry.has_value()) {
    violations.Add("application.region_code", common::v1::REFERENCE_NOT_FOUND,
                   "not a known region code");
  } else if (!MayApply(*entry)) {
    violations.Add("application.region_code", common::v1::VALUE_NOT_ALLOWED,
                   "only a village, community or township applies");
  }
  if (in.year() < 2000 || in.year() > 9999) {
    violations.Add("application.year", common::v1::FIELD_OUT_OF_RANGE, "a year 2000..9999");
  }
  if (in.settlement_type() == v1::SETTLEMENT_TYPE_UNSPECIFIED ||
      !v1::SettlementType_IsValid(in.settlement_type())) {
    violations.Add("application.settlement_type", common::v1::FIELD_REQUIRED, "town or rural");
  }
  runtime::CheckResourceName(violations, "application.applicant_organization",
                             in.applicant_organization(), "organizations/", false);
  if (!violations.empty()) return violations.ToStatus();
  if (auto status = caller.RequireNamedRegion("application.region_code", region); !status.ok()) {
    return status;
  }

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  runtime::RequestLog log(tx, context_.schema(), "CreateDrugFreeCommunityApplication",
                          request.request_id(), request, caller.subject());
  if (!log.status().ok()) return log.status();
  DrugFreeRecord record;
  if (log.Earlier().has_value()) {
    // A retry: answer the application the first call created, as it is now.
    if (auto status = Load(tx, caller, *log.Earlier(), &record); !status.ok()) return status;
  } else {
    record.id = runtime::NewResourceId();
    record.version = 1;
    v1::DrugFreeCommunityApplication& app = record.application;
    app.set_name(kCollection + record.id);
    app.set_region_code(region);
    app.set_year(in.year());
    app.set_settlement_type(in.settlement_type());
    app.set_applicant_organization(in.applicant_organization());
    app.set_state(v1::DRUG_FREE_APPLICATION_STATE_SUBMITTED);
    common::v1::AuditMetadata* audit = app.mutable_audit();
    *audit->mutable_create_time() = Now();
    *audit->mutable_update_time() = audit->create_time();
    audit->set_create_subject(caller.subject());
    audit->set_update_subject(caller.subject());
    audit->set_etag("1");
    if (!store_.Insert(tx, record)) {
      return runtime::AlreadyExistsError(common::v1::RESOURCE_ALREADY_EXISTS,
                                         "the region already applied for this year");
    }
    AppendDrugFreeSubmitted(outbox_, tx, record);
    log.Record(app.name());
  }
  Refresh(tx, record);
  tx.commit();
  *response = record.application;
  return grpc::Status::OK;
}

grpc::Status DrugFreeCommunityHandlers::ReadEvaluated(const runtime::CallContext& call,
                                                      std::string_view method,
                                                      const std::string& name,
                                                      v1::DrugFreeCommunityApplication* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole(method, kDrugFreeReaders); !status.ok()) return status;
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  DrugFreeRecord record;
  if (auto status = Load(tx, caller, name, &record); !status.ok()) return status;
  Refresh(tx, record);
  tx.commit();
  *response = record.application;
  return grpc::Status::OK;
}

grpc::Status DrugFreeCommunityHandlers::Get(
    const runtime::CallContext& call, const v1::GetDrugFreeCommunityApplicationRequest& request,
    v1::DrugFreeCommunityApplication* response) {
  return ReadEvaluated(call, "GetDrugFreeCommunityApplication", request.name(), response);
}

grpc::Status DrugFreeCommunityHandlers::List(
    const runtime::CallContext& call, const v1::ListDrugFreeCommunityApplicationsRequest& request,
    v1::ListDrugFreeCommunityApplicationsResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ListDrugFreeCommunityApplications", kDrugFreeReaders);
      !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  const std::string& within = request.within_region_code();
  runtime::CheckRegionFilter(violations, context_.regions, "within_region_code", within);
  if (request.year() != 0 && (request.year() < 2000 || request.year() > 9999)) {
    violations.Add("year", common::v1::FIELD_OUT_OF_RANGE, "a year 2000..9999, or 0 for any");
  }
  std::set<int> states;
  for (int i = 0; i < request.states_size(); ++i) {
    const int state = request.states(i);
    if (state == v1::DRUG_FREE_APPLICATION_STATE_UNSPECIFIED ||
        !v1::DrugFreeApplicationState_IsValid(state)) {
      violations.Add("states[" + std::to_string(i) + "]", common::v1::VALUE_NOT_ALLOWED,
                     "unknown application state");
    }
    states.insert(state);
  }
  runtime::PageRequest page;
  if (auto status = runtime::ReadPageRequest(request, &page); !status.ok()) return status;
  if (!violations.empty()) return violations.ToStatus();
  if (!within.empty()) {
    if (auto status = caller.RequireNamedRegion("within_region_code", within); !status.ok()) {
      return status;
    }
  }

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  // By id; each candidate is re-evaluated before the flagged filter applies, so the flag is as
  // current as a Get's.
  std::string cursor = page.cursor;
  std::string last;
  bool more = false;
  constexpr int kBatch = 200;
  while (true) {
    std::vector<DrugFreeRecord> batch = store_.ListAfter(tx, cursor, request.year(), kBatch);
    for (DrugFreeRecord& record : batch) {
      cursor = record.id;
      const std::string& code = record.application.region_code();
      if (!caller.Covers(code) || (!within.empty() && !context_.regions.Contains(within, code))) {
        continue;
      }
      if (!states.empty() && !states.contains(record.application.state())) continue;
      Refresh(tx, record);
      if (request.flagged_only() && !record.application.flagged()) continue;
      if (response->applications_size() == page.page_size) {
        more = true;
        break;
      }
      *response->add_applications() = record.application;
      last = record.id;
    }
    if (more || static_cast<int>(batch.size()) < kBatch) break;
  }
  tx.commit();
  if (more) response->set_next_page_token(runtime::NextPageToken(request, last));
  return grpc::Status::OK;
}

grpc::Status DrugFreeCommunityHandlers::RecordInspections(
    const runtime::CallContext& call, const v1::RecordInspectionResultsRequest& request,
    v1::DrugFreeCommunityApplication* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("RecordInspectionResults", kDrugFreeWriters); !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  if (request.results_size() < 1 || request.results_size() > kMaxInspectionResults) {
    violations.Add(
        "results",
        request.results_size() < 1 ? common::v1::FIELD_REQUIRED : common::v1::FIELD_OUT_OF_RANGE,
        "1..20 inspection results");
  }
  const runtime::CivilDate today = runtime::TodayInShanghai();
  std::set<int> seen;
  for (int i = 0; i < request.results_size(); ++i) {
    const v1::InspectionResult& result = request.results(i);
    const std::string path = "results[" + std::to_string(i) + "]";
    if (!IsInspectionCriterion(result.criterion())) {
      violations.Add(path + ".criterion", common::v1::VALUE_NOT_ALLOWED,
                     "an inspection criterion (the others are computed from figures)");
    } else if (!seen.insert(result.criterion()).second) {
      violations.Add(path + ".criterion", common::v1::VALUE_NOT_ALLOWED,
                     "each criterion at most once");
    }
    if (!result.has_inspection_date()) {
      violations.Add(path + ".inspection_date", common::v1::FIELD_REQUIRED, "the day inspected");
    } else {
      const auto& date = result.inspection_date();
      if (!runtime::IsValidCivilDate(date.year(), date.month(), date.day())) {
        violations.Add(path + ".inspection_date", common::v1::FIELD_MALFORMED, "not a date");
      } else if (today < runtime::FromProtoDate(date)) {
        violations.Add(path + ".inspection_date", common::v1::DATE_IN_FUTURE, "not in the future");
      }
    }
    runtime::CheckTextLength(path + ".note", result.note(), 0, kMaxNoteCharacters, &violations);
  }
  if (!violations.empty()) return violations.ToStatus();

  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  DrugFreeRecord record;
  if (auto status = Load(tx, caller, request.name(), &record); !status.ok()) return status;
  if (auto status = CheckEtag(request.etag(), record); !status.ok()) return status;
  const auto state = record.application.state();
  if (state != v1::DRUG_FREE_APPLICATION_STATE_SUBMITTED &&
      state != v1::DRUG_FREE_APPLICATION_STATE_CERTIFIED) {
    return IllegalTransition(record, "inspections are recorded while submitted or certified");
  }
  // Latest per criterion: a new result replaces the earlier one.
  std::vector<v1::InspectionResult> recorded;
  google::protobuf::RepeatedPtrField<v1::InspectionResult> kept;
  for (const v1::InspectionResult& earlier : record.application.inspections()) {
    if (!seen.contains(earlier.criterion())) *kept.Add() = earlier;
  }
  for (v1::InspectionResult result : request.results()) {
    result.set_inspector_subject(caller.subject());
    recorded.push_back(result);
    *kept.Add() = result;
  }
  record.application.mutable_inspections()->Swap(&kept);
  Touch(record, caller.subject());
  AppendInspectionsRecorded(outbox_, tx, record, recorded);
  Refresh(tx, record);
  tx.commit();
  *response = record.application;
  return grpc::Status::OK;
}

grpc::Status DrugFreeCommunityHandlers::Evaluate(
    const runtime::CallContext& call,
    const v1::EvaluateDrugFreeCommunityApplicationRequest& request,
    v1::DrugFreeCommunityApplication* response) {
  return ReadEvaluated(call, "EvaluateDrugFreeCommunityApplication", request.name(), response);
}

grpc::Status DrugFreeCommunityHandlers::Approve(
    const runtime::CallContext& call, const v1::ApproveDrugFreeCommunityApplicationRequest& request,
    v1::DrugFreeCommunityApplication* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ApproveDrugFreeCommunityApplication", kDrugFreeWriters);
      !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  runtime::CheckTextLength("reason", request.reason(), 0, kMaxDecisionCharacters, &violations);
  if (!violations.empty()) return violations.ToStatus();
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  DrugFreeRecord record;
  if (auto status = Load(tx, caller, request.name(), &record); !status.ok()) return status;
  if (auto status = CheckEtag(request.etag(), record); !status.ok()) return status;
  if (record.application.state() != v1::DRUG_FREE_APPLICATION_STATE_SUBMITTED) {
    return IllegalTransition(record, "only a submitted application is approved");
  }
  // Decided on the figures as they are now, not on an earlier evaluation.
  if (!Refresh(tx, record)) {
    tx.commit();  // keep the fresh evaluation
    return runtime::FailedPreconditionError(common::v1::ILLEGAL_STATE_TRANSITION,
                                            "not every criterion is met (see criteria)",
                                            record.application.name());
  }
  v1::DrugFreeCommunityApplication& app = record.application;
  app.set_state(v1::DRUG_FREE_APPLICATION_STATE_CERTIFIED);
  app.set_flagged(false);
  v1::DrugFreeDecision* decision = app.mutable_decision();
  decision->set_certified(true);
  decision->set_subject(caller.subject());
  *decision->mutable_time() = Now();
  decision->set_reason(request.reason());
  Touch(record, caller.subject());
  AppendDrugFreeDecided(outbox_, tx, record);
  store_.Update(tx, record);
  tx.commit();
  *response = app;
  return grpc::Status::OK;
}

grpc::Status DrugFreeCommunityHandlers::Reject(
    const runtime::CallContext& call, const v1::RejectDrugFreeCommunityApplicationRequest& request,
    v1::DrugFreeCommunityApplication* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("RejectDrugFreeCommunityApplication", kDrugFreeWriters);
      !status.ok()) {
    return status;
  }
  runtime::FieldViolations violations;
  if (request.reason().empty()) {
    violations.Add("reason", common::v1::FIELD_REQUIRED, "why, 1..500 characters");
  } else {
    runtime::CheckTextLength("reason", request.reason(), 1, kMaxDecisionCharacters, &violations);
  }
  if (!violations.empty()) return violations.ToStatus();
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  DrugFreeRecord record;
  if (auto status = Load(tx, caller, request.name(), &record); !status.ok()) return status;
  if (auto status = CheckEtag(request.etag(), record); !status.ok()) return status;
  v1::DrugFreeCommunityApplication& app = record.application;
  if (app.state() == v1::DRUG_FREE_APPLICATION_STATE_SUBMITTED) {
    app.set_state(v1::DRUG_FREE_APPLICATION_STATE_REJECTED);
  } else if (app.state() == v1::DRUG_FREE_APPLICATION_STATE_CERTIFIED) {
    app.set_state(v1::DRUG_FREE_APPLICATION_STATE_REVOKED);
  } else {
    return IllegalTransition(record, "only a submitted or certified application is rejected");
  }
  app.set_flagged(false);
  v1::DrugFreeDecision* decision = app.mutable_decision();
  decision->set_certified(false);
  decision->set_subject(caller.subject());
  *decision->mutable_time() = Now();
  decision->set_reason(request.reason());
  Touch(record, caller.subject());
  AppendDrugFreeDecided(outbox_, tx, record);
  Refresh(tx, record);
  tx.commit();
  *response = app;
  return grpc::Status::OK;
}

}  // namespace jindu::reporting
