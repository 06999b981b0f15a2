#include "reporting/filings/filing_handlers.h"

#include <set>

#include "reporting/figures/region_figures.h"
#include "reporting/filings/figures_diff.h"
#include "reporting/filings/filing_events.h"
#include "reporting/filings/filing_period.h"
#include "reporting/filings/filing_presentation.h"
#include "reporting/filings/filing_roles.h"
#include "reporting/periods/report_period.h"
#include "runtime/access/caller_access.h"
#include "runtime/api/paging.h"
#include "runtime/api/request_checks.h"
#include "runtime/api/request_log.h"
#include "runtime/api/text_fields.h"

namespace jindu::reporting {
namespace {

constexpr char kFilingType[] = "jindu.reporting.v1.Filing";

using ReadSnapshot =
    pqxx::transaction<pqxx::isolation_level::repeatable_read, pqxx::readwrite_policy::read_only>;

// The filing a request names: INVALID_ARGUMENT for a malformed name; NOT_FOUND (exactly like a
// missing one) for a region that is unknown, not a county or outside the caller's scope.
grpc::Status ResolveFiling(const ReportingContext& context, const runtime::CallerAccess& caller,
                           const std::string& name, FilingKey* key) {
  if (name.empty()) {
    return runtime::InvalidFieldError("name", common::v1::FIELD_REQUIRED,
                                      "name the filing, e.g. regions/430102/filings/2024-07");
  }
  auto parsed = ParseFilingName(name);
  if (!parsed.has_value()) {
    return runtime::InvalidFieldError(
        "name", common::v1::FIELD_MALFORMED,
        "expected regions/{region_code}/filings/{YYYY-MM or YYYY-Qn}");
  }
  const auto region = context.regions.Find(parsed->region_code);
  if (!region.has_value() || !FilesPeriods(*region) || !caller.Covers(parsed->region_code)) {
    return runtime::NotFoundError(kFilingType, name);
  }
  *key = std::move(*parsed);
  return grpc::Status::OK;
}

}  // namespace

FilingHandlers::FilingHandlers(ReportingContext& context)
    : context_(context),
      filings_(context.schema()),
      outbox_(context.schema(), context.resources.settings.service_name) {}

int FilingHandlers::DeadlineDays() const {
  return static_cast<int>(context_.resources.all_settings.GetInt(kFilingDeadlineDaysSetting));
}

grpc::Status FilingHandlers::Get(const runtime::CallContext& call,
                                 const v1::GetFilingRequest& request, v1::Filing* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("GetFiling", kFilingReaders); !status.ok()) return status;
  FilingKey key;
  if (auto status = ResolveFiling(context_, caller, request.name(), &key); !status.ok()) {
    return status;
  }
  auto connection = context_.resources.database.Acquire();
  // One snapshot: the frozen figures and the current ones they are compared with.
  ReadSnapshot tx(*connection);
  const auto record = filings_.Find(tx, key.region_code, key.period.id);
  std::optional<FiguresDelta> late;
  if (record.has_value()) {
    late = DiffFigures(
        ComputeFiguresOf(tx, context_, key.region_code, key.period.period, key.period.dates),
        record->frozen_figures);
  }
  *response = PresentFiling({.region_code = key.region_code,
                             .period = key.period,
                             .deadline_days = DeadlineDays(),
                             .now = std::chrono::system_clock::now(),
                             .record = record.has_value() ? &*record : nullptr,
                             .late = late.has_value() ? &*late : nullptr});
  return grpc::Status::OK;
}

grpc::Status FilingHandlers::List(const runtime::CallContext& call,
                                  const v1::ListFilingsRequest& request,
                                  v1::ListFilingsResponse* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ListFilings", kFilingReaders); !status.ok()) return status;
  runtime::FieldViolations violations;
  const std::string& within = request.within_region_code();
  if (within.empty()) {
    violations.Add("within_region_code", common::v1::FIELD_REQUIRED,
                   "name the region, e.g. 430000 for the province");
  } else if (!context_.regions.Knows(within)) {
    violations.Add("within_region_code", common::v1::REFERENCE_NOT_FOUND,
                   "not a known region code");
  }
  std::optional<FilingPeriod> period;
  if (!request.has_period()) {
    violations.Add("period", common::v1::FIELD_REQUIRED, "set a calendar month or quarter");
  } else if (!request.period().has_month() && !request.period().has_quarter()) {
    violations.Add("period", common::v1::VALUE_NOT_ALLOWED,
                   "filings are by calendar month or quarter");
  } else if (ResolvePeriod(request.period(), "period", &violations).has_value()) {
    period = FilingPeriodOf(request.period());
  }
  std::set<int> states;
  for (int i = 0; i < request.states_size(); ++i) {
    const int state = request.states(i);
    if (state == v1::FILING_STATE_UNSPECIFIED || !v1::FilingState_IsValid(state)) {
      violations.Add("states[" + std::to_string(i) + "]", common::v1::VALUE_NOT_ALLOWED,
                     "unknown filing state");
    }
    states.insert(state);
  }
  runtime::PageRequest page;
  if (auto status = runtime::ReadPageRequest(request, &page); !status.ok()) return status;
  if (!violations.empty()) return violations.ToStatus();
  if (auto status = caller.RequireNamedRegion("within_region_code", within); !status.ok()) {
    return status;
  }

  auto connection = context_.resources.database.Acquire();
  pqxx::read_transaction tx(*connection);
  const std::map<std::string, FilingRecord> filed = filings_.FiledIn(tx, period->id);
  const int deadline_days = DeadlineDays();
  const auto now = std::chrono::system_clock::now();
  auto state_of = [&](const std::string& code) {
    auto it = filed.find(code);
    return FilingStateAt(*period, deadline_days, now,
                         it == filed.end() ? std::nullopt : std::optional(it->second.file_time));
  };
  // The counties of the region valid at some point of the period, in the caller's scope, by code
  // (the page token is the last code returned).
  bool more = false;
  const std::vector<runtime::RegionEntry> counties = context_.regions.List(
      page.cursor, static_cast<size_t>(page.page_size),
      [&](const runtime::RegionEntry& entry) {
        return FilesPeriods(entry) && ExistedDuring(entry, *period) &&
               context_.regions.Contains(within, entry.code) && caller.Covers(entry.code) &&
               (states.empty() || states.contains(state_of(entry.code)));
      },
      &more);
  for (const runtime::RegionEntry& county : counties) {
    auto it = filed.find(county.code);
    *response->add_filings() = PresentFiling({.region_code = county.code,
                                              .period = *period,
                                              .deadline_days = deadline_days,
                                              .now = now,
                                              .record = it == filed.end() ? nullptr : &it->second});
  }
  if (more && !counties.empty()) {
    response->set_next_page_token(runtime::NextPageToken(request, counties.back().code));
  }
  return grpc::Status::OK;
}

grpc::Status FilingHandlers::Submit(const runtime::CallContext& call,
                                    const v1::SubmitFilingRequest& request, v1::Filing* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("SubmitFiling", kFilers); !status.ok()) return status;
  FilingKey key;
  if (auto status = ResolveFiling(context_, caller, request.name(), &key); !status.ok()) {
    return status;
  }
  const auto now = std::chrono::system_clock::now();
  if (now < PeriodEnd(key.period)) {
    return runtime::FailedPreconditionError(common::v1::ILLEGAL_STATE_TRANSITION,
                                            "the period has not ended: it cannot be filed yet",
                                            request.name());
  }
  const int deadline_days = DeadlineDays();
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  runtime::RequestLog log(tx, context_.schema(), "SubmitFiling", request.request_id(), request,
                          caller.subject());
  if (!log.status().ok()) return log.status();
  if (!log.Earlier().has_value()) {
    // What the county's figures are now is what it files.
    const v1::RegionFigures figures =
        ComputeFiguresOf(tx, context_, key.region_code, key.period.period, key.period.dates);
    if (!filings_.InsertFirst(tx, key.region_code, key.period.id, figures, caller.subject())) {
      return runtime::FailedPreconditionError(common::v1::ILLEGAL_STATE_TRANSITION,
                                              "the period is already filed; reconcile late "
                                              "events with ReconcileFiling",
                                              request.name());
    }
    const auto record = filings_.Find(tx, key.region_code, key.period.id);
    AppendFilingSubmitted(outbox_, tx, key.period, *record,
                          record->file_time >= FilingDeadline(key.period, deadline_days));
    log.Record(request.name());
  }
  const auto record = filings_.Find(tx, key.region_code, key.period.id);
  const FiguresDelta late = DiffFigures(
      ComputeFiguresOf(tx, context_, key.region_code, key.period.period, key.period.dates),
      record->frozen_figures);
  tx.commit();
  *response = PresentFiling({.region_code = key.region_code,
                             .period = key.period,
                             .deadline_days = deadline_days,
                             .now = now,
                             .record = &*record,
                             .late = &late});
  return grpc::Status::OK;
}

grpc::Status FilingHandlers::Reconcile(const runtime::CallContext& call,
                                       const v1::ReconcileFilingRequest& request,
                                       v1::Filing* response) {
  runtime::CallerAccess caller(call.principal(), context_.regions);
  if (auto status = caller.RequireRole("ReconcileFiling", kFilers); !status.ok()) return status;
  runtime::FieldViolations violations;
  if (request.revision() <= 0) {
    violations.Add("revision", common::v1::FIELD_REQUIRED,
                   "the filing's current revision (1 or more)");
  }
  runtime::CheckTextLength("reason", request.reason(), 0, runtime::kMaxReasonCharacters,
                           &violations);
  FilingKey key;
  if (auto status = ResolveFiling(context_, caller, request.name(), &key); !status.ok()) {
    return status;
  }
  if (!violations.empty()) return violations.ToStatus();
  auto connection = context_.resources.database.Acquire();
  pqxx::work tx(*connection);
  auto record = filings_.Find(tx, key.region_code, key.period.id, /*for_update=*/true);
  if (!record.has_value()) {
    return runtime::FailedPreconditionError(common::v1::ILLEGAL_STATE_TRANSITION,
                                            "the period is not filed: file it with SubmitFiling",
                                            request.name());
  }
  if (record->revision != request.revision()) return runtime::EtagMismatchError(request.name());
  // frozen + late delta is exactly the figures now.
  const v1::RegionFigures current =
      ComputeFiguresOf(tx, context_, key.region_code, key.period.period, key.period.dates);
  const FiguresDelta late = DiffFigures(current, record->frozen_figures);
  filings_.Reconcile(tx, *record, current, caller.subject(), request.reason());
  AppendFilingReconciled(outbox_, tx, key.period, key.region_code, record->revision + 1,
                         late.changed_cells);
  record = filings_.Find(tx, key.region_code, key.period.id);
  const FiguresDelta none = DiffFigures(current, record->frozen_figures);
  tx.commit();
  *response = PresentFiling({.region_code = key.region_code,
                             .period = key.period,
                             .deadline_days = DeadlineDays(),
                             .now = std::chrono::system_clock::now(),
                             .record = &*record,
                             .late = &none});
  return grpc::Status::OK;
}

}  // namespace jindu::reporting
